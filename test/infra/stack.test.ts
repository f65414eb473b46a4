/**
 * The CDK stack, synthesised offline with real esbuild bundling and the context of cdk.json (as
 * `cdk synth` sees it): cdk-nag, assertions on the template (resources, settings, least-privilege
 * grants, alarms), then the bundles themselves run against the local emulators.
 */

import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { App, Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoCatalog } from '../../shared/catalog/dynamo-catalog.ts';
import { VerbatimStack } from '../../infra/verbatim-stack.ts';
import { startFixtureSite, type FixtureSite } from '../helpers/fixture-site.ts';
import { emulatorLambdaEnv, startTestEmulators, type TestEmulators } from '../helpers/emulators.ts';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';

const run = promisify(execFile);
let template: Template;
let assetDirs: Record<'CaptureFunction' | 'ApiFunction' | 'AuditFunction', string>;
const cdkContext: Record<string, unknown> = JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8')).context;

beforeAll(() => {
  // Outside the project: its package.json says "type": "module", which Lambda's /var/task does not.
  const app = new App({ outdir: mkdtempSync(join(tmpdir(), 'verbatim-cdk-')), context: cdkContext });
  const stack = new VerbatimStack(app, 'VerbatimTest');
  template = Template.fromStack(stack);
  const assembly = app.synth();
  const artifact = assembly.getStackByName('VerbatimTest');
  const functions = template.findResources('AWS::Lambda::Function');
  const dirOf = (prefix: string) => {
    const [, resource] = Object.entries(functions).find(([logicalId]) => logicalId.startsWith(prefix))!;
    const hash = String(resource.Properties.Code.S3Key).replace(/\.zip$/, '');
    return join(assembly.directory, `asset.${hash}`);
  };
  expect(artifact).toBeDefined();
  assetDirs = {
    CaptureFunction: dirOf('CaptureFunction'),
    ApiFunction: dirOf('ApiFunction'),
    AuditFunction: dirOf('AuditFunction'),
  };
}, 120_000);

/** A template without bundling (fast), with extra context. */
function templateWith(context: Record<string, unknown>): Template {
  const app = new App({
    outdir: mkdtempSync(join(tmpdir(), 'verbatim-cdk-')),
    context: { ...cdkContext, ...context, 'aws:cdk:bundling-stacks': [] },
  });
  return Template.fromStack(new VerbatimStack(app, 'VerbatimContext'));
}

function policyStatementsOf(rolePrefix: string): any[] {
  const policies = template.findResources('AWS::IAM::Policy');
  return Object.values(policies)
    .filter((policy: any) => policy.Properties.Roles.some((role: any) => role.Ref.startsWith(rolePrefix)))
    .flatMap((policy: any) => policy.Properties.PolicyDocument.Statement);
}

function actionsOf(rolePrefix: string): string[] {
  return policyStatementsOf(rolePrefix).flatMap((s) => [s.Action].flat());
}

/** Resources of the statements granting an action, rendered as text (`<Logical.Arn>/raw/sha256/*`). */
function resourcesOf(rolePrefix: string, action: string): string[] {
  const render = (value: any): string =>
    typeof value === 'string' ? value
      : value['Fn::GetAtt'] ? `<${value['Fn::GetAtt'][0]}.${value['Fn::GetAtt'][1]}>`
      : value['Fn::Join'] ? value['Fn::Join'][1].map(render).join(value['Fn::Join'][0])
      : JSON.stringify(value);
  return policyStatementsOf(rolePrefix)
    .filter((s) => [s.Action].flat().includes(action))
    .flatMap((s) => [s.Resource].flat().map(render));
}

const ARCHIVE_PATTERNS = ['raw', 'warc', 'snapshot', 'text'].map((name) => new RegExp(`^<StorageSnapshots\\w+\\.Arn>/${name}/sha256/\\*$`));

