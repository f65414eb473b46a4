/**
 * The Verbatim stack: stateful storage (bucket, table) apart from the stateless service (queues,
 * functions, HTTP API, the daily audit) and what watches it (alarms, dashboard). Grants are per function
 * and least-privilege (infra/grants.ts); cdk-nag AwsSolutions runs on every synth (infra/app.ts).
 */

import { Aws, CfnOutput, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { HttpApi, HttpStage, LogGroupLogDestination } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { ArchiveStorage } from './constructs/archive-storage.ts';
import { Observability } from './constructs/observability.ts';
import { EXTRACTION_ALIASES, VerbatimFunction } from './constructs/verbatim-function.ts';
import { acknowledgeTableIndexes, grantPutArchiveObjects, grantReadArchiveObjects } from './grants.ts';
import { acknowledge } from './nag.ts';
import { readSettings } from './settings.ts';

/** Capture function timeout; the queue's visibility timeout is six times this (AWS guidance). */
export const CAPTURE_TIMEOUT = Duration.minutes(2);
/** The audit re-reads every object: it gets the longest run Lambda allows. */
export const AUDIT_TIMEOUT = Duration.minutes(15);
/** Daily, at a quiet hour (UTC). */
export const AUDIT_SCHEDULE = Schedule.cron({ minute: '17', hour: '3' });

export class VerbatimStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);

    const settings = readSettings(this);
    const storage = new ArchiveStorage(this, 'Storage', {
      retentionDays: settings.objectLockRetentionDays,
      accessLogRetentionDays: settings.accessLogRetentionDays,
    });

    const deadLetters = new Queue(this, 'CaptureDeadLetters', {
      retentionPeriod: Duration.days(14),
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
    });
    const captureQueue = new Queue(this, 'CaptureQueue', {
      visibilityTimeout: Duration.seconds(CAPTURE_TIMEOUT.toSeconds() * 6),
      retentionPeriod: Duration.days(4),
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      deadLetterQueue: { queue: deadLetters, maxReceiveCount: 5 },
    });

    const storageEnv = {
      VERBATIM_BUCKET: storage.bucket.bucketName,
      VERBATIM_TABLE: storage.table.tableName,
    };

    const captureFunction = new VerbatimFunction(this, 'CaptureFunction', {
      entry: 'functions/capture.ts',
      description: 'Fetches, archives and extracts one article per queue message',
      timeout: CAPTURE_TIMEOUT,
      memorySize: settings.captureMemoryMb,
      // The queue URL lets the function delay a retry (ChangeMessageVisibility) with backoff.
      environment: { ...storageEnv, VERBATIM_QUEUE_URL: captureQueue.queueUrl },
      // jsdom resolves this worker file next to itself at load time; esbuild cannot see it.
      copyFiles: [['jsdom/lib/jsdom/living/xhr/xhr-sync-worker.js', 'xhr-sync-worker.js']],
      // Extraction runs in a worker thread (deadline, heap limit); jsdom is loaded only there, without undici.
      extraEntries: [['shared/extract/worker.ts', 'worker.js', EXTRACTION_ALIASES]],
    });
    captureFunction.addEventSource(
      new SqsEventSource(captureQueue, { batchSize: 5, reportBatchItemFailures: true, maxConcurrency: 20 }),
    );
    // A writer that must never delete or rewrite: create archived objects only.
    grantPutArchiveObjects(captureFunction, storage.bucket);
    storage.table.grantReadWriteData(captureFunction);
    acknowledgeTableIndexes(captureFunction, storage.table, 'read-write');

    const apiFunction = new VerbatimFunction(this, 'ApiFunction', {
      entry: 'functions/api.ts',
      description: 'Verbatim HTTP API: submissions and the read API',
      timeout: Duration.seconds(29),
      memorySize: 512,
      environment: {
        ...storageEnv,
        VERBATIM_QUEUE_URL: captureQueue.queueUrl,
        VERBATIM_READ_REQUIRES_KEY: String(settings.readRequiresKey),
      },
      // Loaded by the first request that needs them (functions/api.ts): a cold start loads DynamoDB only.
      extraEntries: [
        ['functions/lazy/s3-blobs.ts', 's3-blobs.js'],
        ['functions/lazy/sqs-queue.ts', 'sqs-queue.js'],
      ],
    });
    // Reads snapshots, never writes them; submissions go to the table and the queue.
    grantReadArchiveObjects(apiFunction, storage.bucket);
    storage.table.grantReadWriteData(apiFunction);
    acknowledgeTableIndexes(apiFunction, storage.table, 'read-write');
    captureQueue.grantSendMessages(apiFunction);

    const auditFunction = new VerbatimFunction(this, 'AuditFunction', {
      entry: 'functions/audit.ts',
      description: 'Daily fixity audit: every recorded object exists and matches its SHA-256; orphans, stuck captures',
      timeout: AUDIT_TIMEOUT,
      memorySize: 1024,
      environment: storageEnv,
    });
    // Read-only: the audit reports, it never repairs (see shared/usecases/audit.ts).
    grantReadArchiveObjects(auditFunction, storage.bucket);
    storage.table.grantReadData(auditFunction);
    acknowledgeTableIndexes(auditFunction, storage.table, 'read');
    // A failed audit raises the AuditErrors alarm and runs again tomorrow; an immediate retry would
    // re-read the whole archive for the same answer.
    auditFunction.configureAsyncInvoke({ retryAttempts: 0 });
    new Rule(this, 'DailyAudit', {
      description: 'Runs the Verbatim fixity audit once a day',
      schedule: AUDIT_SCHEDULE,
      targets: [new LambdaFunction(auditFunction, { retryAttempts: 2 })],
    });

    // Makes captures whose jobs were dead-lettered terminal (failed, abandoned): no scan on a request path.
    const sweepFunction = new VerbatimFunction(this, 'SweepFunction', {
      entry: 'functions/sweep.ts',
      description: 'Hourly: fails captures left queued or fetching past the retry timeline (abandoned)',
      timeout: Duration.minutes(5),
      memorySize: 512,
      environment: storageEnv,
    });
    // Table only: it reads records and moves stuck ones to failed; no S3, no queue.
    storage.table.grantReadWriteData(sweepFunction);
    acknowledgeTableIndexes(sweepFunction, storage.table, 'read-write');
    new Rule(this, 'HourlySweep', {
      description: 'Fails abandoned Verbatim captures so every submission ends terminal',
      schedule: Schedule.rate(Duration.hours(1)),
      targets: [new LambdaFunction(sweepFunction, { retryAttempts: 2 })],
    });

    const api = new HttpApi(this, 'HttpApi', {
      description: 'Verbatim API',
      defaultIntegration: new HttpLambdaIntegration('ApiIntegration', apiFunction),
      createDefaultStage: false,
    });
    const accessLogs = new LogGroup(this, 'ApiAccessLogs', { retention: RetentionDays.THREE_MONTHS });
    new HttpStage(this, 'ApiStage', {
      httpApi: api,
      stageName: '$default',
      autoDeploy: true,
      // The outer wall: per-key quotas are enforced in the app; this caps the whole API.
      throttle: { rateLimit: settings.apiRateLimit, burstLimit: settings.apiBurstLimit },
      accessLogSettings: { destination: new LogGroupLogDestination(accessLogs), format: ACCESS_LOG_FORMAT },
    });
    acknowledge(api, 'AwsSolutions-APIG4',
      'Authorization is done in the app, not by API Gateway: write routes need an archivist API key ' +
      '(Authorization: Bearer, stored as a SHA-256 hash, with per-key quotas), and read routes are public ' +
      'by design (a research archive; a deployment setting can make them private). The same check then ' +
      'runs in local mode, and no authorizer Lambda is invoked per request.');

    const observability = new Observability(this, 'Observability', {
      captureFunction,
      auditFunction,
      captureQueue,
      deadLetters,
      api,
      maxQueueAge: Duration.minutes(settings.maxQueueAgeMinutes),
      captureErrorRatePercent: settings.captureErrorRatePercent,
      api5xxPerFiveMinutes: settings.api5xxPerFiveMinutes,
      ...(settings.alarmEmail ? { alarmEmail: settings.alarmEmail } : {}),
    });

    new CfnOutput(this, 'ApiUrl', { value: api.apiEndpoint, description: 'Base URL of the Verbatim API' });
    new CfnOutput(this, 'BucketName', { value: storage.bucket.bucketName });
    new CfnOutput(this, 'TableName', { value: storage.table.tableName });
    new CfnOutput(this, 'CaptureQueueUrl', { value: captureQueue.queueUrl });
    new CfnOutput(this, 'DeadLetterQueueUrl', { value: deadLetters.queueUrl });
    new CfnOutput(this, 'AlarmTopicArn', { value: observability.topic.topicArn });
    new CfnOutput(this, 'DashboardUrl', {
      value: `https://console.aws.amazon.com/cloudwatch/home?region=${Aws.REGION}#dashboards:name=${observability.dashboard.dashboardName}`,
    });
  }
}

/** One JSON line per request, HTTP API context variables only; never headers (API keys live there). */
const ACCESS_LOG_FORMAT = AccessLogFormat.custom(
  JSON.stringify({
    requestId: '$context.requestId',
    ip: '$context.identity.sourceIp',
    requestTime: '$context.requestTime',
    method: '$context.httpMethod',
    routeKey: '$context.routeKey',
    path: '$context.path',
    status: '$context.status',
    protocol: '$context.protocol',
    responseLength: '$context.responseLength',
    latencyMs: '$context.responseLatency',
    integrationLatencyMs: '$context.integrationLatency',
    integrationError: '$context.integrationErrorMessage',
    userAgent: '$context.identity.userAgent',
  }),
);
