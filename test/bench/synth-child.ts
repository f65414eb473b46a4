/**
 * Synthesize the CDK app's VerbatimStack (real esbuild bundling) into the folder given as argv[2] and
 * print the Lambda bundles as one JSON line. A child process so CDK's bundling output and aws-cdk-lib's
 * memory stay out of the bench process.
 */

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { VerbatimStack } from '../../infra/verbatim-stack.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const outdir = process.argv[2];
if (!outdir) throw new Error('usage: synth-child.ts OUTDIR');

// The project's cdk.json context (memory size, retention), as `cdk synth` would read it.
const context = JSON.parse(readFileSync(join(ROOT, 'cdk.json'), 'utf8')).context as Record<string, unknown>;
const app = new App({ outdir, context });
const stack = new VerbatimStack(app, 'VerbatimBench');
const template = Template.fromStack(stack);
const assembly = app.synth();
const bundles = Object.entries(template.findResources('AWS::Lambda::Function')).flatMap(([logicalId, resource]) => {
  const key = resource.Properties?.Code?.S3Key;
  if (typeof key !== 'string') return [];
  return [{
    logicalId,
    dir: join(assembly.directory, `asset.${key.replace(/\.zip$/, '')}`),
    memoryMb: Number(resource.Properties.MemorySize ?? 128),
    architecture: String(resource.Properties.Architectures?.[0] ?? 'x86_64'),
  }];
});
const batchSizes = Object.values(template.findResources('AWS::Lambda::EventSourceMapping')).map((r) => Number(r.Properties?.BatchSize ?? 10));
process.stdout.write(`\nBUNDLES:${JSON.stringify({ bundles, batchSizes })}\n`);
