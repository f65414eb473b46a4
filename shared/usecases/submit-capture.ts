/** Accept a submission: validate the URL, record the capture as queued, put the job on the queue. */

import { ulid } from 'ulid';
import type { CaptureRecord } from '../domain/capture.ts';
import { validateSubmittedUrl } from '../domain/url.ts';
import { VerbatimError } from '../errors.ts';
import type { CaptureQueue, Catalog, Clock } from '../ports.ts';

export interface SubmitDeps {
  catalog: Catalog;
  queue: CaptureQueue;
  clock: Clock;
}

export class QueueUnavailableError extends VerbatimError {
  override readonly name = 'QueueUnavailableError';
}

/** Returns the queued record; throws InvalidUrlError for a bad URL. */
export async function submitCapture(deps: SubmitDeps, input: { url: unknown }): Promise<CaptureRecord> {
  const url = validateSubmittedUrl(input.url);
  const now = deps.clock.now().toISOString();
  const record: CaptureRecord = { id: ulid(), url: url.href, status: 'queued', createdAt: now, updatedAt: now };
  await deps.catalog.create(record);
  try {
    await deps.queue.enqueue({ id: record.id, url: record.url });
  } catch (error) {
    // An accepted submission must end terminal: one we could not queue is failed now, not left queued.
    await deps.catalog.transition(record.id, ['queued'], 'failed', {
      failure: { code: 'internal', message: 'the capture could not be queued; please submit again' },
    });
    throw new QueueUnavailableError('internal', 'the capture queue is unavailable', { cause: error });
  }
  return record;
}
