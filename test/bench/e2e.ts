/**
 * End to end, locally: submit N article URLs of a fixture site on 127.0.0.1 through POST /v1/captures,
 * wait until every capture is terminal, and report captures per minute (fetch, storage on the embedded
 * emulators, extraction, quotes; the local worker's default concurrency). The SDK request counters
 * over the same window give the per-capture S3 and DynamoDB usage for the cost model.
 */

import { performance } from 'node:perf_hooks';
import type { BenchApp, RequestCounts } from './local-app.ts';
import { fmtBytes, fmtMs, percentile, table } from './stats.ts';

export interface E2eResult {
  captures: number;
  done: number;
  failed: number;
  failureCodes: Record<string, number>;
  seconds: number;
  capturesPerMinute: number;
  /** Submission to terminal, per capture. */
  latencyMs: { p50: number; p95: number };
  /** Per capture, averaged over the run. */
  perCapture: Omit<RequestCounts, 's3Gets' | 's3PutBytes'> & { storedBytes: number; quotes: number };
}

function diff(after: RequestCounts, before: RequestCounts, n: number): E2eResult['perCapture'] {
  const perKey = (a: Record<string, number>, b: Record<string, number>) =>
    Object.fromEntries(Object.entries(a).map(([k, v]) => [k, (v - (b[k] ?? 0)) / n]));
  return {
    s3Puts: (after.s3Puts - before.s3Puts) / n,
    s3PutsByPrefix: perKey(after.s3PutsByPrefix, before.s3PutsByPrefix),
    storedBytes: (after.s3PutBytes - before.s3PutBytes) / n,
    dynamoWrites: (after.dynamoWrites - before.dynamoWrites) / n,
    dynamoWriteUnits: (after.dynamoWriteUnits - before.dynamoWriteUnits) / n,
    dynamoWriteBytes: (after.dynamoWriteBytes - before.dynamoWriteBytes) / n,
    dynamoStoredBytes: (after.dynamoStoredBytes - before.dynamoStoredBytes) / n,
    dynamoReads: (after.dynamoReads - before.dynamoReads) / n,
    dynamoItemsByKind: perKey(after.dynamoItemsByKind, before.dynamoItemsByKind),
    quotes: 0,
  };
}

export async function benchE2e(app: BenchApp, paths: string[]): Promise<E2eResult> {
  const before = structuredClone(app.counts);
  const started = performance.now();
  const latencies: number[] = [];
  const records = await Promise.all(
    paths.map(async (path) => {
      const submittedAt = performance.now();
      const id = await app.submit(app.site.url(path));
      const record = await app.terminal(id);
      latencies.push(performance.now() - submittedAt);
      return record;
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const after = structuredClone(app.counts);
  const failureCodes: Record<string, number> = {};
  for (const record of records) {
    if (record.status === 'failed') {
      const code = String(record.failure?.code ?? 'unknown');
      failureCodes[code] = (failureCodes[code] ?? 0) + 1;
    }
  }
  const perCapture = diff(after, before, records.length);
  perCapture.quotes = records.reduce((sum, r) => sum + (r.quoteCount ?? 0), 0) / records.length;
  return {
    captures: records.length,
    done: records.filter((r) => r.status === 'done').length,
    failed: records.filter((r) => r.status === 'failed').length,
    failureCodes,
    seconds,
    capturesPerMinute: (records.length / seconds) * 60,
    latencyMs: { p50: percentile(latencies, 50), p95: percentile(latencies, 95) },
    perCapture,
  };
}

export function formatE2e(result: E2eResult): string {
  const p = result.perCapture;
  const kinds = (record: Record<string, number>) => Object.entries(record).map(([k, v]) => `${k} ${v.toFixed(2)}`).join(', ');
  const failures = Object.entries(result.failureCodes).map(([k, v]) => `${k} ${v}`).join(', ');
  return [
    `end to end, locally (${result.captures} URLs on a 127.0.0.1 fixture site, submitted at once, local worker concurrency as configured)`,
    table([
      ['captures/min', 'done', 'failed', 'wall', 'submit->terminal p50', 'p95'],
      [result.capturesPerMinute.toFixed(1), String(result.done), String(result.failed), `${result.seconds.toFixed(1)} s`, fmtMs(result.latencyMs.p50), fmtMs(result.latencyMs.p95)],
    ]),
    failures ? `  failures by code: ${failures}` : '',
    `  per capture: S3 PUT ${p.s3Puts.toFixed(2)} (${kinds(p.s3PutsByPrefix)}), ${fmtBytes(p.storedBytes)} stored; ` +
      `DynamoDB ${p.dynamoWrites.toFixed(2)} item writes (${kinds(p.dynamoItemsByKind)}) = ${p.dynamoWriteUnits.toFixed(2)} WRU with indexes, ${fmtBytes(p.dynamoStoredBytes)} stored with index copies, ${p.dynamoReads.toFixed(2)} reads; ${p.quotes.toFixed(2)} quotes`,
  ].filter(Boolean).join('\n');
}
