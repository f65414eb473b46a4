/**
 * Cold starts: every Lambda bundle the CDK app builds, imported by a fresh `node` process (median of N),
 * against a fresh process importing jsdom + @mozilla/readability from node_modules; then "import + first
 * article" for the capture path against the naive path. Times are read inside the child from
 * `performance.now()` (ms since the process started), so spawn overhead in the parent does not count.
 */

import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { fmtBytes, fmtMs, fmtRatio, percentile, ratio, table } from './stats.ts';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const ARTICLE = join(ROOT, 'test/fixtures/site/article.html');

export interface ImportTiming {
  name: string;
  /** Bundle size (index.js) and whole asset folder, bytes; 0 for unbundled baselines. */
  bundleBytes: number;
  folderBytes: number;
  /** Median over the runs: ms spent in require(), and ms from process start to the end of the work. */
  importMs: number;
  processMs: number;
  /** For "first article" variants: ms of the first article after import. */
  firstMs?: number;
  /** Median peak RSS of the process (MB), where the child reports it. */
  peakRssMb?: number;
  runs: number;
}

export interface ColdStartResult {
  runs: number;
  bareNodeMs: number;
  baseline: ImportTiming;
  bundles: Array<ImportTiming & { ratioToBaseline: number; memoryMb: number; architecture: string }>;
  /** Batch sizes of the stack's SQS event sources. */
  batchSizes: number[];
  firstArticle: {
    naive: ImportTiming;
    bundled: ImportTiming;
    handler?: ImportTiming & { note: string };
    /** bundled (import + first article) / naive (import + first article), process time. */
    ratio: number;
    /** The same through the extraction worker, as the capture function runs it. */
    pooled: ImportTiming;
    pooledRatio: number;
    handlerRatio?: number;
  };
}

interface ChildTiming {
  importMs: number;
  processMs: number;
  firstMs?: number;
  /** Peak resident set of the whole process, worker threads included (KB, resourceUsage().maxRSS). */
  maxRssKb?: number;
}

/** Run a CommonJS snippet in a fresh node and read the JSON line it prints last. */
async function child(script: string, cwd: string, env: NodeJS.ProcessEnv): Promise<ChildTiming> {
  const { stdout } = await run(process.execPath, ['-e', script], { cwd, env, maxBuffer: 16 * 1024 * 1024 });
  const line = stdout.trim().split('\n').filter((l) => l.startsWith('{"importMs"')).pop();
  if (!line) throw new Error(`no timing from child:\n${stdout.slice(-2000)}`);
  return JSON.parse(line) as ChildTiming;
}

const TIME = `const { performance } = require('node:perf_hooks'); const __t0 = performance.now();`;
const importScript = (modules: string[]) =>
  `${TIME} ${modules.map((m) => `require(${JSON.stringify(m)});`).join(' ')} const __t1 = performance.now();
   process.stdout.write('\\n' + JSON.stringify({ importMs: __t1 - __t0, processMs: __t1 }) + '\\n');`;

/** A bench bundle with the capture function's esbuild settings (infra/constructs/verbatim-function.ts). */
async function bundle(entry: string, outfile: string, aliases: Record<string, string> = {}): Promise<void> {
  const esbuild = await import('esbuild');
  await esbuild.build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'cjs',
    minify: true,
    sourcemap: true,
    sourcesContent: false,
    mainFields: ['module', 'main'],
    external: ['canvas'],
    alias: Object.fromEntries(Object.entries(aliases).map(([module, file]) => [module, join(ROOT, file)])),
    logLevel: 'silent',
  });
}

function folderSize(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    total += entry.isDirectory() ? folderSize(path) : statSync(path).size;
  }
  return total;
}

function median(values: number[]): number {
  return percentile(values, 50);
}

function collect(name: string, timings: ChildTiming[], bundleBytes = 0, folderBytes = 0): ImportTiming {
  const firsts = timings.flatMap((t) => (t.firstMs === undefined ? [] : [t.firstMs]));
  const rss = timings.flatMap((t) => (t.maxRssKb === undefined ? [] : [t.maxRssKb / 1024]));
  return {
    name,
    bundleBytes,
    folderBytes,
    importMs: median(timings.map((t) => t.importMs)),
    processMs: median(timings.map((t) => t.processMs)),
    ...(firsts.length ? { firstMs: median(firsts) } : {}),
    ...(rss.length ? { peakRssMb: median(rss) } : {}),
    runs: timings.length,
  };
}

