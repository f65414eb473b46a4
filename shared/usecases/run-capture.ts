/**
 * The capture use case: fetch → store raw payload and WARC → extract → store snapshot and text → quotes →
 * record last. Safe under at-least-once delivery: objects are content-addressed and create-only, and every
 * status change is conditional, so a duplicate or concurrent run converges on the same single record.
 *
 * Transient failures (timeouts, resets, 5xx, 429, storage hiccups) are handed back to the queue as a
 * RetryLaterError while attempts remain; permanent ones (4xx, blocked, not HTML, robots) fail at once.
 */

import type { CaptureJob, CaptureRecord, StoredObject, StoredQuote } from '../domain/capture.ts';
import { TERMINAL_STATUSES } from '../domain/capture.ts';
import { toFailure, VerbatimError, type FailureCode } from '../errors.ts';
import type { ExtractedDocument } from '../extract/types.ts';
import { getLogger } from '../logger.ts';
import { metrics as processMetrics, type CaptureOutcome, type VerbatimMetrics } from '../metrics.ts';
import type { BlobStore, Catalog, Clock, Extractor, FetchedPage, PageFetcher, PutResult } from '../ports.ts';
import { extractQuotes } from '../quotes/extract-quotes.ts';
import { buildWarc, WARC_CONTENT_TYPE } from '../warc/write-warc.ts';
import type { Notifier } from '../webhooks/notifier.ts';
import { renderSnapshot } from './render-snapshot.ts';

export interface CaptureDeps {
  catalog: Catalog;
  blobs: BlobStore;
  fetcher: PageFetcher;
  extractor: Extractor;
  clock: Clock;
  /** Name/version written into each WARC's warcinfo record. */
  software?: string;
  /** Tells the submitter (webhook) when the capture is terminal. */
  notifier?: Notifier;
  /** Where outcomes and timings go (default: EMF on Lambda, silent elsewhere). */
  metrics?: VerbatimMetrics;
}

/** What one run measured, for the capture metrics. */
type Measures = Omit<CaptureOutcome, 'outcome' | 'failureCode'> & { bytesStored: number };

export interface AttemptInfo {
  /** 1 for the first delivery of the job. */
  attempt: number;
  /** After this many attempts a transient failure becomes terminal. */
  maxAttempts: number;
}

/** Thrown when a transient failure should be retried later; the record is back to `queued`. */
export class RetryLaterError extends Error {
  override readonly name = 'RetryLaterError';
  constructor(
    readonly captureId: string,
    readonly delayMs: number,
    readonly failure: { code: FailureCode; message: string },
  ) {
    super(`capture ${captureId} will be retried in ${Math.round(delayMs / 1000)} s: ${failure.message}`);
  }
}

const TRANSIENT_CODES: ReadonlySet<FailureCode> = new Set([
  'timeout', 'connect-failure', 'truncated', 'http-5xx', 'storage-failed', 'internal',
]);
const BASE_DELAY_MS = 5_000;
const MAX_DELAY_MS = 15 * 60_000;

const log = getLogger('capture');

/**
 * Run one capture job. Returns the final record (undefined for an unknown id); throws RetryLaterError
 * when a transient failure leaves attempts to spare.
 */
export async function runCapture(
  deps: CaptureDeps,
  job: CaptureJob,
  attempt: AttemptInfo = { attempt: 1, maxAttempts: 1 },
): Promise<CaptureRecord | undefined> {
  const existing = await deps.catalog.get(job.id);
  if (!existing) {
    log.warn('job for an unknown capture dropped', { captureId: job.id });
    return undefined;
  }
  if (TERMINAL_STATUSES.has(existing.status)) return existing;

  // Another worker may have claimed it (duplicate delivery). Both may proceed: the work is idempotent and
  // only the first terminal transition wins.
  await deps.catalog.transition(job.id, ['queued'], 'fetching', {
    updatedAt: deps.clock.now().toISOString(),
    attempts: attempt.attempt,
  });

  const progress: Partial<CaptureRecord> = {};
  const measures: Measures = { bytesStored: 0 };
  try {
    await capture(deps, existing, progress, measures);
    return await finish(deps, job.id, 'done', progress, measures);
  } catch (error) {
    const failure = toFailure(error);
    const delayMs = retryDelay(error, failure.code, attempt);
    if (delayMs !== undefined) {
      log.info('capture will be retried', { captureId: job.id, failure, attempt: attempt.attempt, delayMs });
      await deps.catalog.transition(job.id, ['fetching'], 'queued', {
        updatedAt: deps.clock.now().toISOString(),
        lastFailure: failure,
      });
      throw new RetryLaterError(job.id, delayMs, failure);
    }
    if (failure.code === 'internal') log.error('capture failed unexpectedly', { captureId: job.id, error });
    else log.info('capture failed', { captureId: job.id, failure });
    const attempts = attempt.attempt > 1 ? ` (after ${attempt.attempt} attempts)` : '';
    // What was stored before the failure (raw payload, WARC) stays on the record: it is evidence too.
    return await finish(deps, job.id, 'failed', { ...progress, failure: { ...failure, message: failure.message + attempts } }, measures);
  }
}

