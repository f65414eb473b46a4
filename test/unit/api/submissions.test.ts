import { beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../../shared/api/app.ts';
import { newApiKey } from '../../../shared/auth/api-keys.ts';
import { sha256Hex } from '../../../shared/digest.ts';
import type { Clock } from '../../../shared/ports.ts';
import { MemoryAccessStore, MemoryBlobStore, MemoryCatalog, RecordingQueue } from '../../helpers/memory-adapters.ts';

let now = new Date('2024-03-05T10:00:30.000Z');
const clock: Clock = { now: () => now };
let catalog: MemoryCatalog;
let queue: RecordingQueue;
let access: MemoryAccessStore;
let app: ReturnType<typeof createApp>;
let key: ReturnType<typeof newApiKey>;

beforeEach(async () => {
  now = new Date('2024-03-05T10:00:30.000Z');
  catalog = new MemoryCatalog();
  queue = new RecordingQueue();
  access = new MemoryAccessStore();
  key = newApiKey('archivist', { perMinute: 3, perDay: 5 });
  await access.putKey(key.record);
  app = createApp({ catalog, blobs: new MemoryBlobStore(), queue, clock, access });
});

function post(path: string, body: unknown, headers: Record<string, string> = {}) {
  return app.request(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key.secret}`, ...headers },
    body: JSON.stringify(body),
  });
}

describe('API keys', () => {
  it.each([
    ['missing', {}, /API key is required/],
    ['malformed', { authorization: 'Token abc' }, /API key is required/],
    ['wrong', { authorization: 'Bearer vbt_not-a-real-key' }, /not valid/],
  ])('refuses a %s key with 401 and a Bearer challenge', async (_name, headers, message) => {
    const response = await app.request('/v1/captures', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ url: 'https://news.example/a' }),
    });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(((await response.json()) as any).error.message).toMatch(message);
    expect(queue.jobs).toHaveLength(0);
  });

  it('refuses a revoked key', async () => {
    await access.revokeKey(key.record.keyId, now);
    const response = await post('/v1/captures', { url: 'https://news.example/a' });
    expect(response.status).toBe(401);
    expect(((await response.json()) as any).error.message).toMatch(/revoked/);
  });

  it('keeps reads public by default, and private when the deployment says so', async () => {
    expect((await app.request('/v1/captures')).status).toBe(200);
    const privateApp = createApp({ catalog, blobs: new MemoryBlobStore(), queue, clock, access, readRequiresKey: true });
    expect((await privateApp.request('/v1/captures')).status).toBe(401);
    expect((await privateApp.request('/v1/captures', { headers: { authorization: `Bearer ${key.secret}` } })).status).toBe(200);
    expect((await privateApp.request('/health')).status).toBe(200);
  });
});

describe('quotas', () => {
  it('answers 429 with Retry-After past the per-minute quota, and accepts again next minute', async () => {
    for (let i = 0; i < 3; i += 1) expect((await post('/v1/captures', { url: `https://news.example/${i}` })).status).toBe(202);
    const refused = await post('/v1/captures', { url: 'https://news.example/3' });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBe(30);
    expect(((await refused.json()) as any).error.code).toBe('quota-exceeded');

    now = new Date('2024-03-05T10:01:05.000Z');
    expect((await post('/v1/captures', { url: 'https://news.example/3' })).status).toBe(202);
  });

  it('enforces the per-day quota across minutes', async () => {
    for (let i = 0; i < 5; i += 1) {
      now = new Date(Date.parse('2024-03-05T10:00:00Z') + i * 61_000);
      expect((await post('/v1/captures', { url: `https://news.example/${i}` })).status).toBe(202);
    }
    now = new Date('2024-03-05T11:00:00Z');
    const refused = await post('/v1/captures', { url: 'https://news.example/6' });
    expect(refused.status).toBe(429);
    expect(((await refused.json()) as any).error.message).toMatch(/per day/);
  });
});

