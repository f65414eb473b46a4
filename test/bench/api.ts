/**
 * Read API under load: autocannon (a child process, so the load generator does not share the server's
 * event loop) against the in-process local server, on GET /v1/captures/{id}, /snapshot and the trivial
 * GET /health of the same server, at a fixed 200 requests/s and at maximum throughput. The record and
 * snapshot routes are measured twice: on the local app as deployed (read caches on: a repeated read is
 * served from memory), and on a second app over the same storage with no caches (every request reads
 * the catalogue, and S3 for the snapshot).
 */

import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { serve } from '@hono/node-server';
import { createApp } from '../../shared/api/app.ts';
import { systemClock, type AccessStore, type BlobStore, type Catalog } from '../../shared/ports.ts';
import { fmtMs, fmtRatio, percentile, ratio, table } from './stats.ts';

const run = promisify(execFile);
const AUTOCANNON = fileURLToPath(new URL('../../node_modules/autocannon/autocannon.js', import.meta.url));

export interface LoadFigures {
  p50: number;
  p99: number;
  max: number;
  requestsPerSecond: number;
  non2xx: number;
  errors: number;
}

export interface RouteFigures {
  route: string;
  fixedRate: LoadFigures;
  max: LoadFigures;
}

export interface StorageFloor {
  /** What the route itself must wait for: catalogue read (record), plus the S3 read (snapshot). */
  operation: string;
  p50: number;
  p99: number;
  perSecond: number;
}

export interface ApiResult {
  rate: number;
  /** The routes' storage calls made directly, 10 at a time, no HTTP: how much is the emulators. */
  floor: StorageFloor[];
  seconds: number;
  connections: number;
  routes: RouteFigures[];
  /** route p99 / trivial p99 at the fixed rate, and throughput ratio at max. */
  ratios: Record<string, { p99AtRate: number; p50AtRate: number; throughput: number }>;
}

async function cannon(url: string, seconds: number, connections: number, rate?: number): Promise<LoadFigures> {
  const args = [AUTOCANNON, '--json', '-c', String(connections), '-d', String(seconds), ...(rate ? ['-R', String(rate)] : []), url];
  const { stdout } = await run(process.execPath, args, { maxBuffer: 16 * 1024 * 1024 });
  const json = JSON.parse(stdout) as any;
  return {
    p50: json.latency.p50,
    p99: json.latency.p99,
    max: json.latency.max,
    requestsPerSecond: json.requests.average,
    non2xx: json.non2xx ?? 0,
    errors: json.errors ?? 0,
  };
}

/** Run `operation` with `concurrency` callers for `seconds`; latencies in ms. */
async function hammer(operation: () => Promise<unknown>, seconds: number, concurrency: number): Promise<{ p50: number; p99: number; perSecond: number }> {
  const latencies: number[] = [];
  const deadline = performance.now() + seconds * 1000;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (performance.now() < deadline) {
      const start = performance.now();
      await operation();
      latencies.push(performance.now() - start);
    }
  }));
  return { p50: percentile(latencies, 50), p99: percentile(latencies, 99), perSecond: latencies.length / seconds };
}

/** The same app over the same storage with no read caches, on another port of this process. */
async function serveUncached(storage: { catalog: Catalog; blobs: BlobStore; access: AccessStore }): Promise<{ url: string; close(): Promise<void> }> {
  const app = createApp({ ...storage, clock: systemClock });
  const server = await new Promise<ReturnType<typeof serve>>((ready) => {
    const started = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => ready(started));
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((done) => server.close(() => done())),
  };
}

export async function benchApi(
  base: string,
  captureId: string,
  seconds: number,
  storage: { catalog: Catalog; blobs: BlobStore; access: AccessStore },
  rate = 200,
  connections = 10,
): Promise<ApiResult> {
  const uncached = await serveUncached(storage);
  const routes = [
    ['GET /health (trivial)', base, '/health'],
    ['GET /v1/captures/{id}', base, `/v1/captures/${captureId}`],
    ['GET /v1/captures/{id}/snapshot', base, `/v1/captures/${captureId}/snapshot`],
    ['GET /v1/captures/{id} (no cache)', uncached.url, `/v1/captures/${captureId}`],
    ['GET /v1/captures/{id}/snapshot (no cache)', uncached.url, `/v1/captures/${captureId}/snapshot`],
  ] as const;
  const figures: RouteFigures[] = [];
  try {
    for (const [route, origin, path] of routes) {
      // Warm the route (first S3/DynamoDB connections, JIT, the caches) before measuring.
      await cannon(`${origin}${path}`, 1, 2);
      figures.push({
        route,
        fixedRate: await cannon(`${origin}${path}`, seconds, connections, rate),
        max: await cannon(`${origin}${path}`, seconds, connections),
      });
    }
  } finally {
    await uncached.close();
  }
  const record = await storage.catalog.get(captureId);
  const snapshotKey = record?.snapshot?.key;
  const floor: StorageFloor[] = [
    { operation: 'catalog.get (DynamoDB on dynalite)', ...(await hammer(() => storage.catalog.get(captureId), Math.min(seconds, 3), connections)) },
  ];
  if (snapshotKey) {
    floor.push({
      operation: 'catalog.get + blobs.get (+ S3 on s3rver)',
      ...(await hammer(async () => {
        await storage.catalog.get(captureId);
        await storage.blobs.get(snapshotKey);
      }, Math.min(seconds, 3), connections)),
    });
  }
  const trivial = figures[0]!;
  return {
    rate,
    floor,
    seconds,
    connections,
    routes: figures,
    ratios: Object.fromEntries(
      figures.slice(1).map((f) => [f.route, {
        p99AtRate: ratio(Math.max(f.fixedRate.p99, 1), Math.max(trivial.fixedRate.p99, 1)),
        p50AtRate: ratio(Math.max(f.fixedRate.p50, 1), Math.max(trivial.fixedRate.p50, 1)),
        throughput: ratio(f.max.requestsPerSecond, trivial.max.requestsPerSecond),
      }]),
    ),
  };
}

export function formatApi(result: ApiResult): string {
  const rows: string[][] = [['', `p50 @${result.rate}/s`, `p99 @${result.rate}/s`, 'p99 ratio', 'max req/s', 'p99 @max', 'throughput ratio', 'non-2xx']];
  for (const f of result.routes) {
    const r = result.ratios[f.route];
    rows.push([
      f.route,
      fmtMs(f.fixedRate.p50),
      fmtMs(f.fixedRate.p99),
      r ? fmtRatio(r.p99AtRate) : '1.00x',
      f.max.requestsPerSecond.toFixed(0),
      fmtMs(f.max.p99),
      r ? fmtRatio(r.throughput) : '1.00x',
      String(f.fixedRate.non2xx + f.max.non2xx + f.fixedRate.errors + f.max.errors),
    ]);
  }
  return [
    `read API (autocannon, ${result.connections} connections, ${result.seconds} s per run, in-process local server; latencies are autocannon's integer ms, floored at 1 ms for ratios)`,
    table(rows),
    `  storage floor (the same storage calls in-process, ${result.connections} at a time, no HTTP): ` +
      result.floor.map((f) => `${f.operation}: p50 ${fmtMs(f.p50)} p99 ${fmtMs(f.p99)} ${f.perSecond.toFixed(0)}/s`).join('; '),
  ].join('\n');
}
