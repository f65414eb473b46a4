/** The CaptureQueue adapter on SQS. */

import { DeleteMessageCommand, ReceiveMessageCommand, SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { z } from 'zod';
import type { CaptureJob } from '../domain/capture.ts';
import type { CaptureQueue, DeadLetterQueue } from '../ports.ts';

export class SqsQueue implements CaptureQueue {
  constructor(
    private readonly sqs: SQSClient,
    private readonly queueUrl: string,
  ) {}

  async enqueue(job: CaptureJob): Promise<void> {
    await this.sqs.send(new SendMessageCommand({ QueueUrl: this.queueUrl, MessageBody: JSON.stringify(job) }));
  }
}

export class SqsDeadLetterQueue implements DeadLetterQueue {
  constructor(
    private readonly sqs: SQSClient,
    private readonly queueUrl: string,
  ) {}

  async receive(max: number): Promise<Array<{ body: string; handle: string }>> {
    const { Messages } = await this.sqs.send(
      new ReceiveMessageCommand({ QueueUrl: this.queueUrl, MaxNumberOfMessages: Math.min(max, 10), WaitTimeSeconds: 1, VisibilityTimeout: 60 }),
    );
    return (Messages ?? []).map((m) => ({ body: m.Body ?? '', handle: m.ReceiptHandle ?? '' }));
  }

  async delete(handle: string): Promise<void> {
    await this.sqs.send(new DeleteMessageCommand({ QueueUrl: this.queueUrl, ReceiptHandle: handle }));
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
