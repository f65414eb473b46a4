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
