import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { createApp, READ_CACHE } from '../../../shared/api/app.ts';
import { buildExtractor } from '../../../shared/capture-wiring.ts';
import type { Clock } from '../../../shared/ports.ts';
import { runCapture } from '../../../shared/usecases/run-capture.ts';
import { newApiKey } from '../../../shared/auth/api-keys.ts';
import { MemoryAccessStore, MemoryBlobStore, MemoryCatalog, RecordingQueue } from '../../helpers/memory-adapters.ts';
import { fetchedPage, stubFetcher } from '../../helpers/pages.ts';

const ARTICLE = readFileSync(new URL('../../fixtures/site/article.html', import.meta.url), 'utf8');
const URL_A = 'https://courier.example/news/tidal-barrier';
const clock: Clock = { now: () => new Date() };

let catalog: MemoryCatalog;
let blobs: MemoryBlobStore;
let queue: RecordingQueue;
let access: MemoryAccessStore;
let app: ReturnType<typeof createApp>;
let apiKey: string;

beforeEach(async () => {
  catalog = new MemoryCatalog();
  blobs = new MemoryBlobStore();
  queue = new RecordingQueue();
  access = new MemoryAccessStore();
  const key = newApiKey('test');
  await access.putKey(key.record);
  apiKey = key.secret;
  app = createApp({ catalog, blobs, queue, clock, access });
});

function submit(body: unknown, raw = false) {
  return app.request('/v1/captures', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
    body: raw ? (body as string) : JSON.stringify(body),
  });
}

async function captureDone(): Promise<string> {
  const { id } = (await (await submit({ url: URL_A })).json()) as { id: string };
  const deps = { catalog, blobs, fetcher: stubFetcher({ [URL_A]: fetchedPage(URL_A, ARTICLE) }), extractor: buildExtractor(), clock };
  await runCapture(deps, { id, url: URL_A });
  return id;
}

describe('POST /v1/captures', () => {
  it('answers 202 with the queued capture and its links', async () => {
    const response = await submit({ url: URL_A });
    expect(response.status).toBe(202);
    const body = (await response.json()) as Record<string, any>;
    expect(body).toMatchObject({ url: URL_A, status: 'queued' });
    expect(body.links.self).toBe(`http://localhost/v1/captures/${body.id}`);
    expect(response.headers.get('location')).toBe(body.links.self);
    expect(queue.jobs).toEqual([{ id: body.id, url: URL_A }]);
  });

  it.each([
    [{ url: 'ftp://example.com/' }, 'bad-scheme'],
    [{ url: 'nonsense' }, 'bad-url'],
    [{}, 'bad-url'],
    [['https://example.com/'], 'bad-request'],
  ])('answers 400 with a clear message for %j', async (body, code) => {
    const response = await submit(body);
    expect(response.status).toBe(400);
    expect(((await response.json()) as any).error.code).toBe(code);
    expect(queue.jobs).toHaveLength(0);
  });

  it('answers 400 for a body that is not JSON', async () => {
    const response = await submit('url=https://example.com', true);
    expect(response.status).toBe(400);
    expect(((await response.json()) as any).error.message).toMatch(/JSON/);
  });
});

