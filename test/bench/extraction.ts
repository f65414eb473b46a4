/**
 * Extraction bench: Verbatim's per-page work against plain fresh-JSDOM Readability on the same pages.
 * Each side runs in its own child process (RSS attributable); the parent hands them the pages one at a
 * time, alternating which side goes first (ABBA), so only one side works at any moment and drift in
 * the machine's load falls on both alike.
 */

import { fork, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CorpusPage } from './corpus.ts';
import { fmtBytes, fmtMs, fmtRatio, ratio, summarize, table, type Summary } from './stats.ts';

const CHILD_SOURCE = fileURLToPath(new URL('./extraction-child.ts', import.meta.url));
/** Inside the repo (git-ignored) so that the bundle's bare imports resolve to the project's node_modules. */
const CHILD_BUILD = join(dirname(CHILD_SOURCE), '../../.bench/extraction-child.mjs');
const WARMUP = 3;

export interface SideResult {
  /** Wall-clock ms per page. */
  summary: Summary;
  /** CPU ms per page (user + system, all threads of the side's process). */
  cpu: Summary;
  pagesPerSecond: number;
  peakRssMb: number;
  failures: number;
  failureSamples: string[];
}

export interface ExtractionResult {
  pages: number;
  verbatim: SideResult;
  plain: SideResult;
  ratios: { median: number; p95: number; max: number; mean: number; pagesPerSecond: number; peakRss: number; cpuMedian: number; cpuP95: number; cpuMean: number };
  quotesPerPage: number;
  /** Mean ms of Verbatim's work per page (for the cost model). */
  verbatimMeanMs: number;
}

interface Reply {
  ms: number;
  cpuMs: number;
  ok: boolean;
  quotes: number;
  error?: string;
}

/** One child process, asked one question at a time. */
export class Side {
  private pending: { resolve: (message: any) => void; reject: (error: Error) => void } | null = null;
  readonly ready: Promise<void>;
  constructor(readonly child: ChildProcess) {
    this.ready = new Promise((resolve, reject) => (this.pending = { resolve: () => resolve(), reject }));
    child.on('message', (message) => {
      const pending = this.pending;
      this.pending = null;
      pending?.resolve(message);
    });
    child.once('exit', (code) => this.pending?.reject(new Error(`extraction child exited with code ${code}`)));
  }
  ask<T>(message: unknown): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.pending = { resolve, reject };
      this.child.send(message as never);
    });
  }
}

/**
 * The child script, bundled by esbuild as the Lambda bundles are (our code scope-hoisted) with packages
 * loaded by Node itself, so that neither side runs through tsx's loader: tsx turns ESM packages such as
 * parse5 into CommonJS whose every export is a getter call, which made parsing about twice as slow and
 * weighed on plain Readability (which parses more markup) more than on Verbatim.
 */
export async function buildChild(): Promise<string> {
  const esbuild = await import('esbuild');
  mkdirSync(dirname(CHILD_BUILD), { recursive: true });
  await esbuild.build({
    entryPoints: [CHILD_SOURCE],
    outfile: CHILD_BUILD,
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'esm',
    packages: 'external',
    logLevel: 'silent',
  });
  return CHILD_BUILD;
}

