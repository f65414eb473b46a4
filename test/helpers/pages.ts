/** Build FetchedPage values and fetchers for use-case tests, without a network. */

import type { FetchedPage, PageFetcher } from '../../shared/ports.ts';

export function fetchedPage(url: string, html: string, contentType = 'text/html; charset=utf-8'): FetchedPage {
  return {
    requestedUrl: url,
    finalUrl: url,
    redirects: [],
    exchange: {
      url,
      method: 'GET',
      requestHeaders: [['user-agent', 'Verbatim-test']],
      status: 200,
      statusText: 'OK',
      httpVersion: 'HTTP/1.1',
      responseHeaders: [['content-type', contentType]],
    },
    body: new TextEncoder().encode(html),
    contentType,
    fetchedAt: '2024-03-05T10:00:00.000Z',
  };
}

/** A fetcher that serves fixed pages by URL, or throws the given error. */
export function stubFetcher(pages: Record<string, FetchedPage | Error>): PageFetcher & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    async fetch(url) {
      calls.push(url);
      const page = pages[url];
      if (!page) throw new Error(`no stub page for ${url}`);
      if (page instanceof Error) throw page;
      return page;
    },
  };
}
