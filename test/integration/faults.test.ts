/**
 * Fault injection on the local emulators, through a proxy that breaks S3 and DynamoDB requests on
 * purpose, and through crashing ports. After each scenario the archive's invariants must hold.
 */

import { readFileSync } from 'node:fs';
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { SQSClient } from '@aws-sdk/client-sqs';
import type { Context, SQSRecord } from 'aws-lambda';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../shared/api/app.ts';
import { buildExtractor } from '../../shared/capture-wiring.ts';
import { createClients } from '../../shared/clients.ts';
import { systemClock, type BlobStore, type CaptureQueue, type DeadLetterQueue } from '../../shared/ports.ts';
import { consumeCaptureMessage } from '../../shared/queue/sqs-capture-consumer.ts';
import { redriveDeadLetters, sweepStuckCaptures } from '../../shared/usecases/recover.ts';
import { RetryLaterError, runCapture, type CaptureDeps } from '../../shared/usecases/run-capture.ts';
import { submitCapture } from '../../shared/usecases/submit-capture.ts';
import { buildStorage, type Storage } from '../../shared/wiring.ts';
import { startTestEmulators, type TestEmulators } from '../helpers/emulators.ts';
import { startFaultProxy, type FaultProxy } from '../helpers/fault-proxy.ts';
import { expectInvariants, inventory } from '../helpers/invariants.ts';
import { MemoryAccessStore, RecordingQueue } from '../helpers/memory-adapters.ts';
import { fetchedPage, stubFetcher } from '../helpers/pages.ts';

const ARTICLE = readFileSync(new URL('../fixtures/site/article.html', import.meta.url), 'utf8');
let emulators: TestEmulators;
let s3Proxy: FaultProxy;
let dynamoProxy: FaultProxy;
let storage: Storage;
let counter = 0;

beforeAll(async () => {
  emulators = await startTestEmulators();
  s3Proxy = await startFaultProxy(emulators.s3Endpoint);
  dynamoProxy = await startFaultProxy(emulators.dynamoEndpoint);
  const clients = createClients({
    region: 'us-east-1',
    s3Endpoint: s3Proxy.endpoint,
    dynamoEndpoint: dynamoProxy.endpoint,
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
  });
  storage = buildStorage(clients, emulators.bucket, emulators.table);
});
afterEach(() => {
  s3Proxy.rules.length = 0;
  dynamoProxy.rules.length = 0;
});
afterAll(async () => {
  await s3Proxy.close();
  await dynamoProxy.close();
  await emulators.dispose();
});

/** A new page (its own bytes, so its own objects) and a queued capture of it. */
async function newCapture(deps: Partial<CaptureDeps> = {}) {
  counter += 1;
  const url = `https://faults.example/story-${counter}`;
  const html = ARTICLE.replace('</article>', `<p>Edition ${counter} of this story, for the fault test.</p></article>`);
  const capture: CaptureDeps = {
    catalog: storage.catalog,
    blobs: storage.blobs,
    fetcher: stubFetcher({ [url]: fetchedPage(url, html) }),
    extractor: buildExtractor(),
    clock: systemClock,
    ...deps,
  };
  const { record } = await submitCapture({ catalog: storage.catalog, queue: new RecordingQueue(), clock: systemClock }, { url });
  return { job: { id: record.id, url }, capture };
}

const dynamo = (operation: string) => (r: { target: string }) => r.target.endsWith(`.${operation}`);
const s3Put = (prefix: string) => (r: { method: string; path: string }) => r.method === 'PUT' && r.path.includes(`/${prefix}/`);

describe('SDK retry paths through the fault proxy', () => {
  it.each([
    ['an S3 503 on the snapshot upload', 's3', s3Put('snapshot'), 503],
    ['an S3 connection reset on the raw upload', 's3', s3Put('raw'), 'reset'],
    ['DynamoDB throttling on record writes', 'dynamo', dynamo('PutItem'), 'throttle'],
    ['a DynamoDB 500 on reads', 'dynamo', dynamo('GetItem'), 500],
  ] as const)('%s is retried by the SDK and the capture completes', async (_name, where, match, fault) => {
    const { job, capture } = await newCapture();
    const before = await inventory(storage.blobs);
    (where === 's3' ? s3Proxy : dynamoProxy).rules.push({ match, fault, times: 2 });

    const record = await runCapture(capture, job, { attempt: 1, maxAttempts: 5 });

    expect((where === 's3' ? s3Proxy : dynamoProxy).injected.length).toBeGreaterThanOrEqual(2);
    expect(record?.status).toBe('done');
    await expectInvariants(storage, [job.id], { before });
  });
});

