/**
 * The ports: small interfaces for every side effect a use case has. Adapters implement them (S3,
 * DynamoDB, SQS, the safe fetcher); the composition roots (functions/*, shared/local) wire them once.
 */

import type { CaptureJob, CaptureRecord, CaptureStatus, StoredQuote } from './domain/capture.ts';
import type { FailureCode } from './errors.ts';

// ---------------------------------------------------------------- fetch

/** One HTTP exchange exactly as it went over the wire (the last hop of a redirect chain). */
export interface HttpExchange {
  url: string;
  method: string;
  requestHeaders: Array<[string, string]>;
  status: number;
  statusText: string;
  httpVersion: string;
  responseHeaders: Array<[string, string]>;
  /** The IP address actually dialled for this hop, when known. */
  remoteAddress?: string;
}

export interface FetchedPage {
  requestedUrl: string;
  finalUrl: string;
  /** The redirect hops followed before the final response, in order. */
  redirects: Array<{ url: string; status: number; location: string }>;
  exchange: HttpExchange;
  /** The decoded (decompressed) payload. */
  body: Uint8Array;
  contentType: string | undefined;
  /** When the request was sent (ISO 8601). */
  fetchedAt: string;
  /** What the payload really is, whatever the server claimed; only HTML goes to extraction. */
  sniff?: { kind: string; isHtml: boolean; reason: string };
  /** Whether robots rules allowed archiving, and which rule decided. */
  archivePolicy?: { allowed: boolean; source: string; reason: string };
}

export interface PageFetcher {
  /** Fetch one URL, following redirects; throws a VerbatimError with a precise code on any failure. */
  fetch(url: string, options?: { signal?: AbortSignal }): Promise<FetchedPage>;
}

// ---------------------------------------------------------------- storage

export interface PutResult {
  key: string;
  sha256: string;
  size: number;
  /** False when an identical object already existed (create-only write, idempotent). */
  created: boolean;
}

/** Immutable, content-addressed blob storage. */
export interface BlobStore {
  /** Store bytes under `<prefix>/<sha256><suffix>`; never overwrites. */
  putImmutable(prefix: string, body: Uint8Array, contentType: string, suffix?: string): Promise<PutResult>;
  get(key: string): Promise<Uint8Array>;
  /** List keys under a prefix (audit tooling only, never on the request path). */
  list?(prefix: string): AsyncIterable<string>;
}

// ---------------------------------------------------------------- catalogue

export interface Page<T> {
  items: T[];
  cursor?: string;
}

/** What a capture listing selects; each is answered by one index, never a scan. */
export type CaptureQuery =
  | { by: 'url'; url: string }
  | { by: 'site'; site: string; from?: string; to?: string }
  | { by: 'author'; author: string }
  /** All captures by capture time, newest first, optionally within [from, to]. */
  | { by: 'captured'; from?: string; to?: string }
  /** Captures by the article's publication date, newest first, optionally within [from, to]. */
  | { by: 'published'; from?: string; to?: string };

export interface PageOptions {
  limit?: number;
  cursor?: string;
}

export interface Catalog {
  /** Create the queued record; fails if the id exists. */
  create(record: CaptureRecord): Promise<void>;
  get(id: string): Promise<CaptureRecord | undefined>;
  /**
   * Move a capture to a new status, only if it is currently in one of `from`. Returns the updated
   * record, or undefined when the condition failed (someone else moved it: at-least-once delivery).
   */
  transition(
    id: string,
    from: CaptureStatus[],
    to: CaptureStatus,
    patch?: Partial<CaptureRecord>,
  ): Promise<CaptureRecord | undefined>;
  /** Captures of one original URL, newest first. */
  listByUrl(url: string, options?: { limit?: number; cursor?: string }): Promise<Page<CaptureRecord>>;
  /** All captures, newest first, across URLs (home page, export). */
  listRecent(options?: PageOptions): Promise<Page<CaptureRecord>>;
  /** Captures matching a query, newest first, with a cursor stable under inserts. */
  searchCaptures(query: CaptureQuery, options?: PageOptions): Promise<Page<CaptureRecord>>;
  /** Every capture record, in no particular order (audit and export tooling; never on a request path). */
  scanRecords(): AsyncIterable<CaptureRecord>;
  /** Captures not yet terminal (used by the local queue to resume after a restart). */
  listUnfinished?(): Promise<CaptureRecord[]>;
  /** Store a capture's quotes (idempotent: a re-run writes the same items). Called before the record is done. */
  putQuotes(quotes: StoredQuote[]): Promise<void>;
  /** A capture's quotes in text order. */
  listQuotes(captureId: string): Promise<StoredQuote[]>;
  /** Quotes by one speaker across captures, newest capture first. */
  listQuotesBySpeaker(speaker: string, options?: { limit?: number; cursor?: string }): Promise<Page<StoredQuote>>;
}

// ---------------------------------------------------------------- access: keys, quotas, idempotency

import type { ApiKeyRecord } from './auth/api-keys.ts';

export type QuotaVerdict = { allowed: true } | { allowed: false; limit: 'minute' | 'day'; retryAfterSeconds: number };

export interface IdempotencyClaim {
  /** True when this request is the first with its key: go ahead and create `captureId`. */
  claimed: boolean;
  captureId: string;
  bodyHash: string;
}

export interface AccessStore {
  putKey(record: ApiKeyRecord): Promise<void>;
  findKeyByHash(keyHash: string): Promise<ApiKeyRecord | undefined>;
  getKey(keyId: string): Promise<ApiKeyRecord | undefined>;
  listKeys(): Promise<ApiKeyRecord[]>;
  /** Mark a key revoked; returns false for an unknown key id. */
  revokeKey(keyId: string, at: Date): Promise<boolean>;
  /** Count `count` submissions against the key's per-minute and per-day limits, atomically. */
  consumeQuota(key: ApiKeyRecord, count: number, now: Date): Promise<QuotaVerdict>;
  /** Claim an Idempotency-Key for a key; if already claimed, returns the first claim. */
  claimIdempotency(keyId: string, idempotencyKey: string, bodyHash: string, captureId: string, now: Date): Promise<IdempotencyClaim>;
}

// ---------------------------------------------------------------- queue, clock

export interface CaptureQueue {
  enqueue(job: CaptureJob): Promise<void>;
}

/** The capture queue's dead letters: jobs whose worker died on every attempt. */
export interface DeadLetterQueue {
  receive(max: number): Promise<Array<{ body: string; handle: string }>>;
  delete(handle: string): Promise<void>;
}

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export type { FailureCode };

// ---------------------------------------------------------------- extraction

import type { ExtractInput, ExtractedDocument } from './extract/types.ts';

export interface Extractor {
  extract(input: ExtractInput): Promise<ExtractedDocument>;
}
