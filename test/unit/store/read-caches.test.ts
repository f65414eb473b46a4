import { describe, expect, it } from 'vitest';
import { CachedCatalog } from '../../../shared/catalog/cached-catalog.ts';
import type { CaptureRecord } from '../../../shared/domain/capture.ts';
import { sha256Hex } from '../../../shared/digest.ts';
import { VerifiedObjects } from '../../../shared/store/verified-objects.ts';
import { MemoryBlobStore, MemoryCatalog } from '../../helpers/memory-adapters.ts';

const bytes = (text: string) => new TextEncoder().encode(text);

/** Counts reads that reach the store under the cache. */
class CountingBlobs extends MemoryBlobStore {
  reads = 0;
  override async get(key: string): Promise<Uint8Array> {
    this.reads++;
    return super.get(key);
  }
}

class CountingCatalog extends MemoryCatalog {
  reads = 0;
  override async get(id: string): Promise<CaptureRecord | undefined> {
    this.reads++;
    return super.get(id);
  }
}

describe('VerifiedObjects (archived bytes by digest)', () => {
  async function stored(blobs: MemoryBlobStore, text: string) {
    const put = await blobs.putImmutable('snapshot', bytes(text), 'text/html');
    return { key: put.key, sha256: put.sha256, size: put.size, contentType: 'text/html' };
  }

  it('reads the store once, then serves the verified bytes from memory', async () => {
    const blobs = new CountingBlobs();
    const objects = new VerifiedObjects(blobs, { maxBytes: 1024, maxObjectBytes: 1024 });
    const object = await stored(blobs, '<p>one</p>');
    const first = await objects.read(object);
    const second = await objects.read(object);
    expect(first).toMatchObject({ ok: true, cached: false });
    expect(second).toMatchObject({ ok: true, cached: true });
    expect(second.ok && new TextDecoder().decode(second.bytes)).toBe('<p>one</p>');
    expect(blobs.reads).toBe(1);
  });

  it('refuses bytes that do not match their digest, every time, and never keeps them', async () => {
    const blobs = new CountingBlobs();
    const objects = new VerifiedObjects(blobs, { maxBytes: 1024, maxObjectBytes: 1024 });
    const object = await stored(blobs, '<p>original</p>');
    blobs.objects.set(object.key, bytes('<p>tampered</p>'));
    expect(await objects.read(object)).toEqual({ ok: false, actualSha256: sha256Hex(bytes('<p>tampered</p>')) });
    expect(await objects.read(object)).toMatchObject({ ok: false });
    expect(blobs.reads).toBe(2);
    expect(objects.cachedBytes).toBe(0);
  });

  it('evicts within its byte budget and does not keep objects over the per-object ceiling', async () => {
    const blobs = new CountingBlobs();
    const objects = new VerifiedObjects(blobs, { maxBytes: 25, maxObjectBytes: 12 });
    const a = await stored(blobs, 'aaaaaaaaaa'); // 10 bytes
    const b = await stored(blobs, 'bbbbbbbbbb');
    const c = await stored(blobs, 'cccccccccc');
    const big = await stored(blobs, 'dddddddddddddddddddd'); // 20 bytes: over the ceiling
    for (const object of [a, b, c, big]) await objects.read(object);
    expect(objects.cachedBytes).toBe(20);
    expect(await objects.read(a)).toMatchObject({ cached: false }); // evicted first
    expect(await objects.read(c)).toMatchObject({ cached: true });
    expect(await objects.read(big)).toMatchObject({ ok: true, cached: false });
  });

  it('caches nothing with a zero budget', async () => {
    const blobs = new CountingBlobs();
    const objects = new VerifiedObjects(blobs, { maxBytes: 0, maxObjectBytes: 0 });
    const object = await stored(blobs, 'x');
    await objects.read(object);
    await objects.read(object);
    expect(blobs.reads).toBe(2);
  });
});

describe('CachedCatalog (terminal records, short TTL)', () => {
  const record = (id: string, status: CaptureRecord['status']): CaptureRecord => ({
    id, url: `https://example.com/${id}`, status, createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z',
  });

  it('serves a done record from memory until its TTL passes', async () => {
    let now = 5000;
    const inner = new CountingCatalog();
    await inner.create(record('d', 'done'));
    const catalog = new CachedCatalog(inner, { ttlMs: 1000, maxRecords: 10 }, () => now);
    await catalog.get('d');
    now = 6000;
    await catalog.get('d');
    expect(inner.reads).toBe(1);
    now = 6001;
    await catalog.get('d');
    expect(inner.reads).toBe(2);
  });

  it('never caches a queued or fetching record: every read sees its progress', async () => {
    const inner = new CountingCatalog();
    await inner.create(record('q', 'queued'));
    const catalog = new CachedCatalog(inner, { ttlMs: 60_000, maxRecords: 10 });
    expect((await catalog.get('q'))?.status).toBe('queued');
    await inner.transition('q', ['queued'], 'fetching');
    expect((await catalog.get('q'))?.status).toBe('fetching');
    await inner.transition('q', ['fetching'], 'done');
    expect((await catalog.get('q'))?.status).toBe('done');
    expect(inner.reads).toBe(3);
  });

  it('drops its copy when a transition goes through it (a re-driven failed capture)', async () => {
    const inner = new CountingCatalog();
    await inner.create(record('f', 'failed'));
    const catalog = new CachedCatalog(inner, { ttlMs: 60_000, maxRecords: 10 });
    await catalog.get('f');
    await catalog.transition('f', ['failed'], 'queued');
    expect((await catalog.get('f'))?.status).toBe('queued');
  });

  it('keeps at most maxRecords records', async () => {
    const inner = new CountingCatalog();
    for (const id of ['a', 'b', 'c']) await inner.create(record(id, 'done'));
    const catalog = new CachedCatalog(inner, { ttlMs: 60_000, maxRecords: 2 });
    for (const id of ['a', 'b', 'c', 'a']) await catalog.get(id);
    expect(inner.reads).toBe(4);
  });
});