export interface StackBundle {
  logicalId: string;
  dir: string;
  memoryMb: number;
  architecture: string;
}

/** Synthesize the stack (real esbuild bundling) into `outdir` in a child process, as test/infra does in-process. */
export async function synthBundles(outdir: string): Promise<{ bundles: StackBundle[]; batchSizes: number[] }> {
  const script = fileURLToPath(new URL('./synth-child.ts', import.meta.url));
  const { stdout } = await run(process.execPath, ['--import', 'tsx', script, outdir], { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 });
  const line = stdout.split('\n').find((l) => l.startsWith('BUNDLES:'));
  if (!line) throw new Error(`stack synthesis printed no bundles:\n${stdout.slice(-2000)}`);
  return JSON.parse(line.slice('BUNDLES:'.length)) as { bundles: StackBundle[]; batchSizes: number[] };
}

/** Fake AWS settings: enough for module-scope config and client construction, never used to connect. */
function lambdaEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'AKIDBENCHFAKE',
    AWS_SECRET_ACCESS_KEY: 'bench-fake-secret',
    VERBATIM_BUCKET: 'bench-bucket',
    VERBATIM_TABLE: 'bench-table',
    VERBATIM_QUEUE_URL: 'https://sqs.us-east-1.amazonaws.com/123456789012/bench-queue',
    POWERTOOLS_LOG_LEVEL: 'ERROR',
    VERBATIM_LOG_LEVEL: 'ERROR',
    POWERTOOLS_METRICS_NAMESPACE: 'VerbatimBench',
    ...extra,
  };
}

export interface ColdStartOptions {
  runs: number;
  /** Also drive the real capture bundle's handler against the local emulators (slower). */
  handler: boolean;
  log: (line: string) => void;
}