describe('GET /v1/captures/:id and its objects', () => {
  it('returns the record with metadata and digests', async () => {
    const id = await captureDone();
    const response = await app.request(`/v1/captures/${id}`);
    expect(response.status).toBe(200);
    const record = (await response.json()) as Record<string, any>;
    expect(record).toMatchObject({ id, url: URL_A, finalUrl: URL_A, status: 'done', httpStatus: 200 });
    expect(record.title).toContain('Harbour council approves tidal barrier');
    expect(record.sha256.raw).toMatch(/^[0-9a-f]{64}$/);
    expect(record.sha256.snapshot).toMatch(/^[0-9a-f]{64}$/);
    expect(record.wordCount).toBeGreaterThan(100);
    expect(record.flags).toMatchObject({ paywall: false, challenge: false, cookieWall: false });
  });

  it('serves the snapshot sandboxed and the raw bytes as an attachment', async () => {
    const id = await captureDone();
    const snapshot = await app.request(`/v1/captures/${id}/snapshot`);
    expect(snapshot.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(snapshot.headers.get('content-security-policy')).toMatch(/^sandbox;/);
    expect(snapshot.headers.get('content-security-policy')).not.toMatch(/allow-same-origin|allow-scripts/);
    expect(snapshot.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await snapshot.text()).toContain('tidal barrier');

    const raw = await app.request(`/v1/captures/${id}/raw`);
    expect(raw.headers.get('content-disposition')).toMatch(/^attachment/);
    expect(await raw.text()).toBe(ARTICLE);

    const text = await app.request(`/v1/captures/${id}/text`);
    expect(text.headers.get('content-type')).toBe('text/plain; charset=utf-8');
  });

  it('refuses to serve an object whose bytes no longer match the recorded digest', async () => {
    const id = await captureDone();
    const record = (await catalog.get(id))!;
    blobs.objects.set(record.snapshot!.key, new TextEncoder().encode('<p>tampered</p>'));
    const response = await app.request(`/v1/captures/${id}/snapshot`);
    expect(response.status).toBe(500);
    expect(((await response.json()) as any).error.code).toBe('integrity');
  });

  it('answers 404 in JSON for an unknown id, and for objects of an unfinished capture', async () => {
    const missing = await app.request('/v1/captures/01NOPE');
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as any).error.code).toBe('not-found');

    const { id } = (await (await submit({ url: URL_A })).json()) as { id: string };
    const pending = await app.request(`/v1/captures/${id}/snapshot`);
    expect(pending.status).toBe(404);
    expect(((await pending.json()) as any).error.message).toMatch(/queued/);
  });

  it('never leaks a stack trace on an internal error', async () => {
    catalog.get = async () => {
      throw new Error('connect ECONNREFUSED 10.0.0.12:8000 at secretFunction (/var/task/index.js:1:1)');
    };
    const response = await app.request('/v1/captures/abc');
    expect(response.status).toBe(500);
    const text = await response.text();
    expect(JSON.parse(text)).toEqual({ error: { code: 'internal', message: 'internal error' } });
  });
});