describe('cdk-nag AwsSolutions', () => {
  it('reports no unacknowledged finding, and every acknowledgement is still needed', () => {
    const app = new App({
      outdir: mkdtempSync(join(tmpdir(), 'verbatim-nag-')),
      context: { ...cdkContext, 'aws:cdk:bundling-stacks': [] },
    });
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
    const stack = new VerbatimStack(app, 'VerbatimNag');

    let thrown: unknown;
    try {
      app.synth();
    } catch (error) {
      thrown = error; // errors fail the synth; the report below says which
    }
    const report = JSON.parse(readFileSync(join(app.outdir, 'validation-report.json'), 'utf8'));
    const nag = report.pluginReports.find((p: any) => p.pluginName === 'AwsSolutions');
    const open = nag.violations.flatMap((v: any) => v.violatingConstructs.map((c: any) => `${v.severity} ${v.ruleName} at ${c.constructPath}`));
    expect(open).toEqual([]);
    expect(thrown).toBeUndefined();

    const used = new Set(nag.suppressedViolations.map((v: any) => `${v.acknowledgedAt} ${v.acknowledgedId}`));
    const acknowledged = stack.node.findAll().flatMap((construct) =>
      construct.node.metadata
        .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
        .flatMap((entry) => Object.keys(entry.data as object).map((id) => `${construct.node.path} ${id}`)),
    );
    expect(acknowledged.length).toBeGreaterThan(0);
    expect(acknowledged.filter((ack) => !used.has(ack))).toEqual([]);
  }, 60_000);
});

