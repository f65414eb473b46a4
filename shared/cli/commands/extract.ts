/**
 * `verbatim extract --input-list LIST.jsonl`: the extraction batch contract (no AWS, no network).
 * Pages are extracted in a pool of worker threads (10 s deadline and a heap limit per page, one retry after
 * a timeout); output lines keep the input order, and a failed page is a line with its error, never the end
 * of the batch.
 */

import { availableParallelism } from 'node:os';
import { ExtractionError, toFailure } from '../../errors.ts';
import { createExtractionPool, type ExtractionPool } from '../../extract/pool.ts';
import type { ExtractedDocument, ExtractInput } from '../../extract/types.ts';
import { readJsonLines, readListedFile, writeJsonLine } from '../batch-io.ts';

/** One core is left to the main thread (reading, JSON) and the rest of the machine: the deadline is wall-clock. */
const WORKERS = Math.max(1, Math.min(4, availableParallelism() - 1));
/** Pages in flight at once: enough to keep every worker busy while output waits for the slowest. */
const WINDOW = WORKERS * 3;

export async function extractBatch(listPath: string): Promise<void> {
  const pool = createExtractionPool({ size: WORKERS, deadlineMs: 10_000, maxOldGenerationSizeMb: 1024 });
  const pending: Promise<unknown>[] = [];
  try {
    for await (const { line, value } of readJsonLines(listPath)) {
      pending.push(extractOne(pool, listPath, line, value));
      if (pending.length >= WINDOW) await writeJsonLine(await pending.shift());
    }
    while (pending.length) await writeJsonLine(await pending.shift());
  } finally {
    await pool.close();
  }
}

/**
 * One more attempt, on a fresh worker, for a page that ran out of time: on a busy machine a page well
 * within the deadline on its own can miss it. A second timeout is final.
 */
async function extractWithRetry(pool: ExtractionPool, input: ExtractInput): Promise<ExtractedDocument> {
  try {
    return await pool.extract(input);
  } catch (error) {
    if (error instanceof ExtractionError && error.code === 'extraction-timeout') return pool.extract(input);
    throw error;
  }
}

async function extractOne(pool: ExtractionPool, listPath: string, line: number, value: unknown): Promise<unknown> {
  const entry = value as { id?: unknown; file?: unknown; url?: unknown };
  const id = typeof entry?.id === 'string' || typeof entry?.id === 'number' ? entry.id : `line-${line}`;
  try {
    if (value instanceof Error) throw value;
    if (typeof entry.file !== 'string') throw new Error('missing "file"');
    const bytes = await readListedFile(listPath, entry.file);
    const url = typeof entry.url === 'string' ? entry.url : 'http://localhost/';
    const document = await extractWithRetry(pool, { bytes, url });
    return { id, ok: true, document };
  } catch (error) {
    const failure = toFailure(error);
    const message = failure.code === 'internal' && error instanceof Error ? error.message : failure.message;
    return { id, ok: false, error: { code: failure.code, message } };
  }
}
