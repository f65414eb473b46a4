/**
 * The capture Lambda, fed by SQS. Each message is one capture job; failures are reported per message
 * (partial batch response) so one bad page never sends its neighbours back to the queue.
 */

import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';
import { buildExtractor, buildFetcher } from '#shared/capture-wiring.ts';
import { createClients } from '#shared/clients.ts';
import { loadLambdaConfig } from '#shared/config.ts';
import { getLogger } from '#shared/logger.ts';
import { systemClock } from '#shared/ports.ts';
import { MalformedJobError, parseJob } from '#shared/queue/sqs-queue.ts';
import { runCapture } from '#shared/usecases/run-capture.ts';
import { buildStorage } from '#shared/wiring.ts';

const config = loadLambdaConfig();
const { catalog, blobs } = buildStorage(createClients(), config.VERBATIM_BUCKET, config.VERBATIM_TABLE);
const deps = { catalog, blobs, fetcher: buildFetcher(config), extractor: buildExtractor(), clock: systemClock };
const processor = new BatchProcessor(EventType.SQS);
const log = getLogger('capture');

async function processRecord(record: SQSRecord): Promise<void> {
  let job;
  try {
    job = parseJob(record.body);
  } catch (error) {
    // Retrying cannot fix a malformed body: log it and let the message go.
    if (error instanceof MalformedJobError) return log.error('dropped malformed message', { messageId: record.messageId, error });
    throw error;
  }
  await runCapture(deps, job);
}

export const handler = (event: SQSEvent, context: Context) =>
  processPartialResponse(event, processRecord, processor, { context });