describe('read caches and conditional requests', () => {
  /** The app as Lambda and local mode build it, with reads counted under its caches. */
  function cachedApp() {
    const reads = { records: 0, objects: 0 };
    const countingCatalog = Object.assign(Object.create(catalog) as typeof catalog, {
      get: (id: string) => (reads.records++, catalog.get(id)),
    });
    const countingBlobs = { ...blobs, putImmutable: blobs.putImmutable.bind(blobs), get: (key: string) => (reads.objects++, blobs.get(key)) };
    return { reads, app: createApp({ catalog: countingCatalog, blobs: countingBlobs, queue, clock, access, cache: READ_CACHE }) };
  }

  it('answers 304 with no object read when If-None-Match holds the content digest', async () => {
    const id = await captureDone();
    const first = await app.request(`/v1/captures/${id}/snapshot`);
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^"[0-9a-f]{64}"$/);
    expect(first.headers.get('cache-control')).toContain('immutable');

    const { app: cached, reads } = cachedApp();
    const again = await cached.request(`/v1/captures/${id}/snapshot`, { headers: { 'if-none-match': `W/"other", ${etag}` } });
    expect(again.status).toBe(304);
    expect(again.headers.get('etag')).toBe(etag);
    expect(await again.text()).toBe('');
    expect(reads.objects).toBe(0);
    expect((await cached.request(`/v1/captures/${id}/snapshot`, { headers: { 'if-none-match': '"other"' } })).status).toBe(200);
  });

  it('serves a finished capture and its snapshot again without reading the catalogue or the store', async () => {
    const id = await captureDone();
    const { app: cached, reads } = cachedApp();
    for (let i = 0; i < 3; i++) {
      expect((await cached.request(`/v1/captures/${id}`)).status).toBe(200);
      const snapshot = await cached.request(`/v1/captures/${id}/snapshot`);
      expect(await snapshot.text()).toContain('tidal barrier');
    }
    expect(reads).toEqual({ records: 1, objects: 1 });
  });

  it('still refuses tampered bytes with the caches on, and keeps refusing them', async () => {
    const id = await captureDone();
    const record = (await catalog.get(id))!;
    blobs.objects.set(record.snapshot!.key, new TextEncoder().encode('<p>tampered</p>'));
    const { app: cached } = cachedApp();
    for (let i = 0; i < 2; i++) {
      const response = await cached.request(`/v1/captures/${id}/snapshot`);
      expect(response.status).toBe(500);
      expect(((await response.json()) as any).error.code).toBe('integrity');
    }
  });

  it('never caches an unfinished capture: the next read sees it done', async () => {
    const { id } = (await (await submit({ url: URL_A })).json()) as { id: string };
    const { app: cached } = cachedApp();
    expect(((await (await cached.request(`/v1/captures/${id}`)).json()) as any).status).toBe('queued');
    const deps = { catalog, blobs, fetcher: stubFetcher({ [URL_A]: fetchedPage(URL_A, ARTICLE) }), extractor: buildExtractor(), clock };
    await runCapture(deps, { id, url: URL_A });
    expect(((await (await cached.request(`/v1/captures/${id}`)).json()) as any).status).toBe('done');
  });
});

describe('GET /v1/captures?url=', () => {
  it('lists the captures of a URL, newest first', async () => {
    const first = ((await (await submit({ url: URL_A })).json()) as { id: string }).id;
    await new Promise((resolve) => setTimeout(resolve, 5));
    const second = ((await (await submit({ url: `${URL_A}#comments` })).json()) as { id: string }).id;
    await submit({ url: 'https://other.example/' });

    const response = await app.request(`/v1/captures?url=${encodeURIComponent(URL_A)}`);
    const body = (await response.json()) as { items: Array<{ id: string }> };
    expect(body.items.map((item) => item.id)).toEqual([second, first]);
  });

  it('lists the most recent captures when no selector is given', async () => {
    const first = ((await (await submit({ url: URL_A })).json()) as { id: string }).id;
    const body = (await (await app.request('/v1/captures')).json()) as any;
    expect(body.query).toEqual({ by: 'captured' });
    expect(body.items.map((item: any) => item.id)).toEqual([first]);
  });

  it.each([
    ['url=a&site=b', /at most one selector/],
    ['author=x&from=2024-01-01', /from\/to combine only/],
    ['from=yesterday', /"from" must be a date/],
    ['from=2024-02-01&to=2024-01-01', /after/],
  ])('explains a bad query: %s', async (query, message) => {
    const response = await app.request(`/v1/captures?${query}`);
    expect(response.status).toBe(400);
    expect(((await response.json()) as any).error.message).toMatch(message);
  });
});

describe('GET /health', () => {
  it('answers 200', async () => {
    expect((await app.request('/health')).status).toBe(200);
  });
});

