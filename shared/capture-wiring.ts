/** Composition of the capture side: the safe fetcher and the extractor, built from settings. */

import type { FetchSettings } from './config.ts';
import { extractDocument } from './extract/extract.ts';
import { createSafeFetcher, type SafeFetcher } from './fetch/safe-fetcher.ts';
import type { Extractor } from './ports.ts';

export const SOFTWARE = 'Verbatim/0.1';

export function buildFetcher(settings: FetchSettings): SafeFetcher {
  return createSafeFetcher({
    allowPrivate: settings.VERBATIM_ALLOW_PRIVATE_HOSTS,
    allowedPorts: settings.VERBATIM_ALLOWED_PORTS,
    maxBodyBytes: settings.VERBATIM_MAX_BODY_BYTES,
    totalTimeoutMs: settings.VERBATIM_FETCH_TIMEOUT_MS,
    headersTimeoutMs: settings.VERBATIM_HEADERS_TIMEOUT_MS,
    maxRedirects: settings.VERBATIM_MAX_REDIRECTS,
    robots: settings.VERBATIM_RESPECT_ROBOTS ? 'respect' : 'ignore',
    contactUrl: settings.VERBATIM_CONTACT_URL,
    ...(settings.VERBATIM_USER_AGENT ? { userAgent: settings.VERBATIM_USER_AGENT } : {}),
  });
}

export function buildExtractor(): Extractor & { close(): Promise<void> } {
  return {
    extract: async (input) => extractDocument(input),
    close: async () => {},
  };
}
