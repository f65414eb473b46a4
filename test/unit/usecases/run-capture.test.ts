import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildExtractor } from '../../../shared/capture-wiring.ts';
import { FetchError } from '../../../shared/errors.ts';
import { sha256Hex } from '../../../shared/digest.ts';
import type { Clock } from '../../../shared/ports.ts';
import { RetryLaterError, runCapture, type CaptureDeps } from '../../../shared/usecases/run-capture.ts';
import { submitCapture } from '../../../shared/usecases/submit-capture.ts';
import { MemoryBlobStore, MemoryCatalog, RecordingQueue } from '../../helpers/memory-adapters.ts';
import { fetchedPage, stubFetcher } from '../../helpers/pages.ts';

const ARTICLE = readFileSync(new URL('../../fixtures/site/article.html', import.meta.url), 'utf8');
const URL_A = 'https://courier.example/news/tidal-barrier';
const clock: Clock = { now: () => new Date('2024-03-05T10:00:00.000Z') };

function setup(pages: Parameters<typeof stubFetcher>[0]) {
  const catalog = new MemoryCatalog();
  const blobs = new MemoryBlobStore();
  const fetcher = stubFetcher(pages);
  const deps: CaptureDeps = { catalog, blobs, fetcher, extractor: buildExtractor(), clock };
  const queue = new RecordingQueue();
  return { catalog, blobs, fetcher, deps, queue };
}

describe('runCapture', () => {
  it('stores raw, snapshot and text, then marks the capture done with its metadata', async () => {
    const { deps, queue, blobs } = setup({ [URL_A]: fetchedPage(URL_A, ARTICLE) });
    const { record: queued } = await submitCapture({ ...deps, queue }, { url: URL_A });

    const record = await runCapture(deps, { id: queued.id, url: queued.url });

    expect(record?.status).toBe('done');
    expect(record?.metadata?.title).toContain('Harbour council approves tidal barrier');
    expect(record?.httpStatus).toBe(200);
    expect(record?.raw?.sha256).toBe(sha256Hex(new TextEncoder().encode(ARTICLE)));
    for (const object of [record!.raw!, record!.snapshot!, record!.text!]) {
      expect(sha256Hex(await blobs.get(object.key))).toBe(object.sha256);
    }
    const text = new TextDecoder().decode(await blobs.get(record!.text!.key));
    expect(text).toContain('The harbour council voted on Tuesday night');
    expect(text).not.toContain('Related stories');
  });

  it('marks the capture failed with the fetch error code and message', async () => {
    const { deps, queue } = setup({ [URL_A]: new FetchError('http-4xx', `${URL_A} answered HTTP 404`) });
    const { record: queued } = await submitCapture({ ...deps, queue }, { url: URL_A });

    const record = await runCapture(deps, { id: queued.id, url: queued.url });

    expect(record?.status).toBe('failed');
    expect(record?.failure).toEqual({ code: 'http-4xx', message: `${URL_A} answered HTTP 404` });
    expect(record?.snapshot).toBeUndefined();
  });

  it('hides unexpected errors behind the internal code', async () => {
    const { deps, queue } = setup({ [URL_A]: new TypeError('secret stack detail') });
    const { record: queued } = await submitCapture({ ...deps, queue }, { url: URL_A });

    const record = await runCapture(deps, { id: queued.id, url: queued.url });

    expect(record?.failure).toEqual({ code: 'internal', message: 'internal error' });
  });

  it('does nothing for a job that is already terminal (duplicate delivery)', async () => {
    const { deps, queue, fetcher } = setup({ [URL_A]: fetchedPage(URL_A, ARTICLE) });
    const { record: queued } = await submitCapture({ ...deps, queue }, { url: URL_A });
    const first = await runCapture(deps, { id: queued.id, url: queued.url });

    const second = await runCapture(deps, { id: queued.id, url: queued.url });

    expect(second).toEqual(first);
    expect(fetcher.calls).toHaveLength(1);
  });

  it('ignores a job whose capture does not exist', async () => {
    const { deps } = setup({});
    await expect(runCapture(deps, { id: 'missing', url: URL_A })).resolves.toBeUndefined();
  });
});

