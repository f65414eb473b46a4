/** The CaptureQueue adapter on SQS. */

import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { z } from 'zod';
import type { CaptureJob } from '../domain/capture.ts';
import type { CaptureQueue } from '../ports.ts';

export class SqsQueue implements CaptureQueue {
  constructor(
    private readonly sqs: SQSClient,
    private readonly queueUrl: string,
  ) {}

  async enqueue(job: CaptureJob): Promise<void> {
    await this.sqs.send(new SendMessageCommand({ QueueUrl: this.queueUrl, MessageBody: JSON.stringify(job) }));
  }
}

const jobSchema = z.object({ id: z.string().min(1).max(64), url: z.string().min(1).max(4096) });

/** Parse a queue message body into a job; throws a readable error for a malformed body. */
export function parseJob(body: string): CaptureJob {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    throw new MalformedJobError('message body is not JSON');
  }
  const result = jobSchema.safeParse(value);
  if (!result.success) throw new MalformedJobError(`message body is not a capture job: ${result.error.issues[0]?.message ?? ''}`);
  return result.data;
}

export class MalformedJobError extends Error {
  override readonly name = 'MalformedJobError';
}
