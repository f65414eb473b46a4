/**
 * The Verbatim stack: stateful storage (bucket, table) apart from the stateless service (queues,
 * functions, HTTP API). Grants are per function and least-privilege.
 */

import { CfnOutput, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { ArchiveStorage } from './constructs/archive-storage.ts';
import { VerbatimFunction } from './constructs/verbatim-function.ts';

/** Capture function timeout; the queue's visibility timeout is six times this (AWS guidance). */
export const CAPTURE_TIMEOUT = Duration.minutes(2);

export class VerbatimStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);

    const retentionDays = Number(this.node.tryGetContext('verbatim:objectLockRetentionDays') ?? 365);
    const captureMemoryMb = Number(this.node.tryGetContext('verbatim:captureMemoryMb') ?? 1024);
    const storage = new ArchiveStorage(this, 'Storage', { retentionDays });

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
      memorySize: captureMemoryMb,
      // The queue URL lets the function delay a retry (ChangeMessageVisibility) with backoff.
      environment: { ...storageEnv, VERBATIM_QUEUE_URL: captureQueue.queueUrl },
      // jsdom resolves this worker file next to itself at load time; esbuild cannot see it.
      copyFiles: [['jsdom/lib/jsdom/living/xhr/xhr-sync-worker.js', 'xhr-sync-worker.js']],
    });
    captureFunction.addEventSource(
      new SqsEventSource(captureQueue, { batchSize: 5, reportBatchItemFailures: true, maxConcurrency: 20 }),
    );
    // Writers that must never delete: put (create) only, no DeleteObject.
    storage.bucket.grantPut(captureFunction);
    storage.table.grantReadWriteData(captureFunction);

    const apiFunction = new VerbatimFunction(this, 'ApiFunction', {
      entry: 'functions/api.ts',
      description: 'Verbatim HTTP API: submissions and the read API',
      timeout: Duration.seconds(29),
      memorySize: 512,
      environment: { ...storageEnv, VERBATIM_QUEUE_URL: captureQueue.queueUrl },
    });
    storage.bucket.grantRead(apiFunction);
    storage.table.grantReadWriteData(apiFunction);
    captureQueue.grantSendMessages(apiFunction);

    const api = new HttpApi(this, 'HttpApi', {
      description: 'Verbatim API',
      defaultIntegration: new HttpLambdaIntegration('ApiIntegration', apiFunction),
    });

    new CfnOutput(this, 'ApiUrl', { value: api.apiEndpoint, description: 'Base URL of the Verbatim API' });
    new CfnOutput(this, 'BucketName', { value: storage.bucket.bucketName });
    new CfnOutput(this, 'TableName', { value: storage.table.tableName });
    new CfnOutput(this, 'CaptureQueueUrl', { value: captureQueue.queueUrl });
    new CfnOutput(this, 'DeadLetterQueueUrl', { value: deadLetters.queueUrl });
  }
}
