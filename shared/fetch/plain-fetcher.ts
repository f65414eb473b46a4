/**
 * The walking-skeleton fetcher: http/https only, a size cap and a deadline, nothing more. It exists so
 * the pipeline runs end to end; the hardened fetcher replaces it behind the same PageFetcher port.
 */

import { FetchError, InvalidUrlError } from '../errors.ts';
import type { FetchedPage, PageFetcher } from '../ports.ts';

export interface PlainFetcherOptions {
  maxBodyBytes: number;
  timeoutMs: number;
  userAgent: string;
}

export function createPlainFetcher(options: PlainFetcherOptions): PageFetcher {
  return {
    async fetch(url, { signal } = {}) {
      const parsed = new URL(url);
      if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
        throw new InvalidUrlError(`scheme ${parsed.protocol} is not allowed`, 'bad-scheme');
      }
      const deadline = AbortSignal.timeout(options.timeoutMs);
      const combined = signal ? AbortSignal.any([signal, deadline]) : deadline;
      const requestHeaders: Array<[string, string]> = [['user-agent', options.userAgent], ['accept', 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.5']];
      try {
        const response = await fetch(url, { headers: requestHeaders, signal: combined, redirect: 'follow' });
        const body = await readCapped(response, options.maxBodyBytes, url);
        if (response.status >= 400) {
          throw new FetchError(response.status < 500 ? 'http-4xx' : 'http-5xx', `${url} answered HTTP ${response.status}`);
        }
        const page: FetchedPage = {
          requestedUrl: url,
          finalUrl: response.url || url,
          redirects: [],
          exchange: {
            url: response.url || url,
            method: 'GET',
            requestHeaders,
            status: response.status,
            statusText: response.statusText,
            httpVersion: 'HTTP/1.1',
            responseHeaders: [...response.headers],
          },
          body,
          contentType: response.headers.get('content-type') ?? undefined,
          fetchedAt: new Date().toISOString(),
        };
        return page;
      } catch (error) {
        if (error instanceof FetchError || error instanceof InvalidUrlError) throw error;
        if (deadline.aborted) throw new FetchError('timeout', `fetching ${url} took longer than ${options.timeoutMs} ms`);
        throw new FetchError('connect-failure', `could not fetch ${url}`, { cause: error });
      }
    },
  };
}

async function readCapped(response: Response, max: number, url: string): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of response.body ?? []) {
    total += chunk.byteLength;
    if (total > max) throw new FetchError('too-large', `${url} is larger than ${max} bytes`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}
