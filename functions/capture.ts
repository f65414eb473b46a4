/**
 * The capture Lambda, fed by SQS. Records are processed one after another and failures are reported per
 * message (partial batch response), so one bad page never sends its neighbours back to the queue.
 */

// First: starts the extraction worker before the rest of this bundle is evaluated.
import { config, extraction } from './init/capture-extraction.ts';
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';
import { buildFetcher, SOFTWARE } from '#shared/capture-wiring.ts';
import { createClients } from '#shared/clients.ts';
import { systemClock } from '#shared/ports.ts';
import { consumeCaptureMessage } from '#shared/queue/sqs-capture-consumer.ts';
import { createWebhookNotifier } from '#shared/webhooks/notifier.ts';
import { buildStorage } from '#shared/wiring.ts';

if (!config.VERBATIM_QUEUE_URL) throw new Error('VERBATIM_QUEUE_URL must be set for the capture function');
const queueUrl = config.VERBATIM_QUEUE_URL;
const clients = createClients();
const { catalog, blobs, access } = buildStorage(clients, config.VERBATIM_BUCKET, config.VERBATIM_TABLE);
const fetcher = buildFetcher(config);
const capture = {
  catalog,
  blobs,
  fetcher,
  extractor: extraction,
  clock: systemClock,
  software: SOFTWARE,
  notifier: createWebhookNotifier(access, fetcher),
};
const processor = new BatchProcessor(EventType.SQS);

export const handler = (event: SQSEvent, context: Context) =>
  processPartialResponse(
    event,
    (record: SQSRecord) =>
      consumeCaptureMessage({ capture, sqs: clients.sqs, queueUrl, remainingTimeMs: () => context.getRemainingTimeInMillis() }, record),
    processor,
    { context, processInParallel: false },
  );
