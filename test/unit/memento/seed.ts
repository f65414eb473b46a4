/** A small in-memory archive for the researcher-route tests: records and objects written directly. */

import { Hono } from 'hono';
import { createApp, type ApiDeps } from '../../../shared/api/app.ts';
import { registerMementoHeaders } from '../../../shared/api/researcher-routes.ts';
import type { CaptureMetadata, CaptureRecord, CaptureStatus, StoredQuote } from '../../../shared/domain/capture.ts';
import type { Clock } from '../../../shared/ports.ts';
import { newApiKey } from '../../../shared/auth/api-keys.ts';
import { MemoryAccessStore, MemoryBlobStore, MemoryCatalog, RecordingQueue } from '../../helpers/memory-adapters.ts';

export interface SeedCapture {
  url: string;
  fetchedAt: string;
  status?: CaptureStatus;
  text?: string;
  metadata?: Partial<CaptureMetadata>;
  quotes?: Array<Pick<StoredQuote, 'text' | 'speaker'> & Partial<StoredQuote>>;
  failure?: CaptureRecord['failure'];
}

export function seededArchive(options: { readOnly?: boolean; readRequiresKey?: boolean; archiveOrigin?: string } = {}) {
  const catalog = new MemoryCatalog();
  const blobs = new MemoryBlobStore();
  const queue = new RecordingQueue();
  const clock: Clock = { now: () => new Date('2026-11-27T10:00:00Z') };
  const access = new MemoryAccessStore();
  const key = newApiKey('researcher-tests');
  // The memory store keeps the key synchronously; nothing to await before the first request.
  void access.putKey(key.record);
  const apiKey = key.secret;
  const deps: ApiDeps = { catalog, blobs, clock, access, ...(options.readOnly ? {} : { queue }), ...(options.readRequiresKey ? { readRequiresKey: true } : {}), ...(options.archiveOrigin ? { archiveOrigin: options.archiveOrigin } : {}) };
  const app = createApp(deps);
  let counter = 0;

  async function add(seed: SeedCapture): Promise<CaptureRecord> {
    counter++;
    const id = `01JCAPTURE${String(counter).padStart(4, '0')}`;
    const status = seed.status ?? 'done';
    const record: CaptureRecord = { id, url: seed.url, status, createdAt: seed.fetchedAt, updatedAt: seed.fetchedAt };
    if (status === 'done') {
      const text = seed.text ?? `Text of ${seed.url} as of ${seed.fetchedAt}.`;
      const put = async (prefix: string, body: string, contentType: string) => {
        const result = await blobs.putImmutable(prefix, new TextEncoder().encode(body), contentType);
        return { key: result.key, sha256: result.sha256, size: result.size, contentType };
      };
      Object.assign(record, {
        fetchedAt: seed.fetchedAt,
        finalUrl: seed.url,
        httpStatus: 200,
        contentType: 'text/html',
        raw: await put('raw', `<html><body><p>${text}</p></body></html>`, 'text/html'),
        snapshot: await put('snapshot', `<!doctype html><article><p>${text}</p></article>`, 'text/html; charset=utf-8'),
        text: await put('text', text, 'text/plain; charset=utf-8'),
        metadata: {
          title: 'Harbour council approves tidal barrier',
          authors: ['Maria Okafor'],
          publishedAt: '2024-03-05T09:30:00+00:00',
          modifiedAt: null,
          siteName: 'The Coastline Courier',
          lang: 'en',
          canonicalUrl: null,
          description: null,
          excerpt: null,
          wordCount: text.split(/\s+/).length,
          kind: 'article',
          ...seed.metadata,
        },
        quoteCount: seed.quotes?.length ?? 0,
      } satisfies Partial<CaptureRecord>);
    }
    if (seed.failure) record.failure = seed.failure;
    await catalog.create(record);
    if (seed.quotes) {
      await catalog.putQuotes(
        seed.quotes.map((q, index) => ({
          captureId: id,
          index,
          mention: null,
          cue: 'said',
          kind: 'direct',
          group: index,
          start: 0,
          end: q.text.length,
          paragraph: 0,
          url: seed.url,
          title: record.metadata?.title ?? null,
          capturedAt: seed.fetchedAt,
          ...q,
        })),
      );
    }
    return record;
  }

  return { app, deps, catalog, blobs, queue, apiKey, add };
}

