/**
 * The capture function's settings and its extraction worker, started as this module is evaluated.
 * functions/capture.ts imports it first, so the worker thread's jsdom import (the longest part of a cold
 * start) runs while the rest of the bundle loads (AWS SDK, undici) and while the first page is fetched.
 * It imports nothing heavy itself: its imports are evaluated before it.
 */

import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadLambdaConfig } from '#shared/config.ts';
import { createExtractionPool } from '#shared/extract/pool.ts';

export const config = loadLambdaConfig();

// One worker thread, bundled beside the handler as worker.js (see infra/constructs/verbatim-function.ts):
// the only thread that loads jsdom.
export const extraction = createExtractionPool({
  size: 1,
  deadlineMs: config.VERBATIM_EXTRACT_DEADLINE_MS,
  workerUrl: pathToFileURL(join(__dirname, 'worker.js')),
});
extraction.start();
