/**
 * `verbatim audit`: the whole-archive audit on the local store. Fixity failures (a missing, unreadable or
 * altered object) go to stderr and exit 3, like `verify`; orphans and stuck captures are reported, exit 0.
 */

import { loadLocalConfig } from '../../config.ts';
import { startVerbatim } from '../../local/start.ts';
import { systemClock } from '../../ports.ts';
import { DEFAULT_STUCK_AFTER_MS, runAudit, type AuditReport } from '../../usecases/audit.ts';

export interface AuditCommandOptions {
  /** A capture queued or fetching for longer than this is reported as stuck (default 120). */
  stuckAfterMinutes?: number;
  /** Print the full report as JSON on stdout instead of the readable summary. */
  json?: boolean;
}

/** Exit codes: 0 archive verified (warnings allowed), 3 fixity failure. */
export async function auditCommand(options: AuditCommandOptions = {}): Promise<number> {
  const verbatim = await startVerbatim(loadLocalConfig(), { serveHttp: false, resume: false });
  try {
    const stuckAfterMs = options.stuckAfterMinutes === undefined ? DEFAULT_STUCK_AFTER_MS : options.stuckAfterMinutes * 60_000;
    const report = await runAudit({ catalog: verbatim.catalog, blobs: verbatim.blobs, clock: systemClock }, { stuckAfterMs });
    if (options.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    else printReport(report);
    return report.ok ? 0 : 3;
  } finally {
    await verbatim.close();
  }
}

function printReport(report: AuditReport): void {
  const out = (line: string) => process.stdout.write(`${line}\n`);
  const err = (line: string) => process.stderr.write(`${line}\n`);
  for (const problem of report.problems) {
    const found = problem.actual ? `found sha256:${problem.actual}` : problem.kind === 'missing' ? 'object is missing' : 'object could not be read';
    err(`${problem.kind.toUpperCase().padEnd(10)} ${problem.name.padEnd(8)} capture ${problem.captureId}  ${problem.key}\n` +
      `           expected sha256:${problem.expected}, ${found}`);
  }
  for (const key of report.orphans) out(`ORPHAN     ${key}`);
  for (const capture of report.stuck) out(`STUCK      capture ${capture.captureId} ${capture.status} since ${capture.updatedAt}  ${capture.url}`);
  if (report.truncated) out('(lists truncated; the counts below are complete)');

  const c = report.counts;
  const orphans = report.orphansChecked ? `${c.orphans} orphan object(s)` : 'orphans not checked (the store cannot list)';
  out(`audited ${c.records} capture(s), ${c.objects} object(s): ${c.verified} verified, ${c.mismatched} altered, ` +
    `${c.missing} missing, ${c.unreadable} unreadable; ${orphans}; ${c.stuck} stuck capture(s)`);
  if (report.ok) out('archive verified');
  else err(`FIXITY FAILURE: ${c.fixityFailures} object(s) missing, unreadable or altered`);
}
