/** The CDK app: `npx cdk synth` / `npx cdk deploy`. Synthesises offline, with no AWS credentials. */

import { App } from 'aws-cdk-lib';
import { VerbatimStack } from './verbatim-stack.ts';

const app = new App();
new VerbatimStack(app, 'Verbatim', {
  description: 'Verbatim: a serverless archive for news articles',
  ...(process.env.CDK_DEFAULT_ACCOUNT
    ? { env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION } }
    : {}),
});
