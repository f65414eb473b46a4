/**
 * Accept a submission: validate it, reuse a recent capture when asked to, record the capture as queued,
 * put the job on the queue. Every accepted submission ends terminal: one that cannot be queued is
 * failed at once rather than left queued.
 */

import { ulid } from 'ulid';
import type { CaptureRecord } from '../domain/capture.ts';
import { validateSubmittedUrl } from '../domain/url.ts';
import { InvalidUrlError, VerbatimError } from '../errors.ts';
import type { CaptureQueue, Catalog, Clock } from '../ports.ts';

export interface SubmitDeps {
  catalog: Catalog;
  queue: CaptureQueue;
  clock: Clock;
}

export interface SubmitInput {
  url: unknown;
  /** Where to POST a signed notification when the capture is terminal. */
  callbackUrl?: unknown;
  /** ISO 8601 duration (e.g. PT1H): return a capture of this URL made within it instead of a new one. */
  ifNotCapturedWithin?: unknown;
}

export interface SubmitOptions {
  /** The id to use (an idempotent retry reuses the id it claimed). */
  id?: string;
  /** The key id of the submitter. */
  submittedBy?: string;
}

export interface SubmitResult {
  record: CaptureRecord;
  /** 'created': a new capture was queued; 'reused': a recent capture of the URL was returned. */
  outcome: 'created' | 'reused';
}

export class QueueUnavailableError extends VerbatimError {
  override readonly name = 'QueueUnavailableError';
}

export async function submitCapture(deps: SubmitDeps, input: SubmitInput, options: SubmitOptions = {}): Promise<SubmitResult> {
  const url = validateSubmittedUrl(input.url);
  const callbackUrl = input.callbackUrl === undefined || input.callbackUrl === null ? undefined : validateCallbackUrl(input.callbackUrl);
  const window = input.ifNotCapturedWithin === undefined ? undefined : parseDuration(input.ifNotCapturedWithin);
  const now = deps.clock.now();

  if (window !== undefined) {
    const recent = await findRecentCapture(deps.catalog, url.href, now.getTime() - window);
    if (recent) return { record: recent, outcome: 'reused' };
  }

  const created = now.toISOString();
  const record: CaptureRecord = {
    id: options.id ?? ulid(),
    url: url.href,
    status: 'queued',
    createdAt: created,
    updatedAt: created,
    ...(options.submittedBy ? { submittedBy: options.submittedBy } : {}),
    ...(callbackUrl ? { callbackUrl } : {}),
  };
  await deps.catalog.create(record);
  try {
    await deps.queue.enqueue({ id: record.id, url: record.url });
  } catch (error) {
    await deps.catalog.transition(record.id, ['queued'], 'failed', {
      failure: { code: 'internal', message: 'the capture could not be queued; please submit again' },
    });
    throw new QueueUnavailableError('internal', 'the capture queue is unavailable', { cause: error });
  }
  return { record, outcome: 'created' };
}

/** The newest capture of the URL made since `since` (ms) that is done or still on its way. */
async function findRecentCapture(catalog: Catalog, url: string, since: number): Promise<CaptureRecord | undefined> {
  const { items } = await catalog.listByUrl(url, { limit: 10 });
  return items.find((record) => record.status !== 'failed' && Date.parse(record.createdAt) >= since);
}

function validateCallbackUrl(value: unknown): string {
  try {
    return validateSubmittedUrl(value).href;
  } catch (error) {
    throw new InvalidUrlError(`"callbackUrl": ${(error as Error).message}`);
  }
}

const DURATION = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/;

/**
 * An ISO 8601 duration of days, hours, minutes and seconds, in milliseconds.
 * @example parseDuration('PT1H') === 3_600_000
 */
export function parseDuration(value: unknown): number {
  const match = typeof value === 'string' ? DURATION.exec(value.trim()) : null;
  if (!match || value === 'P' || value === 'PT') {
    throw new InvalidUrlError('"ifNotCapturedWithin" must be an ISO 8601 duration such as PT1H or P1D');
  }
  const [, d, h, m, s] = match.map((part) => Number(part ?? 0)) as [number, number, number, number, number];
  return (((d * 24 + h) * 60 + m) * 60 + s) * 1000;
}