describe('submitCapture', () => {
  it('records the capture as queued and puts one job on the queue', async () => {
    const { deps, queue, catalog } = setup({});
    const { record } = await submitCapture({ ...deps, queue }, { url: URL_A });
    expect(record.status).toBe('queued');
    expect(queue.jobs).toEqual([{ id: record.id, url: URL_A }]);
    expect((await catalog.get(record.id))?.status).toBe('queued');
  });

  it('fails the record rather than leaving it queued when the queue is down', async () => {
    const { deps, queue, catalog } = setup({});
    queue.failWith = new Error('queue down');
    await expect(submitCapture({ ...deps, queue }, { url: URL_A })).rejects.toThrow(/queue is unavailable/);
    const [record] = catalog.records.values();
    expect(record?.status).toBe('failed');
  });
});

describe('runCapture: transient and permanent failures', () => {
  function httpError(status: number, headers: Array<[string, string]> = []) {
    const page = fetchedPage(URL_A, 'busy');
    page.exchange.status = status;
    page.exchange.responseHeaders = headers;
    return Object.assign(new FetchError(status >= 500 ? 'http-5xx' : 'http-4xx', `${URL_A} answered HTTP ${status}`), { page });
  }

  it('hands a transient failure back for a retry, with the record queued again', async () => {
    const { deps, queue, catalog } = setup({ [URL_A]: new FetchError('timeout', 'fetching took too long') });
    const { record: queued } = await submitCapture({ ...deps, queue }, { url: URL_A });

    const attempt = runCapture(deps, queued, { attempt: 1, maxAttempts: 5 });

    await expect(attempt).rejects.toBeInstanceOf(RetryLaterError);
    const record = await catalog.get(queued.id);
    expect(record).toMatchObject({ status: 'queued', attempts: 1, lastFailure: { code: 'timeout' } });
  });

  it('fails for good on the last attempt, saying how many were made', async () => {
    const { deps, queue } = setup({ [URL_A]: new FetchError('timeout', 'fetching took too long') });
    const { record: queued } = await submitCapture({ ...deps, queue }, { url: URL_A });

    const record = await runCapture(deps, queued, { attempt: 5, maxAttempts: 5 });

    expect(record?.status).toBe('failed');
    expect(record?.failure).toEqual({ code: 'timeout', message: 'fetching took too long (after 5 attempts)' });
  });

  it('fails a permanent error at once, whatever attempts remain', async () => {
    const { deps, queue } = setup({ [URL_A]: httpError(404) });
    const { record: queued } = await submitCapture({ ...deps, queue }, { url: URL_A });
    const record = await runCapture(deps, queued, { attempt: 1, maxAttempts: 5 });
    expect(record?.failure?.code).toBe('http-4xx');
  });

  it('retries a 429 no sooner than its Retry-After', async () => {
    const { deps, queue } = setup({ [URL_A]: httpError(429, [['retry-after', '120']]) });
    const { record: queued } = await submitCapture({ ...deps, queue }, { url: URL_A });
    const error = await runCapture(deps, queued, { attempt: 1, maxAttempts: 5 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RetryLaterError);
    expect((error as RetryLaterError).delayMs).toBeGreaterThanOrEqual(120_000);
  });

  it('keeps a payload that is not HTML raw, and fails the capture as not-html', async () => {
    const pdf = fetchedPage(URL_A, '%PDF-1.7 ...', 'application/pdf');
    pdf.sniff = { kind: 'pdf', isHtml: false, reason: 'PDF signature' };
    const { deps, queue, blobs } = setup({ [URL_A]: pdf });
    const { record: queued } = await submitCapture({ ...deps, queue }, { url: URL_A });

    const record = await runCapture(deps, queued);

    expect(record).toMatchObject({ status: 'failed', payloadKind: 'pdf', failure: { code: 'not-html' } });
    expect(new TextDecoder().decode(await blobs.get(record!.raw!.key))).toBe('%PDF-1.7 ...');
    expect(record?.warc?.key).toMatch(/^warc\/sha256\/[0-9a-f]{64}\.warc\.gz$/);
    expect(record?.snapshot).toBeUndefined();
  });

  it('records why robots rules refused a capture', async () => {
    const refusal = Object.assign(new FetchError('robots-disallowed', `robots.txt disallows ${URL_A}`), {
      decision: { allowed: false, source: 'robots.txt', reason: 'Disallow: /news/ for VerbatimBot' },
    });
    const { deps, queue } = setup({ [URL_A]: refusal });
    const { record: queued } = await submitCapture({ ...deps, queue }, { url: URL_A });

    const record = await runCapture(deps, queued, { attempt: 1, maxAttempts: 5 });

    expect(record).toMatchObject({
      status: 'failed',
      failure: { code: 'robots-disallowed' },
      archivePolicy: { allowed: false, source: 'robots.txt' },
    });
  });
});
