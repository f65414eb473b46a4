/**
 * The local capture queue: jobs run in this process with bounded concurrency. Durability comes from the
 * catalogue: every queued job is first a `queued` record, and start-up re-queues unfinished records.
 * A job whose handler throws RetryLaterError runs again after the delay it asks for.
 */

import type { CaptureJob } from '../domain/capture.ts';
import { RetryLaterError } from '../usecases/run-capture.ts';
import { getLogger } from '../logger.ts';
import type { CaptureQueue } from '../ports.ts';

const log = getLogger('queue');

export class InProcessQueue implements CaptureQueue {
  private readonly pending: Array<{ job: CaptureJob; attempt: number }> = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly queuedIds = new Set<string>();
  private running = 0;
  private closed = false;
  private idleWaiters: Array<() => void> = [];

  constructor(
    private readonly handler: (job: CaptureJob, attempt: number) => Promise<unknown>,
    private readonly concurrency: number,
  ) {}

  async enqueue(job: CaptureJob, attempt = 1): Promise<void> {
    if (this.closed) throw new Error('the local queue is shut down');
    if (this.queuedIds.has(job.id)) return;
    this.queuedIds.add(job.id);
    this.pending.push({ job, attempt });
    this.pump();
  }

  /** Resolves once nothing is pending or running. */
  idle(): Promise<void> {
    if (this.running === 0 && this.pending.length === 0 && this.timers.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Stop taking jobs and wait for those in flight; pending ones stay `queued` and resume next start. */
  async close(): Promise<void> {
    this.closed = true;
    this.pending.length = 0;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    if (this.running > 0) await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
  }

  private retryLater(job: CaptureJob, attempt: number, delayMs: number): void {
    if (this.closed) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (!this.closed) void this.enqueue(job, attempt);
    }, delayMs);
    this.timers.add(timer);
  }

  private pump(): void {
    while (this.running < this.concurrency && this.pending.length > 0) {
      const { job, attempt } = this.pending.shift()!;
      this.running += 1;
      this.handler(job, attempt)
        .catch((error: unknown) => {
          if (error instanceof RetryLaterError) return this.retryLater(job, attempt + 1, error.delayMs);
          log.error('capture job crashed', { captureId: job.id, error });
        })
        .finally(() => {
          this.running -= 1;
          this.queuedIds.delete(job.id);
          if (!this.closed) this.pump();
          if (this.running === 0 && this.pending.length === 0 && this.timers.size === 0) {
            for (const wake of this.idleWaiters.splice(0)) wake();
          }
        });
    }
  }
}
