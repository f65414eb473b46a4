/**
 * Extraction in worker threads, so a hostile page cannot take the caller hostage: each document has a
 * wall-clock deadline and each worker a heap limit. A worker that runs over either is terminated and
 * replaced, and the document fails with `extraction-timeout` or `extraction-too-large`.
 *
 * @example
 * const pool = createExtractionPool({ size: 2 });
 * const document = await pool.extract({ bytes, url });
 * await pool.close();
 */

import { Worker } from 'node:worker_threads';
import { ExtractionError, type FailureCode } from '../errors.ts';
import type { ExtractInput, ExtractedDocument } from './types.ts';
import type { WorkerReady, WorkerReply, WorkerRequest } from './worker.ts';

export interface ExtractionPoolOptions {
  /** Worker threads (default 1). */
  size?: number;
  /** Wall-clock limit per document (default 10 s). */
  deadlineMs?: number;
  /** V8 old-generation heap limit per worker (default 512 MB). */
  maxOldGenerationSizeMb?: number;
  /**
   * The worker module. Defaults to `worker` beside this module with this module's own extension
   * (worker.ts under tsx; worker.js / worker.mjs when bundled as a second esbuild entry point).
   */
  workerUrl?: URL;
}

export interface ExtractionPool {
  extract(input: ExtractInput): Promise<ExtractedDocument>;
  /**
   * Start the workers now instead of on the first page, so their jsdom import overlaps other work (the
   * capture Lambda's init, its fetch and storage round trips). Idle workers still let the process exit.
   */
  start(): void;
  close(): Promise<void>;
}

interface Job {
  id: number;
  input: ExtractInput;
  resolve: (document: ExtractedDocument) => void;
  reject: (error: Error) => void;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  job: Job | null;
  timer: NodeJS.Timeout | null;
}

function defaultWorkerUrl(): URL {
  const extension = /\.(ts|mts|js|mjs|cjs)$/.exec(new URL(import.meta.url).pathname)?.[1] ?? 'js';
  return new URL(`./worker.${extension}`, import.meta.url);
}

/** Start a pool of extraction workers. */
export function createExtractionPool(options: ExtractionPoolOptions = {}): ExtractionPool {
  const size = Math.max(1, options.size ?? 1);
  const deadlineMs = options.deadlineMs ?? 10_000;
  const maxOldGenerationSizeMb = options.maxOldGenerationSizeMb ?? 512;
  const workerUrl = options.workerUrl ?? defaultWorkerUrl();
  const queue: Job[] = [];
  const slots: Slot[] = [];
  let nextId = 1;
  let closed = false;

  const spawn = (): Slot => {
    const worker = new Worker(workerUrl, { resourceLimits: { maxOldGenerationSizeMb } });
    const slot: Slot = { worker, ready: false, job: null, timer: null };
    worker.on('message', (reply: WorkerReply | WorkerReady) => {
      if ('ready' in reply) {
        slot.ready = true;
        dispatch();
        return;
      }
      const job = slot.job;
      if (!job || job.id !== reply.id) return;
      finish(slot);
      if (reply.ok) job.resolve(reply.document);
      else job.reject(new ExtractionError(reply.error.code as FailureCode, reply.error.message));
      dispatch();
    });
    const fail = (code: FailureCode, message: string, cause?: unknown): void => {
      const job = slot.job;
      finish(slot);
      replace(slot);
      if (job) job.reject(new ExtractionError(code, message, { cause }));
      dispatch();
    };
    worker.on('error', (error: Error & { code?: string }) => {
      const tooLarge = error.code === 'ERR_WORKER_OUT_OF_MEMORY';
      const url = slot.job?.input.url ?? 'a page';
      fail(tooLarge ? 'extraction-too-large' : 'extraction-failed',
        tooLarge ? `${url} needed more than ${maxOldGenerationSizeMb} MB to extract` : `extraction worker failed on ${url}`, error);
    });
    worker.on('exit', () => {
      if (slots.includes(slot) && !closed) fail('extraction-failed', `extraction worker exited on ${slot.job?.input.url ?? 'a page'}`);
    });
    return slot;
  };

  const finish = (slot: Slot): void => {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    slot.job = null;
  };

  const replace = (slot: Slot): void => {
    const index = slots.indexOf(slot);
    if (index < 0) return;
    slots.splice(index, 1);
    slot.worker.removeAllListeners();
    slot.worker.on('error', () => undefined);
    void slot.worker.terminate();
    if (!closed) slots.push(spawn());
  };

  const dispatch = (): void => {
    for (const slot of slots) {
      if (slot.job || !slot.ready) continue;
      const job = queue.shift();
      if (!job) return;
      slot.job = job;
      slot.timer = setTimeout(() => {
        finish(slot);
        replace(slot);
        job.reject(new ExtractionError('extraction-timeout', `${job.input.url} took longer than ${deadlineMs} ms to extract`));
        dispatch();
      }, deadlineMs);
      const request: WorkerRequest = { id: job.id, input: job.input };
      slot.worker.postMessage(request);
    }
  };

  /**
   * Idle workers must not keep the process alive (a Lambda module or a CLI that is done should be free to
   * exit); busy ones must, or a pending extraction could be dropped when nothing else holds the loop.
   */
  const updateRefs = (): void => {
    const busy = queue.length > 0 || slots.some((slot) => slot.job);
    for (const slot of slots) {
      if (busy) slot.worker.ref();
      else slot.worker.unref();
    }
  };

  // Unless started early, workers start on first use: building the pool costs no thread start-up.
  const start = (): void => {
    if (closed || slots.length > 0) return;
    for (let i = 0; i < size; i += 1) slots.push(spawn());
    updateRefs();
  };

  return {
    start,
    extract(input) {
      if (closed) return Promise.reject(new ExtractionError('extraction-failed', 'the extraction pool is closed'));
      start();
      return new Promise<ExtractedDocument>((resolve, reject) => {
        const settle = <T>(done: (value: T) => void) => (value: T) => {
          done(value);
          updateRefs();
        };
        queue.push({ id: nextId++, input, resolve: settle(resolve), reject: settle(reject) });
        dispatch();
        updateRefs();
      });
    },
    async close() {
      closed = true;
      for (const job of queue.splice(0)) job.reject(new ExtractionError('extraction-failed', 'the extraction pool was closed'));
      const all = slots.splice(0);
      for (const slot of all) {
        slot.job?.reject(new ExtractionError('extraction-failed', 'the extraction pool was closed'));
        finish(slot);
        slot.worker.removeAllListeners();
      }
      await Promise.all(all.map((slot) => slot.worker.terminate()));
    },
  };
}
