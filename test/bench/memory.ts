/**
 * Capture memory size, measured: Verbatim's per-page work (extract + quotes) run once per candidate
 * Lambda memory size, each time in a fresh process given what a function of that size gets: a CPU share
 * (Lambda allots CPU in proportion to memory, one full vCPU at 1,769 MB), enforced by a Linux CFS quota
 * on a cgroup of its own, and a V8 heap capped below the memory size. Wall time per page under the quota
 * is what Lambda would bill; peak RSS says whether the size fits; failures say where it does not.
 *
 * Needs a writable cgroup v1 cpu controller (root on Linux, as on the team's machines); otherwise the
 * section reports itself skipped instead of inventing figures.
 */

import { fork } from 'node:child_process';
import { existsSync, mkdirSync, rmdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FULL_VCPU_MB, PRICES } from './cost.ts';
import type { CorpusPage } from './corpus.ts';
import { buildChild, Side } from './extraction.ts';
import { fmtBytes, fmtMs, fmtUsd, summarize, table, type Summary } from './stats.ts';

const CGROUP_CPU = '/sys/fs/cgroup/cpu';
const PERIOD_US = 100_000;
/** Memory a Node function keeps for itself outside the V8 old generation (code, buffers, jsdom natives). */
const NON_HEAP_MB = 160;

export const DEFAULT_SIZES_MB = [512, 768, 1024, 1536, 1769, 2048];

export interface SizeResult {
  memoryMb: number;
  /** CPU share given (vCPUs). */
  vcpu: number;
  heapMb: number;
  wall: Summary;
  cpu: Summary;
  peakRssMb: number;
  failures: number;
  failureSamples: string[];
  /** Lambda compute (arm64 GB-s price) of the extraction work per million captures, from the measured mean wall time. */
  computePerMillionUsd: number;
}

export interface MemoryResult {
  pages: number;
  sizes: SizeResult[];
  skipped?: string;
}

/** Lambda's CPU allotment for a memory size: proportional to memory, one vCPU at 1,769 MB. */
export function vcpuFor(memoryMb: number): number {
  return memoryMb / FULL_VCPU_MB;
}

function cgroupUsable(): string | null {
  if (process.platform !== 'linux') return 'not Linux';
  if (!existsSync(join(CGROUP_CPU, 'cpu.cfs_quota_us'))) return `no cgroup v1 cpu controller at ${CGROUP_CPU}`;
  const probe = join(CGROUP_CPU, `verbatim-bench-probe-${process.pid}`);
  try {
    mkdirSync(probe);
    rmdirSync(probe);
    return null;
  } catch (error) {
    return `cannot create a cgroup (${(error as Error).message})`;
  }
}

interface Reply {
  ms: number;
  cpuMs: number;
  ok: boolean;
  error?: string;
}

async function runSize(script: string, pages: CorpusPage[], memoryMb: number, log: (line: string) => void): Promise<SizeResult> {
  const vcpu = vcpuFor(memoryMb);
  const heapMb = Math.max(128, memoryMb - NON_HEAP_MB);
  const group = join(CGROUP_CPU, `verbatim-bench-${process.pid}-${memoryMb}`);
  mkdirSync(group);
  writeFileSync(join(group, 'cpu.cfs_period_us'), String(PERIOD_US));
  // Above one vCPU the single-threaded work cannot use more; GC helper threads can, as on Lambda.
  writeFileSync(join(group, 'cpu.cfs_quota_us'), String(Math.round(vcpu * PERIOD_US)));
  const child = fork(script, ['verbatim'], {
    execArgv: [`--max-old-space-size=${heapMb}`],
    env: { ...process.env, VERBATIM_LOG_LEVEL: 'ERROR', POWERTOOLS_LOG_LEVEL: 'ERROR' },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const wall: number[] = [];
  const cpu: number[] = [];
  const failed: string[] = [];
  try {
    writeFileSync(join(group, 'cgroup.procs'), String(child.pid));
    const side = new Side(child);
    await side.ready;
    for (const page of pages) {
      const reply = await side.ask<Reply>({ path: page.path, name: page.name });
      wall.push(reply.ms);
      cpu.push(reply.cpuMs);
      if (!reply.ok) failed.push(`${page.name}: ${reply.error ?? 'no article'}`);
    }
    const { maxRssKb } = await side.ask<{ maxRssKb: number }>('done');
    const summary = summarize(wall);
    const gbSeconds = (summary.mean / 1000) * (memoryMb / 1024);
    log(`  memory: ${memoryMb} MB done (median ${fmtMs(summary.median)})`);
    return {
      memoryMb, vcpu, heapMb, wall: summary, cpu: summarize(cpu), peakRssMb: maxRssKb / 1024,
      failures: failed.length, failureSamples: failed.slice(0, 3),
      computePerMillionUsd: gbSeconds * PRICES.lambdaArmPerGbSecond * 1e6,
    };
  } finally {
    if (child.exitCode === null) child.kill();
    await new Promise((resolve) => setTimeout(resolve, 100));
    try {
      rmdirSync(group);
    } catch {
      // the child may still be leaving the group; an empty cgroup is harmless
    }
  }
}

export async function benchMemorySizes(pages: CorpusPage[], sizes: number[], log: (line: string) => void): Promise<MemoryResult> {
  const unusable = cgroupUsable();
  if (unusable) return { pages: pages.length, sizes: [], skipped: unusable };
  const script = await buildChild();
  const results: SizeResult[] = [];
  for (const memoryMb of sizes) results.push(await runSize(script, pages, memoryMb, log));
  return { pages: pages.length, sizes: results };
}

export function formatMemory(result: MemoryResult): string {
  if (result.skipped) return `memory sizes: skipped (${result.skipped})`;
  return [
    `memory sizes (${result.pages} pages per size, extract + quotes, CPU share by CFS quota, heap capped at memory - ${NON_HEAP_MB} MB)`,
    table([
      ['memory', 'vCPU', 'median', 'p95', 'mean', 'peak RSS', 'failed', 'compute / 1M'],
      ...result.sizes.map((s) => [
        `${s.memoryMb} MB`, s.vcpu.toFixed(2), fmtMs(s.wall.median), fmtMs(s.wall.p95), fmtMs(s.wall.mean),
        fmtBytes(s.peakRssMb * 1024 * 1024), String(s.failures), fmtUsd(s.computePerMillionUsd),
      ]),
    ]),
    '  compute / 1M: mean wall time x memory x the arm64 GB-second price, extraction work only (fetch and storage waits excluded)',
  ].join('\n');
}
