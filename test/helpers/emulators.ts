/** Embedded S3 and DynamoDB emulators in a throwaway folder, for integration tests. */

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulators, type Emulators } from '../../shared/local/emulators.ts';

export interface TestEmulators extends Emulators {
  dataDir: string;
  dispose(): Promise<void>;
}

export async function startTestEmulators(): Promise<TestEmulators> {
  const dataDir = await mkdtemp(join(tmpdir(), 'verbatim-test-'));
  const emulators = await startEmulators(dataDir);
  return {
    ...emulators,
    dataDir,
    async dispose() {
      await emulators.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** The environment a bundled Lambda handler needs to run against these emulators, as in production. */
export function emulatorLambdaEnv(emulators: Emulators): Record<string, string> {
  return {
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'S3RVER',
    AWS_SECRET_ACCESS_KEY: 'S3RVER',
    AWS_ENDPOINT_URL_S3: emulators.s3Endpoint,
    AWS_ENDPOINT_URL_DYNAMODB: emulators.dynamoEndpoint,
    VERBATIM_BUCKET: emulators.bucket,
    VERBATIM_TABLE: emulators.table,
    VERBATIM_ALLOW_PRIVATE_HOSTS: '127.0.0.1',
  };
}
