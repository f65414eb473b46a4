/**
 * The CDK app: `npx cdk synth` / `npx cdk deploy`. Synthesises offline, with no AWS credentials.
 * cdk-nag's AwsSolutions pack checks every synth: an unacknowledged finding fails it.
 */

import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { VerbatimStack } from './verbatim-stack.ts';

const app = new App();
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
new VerbatimStack(app, 'Verbatim', {
  description: 'Verbatim: a serverless archive for news articles',
  ...(process.env.CDK_DEFAULT_ACCOUNT
    ? { env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION } }
    : {}),
});