export async function benchColdStart(options: ColdStartOptions): Promise<ColdStartResult> {
  const work = mkdtempSync(join(tmpdir(), 'verbatim-bench-'));
  try {
    options.log('  coldstart: synthesizing the stack (esbuild bundles)...');
    const { bundles, batchSizes } = await synthBundles(join(work, 'cdk.out'));
    const naiveModules = ['jsdom', '@mozilla/readability'];
    const articleBytes = JSON.stringify(ARTICLE);

    // Capture path through bench bundles made with the capture function's esbuild settings: extraction in
    // this thread (like for like with the naive path), and as deployed (a worker thread started at import).
    const pathDir = join(work, 'capture-path');
    const poolDir = join(work, 'capture-pool');
    // Extraction-only bundles get the extraction worker's aliases (no undici), as the stack builds it.
    const { EXTRACTION_ALIASES } = await import('../../infra/constructs/verbatim-function.ts');
    await bundle(fileURLToPath(new URL('./capture-path-entry.ts', import.meta.url)), join(pathDir, 'index.js'), EXTRACTION_ALIASES);
    await bundle(fileURLToPath(new URL('./capture-pool-entry.ts', import.meta.url)), join(poolDir, 'index.js'));
    await bundle(join(ROOT, 'shared/extract/worker.ts'), join(poolDir, 'worker.js'), EXTRACTION_ALIASES);
    const xhrWorker = join(ROOT, 'node_modules/jsdom/lib/jsdom/living/xhr/xhr-sync-worker.js');
    copyFileSync(xhrWorker, join(pathDir, 'xhr-sync-worker.js'));
    copyFileSync(xhrWorker, join(poolDir, 'xhr-sync-worker.js'));

    const firstScript = {
      naive: `${TIME} const { JSDOM, VirtualConsole } = require('jsdom'); const { Readability } = require('@mozilla/readability');
        const __t1 = performance.now(); const bytes = require('node:fs').readFileSync(${articleBytes});
        const dom = new JSDOM(bytes, { url: 'https://bench.example/article', virtualConsole: new VirtualConsole() });
        const article = new Readability(dom.window.document).parse(); const __t2 = performance.now();
        if (!article) throw new Error('no article');
        process.stdout.write('\\n' + JSON.stringify({ importMs: __t1 - __t0, processMs: __t2, firstMs: __t2 - __t1 }) + '\\n');`,
      bundled: `${TIME} const m = require(${JSON.stringify(join(pathDir, 'index.js'))});
        const __t1 = performance.now(); const bytes = require('node:fs').readFileSync(${articleBytes});
        const r = m.run(bytes, 'https://bench.example/article'); const __t2 = performance.now();
        if (!r.title) throw new Error('no title');
        process.stdout.write('\\n' + JSON.stringify({ importMs: __t1 - __t0, processMs: __t2, firstMs: __t2 - __t1 }) + '\\n');`,
      pooled: `${TIME} const m = require(${JSON.stringify(join(poolDir, 'index.js'))});
        const __t1 = performance.now(); const bytes = require('node:fs').readFileSync(${articleBytes});
        m.run(bytes, 'https://bench.example/article').then((r) => { const __t2 = performance.now();
          if (!r.title) throw new Error('no title');
          process.stdout.write('\\n' + JSON.stringify({ importMs: __t1 - __t0, processMs: __t2, firstMs: __t2 - __t1 }) + '\\n');
        }).catch((error) => { console.error(error); process.exit(1); });`,
    };

    const timings = new Map<string, ChildTiming[]>();
    const push = (name: string, timing: ChildTiming) => timings.set(name, [...(timings.get(name) ?? []), timing]);
    // Round-robin: each round runs every variant once, so machine noise spreads over all of them.
    for (let round = 0; round < options.runs; round++) {
      push('bare', await child(importScript([]), work, lambdaEnv()));
      push('baseline', await child(importScript(naiveModules), ROOT, lambdaEnv()));
      for (const bundle of bundles) push(bundle.logicalId, await child(importScript([join(bundle.dir, 'index.js')]), bundle.dir, lambdaEnv()));
      push('naive-first', await child(firstScript.naive, ROOT, lambdaEnv()));
      push('bundled-first', await child(firstScript.bundled, pathDir, lambdaEnv()));
      push('pooled-first', await child(firstScript.pooled, poolDir, lambdaEnv()));
    }
    const baseline = collect('jsdom + @mozilla/readability (node_modules)', timings.get('baseline')!);
    const naive = collect('naive: require jsdom + Readability, new JSDOM, parse', timings.get('naive-first')!);
    const bundled = collect('capture path bundle: import + extractDocument + quotes', timings.get('bundled-first')!,
      statSync(join(pathDir, 'index.js')).size, folderSize(pathDir));
    const pooled = collect('capture path as deployed: worker started at import, extract there, quotes here', timings.get('pooled-first')!,
      statSync(join(poolDir, 'index.js')).size, folderSize(poolDir));
    const result: ColdStartResult = {
      runs: options.runs,
      bareNodeMs: median(timings.get('bare')!.map((t) => t.processMs)),
      baseline,
      bundles: bundles.map((bundle) => {
        const timing = collect(bundle.logicalId, timings.get(bundle.logicalId)!, statSync(join(bundle.dir, 'index.js')).size, folderSize(bundle.dir));
        return { ...timing, memoryMb: bundle.memoryMb, architecture: bundle.architecture, ratioToBaseline: ratio(timing.importMs, baseline.importMs) };
      }),
      batchSizes,
      firstArticle: {
        naive,
        bundled,
        ratio: ratio(bundled.processMs, naive.processMs),
        pooled,
        pooledRatio: ratio(pooled.processMs, naive.processMs),
      },
    };

    const capture = bundles.find((b) => b.logicalId.startsWith('CaptureFunction'));
    if (options.handler && capture) {
      options.log('  coldstart: driving the capture bundle against the local emulators...');
      const handler = await benchHandler(capture.dir, options.runs);
      result.firstArticle.handler = handler;
      result.firstArticle.handlerRatio = ratio(handler.processMs, naive.processMs);
    }
    return result;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/**
 * The real capture bundle, fresh process, import + one SQS message end to end: fetch from a fixture
 * site on 127.0.0.1, S3 and DynamoDB on the embedded emulators (so it includes the SDK's first calls).
 */
async function benchHandler(dir: string, runs: number): Promise<ImportTiming & { note: string }> {
  const { emulatorLambdaEnv, startTestEmulators } = await import('../helpers/emulators.ts');
  const { startFixtureSite } = await import('../helpers/fixture-site.ts');
  const { DynamoCatalog } = await import('../../shared/catalog/dynamo-catalog.ts');
  const emulators = await startTestEmulators();
  const site = await startFixtureSite({ '/article': { body: readFileSync(ARTICLE) } });
  try {
    const catalog = new DynamoCatalog(emulators.clients.dynamo, emulators.table);
    const port = new URL(site.origin).port;
    const env = lambdaEnv({ ...emulatorLambdaEnv(emulators), VERBATIM_ALLOWED_PORTS: `80,443,${port}` });
    const timings: ChildTiming[] = [];
    for (let i = 0; i < runs; i++) {
      const id = `bench-cold-${Date.now()}-${i}`;
      const url = site.url(`/article?run=${i}`);
      const now = new Date().toISOString();
      await catalog.create({ id, url, status: 'queued', createdAt: now, updatedAt: now });
      const event = { Records: [{ messageId: `m${i}`, body: JSON.stringify({ id, url }), eventSource: 'aws:sqs', attributes: {}, messageAttributes: {} }] };
      const script = `${TIME} const { handler } = require(${JSON.stringify(join(dir, 'index.js'))}); const __t1 = performance.now();
        const context = { getRemainingTimeInMillis: () => 60000, functionName: 'bench', awsRequestId: 'bench-${i}' };
        Promise.resolve(handler(${JSON.stringify(event)}, context)).then((result) => {
          const __t2 = performance.now();
          if (result && result.batchItemFailures && result.batchItemFailures.length) throw new Error('capture failed');
          process.stdout.write('\\n' + JSON.stringify({ importMs: __t1 - __t0, processMs: __t2, firstMs: __t2 - __t1, maxRssKb: process.resourceUsage().maxRSS }) + '\\n');
        }).catch((error) => { console.error(error); process.exit(1); });`;
      timings.push(await child(script, dir, env));
      const record = await catalog.get(id);
      if (record?.status !== 'done') throw new Error(`bench capture ${id} ended ${record?.status}: ${JSON.stringify(record?.failure)}`);
    }
    return {
      ...collect('capture bundle handler: import + one SQS message (fetch, S3, DynamoDB on emulators)', timings, statSync(join(dir, 'index.js')).size, folderSize(dir)),
      note: 'includes fetch from 127.0.0.1 and S3/DynamoDB round trips to the local emulators',
    };
  } finally {
    await site.close();
    await emulators.dispose();
  }
}

export function formatColdStart(result: ColdStartResult): string {
  const rows: string[][] = [['', 'index.js', 'folder', 'import (median)', 'ratio']];
  rows.push([result.baseline.name, '-', '-', fmtMs(result.baseline.importMs), '1.00x']);
  for (const bundle of result.bundles) {
    rows.push([`${bundle.name.replace(/[0-9A-F]{8}$/, '')} (${bundle.memoryMb} MB ${bundle.architecture})`, fmtBytes(bundle.bundleBytes), fmtBytes(bundle.folderBytes), fmtMs(bundle.importMs), fmtRatio(bundle.ratioToBaseline)]);
  }
  const first = result.firstArticle;
  const firstRows: string[][] = [['', 'import', 'first article', 'process total', 'ratio']];
  const line = (t: ImportTiming, r: number) => [t.name, fmtMs(t.importMs), fmtMs(t.firstMs ?? Number.NaN), fmtMs(t.processMs), fmtRatio(r)];
  firstRows.push(line(first.naive, 1));
  firstRows.push(line(first.bundled, first.ratio));
  firstRows.push(line(first.pooled, first.pooledRatio));
  if (first.handler) firstRows.push(line(first.handler, first.handlerRatio ?? Number.NaN));
  const rss = first.handler?.peakRssMb;
  return [
    `cold start (fresh node per run, median of ${result.runs}; bare node boots in ${fmtMs(result.bareNodeMs)})`,
    table(rows),
    '',
    'import + first article (process total = ms from process start to the article done)',
    table(firstRows),
    ...(rss ? [`capture handler peak RSS (main thread + extraction worker, one article): ${rss.toFixed(0)} MB`] : []),
  ].join('\n');
}
