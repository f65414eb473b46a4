/**
 * `npm run bench`: Verbatim's performance figures, each a ratio against a baseline measured in the same
 * run. Sections: extraction, coldstart, api, e2e, cost (`--only a,b`), and memory (capture memory sizes
 * under CPU quotas; slow, so only when named). Never fails on slow timings: the exit code is non-zero only
 * when a section crashes. See test/bench/README.md for what each figure means.
 *
 *   npm run bench -- [--corpus DIR] [--limit N] [--json FILE] [--only extraction,coldstart,api,e2e,cost,memory]
 *                    [--runs N] [--api-seconds S] [--e2e-captures N] [--io-ms MS] [--cpu-ms MS] [--api-key KEY]
 *                    [--sizes 512,1024,...] [--memory-every N]
 */

import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

process.env.VERBATIM_LOG_LEVEL ??= 'ERROR';
process.env.POWERTOOLS_LOG_LEVEL ??= 'ERROR';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SECTIONS = ['extraction', 'coldstart', 'api', 'e2e', 'cost', 'memory'] as const;
type Section = (typeof SECTIONS)[number];
const DEFAULT_SECTIONS: Section[] = ['extraction', 'coldstart', 'api', 'e2e', 'cost'];

const { values } = parseArgs({
  options: {
    corpus: { type: 'string', default: resolve(ROOT, 'test/fixtures') },
    limit: { type: 'string' },
    json: { type: 'string' },
    only: { type: 'string', default: DEFAULT_SECTIONS.join(',') },
    runs: { type: 'string', default: '10' },
    'api-seconds': { type: 'string', default: '5' },
    'e2e-captures': { type: 'string', default: '20' },
    'io-ms': { type: 'string', default: '600' },
    'cpu-ms': { type: 'string' },
    'api-key': { type: 'string' },
    sizes: { type: 'string' },
    'memory-every': { type: 'string', default: '1' },
    'no-handler': { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});

if (values.help) {
  process.stdout.write(readFileSync(fileURLToPath(import.meta.url), 'utf8').split('*/')[0]!.replace(/^\/\*\*?\n?| \* ?/gm, '') + '\n');
  process.exit(0);
}

const only = new Set(values.only.split(',').map((s) => s.trim()).filter(Boolean));
for (const name of only) if (!SECTIONS.includes(name as Section)) throw new Error(`--only: unknown section ${name} (${SECTIONS.join(', ')})`);
const wants = (section: Section) => only.has(section);
const positive = (name: string, value: string | undefined, fallback: number) => {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name} must be a positive number, got ${value}`);
  return n;
};

const log = (line: string) => process.stderr.write(`${line}\n`);
const print = (text: string) => process.stdout.write(`${text}\n\n`);

const { listCorpus } = await import('./corpus.ts');
const { fmtRatio, fmtUsd, table } = await import('./stats.ts');

const corpusDir = resolve(values.corpus);
const pages = listCorpus(corpusDir, positive('limit', values.limit, Infinity));
if (!pages.length) throw new Error(`no .html or .html.gz pages under ${corpusDir}`);
const apiKey = values['api-key'] ?? process.env.VERBATIM_BENCH_API_KEY;
const auth = apiKey ? { headers: () => ({ authorization: `Bearer ${apiKey}` }) } : undefined;

const git = (...args: string[]) => {
  try {
    return execFileSync('git', args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return '';
  }
};
const meta = {
  date: new Date().toISOString(),
  node: process.version,
  cpu: cpus()[0]?.model ?? 'unknown',
  cores: cpus().length,
  memoryGb: Math.round(totalmem() / 1024 ** 3),
  corpus: corpusDir,
  pages: pages.length,
  commit: git('rev-parse', '--short', 'HEAD'),
  /** Uncommitted files under the measured code (extraction mid-change when non-zero). */
  uncommittedExtractionFiles: git('status', '--porcelain', '--', 'shared/extract', 'shared/quotes').split('\n').filter(Boolean).length,
};

const results: Record<string, unknown> = { meta };
const crashed: string[] = [];
async function section<T>(name: Section, body: () => Promise<T>): Promise<T | undefined> {
  if (!wants(name)) return undefined;
  const started = Date.now();
  log(`bench: ${name}...`);
  try {
    const result = await body();
    results[name] = result;
    log(`bench: ${name} done in ${((Date.now() - started) / 1000).toFixed(0)} s`);
    return result;
  } catch (error) {
    crashed.push(name);
    const message = (error as Error)?.stack ?? String(error);
    results[name] = { error: message };
    print(`${name}: CRASHED\n${message}`);
    return undefined;
  }
}

print(`bench ${meta.date}  node ${meta.node}  ${meta.cpu} x${meta.cores}  commit ${meta.commit}` +
  `${meta.uncommittedExtractionFiles ? ` (+${meta.uncommittedExtractionFiles} uncommitted files in shared/extract, shared/quotes)` : ''}\n` +
  `corpus ${corpusDir} (${pages.length} pages)`);

const extraction = await section('extraction', async () => {
  const { benchExtraction, formatExtraction } = await import('./extraction.ts');
  const result = await benchExtraction(pages, log);
  print(formatExtraction(result));
  return result;
});

const coldstart = await section('coldstart', async () => {
  const { benchColdStart, formatColdStart } = await import('./coldstart.ts');
  const result = await benchColdStart({ runs: positive('runs', values.runs, 10), handler: !values['no-handler'], log });
  print(formatColdStart(result));
  return result;
});

const memory = await section('memory', async () => {
  const { benchMemorySizes, DEFAULT_SIZES_MB, formatMemory } = await import('./memory.ts');
  const sizes = values.sizes ? values.sizes.split(',').map((size) => positive('sizes', size, 1024)) : DEFAULT_SIZES_MB;
  const every = Math.round(positive('memory-every', values['memory-every'], 1));
  const result = await benchMemorySizes(pages.filter((_page, index) => index % every === 0), sizes, log);
  print(formatMemory(result));
  return result;
});

let e2e: import('./e2e.ts').E2eResult | undefined;
let api: import('./api.ts').ApiResult | undefined;
if (wants('e2e') || wants('api')) {
  const { startBenchApp } = await import('./local-app.ts');
  const captures = wants('e2e') ? Math.round(positive('e2e-captures', values['e2e-captures'], 20)) : 1;
  let app: import('./local-app.ts').BenchApp | undefined;
  try {
    app = await startBenchApp(pages, captures, auth);
    const started = app;
    e2e = await section('e2e', async () => {
      const { benchE2e, formatE2e } = await import('./e2e.ts');
      const result = await benchE2e(started, started.paths);
      print(formatE2e(result));
      return result;
    });
    api = await section('api', async () => {
      const { benchApi, formatApi } = await import('./api.ts');
      const id = await firstDoneCapture(started);
      const result = await benchApi(started.verbatim.url, id, positive('api-seconds', values['api-seconds'], 5), started.verbatim);
      print(formatApi(result));
      // Let the server finish requests still queued from the last load run before storage closes.
      await new Promise((resolve) => setTimeout(resolve, 2000));
      return result;
    });
  } catch (error) {
    crashed.push('local app');
    print(`local app: CRASHED\n${(error as Error)?.stack ?? String(error)}`);
  } finally {
    await app?.close();
  }
}

/** A capture with a snapshot for the read API: one from the e2e run, else a fresh one. */
async function firstDoneCapture(app: import('./local-app.ts').BenchApp): Promise<string> {
  for (const path of app.paths) {
    const { items } = await app.verbatim.catalog.listByUrl(app.site.url(path), { limit: 1 });
    const record = items?.[0];
    if (record?.status === 'done' && record.snapshot) return record.id;
  }
  for (const path of app.paths) {
    const record = await app.terminal(await app.submit(app.site.url(path)));
    if (record.status === 'done' && record.snapshot) return record.id;
  }
  throw new Error('no page of the corpus could be captured for the read API bench');
}

const cost = await section('cost', async () => {
  const { costPerCapture, memoryTable, PRICES } = await import('./cost.ts');
  const context = JSON.parse(readFileSync(resolve(ROOT, 'cdk.json'), 'utf8')).context as Record<string, unknown>;
  const captureMemoryMb = Number(context['verbatim:captureMemoryMb'] ?? 1024);
  const notes: string[] = [];
  // CPU time, not wall time: on Lambda the function has its vCPU share to itself; this machine may not.
  const cpuOverride = values['cpu-ms'] === undefined ? undefined : positive('cpu-ms', values['cpu-ms'], 250);
  const cpuMs = cpuOverride ?? extraction?.verbatim.cpu.mean ?? 250;
  if (cpuOverride !== undefined) notes.push(`CPU per capture given by --cpu-ms: ${cpuOverride} ms`);
  else if (!extraction) notes.push('no extraction run: 250 ms CPU per capture assumed (--cpu-ms)');
  const per = e2e?.perCapture;
  if (!per) notes.push('no e2e run: 4 S3 PUTs, 60 kB stored, 6 WRU per capture assumed');
  const ioMs = positive('io-ms', values['io-ms'], 600);
  const usage = {
    captureMemoryMb,
    arch: 'arm64' as const,
    cpuMsFullCore: cpuMs,
    ioMs,
    batchSize: coldstart?.batchSizes[0] ?? 5,
    apiMemoryMb: 512,
    apiRequestsPerCapture: 3,
    // Uncached: a Lambda instance's caches cannot be counted on for the bill.
    apiMsPerRequest: Math.max(api?.routes.find((r) => r.route === 'GET /v1/captures/{id} (no cache)')?.fixedRate.p50 ?? 20, 1),
    s3PutsPerCapture: per?.s3Puts ?? 4,
    s3GetsPerCapture: 1,
    storedBytesPerCapture: per?.storedBytes ?? 60_000,
    dynamoWriteUnitsPerCapture: per?.dynamoWriteUnits ?? 6,
    dynamoReadUnitsPerCapture: (per?.dynamoReads ?? 4) + 1,
    dynamoBytesPerCapture: per?.dynamoStoredBytes ?? 4_000,
    // SendMessage, then ReceiveMessage and DeleteMessageBatch once per batch of 5.
    sqsRequestsPerCapture: 1 + 2 / 5,
    tracesPerCapture: 2,
  };
  const report = costPerCapture(usage);
  const memory = memoryTable(usage, [512, 768, 1024, 1536, 1769, 2048]);
  print([
    `cost on AWS (us-east-1; prices: ${PRICES.asOf})`,
    `  capture function: ${captureMemoryMb} MB arm64; billed ${report.captureBilledMs} ms per capture = ` +
      `${cpuMs.toFixed(0)} ms CPU (mean CPU per page of Verbatim's work, extraction section or --cpu-ms) / ${Math.min(1, captureMemoryMb / 1769).toFixed(2)} vCPU share + ${ioMs} ms waiting (assumed: fetch over the internet, S3 and DynamoDB calls; --io-ms)`,
    `  per capture also: ${usage.apiRequestsPerCapture} API requests (submit, poll, read snapshot), batch size ${usage.batchSize}, ${usage.tracesPerCapture} X-Ray traces` +
      (notes.length ? `\n  assumed: ${notes.join('; ')}` : ''),
    table([
      ['item', 'basis (per capture)', 'per capture', 'per million'],
      ...report.lines.map((l) => [l.item, l.basis, fmtUsd(l.perCapture), fmtUsd(l.perMillion)]),
      ['total', '', fmtUsd(report.perCapture), fmtUsd(report.perMillion)],
    ]),
    `  storage: ${fmtUsd(report.storagePerMillionPerMonth)} per month per million captures kept (S3 Standard + DynamoDB; object lock keeps them >= 365 days, versioning and PITR extra)`,
    `  capture Lambda compute: ${fmtUsd(report.captureComputePerMillion)} per million (issue target <= $40)`,
    `  modelled (not measured on Lambda) capture compute per million by memory size: ` +
      memory.map((m) => `${m.memoryMb} MB ${m.billedMs} ms ${fmtUsd(m.perMillion)}`).join('; '),
  ].join('\n'));
  return { usage, prices: PRICES, report, memory, notes };
});

