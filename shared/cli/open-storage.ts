/**
 * Where CLI administration commands act: the local store by default, or the deployed stack when
 * VERBATIM_TABLE (and VERBATIM_BUCKET) name its resources, with the usual AWS credentials.
 */

import { createClients } from '../clients.ts';
import { loadLambdaConfig, loadLocalConfig } from '../config.ts';
import { startVerbatim } from '../local/start.ts';
import { buildStorage, type Storage } from '../wiring.ts';

export interface OpenedStorage extends Storage {
  where: string;
  close(): Promise<void>;
}

export async function openStorage(env: NodeJS.ProcessEnv = process.env): Promise<OpenedStorage> {
  if (env.VERBATIM_TABLE) {
    const config = loadLambdaConfig(env);
    const clients = createClients();
    return {
      ...buildStorage(clients, config.VERBATIM_BUCKET, config.VERBATIM_TABLE),
      where: `AWS table ${config.VERBATIM_TABLE}`,
      close: async () => {
        clients.s3.destroy();
        clients.dynamo.destroy();
      },
    };
  }
  const config = loadLocalConfig(env);
  const local = await startVerbatim(config, { serveHttp: false, resume: false });
  return { catalog: local.catalog, blobs: local.blobs, access: local.access, where: `local store ${config.VERBATIM_DATA_DIR}`, close: () => local.close() };
}
