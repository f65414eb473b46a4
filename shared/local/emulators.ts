/**
 * The embedded storage for local mode and tests: s3rver and dynalite speak the real S3 and DynamoDB
 * protocols, so the adapters and SDK calls are the same as on AWS; only the endpoints differ.
 */

import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import {
  CreateTableCommand,
  DescribeTableCommand,
  ResourceNotFoundException,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import dynalite from 'dynalite';
import S3rver from 's3rver';
import { GLOBAL_INDEXES, TABLE_KEYS } from '../catalog/table.ts';
import { createClients, type AwsClients } from '../clients.ts';

export const LOCAL_BUCKET = 'verbatim-archive';
export const LOCAL_TABLE = 'verbatim-catalog';
const LOCAL_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

export interface Emulators {
  clients: AwsClients;
  bucket: string;
  table: string;
  s3Endpoint: string;
  dynamoEndpoint: string;
  close(): Promise<void>;
}

/** Start both emulators on free loopback ports, persisting under `dataDir`, with bucket and table ready. */
export async function startEmulators(dataDir: string): Promise<Emulators> {
  const s3Dir = join(dataDir, 's3');
  const dynamoDir = join(dataDir, 'dynamodb');
  await mkdir(s3Dir, { recursive: true });
  await mkdir(dynamoDir, { recursive: true });
  const releaseLock = await lockDataDir(dataDir);

  const s3rver = new S3rver({
    address: '127.0.0.1',
    port: 0,
    directory: s3Dir,
    silent: true,
    configureBuckets: [{ name: LOCAL_BUCKET }],
  });
  const s3Address = await s3rver.run();

  const dynamoServer = dynalite({ path: dynamoDir, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve, reject) => {
    dynamoServer.once('error', reject);
    dynamoServer.listen(0, '127.0.0.1', () => resolve());
  });
  const dynamoPort = (dynamoServer.address() as AddressInfo).port;

  const s3Endpoint = `http://127.0.0.1:${s3Address.port}`;
  const dynamoEndpoint = `http://127.0.0.1:${dynamoPort}`;
  const clients = createClients({ region: 'us-east-1', s3Endpoint, dynamoEndpoint, credentials: LOCAL_CREDENTIALS });
  await ensureTable(clients.dynamoBase, LOCAL_TABLE);

  return {
    clients,
    bucket: LOCAL_BUCKET,
    table: LOCAL_TABLE,
    s3Endpoint,
    dynamoEndpoint,
    async close() {
      clients.s3.destroy();
      clients.dynamo.destroy();
      clients.dynamoBase.destroy();
      clients.sqs.destroy();
      await Promise.allSettled([
        s3rver.close(),
        new Promise<void>((resolve) => dynamoServer.close(() => resolve())),
      ]);
      await releaseLock();
    },
  };
}

/** Create the catalogue table with the same keys and indexes as the CDK stack, if it is missing. */
export async function ensureTable(dynamo: DynamoDBClient, table: string): Promise<void> {
  if (await tableStatus(dynamo, table)) return waitUntilActive(dynamo, table);
  const attribute = (name: string) => ({ AttributeName: name, AttributeType: 'S' as const });
  await dynamo.send(
    new CreateTableCommand({
      TableName: table,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [
        attribute(TABLE_KEYS.partition),
        attribute(TABLE_KEYS.sort),
        ...GLOBAL_INDEXES.flatMap((index) => [attribute(index.partition), attribute(index.sort)]),
      ],
      KeySchema: [
        { AttributeName: TABLE_KEYS.partition, KeyType: 'HASH' },
        { AttributeName: TABLE_KEYS.sort, KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: GLOBAL_INDEXES.map((index) => ({
        IndexName: index.name,
        KeySchema: [
          { AttributeName: index.partition, KeyType: 'HASH' as const },
          { AttributeName: index.sort, KeyType: 'RANGE' as const },
        ],
        Projection: { ProjectionType: 'ALL' as const },
      })),
    }),
  );
  await waitUntilActive(dynamo, table);
}

async function tableStatus(dynamo: DynamoDBClient, table: string): Promise<string | undefined> {
  try {
    const { Table } = await dynamo.send(new DescribeTableCommand({ TableName: table }));
    return Table?.TableStatus ?? 'UNKNOWN';
  } catch (error) {
    if (error instanceof ResourceNotFoundException) return undefined;
    throw error;
  }
}

async function waitUntilActive(dynamo: DynamoDBClient, table: string): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    if ((await tableStatus(dynamo, table)) === 'ACTIVE') return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`table ${table} did not become active`);
}

/**
 * One process per data folder: the DynamoDB emulator's LevelDB store cannot be shared, and its own error
 * for that case is an unreadable crash. A stale lock (its process gone, e.g. after kill -9) is taken over.
 */
async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  const lockFile = join(dataDir, 'verbatim.pid');
  const holder = Number(await readFile(lockFile, 'utf8').catch(() => ''));
  if (holder && holder !== process.pid && isAlive(holder)) {
    throw new Error(`the data folder ${dataDir} is in use by another Verbatim process (pid ${holder}); stop it or set VERBATIM_DATA_DIR`);
  }
  await writeFile(lockFile, String(process.pid));
  return () => rm(lockFile, { force: true });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