function start(script: string, side: 'verbatim' | 'plain'): Side {
  const child = fork(script, [side], {
    execArgv: [],
    env: { ...process.env, VERBATIM_LOG_LEVEL: 'ERROR', POWERTOOLS_LOG_LEVEL: 'ERROR' },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Side(child);
}

export async function benchExtraction(pages: CorpusPage[], log: (line: string) => void): Promise<ExtractionResult> {
  const script = await buildChild();
  const verbatim = start(script, 'verbatim');
  const plain = start(script, 'plain');
  await Promise.all([verbatim.ready, plain.ready]);
  const times = { verbatim: [] as number[], plain: [] as number[] };
  const cpuTimes = { verbatim: [] as number[], plain: [] as number[] };
  const failures = { verbatim: [] as string[], plain: [] as string[] };
  let quotes = 0;
  let quotedPages = 0;
  const warm = pages.slice(0, Math.min(WARMUP, pages.length));
  for (const page of warm) {
    await verbatim.ask<Reply>(page);
    await plain.ask<Reply>(page);
  }
  const startedAt = Date.now();
  for (const [index, page] of pages.entries()) {
    const order: Array<['verbatim' | 'plain', Side]> = index % 4 === 0 || index % 4 === 3
      ? [['verbatim', verbatim], ['plain', plain]]
      : [['plain', plain], ['verbatim', verbatim]];
    for (const [name, side] of order) {
      const reply = await side.ask<Reply>({ path: page.path, name: page.name });
      times[name].push(reply.ms);
      cpuTimes[name].push(reply.cpuMs);
      if (!reply.ok) failures[name].push(`${page.name}: ${reply.error ?? 'no article'}`);
      if (name === 'verbatim' && reply.ok) {
        quotes += reply.quotes;
        quotedPages += 1;
      }
    }
    if ((index + 1) % 250 === 0) log(`  extraction: ${index + 1}/${pages.length} pages (${((Date.now() - startedAt) / 1000).toFixed(0)} s)`);
  }
  const [vRss, pRss] = await Promise.all([
    verbatim.ask<{ maxRssKb: number }>('done'),
    plain.ask<{ maxRssKb: number }>('done'),
  ]);
  const side = (samples: number[], cpu: number[], rssKb: number, failed: string[]): SideResult => {
    const summary = summarize(samples);
    return {
      summary,
      cpu: summarize(cpu),
      pagesPerSecond: summary.total ? samples.length / (summary.total / 1000) : Number.NaN,
      peakRssMb: rssKb / 1024,
      failures: failed.length,
      failureSamples: failed.slice(0, 5),
    };
  };
  const v = side(times.verbatim, cpuTimes.verbatim, vRss.maxRssKb, failures.verbatim);
  const p = side(times.plain, cpuTimes.plain, pRss.maxRssKb, failures.plain);
  return {
    pages: pages.length,
    verbatim: v,
    plain: p,
    ratios: {
      median: ratio(v.summary.median, p.summary.median),
      p95: ratio(v.summary.p95, p.summary.p95),
      max: ratio(v.summary.max, p.summary.max),
      mean: ratio(v.summary.mean, p.summary.mean),
      pagesPerSecond: ratio(v.pagesPerSecond, p.pagesPerSecond),
      peakRss: ratio(v.peakRssMb, p.peakRssMb),
      cpuMedian: ratio(v.cpu.median, p.cpu.median),
      cpuP95: ratio(v.cpu.p95, p.cpu.p95),
      cpuMean: ratio(v.cpu.mean, p.cpu.mean),
    },
    quotesPerPage: quotedPages ? quotes / quotedPages : 0,
    verbatimMeanMs: v.summary.mean,
  };
}

export function formatExtraction(result: ExtractionResult): string {
  const row = (name: string, side: SideResult): string[] => [
    name,
    fmtMs(side.summary.median),
    fmtMs(side.summary.p95),
    fmtMs(side.summary.max),
    side.pagesPerSecond.toFixed(1),
    fmtBytes(side.peakRssMb * 1024 * 1024),
    String(side.failures),
  ];
  const r = result.ratios;
  const lines = [
    `extraction (${result.pages} pages, one page at a time per process, sides alternated ABBA, ${WARMUP} warm-up pages not counted)`,
    table([
      ['', 'median', 'p95', 'max', 'pages/s', 'peak RSS', 'failed'],
      row('verbatim (extract + quotes)', result.verbatim),
      row('plain JSDOM + Readability', result.plain),
      ['ratio', fmtRatio(r.median), fmtRatio(r.p95), fmtRatio(r.max), fmtRatio(r.pagesPerSecond), fmtRatio(r.peakRss), ''],
    ]),
    `  CPU time per page (user+system, all threads): verbatim median ${fmtMs(result.verbatim.cpu.median)} p95 ${fmtMs(result.verbatim.cpu.p95)}, ` +
      `plain median ${fmtMs(result.plain.cpu.median)} p95 ${fmtMs(result.plain.cpu.p95)}; ratio median ${fmtRatio(r.cpuMedian)} p95 ${fmtRatio(r.cpuP95)} mean ${fmtRatio(r.cpuMean)}`,
    `  wall mean: verbatim ${fmtMs(result.verbatim.summary.mean)}, plain ${fmtMs(result.plain.summary.mean)} (${fmtRatio(r.mean)}); quotes per extracted page: ${result.quotesPerPage.toFixed(2)}`,
  ];
  for (const [name, side] of [['verbatim', result.verbatim], ['plain', result.plain]] as const) {
    if (side.failureSamples.length) lines.push(`  ${name} failures (first ${side.failureSamples.length}): ${side.failureSamples.join(' | ')}`);
  }
  return lines.join('\n');
}
