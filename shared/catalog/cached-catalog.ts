/**
 * The catalogue behind a short-lived, bounded in-process cache of terminal capture records, for the read
 * API. A done record never changes again; a failed one changes only when an operator re-drives it (then
 * a reader may see "failed" for up to the TTL). A queued or fetching record is never cached: the next
 * read must see its progress. Writes through this catalogue drop the cached copy.
 */

import { TERMINAL_STATUSES, type CaptureRecord, type CaptureStatus, type StoredQuote } from '../domain/capture.ts';
import type { CaptureQuery, Catalog, Page, PageOptions } from '../ports.ts';
import { LRUCache } from 'lru-cache';

export interface RecordCacheLimits {
  /** How long a terminal record is served from memory. */
  ttlMs: number;
  maxRecords: number;
}

export class CachedCatalog implements Catalog {
  private readonly records: LRUCache<string, CaptureRecord>;
  readonly listUnfinished?: () => Promise<CaptureRecord[]>;

  constructor(
    private readonly inner: Catalog,
    limits: RecordCacheLimits,
    now: () => number = Date.now,
  ) {
    // ttlResolution 0: an expired record is never served, however recently the clock was read.
    this.records = new LRUCache({ max: limits.maxRecords, ttl: limits.ttlMs, ttlResolution: 0, perf: { now } });
    if (inner.listUnfinished) this.listUnfinished = () => inner.listUnfinished!();
  }

  async get(id: string): Promise<CaptureRecord | undefined> {
    const hit = this.records.get(id);
    if (hit) return hit;
    const record = await this.inner.get(id);
    if (record && TERMINAL_STATUSES.has(record.status)) this.records.set(id, record);
    return record;
  }

  async transition(id: string, from: CaptureStatus[], to: CaptureStatus, patch?: Partial<CaptureRecord>): Promise<CaptureRecord | undefined> {
    this.records.delete(id);
    return this.inner.transition(id, from, to, patch);
  }

  create(record: CaptureRecord): Promise<void> {
    return this.inner.create(record);
  }

  listByUrl(url: string, options?: PageOptions): Promise<Page<CaptureRecord>> {
    return this.inner.listByUrl(url, options);
  }

  listRecent(options?: PageOptions): Promise<Page<CaptureRecord>> {
    return this.inner.listRecent(options);
  }

  searchCaptures(query: CaptureQuery, options?: PageOptions): Promise<Page<CaptureRecord>> {
    return this.inner.searchCaptures(query, options);
  }

  scanRecords(): AsyncIterable<CaptureRecord> {
    return this.inner.scanRecords();
  }

  putQuotes(quotes: StoredQuote[]): Promise<void> {
    return this.inner.putQuotes(quotes);
  }

  listQuotes(captureId: string): Promise<StoredQuote[]> {
    return this.inner.listQuotes(captureId);
  }

  listQuotesBySpeaker(speaker: string, options?: PageOptions): Promise<Page<StoredQuote>> {
    return this.inner.listQuotesBySpeaker(speaker, options);
  }
}