async function capture(
  deps: CaptureDeps,
  record: CaptureRecord,
  progress: Partial<CaptureRecord>,
  measures: Measures,
): Promise<void> {
  let page: FetchedPage;
  const fetchStarted = performance.now();
  try {
    page = await deps.fetcher.fetch(record.url);
  } catch (error) {
    const decision = (error as { decision?: CaptureRecord['archivePolicy'] }).decision;
    if (decision) progress.archivePolicy = { allowed: decision.allowed, source: decision.source, reason: decision.reason };
    throw error;
  } finally {
    measures.fetchMs = performance.now() - fetchStarted;
  }
  const payloadType = page.contentType ?? 'application/octet-stream';
  const [raw, warc] = await Promise.all([
    deps.blobs.putImmutable('raw/sha256', page.body, payloadType),
    buildWarc({ captureId: record.id, page, software: deps.software ?? 'Verbatim' }).then((bytes) =>
      deps.blobs.putImmutable('warc/sha256', bytes, WARC_CONTENT_TYPE, '.warc.gz'),
    ),
  ]);
  measures.bytesStored += newBytes(raw, warc);
  Object.assign(progress, {
    finalUrl: page.finalUrl,
    httpStatus: page.exchange.status,
    fetchedAt: page.fetchedAt,
    raw: stored(raw, payloadType),
    warc: stored(warc, WARC_CONTENT_TYPE),
    ...(page.contentType ? { contentType: page.contentType } : {}),
    ...(page.sniff ? { payloadKind: page.sniff.kind } : {}),
    ...(page.archivePolicy ? { archivePolicy: page.archivePolicy } : {}),
  } satisfies Partial<CaptureRecord>);

  if (page.sniff && !page.sniff.isHtml) {
    throw new VerbatimError('not-html', `${page.finalUrl} is not an HTML page (${page.sniff.reason}); the raw capture is kept`);
  }

  const extractStarted = performance.now();
  const document = await deps.extractor
    .extract({ bytes: page.body, contentType: page.contentType, url: page.finalUrl })
    .finally(() => (measures.extractMs = performance.now() - extractStarted));
  const snapshotType = 'text/html; charset=utf-8';
  const textType = 'text/plain; charset=utf-8';
  const encoder = new TextEncoder();
  const [snapshot, text] = await Promise.all([
    deps.blobs.putImmutable('snapshot/sha256', encoder.encode(renderSnapshot(document)), snapshotType, '.html'),
    deps.blobs.putImmutable('text/sha256', encoder.encode(document.text), textType, '.txt'),
  ]);
  measures.bytesStored += newBytes(snapshot, text);
  // Quotes are written before the record turns done (the record is always written last).
  const quotes = quotesOf(record.id, document, page.fetchedAt);
  if (quotes.length) await deps.catalog.putQuotes(quotes);
  Object.assign(progress, {
    charset: document.charset,
    metadata: metadataOf(document),
    flags: document.flags,
    snapshot: stored(snapshot, snapshotType),
    text: stored(text, textType),
    quoteCount: quotes.length,
  } satisfies Partial<CaptureRecord>);
}

/** The delay before a retry, or undefined when the failure is permanent or attempts are spent. */
function retryDelay(error: unknown, code: FailureCode, attempt: AttemptInfo): number | undefined {
  if (attempt.attempt >= attempt.maxAttempts) return undefined;
  const status = (error as { page?: FetchedPage }).page?.exchange.status;
  const throttled = status === 429;
  if (!TRANSIENT_CODES.has(code) && !throttled) return undefined;
  const retryAfter = retryAfterMs(error);
  // Exponential backoff with full jitter, unless the server told us when to come back.
  const backoff = Math.random() * Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** (attempt.attempt - 1));
  return Math.min(MAX_DELAY_MS, Math.max(retryAfter ?? 0, Math.round(backoff)));
}

function retryAfterMs(error: unknown): number | undefined {
  const headers = (error as { page?: FetchedPage }).page?.exchange.responseHeaders ?? [];
  const value = headers.find(([name]) => name.toLowerCase() === 'retry-after')?.[1]?.trim();
  if (!value) return undefined;
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

async function finish(
  deps: CaptureDeps,
  id: string,
  status: 'done' | 'failed',
  patch: Partial<CaptureRecord>,
  measures: Measures,
): Promise<CaptureRecord | undefined> {
  const updated = await deps.catalog.transition(id, ['queued', 'fetching'], status, {
    ...patch,
    updatedAt: deps.clock.now().toISOString(),
  });
  // Lost the race: another run already reached a terminal state; that record stands (and notified).
  if (!updated) return deps.catalog.get(id);
  // Counted once, by the run whose terminal transition won (duplicate deliveries are not outcomes).
  (deps.metrics ?? processMetrics).captureFinished({
    outcome: status,
    ...measures,
    ...(patch.failure ? { failureCode: patch.failure.code } : {}),
  });
  await deps.notifier?.captureFinished(updated);
  return updated;
}

function quotesOf(captureId: string, document: ExtractedDocument, capturedAt: string): StoredQuote[] {
  return extractQuotes(document.text).map((quote, index) => ({
    captureId,
    index,
    text: quote.text,
    speaker: quote.speaker,
    mention: quote.mention,
    cue: quote.cue,
    kind: quote.kind,
    group: quote.group,
    start: quote.start,
    end: quote.end,
    paragraph: quote.paragraph,
    url: document.url,
    title: document.title,
    capturedAt,
  }));
}

/** Bytes this run actually added to the archive (an object that already existed costs nothing new). */
function newBytes(...results: PutResult[]): number {
  return results.reduce((sum, result) => sum + (result.created ? result.size : 0), 0);
}

function stored(result: PutResult, contentType: string): StoredObject {
  return { key: result.key, sha256: result.sha256, size: result.size, contentType };
}

function metadataOf(document: ExtractedDocument): CaptureRecord['metadata'] {
  return {
    title: document.title,
    authors: document.authors,
    publishedAt: document.publishedAt,
    modifiedAt: document.modifiedAt,
    siteName: document.siteName,
    lang: document.lang,
    canonicalUrl: document.canonicalUrl,
    description: document.description,
    excerpt: document.excerpt,
    wordCount: document.wordCount,
    kind: document.kind,
  };
}
