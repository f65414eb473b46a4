/**
 * The CDK stack, synthesised offline with real esbuild bundling: assertions on the template (resources,
 * settings, least-privilege grants), then the bundles themselves run against the local emulators.
 */

import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoCatalog } from '../../shared/catalog/dynamo-catalog.ts';
import { VerbatimStack } from '../../infra/verbatim-stack.ts';
import { startFixtureSite, type FixtureSite } from '../helpers/fixture-site.ts';
import { startTestEmulators, type TestEmulators } from '../helpers/emulators.ts';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';

const run = promisify(execFile);
let template: Template;
let assetDirs: Record<'CaptureFunction' | 'ApiFunction', string>;

beforeAll(() => {
  // Outside the project: its package.json says "type": "module", which Lambda's /var/task does not.
  const app = new App({ outdir: mkdtempSync(join(tmpdir(), 'verbatim-cdk-')) });
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
  assetDirs = { CaptureFunction: dirOf('CaptureFunction'), ApiFunction: dirOf('ApiFunction') };
}, 120_000);

function policyStatementsOf(rolePrefix: string): any[] {
  const policies = template.findResources('AWS::IAM::Policy');
  return Object.values(policies)
    .filter((policy: any) => policy.Properties.Roles.some((role: any) => role.Ref.startsWith(rolePrefix)))
    .flatMap((policy: any) => policy.Properties.PolicyDocument.Statement);
}

function actionsOf(rolePrefix: string): string[] {
  return policyStatementsOf(rolePrefix).flatMap((s) => [s.Action].flat());
}

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

  it('runs both functions on Node 22, arm64, with their resource names in the environment', () => {
    const functions = Object.values(template.findResources('AWS::Lambda::Function')) as any[];
    expect(functions).toHaveLength(2);
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

  it('lets the capture function put objects but never delete them', () => {
    const actions = actionsOf('CaptureFunction');
    expect(actions).toEqual(expect.arrayContaining(['s3:PutObject']));
    expect(actions.filter((a) => /^s3:(Delete|\*)|^s3:.*Delete/.test(a))).toEqual([]);
  });

  it('gives the API function read access to objects and send access to the queue, no S3 writes', () => {
    const actions = actionsOf('ApiFunction');
    expect(actions).toEqual(expect.arrayContaining(['s3:GetObject*', 'sqs:SendMessage']));
    expect(actions.filter((a) => /^s3:(Put|Delete|\*)/.test(a))).toEqual([]);
  });

  it('exposes the API through an HTTP API and outputs its URL', () => {
    template.resourceCountIs('AWS::ApiGatewayV2::Api', 1);
    template.hasOutput('ApiUrl', Match.anyValue());
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
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'S3RVER',
      AWS_SECRET_ACCESS_KEY: 'S3RVER',
      AWS_ENDPOINT_URL_S3: emulators.s3Endpoint,
      AWS_ENDPOINT_URL_DYNAMODB: emulators.dynamoEndpoint,
      VERBATIM_BUCKET: emulators.bucket,
      VERBATIM_TABLE: emulators.table,
      VERBATIM_QUEUE_URL: 'http://127.0.0.1:9/queue',
      VERBATIM_ALLOW_PRIVATE_HOSTS: '127.0.0.1',
      POWERTOOLS_LOG_LEVEL: 'ERROR',
      VERBATIM_LOG_LEVEL: 'ERROR',
    };
  }

  async function invoke(dir: string, event: unknown): Promise<any> {
    const script = `
      const { handler } = require(${JSON.stringify(join(dir, 'index.js'))});
      const context = { getRemainingTimeInMillis: () => 60000, functionName: 'test', awsRequestId: 'req-1' };
      Promise.resolve(handler(${JSON.stringify(event)}, context)).then(
        (result) => process.stdout.write('RESULT:' + JSON.stringify(result ?? null)),
        (error) => { console.error(error); process.exit(1); });`;
    const { stdout } = await run(process.execPath, ['-e', script], { env: lambdaEnv(), cwd: dir });
    return JSON.parse(stdout.slice(stdout.indexOf('RESULT:') + 7));
  }

  it('the capture bundle (jsdom inside) captures a page from an SQS message', async () => {
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
    const result = await invoke(assetDirs.ApiFunction, {
      version: '2.0',
      routeKey: '$default',
      rawPath: '/v1/captures/bundle-1',
      rawQueryString: '',
      headers: { host: 'api.example' },
      requestContext: { http: { method: 'GET', path: '/v1/captures/bundle-1', sourceIp: '127.0.0.1' }, domainName: 'api.example', stage: '$default' },
      isBase64Encoded: false,
    });
    expect(result.statusCode).toBe(200);
    expect(JSON.parse(result.body)).toMatchObject({ id: 'bundle-1', status: 'done' });
  }, 60_000);

  it('the API bundle does not contain jsdom', () => {
    const source = readFileSync(join(assetDirs.ApiFunction, 'index.js'), 'utf8');
    expect(source).not.toMatch(/jsdom/);
    expect(readFileSync(join(assetDirs.CaptureFunction, 'index.js'), 'utf8')).toMatch(/jsdom/);
  });
});
