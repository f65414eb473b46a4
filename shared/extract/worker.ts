/**
 * Worker-thread entry for extraction (its own module, so the bundler can make it a second entry point).
 * Receives `{ id, input }`, answers `{ id, ok: true, document }` or `{ id, ok: false, error }`.
 */

import { parentPort } from 'node:worker_threads';
import { ExtractionError } from '../errors.ts';
import { extractDocument } from './extract.ts';
import type { ExtractInput } from './types.ts';

export interface WorkerRequest {
  id: number;
  input: ExtractInput;
}

export type WorkerReply =
  | { id: number; ok: true; document: ReturnType<typeof extractDocument> }
  | { id: number; ok: false; error: { code: string; message: string } };

export interface WorkerReady {
  ready: true;
}

if (!parentPort) throw new Error('shared/extract/worker.ts must run as a worker thread');
const port = parentPort;

port.on('message', (request: WorkerRequest) => {
  let reply: WorkerReply;
  try {
    reply = { id: request.id, ok: true, document: extractDocument(request.input) };
  } catch (error) {
    const known = error instanceof ExtractionError;
    reply = {
      id: request.id,
      ok: false,
      error: {
        code: known ? error.code : 'extraction-failed',
        message: known ? error.message : `could not extract ${request.input.url}: ${error instanceof Error ? error.message : String(error)}`,
      },
    };
  }
  port.postMessage(reply);
});

// Loading jsdom takes a while; the pool starts a document's deadline only once the worker is ready.
port.postMessage({ ready: true } satisfies WorkerReady);
