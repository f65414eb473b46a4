/**
 * What an operator watches: alarms (to one SNS topic, with an optional e-mail subscription) and one
 * dashboard. The capture metrics come from the functions' EMF output (shared/metrics.ts), the rest from
 * the services' own CloudWatch metrics.
 */

import { Duration } from 'aws-cdk-lib';
import type { IHttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  Alarm,
  AlarmStatusWidget,
  ComparisonOperator,
  Dashboard,
  GraphWidget,
  MathExpression,
  Metric,
  SingleValueWidget,
  Stats,
  TextWidget,
  TreatMissingData,
  type IMetric,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { FAILURE_CODE_DIMENSION, METRIC, METRICS_NAMESPACE, METRICS_SERVICE } from '../../shared/metrics.ts';

export interface ObservabilityProps {
  captureFunction: IFunction;
  auditFunction: IFunction;
  captureQueue: IQueue;
  deadLetters: IQueue;
  api: IHttpApi;
  /** Alarm when the oldest queued capture has waited longer than this. */
  maxQueueAge: Duration;
  /** Alarm when the capture function's error rate (errors / invocations, %) exceeds this. */
  captureErrorRatePercent: number;
  /** Alarm when the API answers more than this many 5xx in five minutes. */
  api5xxPerFiveMinutes: number;
  /** Subscribe this address to the alarm topic (optional). */
  alarmEmail?: string;
}

/** Failure codes that are our fault rather than the site's: worth waking someone for. */
const OWN_FAULT_CODES = ['internal', 'storage-failed'] as const;

export class Observability extends Construct {
  readonly topic: Topic;
  readonly alarms: Alarm[] = [];
  readonly dashboard: Dashboard;

  constructor(scope: Construct, id: string, props: ObservabilityProps) {
    super(scope, id);

    // Not KMS-encrypted: notifications carry alarm names and numbers, no archive content, and CloudWatch
    // cannot publish to a topic under the AWS managed key (a customer managed key costs a monthly fee).
    this.topic = new Topic(this, 'Alarms', { displayName: 'Verbatim alarms', enforceSSL: true });
    if (props.alarmEmail) this.topic.addSubscription(new EmailSubscription(props.alarmEmail));

    const fiveMinutes = Duration.minutes(5);
    const capture = (name: string, stat: string, dimensions: Record<string, string> = {}) =>
      new Metric({
        namespace: METRICS_NAMESPACE,
        metricName: name,
        dimensionsMap: { service: METRICS_SERVICE, ...dimensions },
        statistic: stat,
        period: fiveMinutes,
      });

    // ------------------------------------------------------------------ alarms
    this.alarm('DeadLetters', {
      metric: props.deadLetters.metricApproximateNumberOfMessagesVisible({ statistic: Stats.MAXIMUM, period: fiveMinutes }),
      threshold: 0,
      description: 'Capture jobs reached the dead-letter queue (5 failed receives): inspect, then `verbatim redrive`.',
    });
    this.alarm('QueueAge', {
      metric: props.captureQueue.metricApproximateAgeOfOldestMessage({ statistic: Stats.MAXIMUM, period: fiveMinutes }),
      threshold: props.maxQueueAge.toSeconds(),
      evaluationPeriods: 2,
      description: `The oldest capture job has waited more than ${props.maxQueueAge.toHumanString()}: the workers are stuck, throttled or too few.`,
    });
    const captureErrorRate = new MathExpression({
      expression: 'IF(invocations > 0, 100 * errors / invocations, 0)',
      usingMetrics: {
        errors: props.captureFunction.metricErrors({ statistic: Stats.SUM, period: fiveMinutes }),
        invocations: props.captureFunction.metricInvocations({ statistic: Stats.SUM, period: fiveMinutes }),
      },
      label: 'Capture function error rate (%)',
      period: fiveMinutes,
    });
    this.alarm('CaptureErrorRate', {
      metric: captureErrorRate,
      threshold: props.captureErrorRatePercent,
      evaluationPeriods: 2,
      description:
        `More than ${props.captureErrorRatePercent}% of capture invocations crashed or timed out for 10 minutes ` +
        '(failed pages are not errors: a batch reports them per message).',
    });
    const ownFaults = new MathExpression({
      expression: OWN_FAULT_CODES.map((_, i) => `FILL(f${i}, 0)`).join(' + '),
      usingMetrics: Object.fromEntries(
        OWN_FAULT_CODES.map((code, i) => [`f${i}`, capture(METRIC.captureFailures, Stats.SUM, { [FAILURE_CODE_DIMENSION]: code })]),
      ),
      label: 'Captures failed by our own fault',
      period: fiveMinutes,
    });
    this.alarm('CaptureOwnFaults', {
      metric: ownFaults,
      threshold: 2,
      description: `Captures failed with ${OWN_FAULT_CODES.join(' or ')} (our fault, not the site's) in five minutes.`,
    });
    this.alarm('Api5xx', {
      metric: props.api.metricServerError({ statistic: Stats.SUM, period: fiveMinutes }),
      threshold: props.api5xxPerFiveMinutes,
      description: `The API answered more than ${props.api5xxPerFiveMinutes} server errors (5xx) in five minutes.`,
    });
    this.alarm('AuditFixity', {
      metric: new Metric({
        namespace: METRICS_NAMESPACE,
        metricName: METRIC.auditFixityFailures,
        dimensionsMap: { service: METRICS_SERVICE },
        statistic: Stats.MAXIMUM,
        period: Duration.days(1),
      }),
      threshold: 0,
      description: 'The daily audit found archived objects missing, unreadable or not matching their SHA-256: see its log.',
    });
    this.alarm('AuditErrors', {
      metric: props.auditFunction.metricErrors({ statistic: Stats.SUM, period: Duration.days(1) }),
      threshold: 0,
      description: 'The daily audit did not complete: the archive was not checked today.',
    });

    // ------------------------------------------------------------------ dashboard
    const graph = (title: string, left: IMetric[], right: IMetric[] = [], width = 8) =>
      new GraphWidget({ title, left, right, width, height: 6 });
    const p = (metric: Metric, stat: string, label: string) => metric.with({ statistic: stat, label });
    const fetchTime = capture(METRIC.fetchTime, Stats.p(50));
    const extractionTime = capture(METRIC.extractionTime, Stats.p(50));
    const apiLatency = props.api.metricLatency({ period: fiveMinutes });

    this.dashboard = new Dashboard(this, 'Dashboard', { defaultInterval: Duration.hours(24) });
    this.dashboard.addWidgets(
      new TextWidget({
        markdown: '# Verbatim\nCaptures, pipeline and API. Alarms go to the `Alarms` SNS topic; the daily audit logs its full report.',
        width: 24,
        height: 2,
      }),
    );
    this.dashboard.addWidgets(new AlarmStatusWidget({ title: 'Alarms', alarms: this.alarms, width: 24, height: 3 }));
    this.dashboard.addWidgets(
      graph('Captures by outcome', [
        capture(METRIC.capturesDone, Stats.SUM).with({ label: 'done' }),
        capture(METRIC.capturesFailed, Stats.SUM).with({ label: 'failed' }),
      ]),
      graph('Failed captures by reason', [
        new MathExpression({
          expression: `SEARCH('{${METRICS_NAMESPACE},service,${FAILURE_CODE_DIMENSION}} MetricName="${METRIC.captureFailures}"', 'Sum', 300)`,
          label: 'by failure code',
          period: fiveMinutes,
        }),
      ]),
      graph('Bytes stored (new objects)', [capture(METRIC.bytesStored, Stats.SUM).with({ label: 'bytes' })]),
    );
    this.dashboard.addWidgets(
      graph('Fetch time (ms)', [p(fetchTime, Stats.p(50), 'p50'), p(fetchTime, Stats.p(90), 'p90'), p(fetchTime, Stats.p(99), 'p99')]),
      graph('Extraction time (ms)', [
        p(extractionTime, Stats.p(50), 'p50'),
        p(extractionTime, Stats.p(90), 'p90'),
        p(extractionTime, Stats.p(99), 'p99'),
      ]),
      graph('Capture function', [
        props.captureFunction.metricInvocations({ period: fiveMinutes, statistic: Stats.SUM }),
        props.captureFunction.metricErrors({ period: fiveMinutes, statistic: Stats.SUM }),
        props.captureFunction.metricThrottles({ period: fiveMinutes, statistic: Stats.SUM }),
      ], [props.captureFunction.metricDuration({ period: fiveMinutes, statistic: Stats.p(90) }).with({ label: 'duration p90 (ms)' })]),
    );
    this.dashboard.addWidgets(
      graph('Capture queue', [
        props.captureQueue.metricApproximateNumberOfMessagesVisible({ period: fiveMinutes, statistic: Stats.MAXIMUM, label: 'waiting' }),
        props.captureQueue.metricApproximateNumberOfMessagesNotVisible({ period: fiveMinutes, statistic: Stats.MAXIMUM, label: 'in flight' }),
      ], [props.captureQueue.metricApproximateAgeOfOldestMessage({ period: fiveMinutes, statistic: Stats.MAXIMUM, label: 'oldest (s)' })]),
      graph('Dead-letter queue', [
        props.deadLetters.metricApproximateNumberOfMessagesVisible({ period: fiveMinutes, statistic: Stats.MAXIMUM, label: 'dead letters' }),
      ]),
      new SingleValueWidget({
        title: 'Last audit',
        metrics: [METRIC.auditRecords, METRIC.auditFixityFailures, METRIC.auditOrphans, METRIC.auditStuckCaptures].map((name) =>
          new Metric({
            namespace: METRICS_NAMESPACE,
            metricName: name,
            dimensionsMap: { service: METRICS_SERVICE },
            statistic: Stats.MAXIMUM,
            period: Duration.days(1),
          }),
        ),
        width: 8,
        height: 6,
      }),
    );
    this.dashboard.addWidgets(
      graph('API latency (ms)', [
        apiLatency.with({ statistic: Stats.p(50), label: 'p50' }),
        apiLatency.with({ statistic: Stats.p(90), label: 'p90' }),
        apiLatency.with({ statistic: Stats.p(99), label: 'p99' }),
      ], [], 12),
      graph('API requests and errors', [
        props.api.metricCount({ period: fiveMinutes, statistic: Stats.SUM, label: 'requests' }),
      ], [
        props.api.metricClientError({ period: fiveMinutes, statistic: Stats.SUM, label: '4xx' }),
        props.api.metricServerError({ period: fiveMinutes, statistic: Stats.SUM, label: '5xx' }),
      ], 12),
    );
  }

  private alarm(id: string, options: { metric: IMetric; threshold: number; description: string; evaluationPeriods?: number }): Alarm {
    const alarm = new Alarm(this, id, {
      metric: options.metric,
      threshold: options.threshold,
      evaluationPeriods: options.evaluationPeriods ?? 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      // No data means nothing happened (an idle queue, no captures, no audit yet), not trouble.
      treatMissingData: TreatMissingData.NOT_BREACHING,
      alarmDescription: options.description,
    });
    alarm.addAlarmAction(new SnsAction(this.topic));
    alarm.addOkAction(new SnsAction(this.topic));
    this.alarms.push(alarm);
    return alarm;
  }
}
