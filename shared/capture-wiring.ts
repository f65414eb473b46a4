/** Composition of the capture side: the safe fetcher and the extractor, built from settings. */

import type { FetchSettings } from './config.ts';
import { createExtractionPool } from './extract/pool.ts';
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

export interface PoolSettings {
  /** Worker threads. */
  size: number;
  /** Wall-clock limit per page. */
  deadlineMs: number;
  /** The worker module, when it is not beside the pool module (the Lambda bundle). */
  workerUrl?: URL;
}

/**
 * The extractor. With pool settings (production: Lambda and local mode), pages are extracted in worker
 * threads with a deadline and a heap limit, and jsdom is loaded only there. Without, in this thread
 * (tests and tools that want no threads).
 */
export function buildExtractor(pool?: PoolSettings): Extractor & { close(): Promise<void> } {
  if (!pool) {
    return {
      extract: async (input) => (await import('./extract/extract.ts')).extractDocument(input),
      close: async () => {},
    };
  }
  const workers = createExtractionPool({
    size: pool.size,
    deadlineMs: pool.deadlineMs,
    ...(pool.workerUrl ? { workerUrl: pool.workerUrl } : {}),
  });
  return { extract: (input) => workers.extract(input), close: () => workers.close() };
}
