/**
 * The capture Lambda, fed by SQS. Records are processed one after another and failures are reported per
 * message (partial batch response), so one bad page never sends its neighbours back to the queue.
 */

import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';
import { buildExtractor, buildFetcher, SOFTWARE } from '#shared/capture-wiring.ts';
import { createClients } from '#shared/clients.ts';
import { loadLambdaConfig } from '#shared/config.ts';
import { systemClock } from '#shared/ports.ts';
import { consumeCaptureMessage } from '#shared/queue/sqs-capture-consumer.ts';
import { createWebhookNotifier } from '#shared/webhooks/notifier.ts';
import { buildStorage } from '#shared/wiring.ts';

const config = loadLambdaConfig();
if (!config.VERBATIM_QUEUE_URL) throw new Error('VERBATIM_QUEUE_URL must be set for the capture function');
const queueUrl = config.VERBATIM_QUEUE_URL;
const clients = createClients();
const { catalog, blobs, access } = buildStorage(clients, config.VERBATIM_BUCKET, config.VERBATIM_TABLE);
const fetcher = buildFetcher(config);
const capture = {
  catalog,
  blobs,
  fetcher,
  // One worker thread, bundled beside this file as worker.js (see infra/constructs/verbatim-function.ts).
  extractor: buildExtractor({ size: 1, deadlineMs: config.VERBATIM_EXTRACT_DEADLINE_MS, workerUrl: pathToFileURL(join(__dirname, 'worker.js')) }),
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
