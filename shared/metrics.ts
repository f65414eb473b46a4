/**
 * The few business metrics Verbatim publishes, as CloudWatch Embedded Metric Format (Powertools Metrics):
 * one JSON line on stdout per event, which CloudWatch Logs turns into metrics on Lambda, with no API call.
 * Off the Lambda runtime (local mode, the CLI, tests) the default sink is silent, so stdout stays clean.
 *
 * Metric names and the namespace are exported for the CDK stack (alarms, dashboard): one source of truth.
 */

import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { FailureCode } from './errors.ts';

export const METRICS_NAMESPACE = 'Verbatim';
/** Every metric carries this `service` dimension (Powertools' default dimension). */
export const METRICS_SERVICE = 'verbatim';

export const METRIC = {
  /** One per capture that ended `done`. */
  capturesDone: 'CapturesDone',
  /** One per capture that ended `failed`. */
  capturesFailed: 'CapturesFailed',
  /** One per failed capture, with the `failureCode` dimension. */
  captureFailures: 'CaptureFailures',
  fetchTime: 'FetchTime',
  extractionTime: 'ExtractionTime',
  /** Bytes newly written to the archive (objects that already existed are not counted again). */
  bytesStored: 'BytesStored',
  auditRecords: 'AuditRecords',
  /** Objects missing, unreadable or whose digest no longer matches: the archive's worst news. */
  auditFixityFailures: 'AuditFixityFailures',
  auditOrphans: 'AuditOrphans',
  auditStuckCaptures: 'AuditStuckCaptures',
} as const;

export const FAILURE_CODE_DIMENSION = 'failureCode';

/** What one capture reports when it ends. Timings are absent when the step never ran. */
export interface CaptureOutcome {
  outcome: 'done' | 'failed';
  failureCode?: FailureCode;
  fetchMs?: number;
  extractMs?: number;
  /** Bytes of objects newly created by this capture. */
  bytesStored?: number;
}

export interface AuditCounts {
  records: number;
  fixityFailures: number;
  orphans: number;
  stuck: number;
}

/** The metrics port: use cases report facts, the sink decides where (if anywhere) they go. */
export interface VerbatimMetrics {
  captureFinished(outcome: CaptureOutcome): void;
  auditFinished(counts: AuditCounts): void;
}

/** A sink that drops everything: local mode, the CLI, tests. */
export const noMetrics: VerbatimMetrics = {
  captureFinished: () => {},
  auditFinished: () => {},
};

/**
 * EMF through Powertools. Each call adds and publishes synchronously, so concurrent captures in one
 * Lambda (a batch) cannot mix their values or dimensions in the shared buffer.
 */
export function emfMetrics(options: { namespace?: string; serviceName?: string } = {}): VerbatimMetrics {
  const metrics = new Metrics({
    namespace: options.namespace ?? METRICS_NAMESPACE,
    serviceName: options.serviceName ?? METRICS_SERVICE,
  });
  return {
    captureFinished(capture) {
      metrics.addMetric(capture.outcome === 'done' ? METRIC.capturesDone : METRIC.capturesFailed, MetricUnit.Count, 1);
      if (capture.fetchMs !== undefined) metrics.addMetric(METRIC.fetchTime, MetricUnit.Milliseconds, Math.round(capture.fetchMs));
      if (capture.extractMs !== undefined) {
        metrics.addMetric(METRIC.extractionTime, MetricUnit.Milliseconds, Math.round(capture.extractMs));
      }
      if (capture.bytesStored !== undefined) metrics.addMetric(METRIC.bytesStored, MetricUnit.Bytes, capture.bytesStored);
      metrics.publishStoredMetrics();
      if (capture.outcome === 'failed') {
        // A separate document: the failure code is a dimension only of this one metric.
        metrics.addDimension(FAILURE_CODE_DIMENSION, capture.failureCode ?? 'internal');
        metrics.addMetric(METRIC.captureFailures, MetricUnit.Count, 1);
        metrics.publishStoredMetrics();
      }
    },
    auditFinished(counts) {
      metrics.addMetric(METRIC.auditRecords, MetricUnit.Count, counts.records);
      metrics.addMetric(METRIC.auditFixityFailures, MetricUnit.Count, counts.fixityFailures);
      metrics.addMetric(METRIC.auditOrphans, MetricUnit.Count, counts.orphans);
      metrics.addMetric(METRIC.auditStuckCaptures, MetricUnit.Count, counts.stuck);
      metrics.publishStoredMetrics();
    },
  };
}

/**
 * The sink for this process: EMF on the Lambda runtime, silent elsewhere. `POWERTOOLS_METRICS_DISABLED`
 * decides when set (`true`: silent even on Lambda; `false`: EMF on stdout even locally).
 */
export function metricsFromEnvironment(env: NodeJS.ProcessEnv = process.env): VerbatimMetrics {
  const setting = env.POWERTOOLS_METRICS_DISABLED?.trim().toLowerCase();
  const enabled = setting ? setting === 'false' || setting === '0' : Boolean(env.AWS_LAMBDA_FUNCTION_NAME);
  return enabled ? emfMetrics() : noMetrics;
}

/** The process-wide sink, chosen once at start-up (like the logger). */
export const metrics: VerbatimMetrics = metricsFromEnvironment();