describe('the synthesised template', () => {
  it('has a versioned, locked, private, encrypted bucket that outlives the stack', () => {
    template.hasResource('AWS::S3::Bucket', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({
        VersioningConfiguration: { Status: 'Enabled' },
        ObjectLockEnabled: true,
        ObjectLockConfiguration: Match.objectLike({ Rule: { DefaultRetention: { Mode: 'GOVERNANCE', Days: 365 } } }),
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true,
        },
        BucketEncryption: Match.anyValue(),
      }),
    });
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: Match.objectLike({
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      }),
    });
  });

  it('has an on-demand table with point-in-time recovery and the URL index', () => {
    template.hasResource('AWS::DynamoDB::GlobalTable', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({
        BillingMode: 'PAY_PER_REQUEST',
        TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
        Replicas: [Match.objectLike({ PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true } })],
        GlobalSecondaryIndexes: Match.arrayWith([Match.objectLike({ IndexName: 'byUrl' }), Match.objectLike({ IndexName: 'byName' })]),
      }),
    });
  });

  it('feeds the capture function from a queue with a dead-letter queue after 5 receives', () => {
    template.resourceCountIs('AWS::SQS::Queue', 2);
    template.hasResourceProperties('AWS::SQS::Queue', {
      VisibilityTimeout: 720,
      RedrivePolicy: Match.objectLike({ maxReceiveCount: 5 }),
    });
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
  });

  it('keeps dead letters longer than the queue keeps messages (a moved message keeps its original age)', () => {
    const queues = Object.entries(template.findResources('AWS::SQS::Queue')) as Array<[string, any]>;
    const retention = (prefix: string) => queues.find(([id]) => id.startsWith(prefix))![1].Properties.MessageRetentionPeriod;
    expect(retention('CaptureDeadLetters')).toBe(14 * 24 * 3600);
    expect(retention('CaptureDeadLetters')).toBeGreaterThan(retention('CaptureQueue'));
  });

  it('runs every function on Node 22, arm64, with their resource names in the environment', () => {
    const functions = Object.values(template.findResources('AWS::Lambda::Function')) as any[];
    expect(functions).toHaveLength(4);
    for (const fn of functions) {
      expect(fn.Properties).toMatchObject({ Runtime: 'nodejs22.x', Architectures: ['arm64'], TracingConfig: { Mode: 'Active' } });
      expect(Object.keys(fn.Properties.Environment.Variables)).toEqual(
        expect.arrayContaining(['VERBATIM_BUCKET', 'VERBATIM_TABLE']),
      );
    }
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ VERBATIM_QUEUE_URL: Match.anyValue() }) },
    });
  });

  it('gives no function an AWS managed policy: each role may write only its own log group', () => {
    for (const role of Object.values(template.findResources('AWS::IAM::Role')) as any[]) {
      expect(role.Properties.ManagedPolicyArns).toBeUndefined();
    }
    for (const prefix of ['CaptureFunction', 'ApiFunction', 'AuditFunction']) {
      expect(resourcesOf(prefix, 'logs:PutLogEvents')).toEqual([expect.stringMatching(new RegExp(`^<${prefix}Logs\\w+\\.Arn>$`))]);
    }
  });

  it('lets the capture function create archived objects and nothing else in S3', () => {
    const s3Actions = actionsOf('CaptureFunction').filter((a) => a.startsWith('s3:'));
    expect(s3Actions).toEqual(['s3:PutObject']);
    const resources = resourcesOf('CaptureFunction', 's3:PutObject');
    expect(resources).toHaveLength(ARCHIVE_PATTERNS.length);
    for (const pattern of ARCHIVE_PATTERNS) expect(resources).toContainEqual(expect.stringMatching(pattern));
  });

  it('lets the API function read archived objects and queue jobs, but not write or delete objects', () => {
    const actions = actionsOf('ApiFunction');
    expect(actions).toEqual(expect.arrayContaining(['s3:GetObject', 's3:ListBucket', 'sqs:SendMessage']));
    expect(actions.filter((a) => a.startsWith('s3:')).sort()).toEqual(['s3:GetObject', 's3:ListBucket']);
    const reads = resourcesOf('ApiFunction', 's3:GetObject');
    for (const resource of reads) expect(ARCHIVE_PATTERNS.some((p) => p.test(resource))).toBe(true);
  });

  it('gives the audit function read-only access: S3 get and list, DynamoDB reads, no queue', () => {
    const actions = actionsOf('AuditFunction');
    expect(actions.filter((a) => a.startsWith('s3:')).sort()).toEqual(['s3:GetObject', 's3:ListBucket']);
    expect(actions.filter((a) => a.startsWith('dynamodb:'))).toEqual(expect.arrayContaining(['dynamodb:Scan', 'dynamodb:GetItem']));
    expect(actions.filter((a) => /^dynamodb:(Put|Update|Delete|BatchWrite)|^s3:(Put|Delete)|^sqs:|:\*$/.test(a))).toEqual([]);
  });

  it('gives the sweep function the table only, and runs it hourly', () => {
    const actions = actionsOf('SweepFunction');
    expect(actions.filter((a) => a.startsWith('s3:') || a.startsWith('sqs:'))).toEqual([]);
    expect(actions).toEqual(expect.arrayContaining(['dynamodb:PutItem', 'dynamodb:Scan']));
    template.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'rate(1 hour)',
      Targets: [Match.objectLike({ Arn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^SweepFunction'), 'Arn'] } })],
    });
  });

  it('runs the audit daily from EventBridge, without Lambda retries', () => {
    template.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'cron(17 3 * * ? *)',
      Targets: [Match.objectLike({ Arn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^AuditFunction'), 'Arn'] } })],
    });
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      FunctionName: { Ref: Match.stringLikeRegexp('^AuditFunction') },
      MaximumRetryAttempts: 0,
    });
  });

  it('logs S3 server access to a separate, private log bucket', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      ObjectLockEnabled: true,
      LoggingConfiguration: { DestinationBucketName: { Ref: Match.stringLikeRegexp('^StorageAccessLogs') }, LogFilePrefix: 'snapshots/' },
    });
    template.resourceCountIs('AWS::S3::Bucket', 2);
  });

  it('exposes the API through an HTTP API with stage throttling and access logs, and outputs its URL', () => {
    template.resourceCountIs('AWS::ApiGatewayV2::Api', 1);
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 },
      AccessLogSettings: { DestinationArn: Match.anyValue(), Format: Match.stringLikeRegexp('\\$context\\.requestId') },
    });
    template.hasOutput('ApiUrl', Match.anyValue());
  });

  it('takes throttling limits, alarm e-mail and private reads from context, and names a bad setting', () => {
    const custom = templateWith({ 'verbatim:apiRateLimit': 5, 'verbatim:apiBurstLimit': '10', 'verbatim:alarmEmail': 'ops@example.org' });
    custom.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      DefaultRouteSettings: { ThrottlingRateLimit: 5, ThrottlingBurstLimit: 10 },
    });
    custom.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'ops@example.org' });
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ VERBATIM_READ_REQUIRES_KEY: 'false' }) },
    });
    templateWith({ 'verbatim:readRequiresKey': true }).hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ VERBATIM_READ_REQUIRES_KEY: 'true' }) },
    });
    template.resourceCountIs('AWS::SNS::Subscription', 0);
    expect(() => templateWith({ 'verbatim:apiRateLimit': 'lots' })).toThrow(/verbatim:apiRateLimit/);
  });

  it('alarms on dead letters, queue age, capture error rate, own-fault failures, API 5xx and the audit', () => {
    const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm')) as any[];
    const byMetric = (name: string) => alarms.filter((a) => a.Properties.MetricName === name);
    expect(byMetric('ApproximateNumberOfMessagesVisible')[0]?.Properties).toMatchObject({
      Threshold: 0,
      ComparisonOperator: 'GreaterThanThreshold',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [expect.stringMatching(/^CaptureDeadLetters/), 'QueueName'] } }],
    });
    expect(byMetric('ApproximateAgeOfOldestMessage')[0]?.Properties).toMatchObject({
      Threshold: 1800,
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [expect.stringMatching(/^CaptureQueue/), 'QueueName'] } }],
    });
    expect(byMetric('5xx')).toHaveLength(1);
    expect(byMetric('AuditFixityFailures')[0]?.Properties).toMatchObject({ Namespace: 'Verbatim', Threshold: 0 });
    const errorRate = alarms.find((a) => JSON.stringify(a.Properties.Metrics ?? []).includes('100 * errors / invocations'));
    expect(JSON.stringify(errorRate?.Properties.Metrics)).toMatch(/CaptureFunction/);
    expect(alarms.find((a) => JSON.stringify(a.Properties.Metrics ?? []).includes('CaptureFailures'))).toBeDefined();
    expect(alarms).toHaveLength(7);
    for (const alarm of alarms) {
      expect(alarm.Properties.AlarmActions).toEqual([{ Ref: expect.stringMatching(/^ObservabilityAlarms/) }]);
    }
  });

  it('has a dashboard with captures by outcome, durations, queue, dead letters and the API', () => {
    const [dashboard] = Object.values(template.findResources('AWS::CloudWatch::Dashboard')) as any[];
    const body = JSON.stringify(dashboard.Properties.DashboardBody);
    for (const needle of ['CapturesDone', 'CapturesFailed', 'CaptureFailures', 'FetchTime', 'ExtractionTime', 'BytesStored',
      'ApproximateAgeOfOldestMessage', 'ApproximateNumberOfMessagesVisible', 'Latency', '5xx', 'AuditFixityFailures']) {
      expect(body).toContain(needle);
    }
  });
});