const summary: string[] = [];
if (extraction) summary.push(`extraction median ${fmtRatio(extraction.ratios.median)} p95 ${fmtRatio(extraction.ratios.p95)} plain Readability`);
if (coldstart) {
  const apiBundle = coldstart.bundles.find((b) => b.name.startsWith('ApiFunction'));
  summary.push(`capture cold start ${fmtRatio(coldstart.firstArticle.ratio)} (worker ${fmtRatio(coldstart.firstArticle.pooledRatio)})` +
    (coldstart.firstArticle.handlerRatio !== undefined ? ` (handler ${fmtRatio(coldstart.firstArticle.handlerRatio)})` : '') +
    (apiBundle ? `; API import ${fmtRatio(apiBundle.ratioToBaseline)} jsdom` : ''));
}
if (api) {
  const record = api.ratios['GET /v1/captures/{id}'];
  const snapshot = api.ratios['GET /v1/captures/{id}/snapshot'];
  const recordCold = api.ratios['GET /v1/captures/{id} (no cache)'];
  const snapshotCold = api.ratios['GET /v1/captures/{id}/snapshot (no cache)'];
  summary.push(`API p99 ${fmtRatio(record?.p99AtRate ?? Number.NaN)} (snapshot ${fmtRatio(snapshot?.p99AtRate ?? Number.NaN)}) trivial, ` +
    `no cache ${fmtRatio(recordCold?.p99AtRate ?? Number.NaN)} (snapshot ${fmtRatio(snapshotCold?.p99AtRate ?? Number.NaN)})`);
}
if (e2e) summary.push(`${e2e.capturesPerMinute.toFixed(0)} captures/min`);
if (memory && !memory.skipped) summary.push(`memory sizes ${memory.sizes.map((s) => `${s.memoryMb} MB ${fmtUsd(s.computePerMillionUsd)}`).join(', ')} per million`);
if (cost) summary.push(`${fmtUsd(cost.report.perMillion)} per million captures`);
if (crashed.length) summary.push(`CRASHED: ${crashed.join(', ')}`);
results.summary = `bench: ${summary.join('; ')}`;
if (values.json) writeFileSync(resolve(values.json), JSON.stringify(results, null, 2));
process.stdout.write(`${results.summary}\n`);
process.exitCode = crashed.length ? 1 : 0;
