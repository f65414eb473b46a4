import type { SQSClient } from '@aws-sdk/client-sqs';
import type { SQSRecord } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { buildExtractor } from '../../../shared/capture-wiring.ts';
import { FetchError } from '../../../shared/errors.ts';
import { consumeCaptureMessage, NotStartedError } from '../../../shared/queue/sqs-capture-consumer.ts';
import { RetryLaterError } from '../../../shared/usecases/run-capture.ts';
import { MemoryBlobStore, MemoryCatalog } from '../../helpers/memory-adapters.ts';
import { stubFetcher } from '../../helpers/pages.ts';

const URL_A = 'https://courier.example/a';

function message(body: string, receiveCount = 1): SQSRecord {
  return {
    messageId: 'm-1', receiptHandle: 'rh-1', body, md5OfBody: '', eventSource: 'aws:sqs', eventSourceARN: 'arn', awsRegion: 'us-east-1',
    attributes: { ApproximateReceiveCount: String(receiveCount), SentTimestamp: '0', SenderId: 's', ApproximateFirstReceiveTimestamp: '0' },
    messageAttributes: {},
  };
}

async function setup(fetchResult: Error, remainingTimeMs = 100_000) {
  const catalog = new MemoryCatalog();
  const now = new Date().toISOString();
  await catalog.create({ id: 'c1', url: URL_A, status: 'queued', createdAt: now, updatedAt: now });
  const sent: any[] = [];
  const sqs = { send: async (command: any) => sent.push(command.input) } as unknown as SQSClient;
  const deps = {
    capture: { catalog, blobs: new MemoryBlobStore(), fetcher: stubFetcher({ [URL_A]: fetchResult }), extractor: buildExtractor(), clock: { now: () => new Date() } },
    sqs,
    queueUrl: 'https://sqs.example/queue',
    remainingTimeMs: () => remainingTimeMs,
  };
  return { deps, sent, catalog };
}

describe('consumeCaptureMessage', () => {
  it('drops a malformed message without failing the batch', async () => {
    const { deps, sent } = await setup(new Error('unused'));
    await expect(consumeCaptureMessage(deps, message('{"nope": true}'))).resolves.toBeUndefined();
    await expect(consumeCaptureMessage(deps, message('not json'))).resolves.toBeUndefined();
    expect(sent).toEqual([]);
  });

  it('hands a message back untouched when the function is near its timeout', async () => {
    const { deps, catalog } = await setup(new Error('unused'), 10_000);
    await expect(consumeCaptureMessage(deps, message(JSON.stringify({ id: 'c1', url: URL_A })))).rejects.toBeInstanceOf(NotStartedError);
    expect((await catalog.get('c1'))?.status).toBe('queued');
  });

  it('delays the retry of a transient failure through the message visibility', async () => {
    const { deps, sent } = await setup(new FetchError('timeout', 'too slow'));
    await expect(consumeCaptureMessage(deps, message(JSON.stringify({ id: 'c1', url: URL_A }), 2))).rejects.toBeInstanceOf(RetryLaterError);
    expect(sent).toEqual([expect.objectContaining({ QueueUrl: 'https://sqs.example/queue', ReceiptHandle: 'rh-1', VisibilityTimeout: expect.any(Number) })]);
  });

  it('ends the capture failed on the fifth receive instead of sending it to the dead-letter queue', async () => {
    const { deps, catalog, sent } = await setup(new FetchError('timeout', 'too slow'));
    await expect(consumeCaptureMessage(deps, message(JSON.stringify({ id: 'c1', url: URL_A }), 5))).resolves.toBeUndefined();
    expect(await catalog.get('c1')).toMatchObject({ status: 'failed', failure: { code: 'timeout' } });
    expect(sent).toEqual([]);
  });
});