describe('failures the SDK cannot hide', () => {
  it('S3 down for the snapshot: the capture goes back to the queue, then completes with the same objects', async () => {
    const { job, capture } = await newCapture();
    s3Proxy.rules.push({ match: s3Put('snapshot'), fault: 503, times: Infinity });

    await expect(runCapture(capture, job, { attempt: 1, maxAttempts: 5 })).rejects.toBeInstanceOf(RetryLaterError);
    expect((await storage.catalog.get(job.id))?.status).toBe('queued');
    s3Proxy.rules.length = 0;
    const before = await inventory(storage.blobs);
    const record = await runCapture(capture, job, { attempt: 2, maxAttempts: 5 });

    expect(record?.status).toBe('done');
    await expectInvariants(storage, [job.id], { before });
  });

  it('DynamoDB down after the S3 writes: nothing points at a missing object, and the retry converges', async () => {
    const { job, capture } = await newCapture();
    // Quote and record writes fail; reads still work.
    dynamoProxy.rules.push({ match: (r) => /PutItem|BatchWriteItem/.test(r.target), fault: 500, times: Infinity });

    await expect(runCapture(capture, job, { attempt: 1, maxAttempts: 5 })).rejects.toThrow();
    const stuck = await storage.catalog.get(job.id);
    expect(stuck?.status).not.toBe('done');
    expect(stuck?.snapshot).toBeUndefined();
    // Objects written before the failure are orphans until the retry records them.
    await expectInvariants(storage, [], { crashes: 1 });

    dynamoProxy.rules.length = 0;
    const record = await runCapture(capture, job, { attempt: 2, maxAttempts: 5 });
    expect(record?.status).toBe('done');
    await expectInvariants(storage, [job.id]);
  });

  it('a crash between the raw and the snapshot writes leaves orphans the retry adopts', async () => {
    class Crash extends Error {}
    const crashing: BlobStore = {
      ...storage.blobs,
      list: storage.blobs.list!.bind(storage.blobs),
      get: storage.blobs.get.bind(storage.blobs),
      putImmutable: (prefix, body, type, suffix) => {
        if (prefix.startsWith('snapshot')) throw new Crash('the worker died here');
        return storage.blobs.putImmutable(prefix, body, type, suffix);
      },
    };
    const { job, capture } = await newCapture({ blobs: crashing });

    await expect(runCapture(capture, job, { attempt: 1, maxAttempts: 5 })).rejects.toBeInstanceOf(RetryLaterError);
    await expectInvariants(storage, [], { crashes: 1 });

    const record = await runCapture({ ...capture, blobs: storage.blobs }, job, { attempt: 2, maxAttempts: 5 });
    expect(record?.status).toBe('done');
    await expectInvariants(storage, [job.id]);
  });

  it('twenty-five workers on one capture converge on one record and one set of objects', async () => {
    const { job, capture } = await newCapture();
    const results = await Promise.all(Array.from({ length: 25 }, () => runCapture(capture, job, { attempt: 1, maxAttempts: 5 }).catch((e: unknown) => e)));
    const final = await storage.catalog.get(job.id);
    expect(final?.status).toBe('done');
    for (const result of results) {
      if (result instanceof Error) expect(result).toBeInstanceOf(RetryLaterError);
      else expect((result as { snapshot?: { sha256: string } })?.snapshot?.sha256).toBe(final?.snapshot?.sha256);
    }
    await expectInvariants(storage, [job.id]);
  });
});

