/**
 * The audit Lambda, run daily by EventBridge: the whole-archive fixity audit, read-only. The full report
 * goes to the log (one line per fixity problem), the counts to CloudWatch metrics (alarm on failures).
 */

import { createClients } from '#shared/clients.ts';
import { loadLambdaConfig } from '#shared/config.ts';
import { getLogger } from '#shared/logger.ts';
import { metrics } from '#shared/metrics.ts';
import { systemClock } from '#shared/ports.ts';
import { runAudit, type AuditReport } from '#shared/usecases/audit.ts';
import { buildStorage } from '#shared/wiring.ts';

const config = loadLambdaConfig();
const { catalog, blobs } = buildStorage(createClients(), config.VERBATIM_BUCKET, config.VERBATIM_TABLE);
const log = getLogger('audit');
/** Keys per log line when listing orphans, so no line nears the CloudWatch Logs event limit. */
const KEYS_PER_LINE = 100;

export const handler = async (): Promise<AuditReport['counts']> => {
  const report = await runAudit({ catalog, blobs, clock: systemClock });
  for (const problem of report.problems) log.error('audit: fixity failure', { captureId: problem.captureId, problem });
  for (let i = 0; i < report.orphans.length; i += KEYS_PER_LINE) {
    log.warn('audit: orphan objects (stored, never recorded)', { keys: report.orphans.slice(i, i + KEYS_PER_LINE) });
  }
  for (const capture of report.stuck) log.warn('audit: stuck capture', { captureId: capture.captureId, capture });
  const summary = { ...report.counts, orphansChecked: report.orphansChecked, truncated: report.truncated };
  if (report.ok) log.info('audit: archive verified', summary);
  else log.error('audit: FIXITY FAILURE', summary);
  metrics.auditFinished(report.counts);
  return report.counts;
};