describe('quotes routes', () => {
  it('serves a finished capture’s quotes, each with a permalink, and finds them by speaker', async () => {
    const id = await captureDone();
    catalog.quotes.clear(); // only the quote below, whatever the extractor found
    await catalog.putQuotes([
      { captureId: id, index: 0, text: 'We have waited long enough,', speaker: 'Ruth Penhale', mention: 'Ruth Penhale', cue: 'said', kind: 'direct', group: 0, start: 10, end: 37, paragraph: 2, url: URL_A, title: 'Harbour', capturedAt: '2024-03-05T10:00:00Z' },
    ]);

    const listed = (await (await app.request(`/v1/captures/${id}/quotes`)).json()) as any;
    expect(listed.items).toHaveLength(1);
    expect(listed.items[0]).toMatchObject({ text: 'We have waited long enough,', speaker: 'Ruth Penhale' });
    const permalink = await app.request(listed.items[0].links.self);
    expect(((await permalink.json()) as any).text).toBe('We have waited long enough,');

    const bySpeaker = (await (await app.request('/v1/quotes?speaker=ruth%20penhale')).json()) as any;
    expect(bySpeaker.items.map((q: any) => q.captureId)).toEqual([id]);
  });

  it('does not serve quotes of a capture that is not done', async () => {
    const { id } = (await (await submit({ url: URL_A })).json()) as { id: string };
    expect((await app.request(`/v1/captures/${id}/quotes`)).status).toBe(404);
  });

  it('requires a speaker', async () => {
    expect((await app.request('/v1/quotes')).status).toBe(400);
  });
});

describe('GET /v1/captures/:id/verify', () => {
  it('reports every object verified for an intact capture', async () => {
    const id = await captureDone();
    const response = await app.request(`/v1/captures/${id}/verify`);
    expect(response.status).toBe(200);
    const report = (await response.json()) as any;
    expect(report.ok).toBe(true);
    expect(report.objects.map((o: any) => o.name)).toEqual(expect.arrayContaining(['raw', 'snapshot', 'text']));
  });

  it('reports a flipped byte and a missing object loudly (409)', async () => {
    const id = await captureDone();
    const record = (await catalog.get(id))!;
    const raw = blobs.objects.get(record.raw!.key)!;
    raw[0] = raw[0]! ^ 1;
    blobs.objects.delete(record.text!.key);

    const response = await app.request(`/v1/captures/${id}/verify`);
    expect(response.status).toBe(409);
    const report = (await response.json()) as any;
    expect(report.ok).toBe(false);
    const byName = Object.fromEntries(report.objects.map((o: any) => [o.name, o]));
    expect(byName.raw).toMatchObject({ ok: false, expected: record.raw!.sha256 });
    expect(byName.raw.actual).not.toBe(record.raw!.sha256);
    expect(byName.text).toMatchObject({ ok: false, actual: null, error: 'object is missing' });
    expect(byName.snapshot.ok).toBe(true);
  });
});

describe('a separate origin for archived content', () => {
  const ARCHIVE = 'https://verbatim-content.example';

  it('links archived bytes to the content origin, redirects there, and serves nothing else on it', async () => {
    const split = createApp({ catalog, blobs, queue, clock, access, archiveOrigin: ARCHIVE });
    const id = await captureDone();
    const record = (await (await split.request(`/v1/captures/${id}`)).json()) as any;
    expect(record.links.snapshot).toBe(`${ARCHIVE}/v1/captures/${id}/snapshot`);
    expect(record.links.self).toBe(`http://localhost/v1/captures/${id}`);

    const redirected = await split.request(`/v1/captures/${id}/raw`);
    expect(redirected.status).toBe(302);
    expect(redirected.headers.get('location')).toBe(`${ARCHIVE}/v1/captures/${id}/raw`);

    const served = await split.request(`${ARCHIVE}/v1/captures/${id}/snapshot`);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-security-policy')).toMatch(/^sandbox/);
    expect((await split.request(`${ARCHIVE}/v1/captures/${id}`)).status).toBe(404);
  });
});

describe('catalogue reads per request', () => {
  it('reads a capture record once for an archived object, Memento headers included', async () => {
    const id = await captureDone();
    let reads = 0;
    const get = catalog.get.bind(catalog);
    catalog.get = async (captureId) => {
      reads += 1;
      return get(captureId);
    };
    const response = await app.request(`/v1/captures/${id}/snapshot`);
    expect(response.headers.get('memento-datetime')).toBeTruthy();
    expect(reads).toBe(1);
  });
});
