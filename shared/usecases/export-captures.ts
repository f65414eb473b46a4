/** Export: captures with their metadata, digests and quotes, as JSON Lines, for a query or everything. */

import type { CaptureRecord, StoredQuote } from '../domain/capture.ts';
import type { CaptureQuery, Catalog } from '../ports.ts';

export interface ExportLine {
  capture: CaptureRecord;
  quotes: StoredQuote[];
}

/**
 * Yield every capture matching the query, newest first, with its quotes (done captures only have quotes).
 * Stops after `maxRecords` when given, reporting where to resume through `onCursor`.
 */
export async function* exportCaptures(
  catalog: Catalog,
  query: CaptureQuery,
  options: { maxRecords?: number; cursor?: string; onCursor?: (cursor: string | undefined) => void } = {},
): AsyncGenerator<ExportLine> {
  let cursor = options.cursor;
  let exported = 0;
  const max = options.maxRecords ?? Number.POSITIVE_INFINITY;
  do {
    const page = await catalog.searchCaptures(query, { limit: Math.min(100, max - exported), ...(cursor ? { cursor } : {}) });
    for (const capture of page.items) {
      const quotes = capture.status === 'done' && capture.quoteCount ? await catalog.listQuotes(capture.id) : [];
      yield { capture, quotes };
    }
    exported += page.items.length;
    cursor = page.cursor;
  } while (cursor && exported < max);
  options.onCursor?.(cursor);
}
