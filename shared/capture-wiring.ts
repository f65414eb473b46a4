/** Composition of the capture side: the fetcher and the extractor, built from settings. */

import type { FetchSettings } from './config.ts';
import { extractDocument } from './extract/extract.ts';
import { createPlainFetcher } from './fetch/plain-fetcher.ts';
import type { Extractor, PageFetcher } from './ports.ts';

export const DEFAULT_USER_AGENT = 'Verbatim/0.1 (news archive; +https://github.com/verbatim-archive/verbatim)';

export function buildFetcher(settings: FetchSettings): PageFetcher {
  return createPlainFetcher({
    maxBodyBytes: settings.VERBATIM_MAX_BODY_BYTES,
    timeoutMs: settings.VERBATIM_FETCH_TIMEOUT_MS,
    userAgent: settings.VERBATIM_USER_AGENT ?? DEFAULT_USER_AGENT,
  });
}

export function buildExtractor(): Extractor & { close(): Promise<void> } {
  return {
    extract: async (input) => extractDocument(input),
    close: async () => {},
  };
}
