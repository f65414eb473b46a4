/**
 * The archive audit: every recorded object exists and still hashes to its recorded SHA-256 (through
 * verifyCapture), stored objects no record points to (orphans), and captures stuck before a terminal
 * state. Read-only: it reports and never repairs, deletes or re-queues.
 *
 * Why orphans are only reported: keys are content digests shared by every capture of the same bytes,
 * and the record is written after its objects, so an object that no record names *yet* may be named by a
 * capture in flight or retried by the queue (a crash between the object writes and the record write).
 * Expiring it could leave a future record pointing at nothing; Object Lock forbids it for a year anyway.
 */

import { OBJECT_NAMES, type CaptureRecord, type CaptureStatus, type ObjectName } from '../domain/capture.ts';
import { NotFoundError } from '../errors.ts';
import type { BlobStore, Catalog, Clock } from '../ports.ts';
import { verifyCapture, type ObjectCheck } from './verify-capture.ts';

export interface AuditDeps {
  catalog: Catalog;
  blobs: BlobStore;
  clock: Clock;
}

/**
 * A capture still queued or fetching after this long is stuck. Twice the time a job needs to reach the
 * dead-letter queue on AWS (5 receives x 12 min visibility), after which it should be terminal.
 */
export const DEFAULT_STUCK_AFTER_MS = 2 * 60 * 60 * 1000;

export interface AuditOptions {
  stuckAfterMs?: number;
  /** Captures verified at the same time (each reads up to four objects). */
  concurrency?: number;
  /** At most this many entries in each detail list; the counts stay exact. */
  maxDetails?: number;
}

export type FixityProblemKind = 'mismatch' | 'missing' | 'unreadable';

export interface FixityProblem {
  kind: FixityProblemKind;
  captureId: string;
  name: ObjectName;
  key: string;
  expected: string;
  /** The digest of the bytes read now; null when they could not be read. */
  actual: string | null;
}

export interface StuckCapture {
  captureId: string;
  url: string;
  status: CaptureStatus;
  updatedAt: string;
}

export interface AuditReport {
  /** True when every recorded object exists and matches (orphans and stuck captures are warnings). */
  ok: boolean;
  startedAt: string;
  finishedAt: string;
  counts: {
    records: number;
    objects: number;
    verified: number;
    mismatched: number;
    missing: number;
    unreadable: number;
    /** mismatched + missing + unreadable. */
    fixityFailures: number;
    orphans: number;
    stuck: number;
  };
  problems: FixityProblem[];
  /** Keys under the archive prefixes that no record references. */
  orphans: string[];
  /** False when the blob store cannot list keys: orphans were not looked for. */
  orphansChecked: boolean;
  stuck: StuckCapture[];
  /** True when a detail list was cut at `maxDetails`. */
  truncated: boolean;
}

const UNFINISHED: ReadonlySet<CaptureStatus> = new Set(['queued', 'fetching']);

/**
 * Audit the whole archive. Objects are listed *before* the records are scanned, so an object written by
 * a capture that finishes during the audit is normally not reported as an orphan.
 * @example const report = await runAudit({ catalog, blobs, clock: systemClock }); if (!report.ok) ...
 */
export async function runAudit(deps: AuditDeps, options: AuditOptions = {}): Promise<AuditReport> {
  const stuckAfterMs = options.stuckAfterMs ?? DEFAULT_STUCK_AFTER_MS;
  const concurrency = Math.max(1, options.concurrency ?? 8);
  const maxDetails = options.maxDetails ?? 1000;
  const startedAt = deps.clock.now();

  const unreferenced = deps.blobs.list ? await listArchiveKeys(deps.blobs.list.bind(deps.blobs)) : undefined;
  const problems: FixityProblem[] = [];
  const stuck: StuckCapture[] = [];
  const counts = { records: 0, objects: 0, verified: 0, mismatched: 0, missing: 0, unreadable: 0, stuck: 0 };
  let truncated = false;
  const keep = <T>(list: T[], item: T) => {
    if (list.length < maxDetails) list.push(item);
    else truncated = true;
  };

  const verify = async (id: string) => {
    try {
      const report = await verifyCapture(deps, id);
      for (const check of report.objects) {
        counts.objects += 1;
        const kind = problemKind(check);
        if (!kind) {
          counts.verified += 1;
          continue;
        }
        counts[kind === 'mismatch' ? 'mismatched' : kind] += 1;
        keep(problems, { kind, captureId: id, name: check.name, key: check.key, expected: check.expected, actual: check.actual });
      }
    } catch (error) {
      // Records are never deleted; one that vanished between the scan and the read has nothing to check.
      if (!(error instanceof NotFoundError)) throw error;
    }
  };

  const inFlight = new Set<Promise<void>>();
  let failure: unknown;
  for await (const record of deps.catalog.scanRecords()) {
    counts.records += 1;
    const keys = referencedKeys(record);
    for (const key of keys) unreferenced?.delete(key);
    if (isStuck(record, startedAt, stuckAfterMs)) {
      counts.stuck += 1;
      keep(stuck, { captureId: record.id, url: record.url, status: record.status, updatedAt: record.updatedAt });
    }
    if (keys.length === 0) continue;
    const task: Promise<void> = verify(record.id).then(
      () => void inFlight.delete(task),
      (error: unknown) => {
        inFlight.delete(task);
        failure ??= error;
      },
    );
    inFlight.add(task);
    if (inFlight.size >= concurrency) await Promise.race(inFlight);
    if (failure) break;
  }
  await Promise.all(inFlight);
  if (failure) throw failure;

  const orphans: string[] = [];
  for (const key of unreferenced ?? []) keep(orphans, key);
  const fixityFailures = counts.mismatched + counts.missing + counts.unreadable;
  return {
    ok: fixityFailures === 0,
    startedAt: startedAt.toISOString(),
    finishedAt: deps.clock.now().toISOString(),
    counts: { ...counts, fixityFailures, orphans: unreferenced?.size ?? 0 },
    problems,
    orphans: orphans.sort(),
    orphansChecked: unreferenced !== undefined,
    stuck,
    truncated,
  };
}

async function listArchiveKeys(list: (prefix: string) => AsyncIterable<string>): Promise<Set<string>> {
  const keys = new Set<string>();
  for (const name of OBJECT_NAMES) for await (const key of list(`${name}/`)) keys.add(key);
  return keys;
}

function referencedKeys(record: CaptureRecord): string[] {
  return OBJECT_NAMES.flatMap((name) => (record[name] ? [record[name].key] : []));
}

function isStuck(record: CaptureRecord, now: Date, stuckAfterMs: number): boolean {
  if (!UNFINISHED.has(record.status)) return false;
  const since = Date.parse(record.updatedAt || record.createdAt);
  return Number.isNaN(since) || now.getTime() - since > stuckAfterMs;
}

/** verifyCapture reports a missing object with this message (and actual: null). */
const MISSING_MESSAGE = 'object is missing';

function problemKind(check: ObjectCheck): FixityProblemKind | undefined {
  if (check.ok) return undefined;
  if (check.actual !== null) return 'mismatch';
  return check.error === MISSING_MESSAGE ? 'missing' : 'unreadable';
}
