/**
 * Consuming capture jobs from SQS: one record at a time, attempts counted by SQS itself, transient
 * failures handed back with a backoff delay (the message's visibility), and records left untouched
 * when the Lambda is about to time out so they return to the queue instead of dying half-done.
 */

import { ChangeMessageVisibilityCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { SQSRecord } from 'aws-lambda';
import { getLogger } from '../logger.ts';
import { RetryLaterError, runCapture, type CaptureDeps } from '../usecases/run-capture.ts';
import { MalformedJobError, parseJob } from './sqs-queue.ts';

/** Matches the queue's redrive policy: the fifth receive is the last before the dead-letter queue. */
export const MAX_ATTEMPTS = 5;
/** Time a capture may need (fetch deadline, extraction deadline, writes); less left means hand it back. */
export const CAPTURE_BUDGET_MS = 50_000;

const log = getLogger('queue');

export class NotStartedError extends Error {
  override readonly name = 'NotStartedError';
}

export interface ConsumerDeps {
  capture: CaptureDeps;
  sqs: SQSClient;
  queueUrl: string;
  remainingTimeMs: () => number;
}

/** Handle one SQS record; throws to report it as a batch item failure. */
export async function consumeCaptureMessage(deps: ConsumerDeps, record: SQSRecord): Promise<void> {
  let job;
  try {
    job = parseJob(record.body);
  } catch (error) {
    // Retrying cannot fix a malformed body: log it and let the message go.
    if (error instanceof MalformedJobError) return log.error('dropped malformed message', { messageId: record.messageId, error });
    throw error;
  }
  if (deps.remainingTimeMs() < CAPTURE_BUDGET_MS) {
    throw new NotStartedError(`not enough time left to capture ${job.id}; handed back to the queue`);
  }
  const attempt = Math.max(1, Number(record.attributes.ApproximateReceiveCount) || 1);
  try {
    await runCapture(deps.capture, job, { attempt, maxAttempts: MAX_ATTEMPTS });
  } catch (error) {
    if (error instanceof RetryLaterError) {
      await deps.sqs.send(
        new ChangeMessageVisibilityCommand({
          QueueUrl: deps.queueUrl,
          ReceiptHandle: record.receiptHandle,
          VisibilityTimeout: Math.min(43_200, Math.ceil(error.delayMs / 1000)),
        }),
      );
    }
    throw error;
  }
}
