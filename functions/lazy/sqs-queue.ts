/**
 * The API function's SQS adapter, bundled as its own file beside the handler (infra: `lazyEntries`) and
 * loaded by the first submission, so a cold start for a read does not load the SQS client.
 */

import { createSqsClient } from '#shared/clients.ts';
import type { CaptureQueue } from '#shared/ports.ts';
import { SqsQueue } from '#shared/queue/sqs-queue.ts';

export function createQueue(queueUrl: string): CaptureQueue {
  return new SqsQueue(createSqsClient(), queueUrl);
}
