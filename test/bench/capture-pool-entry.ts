/**
 * The capture function's per-page work as it is deployed: extraction in one worker thread started at
 * import (bundled beside this entry as worker.js, the only thread that loads jsdom), quotes on the main
 * thread. A bench bundle entry, like capture-path-entry.ts, with no AWS.
 */

import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createExtractionPool } from '../../shared/extract/pool.ts';
import { extractQuotes } from '../../shared/quotes/extract-quotes.ts';

// As functions/init/capture-extraction.ts does it, before anything else is loaded.
const extractor = createExtractionPool({ size: 1, deadlineMs: 60_000, workerUrl: pathToFileURL(join(__dirname, 'worker.js')) });
extractor.start();

export async function run(bytes: Uint8Array, url: string): Promise<{ title: string | null; quotes: number }> {
  const document = await extractor.extract({ bytes, url });
  return { title: document.title, quotes: extractQuotes(document.text).length };
}
