/**
 * Recovery of captures whose worker died: the sweep makes every stuck capture terminal (failed,
 * `abandoned`), and the redrive puts dead-lettered jobs back on the queue, reopening abandoned captures.
 * Both are idempotent: run them twice and nothing changes the second time.
 */

import type { CaptureRecord } from '../domain/capture.ts';
import type { CaptureQueue, Catalog, Clock, DeadLetterQueue } from '../ports.ts';
import { MalformedJobError, parseJob } from '../queue/sqs-queue.ts';

/** Longer than the queue's whole retry timeline (5 receives, backoff and visibility timeouts). */
export const STUCK_AFTER_MS = 6 * 3600_000;

/** Fail, as `abandoned`, every capture still queued or fetching long after its last change. */
export async function sweepStuckCaptures(
  deps: { catalog: Catalog; clock: Clock },
  olderThanMs = STUCK_AFTER_MS,
): Promise<CaptureRecord[]> {
  const cutoff = deps.clock.now().getTime() - olderThanMs;
  const swept: CaptureRecord[] = [];
  for await (const record of deps.catalog.scanRecords()) {
    if ((record.status !== 'queued' && record.status !== 'fetching') || Date.parse(record.updatedAt) > cutoff) continue;
    const hours = Math.round(olderThanMs / 3600_000);
    const failed = await deps.catalog.transition(record.id, ['queued', 'fetching'], 'failed', {
      updatedAt: deps.clock.now().toISOString(),
      failure: { code: 'abandoned', message: `no worker finished this capture within ${hours} h; an operator may redrive it` },
    });
    if (failed) swept.push(failed);
  }
  return swept;
}

export interface RedriveReport {
  requeued: string[];
  alreadyDone: string[];
  dropped: number;
}

/** Move every dead-lettered job back to the capture queue. */
export async function redriveDeadLetters(deps: {
  catalog: Catalog;
  queue: CaptureQueue;
  deadLetters: DeadLetterQueue;
  clock: Clock;
}): Promise<RedriveReport> {
  const report: RedriveReport = { requeued: [], alreadyDone: [], dropped: 0 };
  for (;;) {
    const messages = await deps.deadLetters.receive(10);
    if (messages.length === 0) return report;
    for (const message of messages) {
      let job;
      try {
        job = parseJob(message.body);
      } catch (error) {
        if (!(error instanceof MalformedJobError)) throw error;
        report.dropped += 1;
        await deps.deadLetters.delete(message.handle);
        continue;
      }
      const record = await deps.catalog.get(job.id);
      if (!record) {
        report.dropped += 1;
      } else if (record.status === 'done' || (record.status === 'failed' && record.failure?.code !== 'abandoned')) {
        report.alreadyDone.push(job.id);
      } else {
        if (record.status === 'failed') {
          await deps.catalog.transition(job.id, ['failed'], 'queued', { updatedAt: deps.clock.now().toISOString(), failure: undefined, attempts: 0 });
        }
        // Sent before the delete: a crash in between leaves a duplicate job, which is harmless.
        await deps.queue.enqueue(job);
        report.requeued.push(job.id);
      }
      await deps.deadLetters.delete(message.handle);
    }
  }
}