describe('the queue consumer under faults', () => {
  const sqs = { send: async () => ({}) } as unknown as SQSClient;
  const context = (remaining: () => number) => ({ getRemainingTimeInMillis: remaining }) as unknown as Context;
  const message = (id: string, body: string, receiveCount = 1): SQSRecord =>
    ({ messageId: id, receiptHandle: `rh-${id}`, body, attributes: { ApproximateReceiveCount: String(receiveCount) }, messageAttributes: {}, eventSource: 'aws:sqs' }) as unknown as SQSRecord;

  async function runBatch(records: SQSRecord[], capture: CaptureDeps, remaining: () => number = () => 100_000) {
    return processPartialResponse(
      { Records: records },
      (record: SQSRecord) => consumeCaptureMessage({ capture, sqs, queueUrl: 'q', remainingTimeMs: remaining }, record),
      new BatchProcessor(EventType.SQS),
      { context: context(remaining), processInParallel: false, throwOnFullBatchFailure: false },
    );
  }

  it('a poison message in a batch is dropped while its neighbours complete', async () => {
    const a = await newCapture();
    const b = await newCapture();
    const both: CaptureDeps = { ...a.capture, fetcher: stubFetcher({ [a.job.url]: fetchedPage(a.job.url, ARTICLE), [b.job.url]: fetchedPage(b.job.url, ARTICLE) }) };
    const response = await runBatch(
      [message('1', JSON.stringify(a.job)), message('2', '{"poison": true'), message('3', JSON.stringify(b.job))],
      both,
    );
    expect(response.batchItemFailures).toEqual([]);
    await expectInvariants(storage, [a.job.id, b.job.id]);
  });

  it('a whole batch failing transiently goes back to the queue whole, and completes later', async () => {
    const jobs = [await newCapture(), await newCapture()];
    s3Proxy.rules.push({ match: s3Put('raw'), fault: 503, times: Infinity });
    const failed = await runBatch(jobs.map((j, i) => message(String(i), JSON.stringify(j.job))), jobs[0]!.capture);
    expect(failed.batchItemFailures).toHaveLength(2);
    s3Proxy.rules.length = 0;
    for (const [i, j] of jobs.entries()) await runBatch([message(String(i), JSON.stringify(j.job), 2)], j.capture);
    await expectInvariants(storage, jobs.map((j) => j.job.id));
  });

  it('records left when the function nears its timeout are handed back untouched', async () => {
    const jobs = [await newCapture(), await newCapture(), await newCapture()];
    let remaining = 100_000;
    const capture: CaptureDeps = {
      ...jobs[0]!.capture,
      fetcher: stubFetcher(Object.fromEntries(jobs.map((j) => [j.job.url, fetchedPage(j.job.url, ARTICLE)]))),
    };
    const wrapped: CaptureDeps = { ...capture, extractor: { extract: async (input) => { remaining = 20_000; return capture.extractor.extract(input); } } };
    const response = await runBatch(jobs.map((j, i) => message(String(i), JSON.stringify(j.job))), wrapped, () => remaining);
    expect(response.batchItemFailures).toEqual([{ itemIdentifier: '1' }, { itemIdentifier: '2' }]);
    expect((await storage.catalog.get(jobs[1]!.job.id))?.status).toBe('queued');
    for (const [i, j] of jobs.slice(1).entries()) await runBatch([message(String(i), JSON.stringify(j.job), 2)], capture);
    await expectInvariants(storage, jobs.map((j) => j.job.id));
  });

  it('a job dead-lettered after its worker died five times is swept to failed, then redriven to done', async () => {
    const { job, capture } = await newCapture();
    const deadLetters: DeadLetterQueue & { messages: Map<string, string> } = {
      messages: new Map([['h1', JSON.stringify(job)], ['h2', 'garbage']]),
      async receive(max) { return [...this.messages].slice(0, max).map(([handle, body]) => ({ handle, body })); },
      async delete(handle) { this.messages.delete(handle); },
    };
    // I1 holds even before anyone redrives: the sweep makes the stuck capture terminal.
    const swept = await sweepStuckCaptures({ catalog: storage.catalog, clock: { now: () => new Date(Date.now() + 7 * 3600_000) } });
    expect(swept.map((r) => r.id)).toContain(job.id);
    expect((await storage.catalog.get(job.id))?.failure?.code).toBe('abandoned');

    const requeued: string[] = [];
    const queue: CaptureQueue = { enqueue: async (j) => void requeued.push(j.id) };
    const report = await redriveDeadLetters({ catalog: storage.catalog, queue, deadLetters, clock: systemClock });
    expect(report).toMatchObject({ requeued: [job.id], dropped: 1 });
    expect(deadLetters.messages.size).toBe(0);
    // Redriving again finds nothing: idempotent.
    expect(await redriveDeadLetters({ catalog: storage.catalog, queue, deadLetters, clock: systemClock })).toMatchObject({ requeued: [] });

    const record = await runCapture(capture, job, { attempt: 1, maxAttempts: 5 });
    expect(record?.status).toBe('done');
    await expectInvariants(storage, [job.id]);
  });
});

describe('reads during faults', () => {
  it('a read while a capture is in flight sees its status, never a partial snapshot', async () => {
    const { job, capture } = await newCapture();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const slow: CaptureDeps = { ...capture, extractor: { extract: async (input) => { await gate; return capture.extractor.extract(input); } } };
    const running = runCapture(slow, job, { attempt: 1, maxAttempts: 5 });
    const app = createApp({ ...storage, access: new MemoryAccessStore(), clock: systemClock });

    await expect.poll(async () => (await storage.catalog.get(job.id))?.status).toBe('fetching');
    const record = (await (await app.request(`/v1/captures/${job.id}`)).json()) as any;
    expect(record.status).toBe('fetching');
    expect((await app.request(`/v1/captures/${job.id}/snapshot`)).status).toBe(404);

    release();
    await running;
    expect((await app.request(`/v1/captures/${job.id}/snapshot`)).status).toBe(200);
  });

  it('a flipped byte in a stored snapshot is refused on the way out and reported by verify (I6)', async () => {
    const { job, capture } = await newCapture();
    const record = (await runCapture(capture, job))!;
    // Tamper under the archive's feet, as bit rot or an operator with bucket access would.
    const { PutObjectCommand } = await import('@aws-sdk/client-s3');
    const bytes = await storage.blobs.get(record.snapshot!.key);
    bytes[10] = bytes[10]! ^ 0x01;
    await emulators.clients.s3.send(new PutObjectCommand({ Bucket: emulators.bucket, Key: record.snapshot!.key, Body: bytes }));

    const app = createApp({ ...storage, access: new MemoryAccessStore(), clock: systemClock });
    const served = await app.request(`/v1/captures/${job.id}/snapshot`);
    expect(served.status).toBe(500);
    expect(((await served.json()) as any).error.code).toBe('integrity');
    const verify = (await (await app.request(`/v1/captures/${job.id}/verify`)).json()) as any;
    expect(verify.objects.find((o: any) => o.name === 'snapshot').ok).toBe(false);
  });
});
