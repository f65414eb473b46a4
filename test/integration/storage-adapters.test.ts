import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoCatalog, InvalidCursorError } from '../../shared/catalog/dynamo-catalog.ts';
import type { CaptureRecord } from '../../shared/domain/capture.ts';
import { sha256Hex } from '../../shared/digest.ts';
import { NotFoundError } from '../../shared/errors.ts';
import { S3BlobStore } from '../../shared/store/s3-blob-store.ts';
import { startTestEmulators, type TestEmulators } from '../helpers/emulators.ts';

let emulators: TestEmulators;
let blobs: S3BlobStore;
let catalog: DynamoCatalog;

beforeAll(async () => {
  emulators = await startTestEmulators();
  blobs = new S3BlobStore(emulators.clients.s3, emulators.bucket);
  catalog = new DynamoCatalog(emulators.clients.dynamo, emulators.table);
});
afterAll(() => emulators.dispose());

function record(id: string, url: string, createdAt: string): CaptureRecord {
  return { id, url, status: 'queued', createdAt, updatedAt: createdAt };
}

describe('S3BlobStore on s3rver', () => {
  it('stores bytes under their SHA-256 and reads them back unchanged', async () => {
    const body = new TextEncoder().encode('<p>archived</p>');
    const result = await blobs.putImmutable('raw/sha256', body, 'text/html');
    expect(result).toMatchObject({ key: `raw/sha256/${sha256Hex(body)}`, sha256: sha256Hex(body), size: body.byteLength });
    expect(Buffer.from(await blobs.get(result.key)).equals(Buffer.from(body))).toBe(true);
  });

  it('treats a second write of the same bytes as success, with the same key', async () => {
    const body = new Uint8Array([0, 1, 2, 255]);
    const first = await blobs.putImmutable('raw/sha256', body, 'application/octet-stream', '.bin');
    const second = await blobs.putImmutable('raw/sha256', body, 'application/octet-stream', '.bin');
    expect(second.key).toBe(first.key);
    expect(first.key.endsWith('.bin')).toBe(true);
  });

  it('raises NotFoundError for a missing key', async () => {
    await expect(blobs.get('raw/sha256/0000')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('lists keys under a prefix', async () => {
    await blobs.putImmutable('listing/sha256', new TextEncoder().encode('one'), 'text/plain');
    await blobs.putImmutable('listing/sha256', new TextEncoder().encode('two'), 'text/plain');
    const keys: string[] = [];
    for await (const key of blobs.list('listing/')) keys.push(key);
    expect(keys).toHaveLength(2);
  });
});

describe('DynamoCatalog on dynalite', () => {
  it('creates a record once and refuses a second create of the same id', async () => {
    await catalog.create(record('c-create', 'https://a.example/x', '2024-01-01T00:00:00.000Z'));
    await expect(catalog.create(record('c-create', 'https://a.example/x', '2024-01-01T00:00:00.000Z'))).rejects.toThrow();
    expect((await catalog.get('c-create'))?.status).toBe('queued');
  });

  it('moves a status only from the states named, returning undefined otherwise', async () => {
    await catalog.create(record('c-move', 'https://a.example/y', '2024-01-01T00:00:00.000Z'));
    const fetching = await catalog.transition('c-move', ['queued'], 'fetching');
    expect(fetching?.status).toBe('fetching');
    expect(await catalog.transition('c-move', ['queued'], 'fetching')).toBeUndefined();
    const done = await catalog.transition('c-move', ['fetching'], 'done', { httpStatus: 200 });
    expect(done).toMatchObject({ status: 'done', httpStatus: 200 });
    expect(await catalog.transition('c-move', ['queued', 'fetching'], 'failed')).toBeUndefined();
    expect((await catalog.get('c-move'))?.status).toBe('done');
  });

  it('lets exactly one of many concurrent transitions win', async () => {
    await catalog.create(record('c-race', 'https://a.example/z', '2024-01-01T00:00:00.000Z'));
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => catalog.transition('c-race', ['queued'], 'done', { httpStatus: 200 + i })),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it('lists captures of a URL newest first, across URL spellings, with a working cursor', async () => {
    const url = 'https://news.example/story';
    for (const [i, spelling] of [url, 'HTTPS://NEWS.EXAMPLE:443/story', `${url}#top`].entries()) {
      await catalog.create(record(`c-list-${i}`, spelling, `2024-02-0${i + 1}T00:00:00.000Z`));
    }
    await catalog.create(record('c-other', 'https://news.example/other', '2024-02-09T00:00:00.000Z'));

    const all = await catalog.listByUrl(url);
    expect(all.items.map((r) => r.id)).toEqual(['c-list-2', 'c-list-1', 'c-list-0']);

    const first = await catalog.listByUrl(url, { limit: 2 });
    expect(first.items.map((r) => r.id)).toEqual(['c-list-2', 'c-list-1']);
    const rest = await catalog.listByUrl(url, { limit: 2, cursor: first.cursor! });
    expect(rest.items.map((r) => r.id)).toEqual(['c-list-0']);
  });

  it('rejects a cursor it did not issue', async () => {
    await expect(catalog.listByUrl('https://news.example/story', { cursor: 'garbage' })).rejects.toBeInstanceOf(InvalidCursorError);
  });

  it('finds unfinished captures for the local queue to resume', async () => {
    const unfinished = await catalog.listUnfinished();
    const ids = unfinished.map((r) => r.id);
    expect(ids).toContain('c-create');
    expect(ids).not.toContain('c-move');
  });
});

describe('DynamoCatalog: recent captures across months', () => {
  it('lists newest first across month partitions, paging with a cursor without repeats or gaps', async () => {
    const { startTestEmulators: start } = await import('../helpers/emulators.ts');
    const fresh = await start();
    try {
      const recent = new DynamoCatalog(fresh.clients.dynamo, fresh.table);
      const now = new Date();
      const ids: string[] = [];
      for (let i = 0; i < 7; i += 1) {
        // Two per month over the last few months, including a month boundary.
        const created = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - Math.floor(i / 2), 1, 12, 0, 59 - i)).toISOString();
        const id = `r-${i}`;
        ids.push(id);
        await recent.create(record(id, `https://recent.example/${i}`, created));
      }
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await recent.listRecent({ limit: 3, ...(cursor ? { cursor } : {}) });
        seen.push(...page.items.map((r) => r.id));
        cursor = page.cursor;
      } while (cursor);
      expect(seen).toEqual(ids);

      const scanned: string[] = [];
      for await (const r of recent.scanRecords()) scanned.push(r.id);
      expect(scanned.sort()).toEqual([...ids].sort());
    } finally {
      await fresh.dispose();
    }
  });
});
