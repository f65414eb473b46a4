/**
 * The capture function's per-page work and nothing else (extraction + quotes), as an entry for a
 * bench bundle built with the capture function's esbuild settings: "import + first article" without AWS.
 */

import { extractDocument } from '../../shared/extract/extract.ts';
import { extractQuotes } from '../../shared/quotes/extract-quotes.ts';

export function run(bytes: Uint8Array, url: string): { title: string | null; quotes: number } {
  const document = extractDocument({ bytes, url });
  return { title: document.title, quotes: extractQuotes(document.text).length };
}
