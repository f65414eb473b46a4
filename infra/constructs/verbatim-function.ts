/**
 * The house Lambda function: Node 22 on arm64 (Graviton), esbuild bundle (minified, tree-shaken, source
 * maps on), structured logs with bounded retention, X-Ray tracing. Every function of the stack is one.
 * Each has its own role that may write only to its own log group (no AWS managed policy).
 */

import { fileURLToPath } from 'node:url';
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, LoggingFormat, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat, type NodejsFunctionProps } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { acknowledge } from '../nag.ts';

export const PROJECT_ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface VerbatimFunctionProps {
  /** Entry file, relative to the project root (e.g. `functions/api.ts`). */
  entry: string;
  description: string;
  timeout: Duration;
  memorySize: number;
  environment: Record<string, string>;
  /** Extra files a bundled dependency loads at run time: [path in node_modules, name in the bundle]. */
  copyFiles?: Array<[string, string]>;
  /**
   * Extra entry points bundled beside the handler: worker threads, and adapters the handler loads only
   * when a request needs them (kept out of the cold start). [source file, name in the bundle, and
   * optionally esbuild aliases for that entry alone (module name -> file, relative to the project root)].
   */
  extraEntries?: Array<[string, string, Record<string, string>?]>;
}

/**
 * Aliases for bundles that run extraction and nothing else (the extraction worker): jsdom's network stack
 * (undici) replaced by a stand-in that refuses to be used (`shared/extract/offline-undici.ts`).
 */
export const EXTRACTION_ALIASES: Record<string, string> = { undici: 'shared/extract/offline-undici.ts' };

/**
 * The esbuild settings of every bundle, the handler's and any extra entry's alike. ESM entry points of
 * dependencies first (`module` before `main`): the AWS SDK v3 then tree-shakes to the commands used.
 */
const MAIN_FIELDS = ['module', 'main'];

/**
 * Not bundled. canvas: an optional peer of jsdom that we never use. The rest: links of the AWS SDK's
 * default credential chain that never run on Lambda, where the first link reads the function's
 * credentials from its environment (profiles, SSO, web identity, instance metadata, and the STS and SSO
 * clients they load: a sixth of the API bundle). Should one ever be reached (AWS_PROFILE set on a
 * function), its import fails with a clear "cannot find package" rather than loading other credentials.
 */
const EXTERNAL_MODULES = [
  'canvas',
  '@aws-sdk/nested-clients',
  '@aws-sdk/credential-provider-ini',
  '@aws-sdk/credential-provider-sso',
  '@aws-sdk/credential-provider-process',
  '@aws-sdk/credential-provider-web-identity',
  '@aws-sdk/credential-provider-login',
  '@aws-sdk/credential-provider-http',
  '@aws-sdk/token-providers',
  '@smithy/credential-provider-imds',
];

const ESBUILD_FLAGS = [
  '--bundle --platform=node --format=cjs --target=node22 --minify --sourcemap --sources-content=false',
  `--main-fields=${MAIN_FIELDS.join(',')}`,
  ...EXTERNAL_MODULES.map((name) => `--external:${name}`),
].join(' ');

export class VerbatimFunction extends NodejsFunction {
  constructor(scope: Construct, id: string, props: VerbatimFunctionProps) {
    const logGroup = new LogGroup(scope, `${id}Logs`, {
      retention: RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    // Instead of AWSLambdaBasicExecutionRole (logs:* on every log group of the account): this group only.
    const role = new Role(scope, `${id}Role`, {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Execution role of ${id}`,
    });
    logGroup.grantWrite(role);
    const copies = props.copyFiles ?? [];
    const entries = props.extraEntries ?? [];
    const bundling: NodejsFunctionProps['bundling'] = {
      minify: true,
      sourceMap: true,
      sourcesContent: false,
      target: 'node22',
      format: OutputFormat.CJS,
      mainFields: MAIN_FIELDS,
      externalModules: EXTERNAL_MODULES,
      ...(copies.length || entries.length
        ? {
            commandHooks: {
              beforeBundling: () => [],
              beforeInstall: () => [],
              afterBundling: (inputDir: string, outputDir: string) => [
                ...copies.map(([from, to]) => `cp "${inputDir}/node_modules/${from}" "${outputDir}/${to}"`),
                ...entries.map(
                  ([source, name, aliases = {}]) =>
                    `"${inputDir}/node_modules/.bin/esbuild" "${inputDir}/${source}" ${ESBUILD_FLAGS} ` +
                    Object.entries(aliases).map(([module, file]) => `--alias:${module}="${inputDir}/${file}" `).join('') +
                    `--log-level=warning --outfile="${outputDir}/${name}"`,
                ),
              ],
            },
          }
        : {}),
    };
    super(scope, id, {
      entry: `${PROJECT_ROOT}/${props.entry}`,
      projectRoot: PROJECT_ROOT,
      depsLockFilePath: `${PROJECT_ROOT}/package-lock.json`,
      handler: 'handler',
      description: props.description,
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      timeout: props.timeout,
      memorySize: props.memorySize,
      tracing: Tracing.ACTIVE,
      loggingFormat: LoggingFormat.JSON,
      logGroup,
      role,
      environment: {
        NODE_OPTIONS: '--enable-source-maps',
        POWERTOOLS_SERVICE_NAME: 'verbatim',
        ...props.environment,
      },
      bundling,
    });
    acknowledge(this, 'AwsSolutions-L1',
      'Pinned to Node 22 on purpose: the code is built and tested on Node 22 (engines, the node@22 dev ' +
      'dependency, esbuild target node22); the runtime moves with that toolchain, not ahead of it.');
    acknowledge(role, 'AwsSolutions-IAM5[Resource::*]',
      'X-Ray tracing (added by `tracing: ACTIVE`): xray:PutTraceSegments and xray:PutTelemetryRecords ' +
      'do not support resource-level permissions, so the resource must be "*".');
  }
}
