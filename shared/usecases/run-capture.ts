/**
 * The capture use case: fetch → store raw → extract → store snapshot and text → record last.
 * Safe under at-least-once delivery: objects are content-addressed and create-only, and every status
 * change is conditional, so a duplicate or concurrent run converges on the same single record.
 */

import type { CaptureJob, CaptureRecord, StoredObject, StoredQuote } from '../domain/capture.ts';
import { TERMINAL_STATUSES } from '../domain/capture.ts';
import { toFailure } from '../errors.ts';
import type { ExtractedDocument } from '../extract/types.ts';
import { getLogger } from '../logger.ts';
import { extractQuotes } from '../quotes/extract-quotes.ts';
import type { BlobStore, Catalog, Clock, Extractor, PageFetcher, PutResult } from '../ports.ts';
import { renderSnapshot } from './render-snapshot.ts';

export interface CaptureDeps {
  catalog: Catalog;
  blobs: BlobStore;
  fetcher: PageFetcher;
  extractor: Extractor;
  clock: Clock;
}

const log = getLogger('capture');

/** Run one capture job to a terminal state. Returns the final record (or undefined for an unknown id). */
export async function runCapture(deps: CaptureDeps, job: CaptureJob): Promise<CaptureRecord | undefined> {
  const existing = await deps.catalog.get(job.id);
  if (!existing) {
    log.warn('job for an unknown capture dropped', { captureId: job.id });
    return undefined;
  }
  if (TERMINAL_STATUSES.has(existing.status)) return existing;

  // Another worker may have claimed it (duplicate delivery). Both may proceed: the work is idempotent and
  // only the first terminal transition wins.
  await deps.catalog.transition(job.id, ['queued'], 'fetching', { updatedAt: deps.clock.now().toISOString() });

  try {
    const patch = await capture(deps, existing);
    return await finish(deps, job.id, 'done', patch);
  } catch (error) {
    const failure = toFailure(error);
    if (failure.code === 'internal') log.error('capture failed unexpectedly', { captureId: job.id, error });
    else log.info('capture failed', { captureId: job.id, failure });
    return await finish(deps, job.id, 'failed', { failure });
  }
}

async function capture(deps: CaptureDeps, record: CaptureRecord): Promise<Partial<CaptureRecord>> {
  const page = await deps.fetcher.fetch(record.url);
  const raw = await deps.blobs.putImmutable('raw/sha256', page.body, page.contentType ?? 'application/octet-stream');
  const fetched: Partial<CaptureRecord> = {
    finalUrl: page.finalUrl,
    httpStatus: page.exchange.status,
    fetchedAt: page.fetchedAt,
    raw: stored(raw, page.contentType ?? 'application/octet-stream'),
    ...(page.contentType ? { contentType: page.contentType } : {}),
  };

  const document = await deps.extractor.extract({ bytes: page.body, contentType: page.contentType, url: page.finalUrl });
  const snapshotType = 'text/html; charset=utf-8';
  const textType = 'text/plain; charset=utf-8';
  const encoder = new TextEncoder();
  const [snapshot, text] = await Promise.all([
    deps.blobs.putImmutable('snapshot/sha256', encoder.encode(renderSnapshot(document)), snapshotType, '.html'),
    deps.blobs.putImmutable('text/sha256', encoder.encode(document.text), textType, '.txt'),
  ]);
  // Quotes are written before the record turns done (the record is always written last).
  const quotes = quotesOf(record.id, document, page.fetchedAt);
  if (quotes.length) await deps.catalog.putQuotes(quotes);
  return {
    ...fetched,
    charset: document.charset,
    metadata: metadataOf(document),
    quoteCount: quotes.length,
    snapshot: stored(snapshot, snapshotType),
    text: stored(text, textType),
  };
}

async function finish(
  deps: CaptureDeps,
  id: string,
  status: 'done' | 'failed',
  patch: Partial<CaptureRecord>,
): Promise<CaptureRecord | undefined> {
  const updated = await deps.catalog.transition(id, ['queued', 'fetching'], status, {
    ...patch,
    updatedAt: deps.clock.now().toISOString(),
  });
  // Lost the race: another run already reached a terminal state; that record stands.
  return updated ?? (await deps.catalog.get(id));
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