describe('Idempotency-Key', () => {
  it('returns the same capture for the same key and body, without queueing twice', async () => {
    const first = (await (await post('/v1/captures', { url: 'https://news.example/a' }, { 'idempotency-key': 'k-1' })).json()) as any;
    const again = await post('/v1/captures', { url: 'https://news.example/a' }, { 'idempotency-key': 'k-1' });
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(((await again.json()) as any).id).toBe(first.id);
    expect(queue.jobs).toHaveLength(1);
  });

  it('answers 409 when the key is reused with a different body', async () => {
    await post('/v1/captures', { url: 'https://news.example/a' }, { 'idempotency-key': 'k-2' });
    const conflict = await post('/v1/captures', { url: 'https://news.example/b' }, { 'idempotency-key': 'k-2' });
    expect(conflict.status).toBe(409);
    expect(queue.jobs).toHaveLength(1);
  });

  it('finishes the work of a first request that died between its claim and its record', async () => {
    // The claim the dead request left behind, for the same body the retry sends.
    await access.claimIdempotency(key.record.keyId, 'k-3', sha256Hex('{"url":"https://news.example/c"}'), '01CLAIMEDBUTNEVERCREATED', now);

    const response = await post('/v1/captures', { url: 'https://news.example/c' }, { 'idempotency-key': 'k-3' });

    expect(response.status).toBe(202);
    expect(((await response.json()) as any).id).toBe('01CLAIMEDBUTNEVERCREATED');
    expect(queue.jobs).toEqual([{ id: '01CLAIMEDBUTNEVERCREATED', url: 'https://news.example/c' }]);
  });
});

describe('ifNotCapturedWithin', () => {
  it('returns a recent capture of the URL instead of making a new one', async () => {
    const first = (await (await post('/v1/captures', { url: 'https://news.example/a' })).json()) as any;
    now = new Date(now.getTime() + 10 * 60_000);
    const reused = await post('/v1/captures', { url: 'https://news.example/a#x', ifNotCapturedWithin: 'PT1H' });
    expect(reused.status).toBe(200);
    expect(await reused.json()).toMatchObject({ id: first.id, reused: true });

    now = new Date(now.getTime() + 2 * 3_600_000);
    const fresh = await post('/v1/captures', { url: 'https://news.example/a', ifNotCapturedWithin: 'PT1H' });
    expect(fresh.status).toBe(202);
    expect(((await fresh.json()) as any).id).not.toBe(first.id);
  });

  it('rejects a duration that is not ISO 8601', async () => {
    const response = await post('/v1/captures', { url: 'https://news.example/a', ifNotCapturedWithin: '1 hour' });
    expect(response.status).toBe(400);
    expect(((await response.json()) as any).error.message).toMatch(/ISO 8601 duration/);
  });
});

describe('POST /v1/captures:batch', () => {
  it('answers per URL, accepting the good and explaining the bad', async () => {
    const response = await post('/v1/captures:batch', { urls: ['https://news.example/a', 'ftp://nope', 'https://news.example/b'] });
    expect(response.status).toBe(202);
    const body = (await response.json()) as any;
    expect(body).toMatchObject({ accepted: 2, rejected: 1 });
    expect(body.results.map((r: any) => r.ok)).toEqual([true, false, true]);
    expect(body.results[1].error.code).toBe('bad-scheme');
    expect(queue.jobs.map((j) => j.url)).toEqual(['https://news.example/a', 'https://news.example/b']);
  });

  it('refuses more than 100 URLs, and a batch beyond the quota as a whole', async () => {
    const tooMany = await post('/v1/captures:batch', { urls: Array.from({ length: 101 }, (_, i) => `https://n.example/${i}`) });
    expect(tooMany.status).toBe(400);
    const overQuota = await post('/v1/captures:batch', { urls: ['https://n.example/1', 'https://n.example/2', 'https://n.example/3', 'https://n.example/4'] });
    expect(overQuota.status).toBe(429);
    expect(queue.jobs).toHaveLength(0);
  });

  it('stores callback URLs per item', async () => {
    await post('/v1/captures:batch', { items: [{ url: 'https://news.example/a', callbackUrl: 'https://hooks.example/verbatim' }] });
    const [record] = catalog.records.values();
    expect(record).toMatchObject({ callbackUrl: 'https://hooks.example/verbatim', submittedBy: key.record.keyId });
  });
});
