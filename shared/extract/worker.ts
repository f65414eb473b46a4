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

/**
 * A small article extracted once at start: it builds the shared jsdom window and compiles the extraction
 * code paths while the first real page is still being fetched, so the first capture does not pay for them.
 */
const PRIMER = new TextEncoder().encode(`<!doctype html><html lang="en"><head><title>Primer | Site</title>
<meta property="og:type" content="article"><meta name="author" content="Ann Writer">
<script type="application/ld+json">{"@type":"NewsArticle","headline":"Primer","datePublished":"2026-01-02T03:04:05Z"}</script>
</head><body><nav><a href="/">Home</a> <a href="/news">News</a></nav><main><article><h1>Primer</h1>
<p class="byline">By Ann Writer</p>${'<p>"This paragraph primes the extractor," said Ann Writer, and it does nothing else at all. </p>'.repeat(6)}
</article></main><footer>Footer</footer></body></html>`);
try {
  extractDocument({ bytes: PRIMER, url: 'https://primer.invalid/2026/01/02/primer' });
} catch {
  // priming is an optimisation only
}

// Loading jsdom takes a while; the pool starts a document's deadline only once the worker is ready.
port.postMessage({ ready: true } satisfies WorkerReady);
