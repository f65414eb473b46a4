/** In-memory test doubles of the ports, for unit tests of use cases and the API (no I/O). */

import type { CaptureJob, CaptureRecord, CaptureStatus, StoredQuote } from '../../shared/domain/capture.ts';
import { nameKey, siteKey, sortableDate } from '../../shared/catalog/table.ts';
import { canonicalUrl } from '../../shared/domain/url.ts';
import { sha256Hex } from '../../shared/digest.ts';
import { NotFoundError } from '../../shared/errors.ts';
import type { ApiKeyRecord } from '../../shared/auth/api-keys.ts';
import type { AccessStore, BlobStore, CaptureQueue, CaptureQuery, Catalog, IdempotencyClaim, Page, PageOptions, PutResult, QuotaVerdict } from '../../shared/ports.ts';

export class MemoryCatalog implements Catalog {
  readonly records = new Map<string, CaptureRecord>();

  async create(record: CaptureRecord): Promise<void> {
    if (this.records.has(record.id)) throw new Error(`record ${record.id} exists`);
    this.records.set(record.id, structuredClone(record));
  }
  async get(id: string): Promise<CaptureRecord | undefined> {
    const record = this.records.get(id);
    return record && structuredClone(record);
  }
  async transition(id: string, from: CaptureStatus[], to: CaptureStatus, patch: Partial<CaptureRecord> = {}) {
    const current = this.records.get(id);
    if (!current || !from.includes(current.status)) return undefined;
    const next = { ...current, ...patch, id, status: to, updatedAt: patch.updatedAt ?? new Date().toISOString() };
    this.records.set(id, next);
    return structuredClone(next);
  }
  async listByUrl(url: string): Promise<Page<CaptureRecord>> {
    const key = canonicalUrl(url);
    const items = [...this.records.values()]
      .filter((r) => canonicalUrl(r.url) === key)
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id));
    return { items: structuredClone(items) };
  }
  async listRecent(options: PageOptions = {}): Promise<Page<CaptureRecord>> {
    return this.searchCaptures({ by: 'captured' }, options);
  }
  /** A straightforward filter over all records: the reference the DynamoDB indexes must agree with. */
  async searchCaptures(query: CaptureQuery, options: PageOptions = {}): Promise<Page<CaptureRecord>> {
    const within = (value: string | undefined, range: { from?: string; to?: string }) =>
      value !== undefined && (!range.from || value >= range.from) && (!range.to || value <= `${range.to}\uffff`);
    const matches = (r: CaptureRecord): boolean => {
      switch (query.by) {
        case 'url': return canonicalUrl(r.url) === canonicalUrl(query.url);
        case 'site': return siteKey(r.url) === siteKey(query.site) && within(r.createdAt, query);
        case 'author': return r.status === 'done' && (r.metadata?.authors ?? []).some((a) => nameKey(a) === nameKey(query.author));
        case 'captured': return within(r.createdAt, query);
        case 'published': return r.status === 'done' && within(r.metadata?.publishedAt ? sortableDate(r.metadata.publishedAt) : undefined, query);
      }
    };
    const sortKey = (r: CaptureRecord) => query.by === 'published' ? `${sortableDate(r.metadata!.publishedAt!)}#${r.id}` : `${r.createdAt}#${r.id}`;
    const items = [...this.records.values()].filter(matches).sort((a, b) => sortKey(b).localeCompare(sortKey(a)));
    return { items: structuredClone(items.slice(0, options.limit ?? 50)) };
  }
  async *scanRecords(): AsyncIterable<CaptureRecord> {
    for (const record of this.records.values()) yield structuredClone(record);
  }
  readonly quotes = new Map<string, StoredQuote>();
  async putQuotes(quotes: StoredQuote[]): Promise<void> {
    for (const quote of quotes) this.quotes.set(`${quote.captureId}#${quote.index}`, structuredClone(quote));
  }
  async listQuotes(captureId: string): Promise<StoredQuote[]> {
    return [...this.quotes.values()].filter((q) => q.captureId === captureId).sort((a, b) => a.index - b.index);
  }
  async listQuotesBySpeaker(speaker: string): Promise<Page<StoredQuote>> {
    const key = nameKey(speaker);
    const items = [...this.quotes.values()]
      .filter((q) => q.speaker && nameKey(q.speaker) === key)
      .sort((a, b) => b.capturedAt.localeCompare(a.capturedAt) || b.index - a.index);
    return { items };
  }
}

export class MemoryBlobStore implements BlobStore {
  readonly objects = new Map<string, Uint8Array>();
  async putImmutable(prefix: string, body: Uint8Array, _contentType: string, suffix = ''): Promise<PutResult> {
    const sha256 = sha256Hex(body);
    const key = `${prefix}/${sha256}${suffix}`;
    const created = !this.objects.has(key);
    if (created) this.objects.set(key, new Uint8Array(body));
    return { key, sha256, size: body.byteLength, created };
  }
  async get(key: string): Promise<Uint8Array> {
    const body = this.objects.get(key);
    if (!body) throw new NotFoundError(`object ${key} not found`);
    return new Uint8Array(body);
  }
}

export class RecordingQueue implements CaptureQueue {
  readonly jobs: CaptureJob[] = [];
  failWith: Error | undefined;
  async enqueue(job: CaptureJob): Promise<void> {
    if (this.failWith) throw this.failWith;
    this.jobs.push(job);
  }
}

/** Keys, quotas and idempotency claims in memory; quota windows are fixed minutes and days, as in DynamoDB. */
export class MemoryAccessStore implements AccessStore {
  readonly keys = new Map<string, ApiKeyRecord>();
  readonly counters = new Map<string, number>();
  readonly claims = new Map<string, IdempotencyClaim>();
  async putKey(record: ApiKeyRecord) { this.keys.set(record.keyHash, structuredClone(record)); }
  async findKeyByHash(hash: string) { const k = this.keys.get(hash); return k && structuredClone(k); }
  async getKey(keyId: string) { return [...this.keys.values()].find((k) => k.keyId === keyId); }
  async listKeys() { return [...this.keys.values()]; }
  async revokeKey(keyId: string, at: Date) {
    const key = [...this.keys.values()].find((k) => k.keyId === keyId);
    if (!key) return false;
    key.revokedAt ??= at.toISOString();
    return true;
  }
  async consumeQuota(key: ApiKeyRecord, count: number, now: Date): Promise<QuotaVerdict> {
    const minute = `${key.keyId}#${now.toISOString().slice(0, 16)}`;
    const day = `${key.keyId}#${now.toISOString().slice(0, 10)}`;
    if ((this.counters.get(minute) ?? 0) + count > key.perMinute) return { allowed: false, limit: 'minute', retryAfterSeconds: 60 - now.getUTCSeconds() };
    if ((this.counters.get(day) ?? 0) + count > key.perDay) return { allowed: false, limit: 'day', retryAfterSeconds: 3600 };
    this.counters.set(minute, (this.counters.get(minute) ?? 0) + count);
    this.counters.set(day, (this.counters.get(day) ?? 0) + count);
    return { allowed: true };
  }
  async claimIdempotency(keyId: string, idem: string, bodyHash: string, captureId: string, _now?: Date): Promise<IdempotencyClaim> {
    const existing = this.claims.get(`${keyId}#${idem}`);
    if (existing) return { ...existing, claimed: false };
    const claim = { claimed: true, captureId, bodyHash };
    this.claims.set(`${keyId}#${idem}`, claim);
    return claim;
  }
}