describe('the Lambda bundles', () => {
  let emulators: TestEmulators;
  let site: FixtureSite;
  const article = readFileSync(new URL('../fixtures/site/article.html', import.meta.url), 'utf8');

  beforeAll(async () => {
    emulators = await startTestEmulators();
    site = await startFixtureSite({ '/article': { body: article } });
  });
  afterAll(async () => {
    await site.close();
    await emulators.dispose();
  });

  function lambdaEnv(): NodeJS.ProcessEnv {
    return {
      PATH: process.env.PATH,
      ...emulatorLambdaEnv(emulators),
      VERBATIM_QUEUE_URL: 'http://127.0.0.1:9/queue',
      POWERTOOLS_LOG_LEVEL: 'ERROR',
      VERBATIM_LOG_LEVEL: 'ERROR',
    };
  }

  async function invoke(dir: string, event: unknown): Promise<any> {
    const script = `
      const { handler } = require(${JSON.stringify(join(dir, 'index.js'))});
      const context = { getRemainingTimeInMillis: () => 60000, functionName: 'test', awsRequestId: 'req-1' };
      Promise.resolve(handler(${JSON.stringify(event)}, context)).then(
        (result) => { process.stdout.write('RESULT:' + JSON.stringify(result ?? null)); process.exit(0); },
        (error) => { console.error(error); process.exit(1); });`;
    const { stdout } = await run(process.execPath, ['-e', script], { env: lambdaEnv(), cwd: dir });
    return JSON.parse(stdout.slice(stdout.indexOf('RESULT:') + 7));
  }

  it('the capture bundle (jsdom in its worker) captures a page from an SQS message', async () => {
    const catalog = new DynamoCatalog(emulators.clients.dynamo, emulators.table);
    const now = new Date().toISOString();
    await catalog.create({ id: 'bundle-1', url: site.url('/article'), status: 'queued', createdAt: now, updatedAt: now });

    const result = await invoke(assetDirs.CaptureFunction, {
      Records: [
        { messageId: 'm1', body: JSON.stringify({ id: 'bundle-1', url: site.url('/article') }), eventSource: 'aws:sqs', attributes: {}, messageAttributes: {} },
        { messageId: 'm2', body: 'not json', eventSource: 'aws:sqs', attributes: {}, messageAttributes: {} },
      ],
    });

    expect(result).toEqual({ batchItemFailures: [] });
    const record = await catalog.get('bundle-1');
    expect(record?.status).toBe('done');
    expect(record?.metadata?.title).toContain('Harbour council approves tidal barrier');
  }, 60_000);

  it('the API bundle serves a capture record through an API Gateway event', async () => {
    const result = await invoke(assetDirs.ApiFunction, apiGatewayGet('/v1/captures/bundle-1'));
    expect(result.statusCode).toBe(200);
    expect(JSON.parse(result.body)).toMatchObject({ id: 'bundle-1', status: 'done' });
  }, 60_000);

  it('the API bundle serves a snapshot through its S3 adapter, a separate file loaded on first use', async () => {
    const result = await invoke(assetDirs.ApiFunction, apiGatewayGet('/v1/captures/bundle-1/snapshot'));
    expect(result.statusCode).toBe(200);
    const body = result.isBase64Encoded ? Buffer.from(result.body, 'base64').toString('utf8') : result.body;
    expect(body).toContain('Harbour council approves tidal barrier');
  }, 60_000);

  it('the audit bundle verifies every recorded object in the archive', async () => {
    const counts = await invoke(assetDirs.AuditFunction, { source: 'aws.events', 'detail-type': 'Scheduled Event', detail: {} });
    expect(counts).toMatchObject({ records: 1, mismatched: 0, missing: 0, unreadable: 0, fixityFailures: 0, orphans: 0 });
    expect(counts.verified).toBeGreaterThanOrEqual(3);
  }, 60_000);

  it('jsdom is in the capture worker only: not in the API bundle, not on the capture main thread', () => {
    const source = readFileSync(join(assetDirs.ApiFunction, 'index.js'), 'utf8');
    expect(source).not.toMatch(/jsdom/);
    // Cold start: the S3 and SQS clients live in their own files, loaded by the routes that need them.
    expect(source).not.toMatch(/GetObject|SendMessage/);
    expect(readFileSync(join(assetDirs.ApiFunction, 's3-blobs.js'), 'utf8')).toMatch(/GetObject/);
    // The capture function loads jsdom only in its extraction worker, never on the main thread.
    expect(readFileSync(join(assetDirs.CaptureFunction, 'index.js'), 'utf8')).not.toMatch(/jsdom/);
    expect(readFileSync(join(assetDirs.CaptureFunction, 'worker.js'), 'utf8')).toMatch(/jsdom/);
  });

  it('the extraction worker bundles no network stack; the capture handler keeps undici for its fetcher', () => {
    const worker = readFileSync(join(assetDirs.CaptureFunction, 'worker.js'), 'utf8');
    expect(worker).not.toMatch(/UND_ERR_/);
    expect(worker).toContain('no network from the extraction worker');
    expect(readFileSync(join(assetDirs.CaptureFunction, 'index.js'), 'utf8')).toMatch(/UND_ERR_/);
  });
});

/** An HTTP API (payload 2.0) event for a GET of `path`. */
function apiGatewayGet(path: string) {
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: path,
    rawQueryString: '',
    headers: { host: 'api.example' },
    requestContext: { http: { method: 'GET', path, sourceIp: '127.0.0.1' }, domainName: 'api.example', stage: '$default' },
    isBase64Encoded: false,
  };
}
