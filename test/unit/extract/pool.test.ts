import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { ExtractionError } from '../../../shared/errors.ts';
import { createExtractionPool, type ExtractionPool } from '../../../shared/extract/pool.ts';

const encode = (html: string): Uint8Array => new TextEncoder().encode(html);
const ARTICLE = `<html><head><title>Pool test article - Site</title></head><body><article><h1>Pool test article</h1>${
  '<p>Some ordinary sentences of text, long enough for Readability to keep them as content.</p>'.repeat(6)}</article></body></html>`;

let pool: ExtractionPool | undefined;
afterEach(async () => {
  await pool?.close();
  pool = undefined;
});

describe('extraction worker pool', () => {
  it('extracts a document in a worker thread', async () => {
    pool = createExtractionPool({ size: 1 });
    const document = await pool.extract({ bytes: encode(ARTICLE), url: 'https://example.com/a' });
    expect(document.title).toBe('Pool test article');
    expect(document.text).toContain('Some ordinary sentences');
  });

  it('fails a page that runs past the deadline with extraction-timeout, then keeps working', async () => {
    pool = createExtractionPool({ size: 1, deadlineMs: 1_500 });
    // Under the guard limits, but about 4 s of work on an idle machine: far more than 1.5 s.
    const slow = `<html><body>${'<div>'.repeat(790)}${'<p>x, y, z and more words here.</p>'.repeat(2_500)}${'</div>'.repeat(790)}</body></html>`;
    const started = Date.now();
    const failure = await pool.extract({ bytes: encode(slow), url: 'https://example.com/slow' }).then(
      () => null,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(ExtractionError);
    expect((failure as ExtractionError).code).toBe('extraction-timeout');
    // Worker start-up counts too; the bound only shows the page did not run to completion.
    expect(Date.now() - started).toBeLessThan(20_000);

    const document = await pool.extract({ bytes: encode(ARTICLE), url: 'https://example.com/after' });
    expect(document.title).toBe('Pool test article');
  });

  it('passes a typed extraction error through from the worker', async () => {
    pool = createExtractionPool({ size: 1 });
    const deep = `${'<div>'.repeat(3_000)}x${'</div>'.repeat(3_000)}`;
    await expect(pool.extract({ bytes: encode(deep), url: 'https://example.com/deep' })).rejects.toMatchObject({
      name: 'ExtractionError',
      code: 'extraction-too-large',
    });
  });

  it('starts its workers early on request, and they still let a process that is done exit', async () => {
    const script = `
      import { createExtractionPool } from ${JSON.stringify(new URL('../../../shared/extract/pool.ts', import.meta.url).pathname)};
      const { threadId } = await import('node:worker_threads');
      const pool = createExtractionPool({ size: 1 });
      pool.start();
      // The worker thread exists before any page is sent (its thread id is taken at start).
      const { Worker } = await import('node:worker_threads');
      const probe = new Worker('process.exit(0)', { eval: true });
      console.log(probe.threadId > threadId + 1 ? 'started' : 'not started');
      await new Promise((done) => probe.once('exit', done));`;
    const file = join(await mkdtemp(join(tmpdir(), 'verbatim-pool-')), 'early-pool.mts');
    await writeFile(file, script);
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', file], { timeout: 20_000 });
    expect(stdout.trim()).toBe('started');
  });

  it('starts no thread until used, and lets a process that is done exit without closing the pool', async () => {
    // A Lambda module builds its pool at import, and a CLI may finish without closing it: idle workers
    // must neither cost start-up time nor hold the process open.
    const script = `
      import { createExtractionPool } from ${JSON.stringify(new URL('../../../shared/extract/pool.ts', import.meta.url).pathname)};
      const pool = createExtractionPool({ size: 2 });
      const document = await pool.extract({ bytes: new TextEncoder().encode(${JSON.stringify(ARTICLE)}), url: 'https://example.com/a' });
      console.log(document.title);`;
    const file = join(await mkdtemp(join(tmpdir(), 'verbatim-pool-')), 'idle-pool.mts');
    await writeFile(file, script);
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', file], { timeout: 20_000 });
    expect(stdout.trim()).toBe('Pool test article');
  });
});
