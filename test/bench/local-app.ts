/**
 * The local app for the API and end-to-end benches: `startVerbatim` in this process on port 0, with a
 * throwaway data folder, a fixture site on 127.0.0.1 serving corpus pages, and counters on the AWS SDK
 * clients (every S3 and DynamoDB request the app makes, with sizes) for the cost model.
 */

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AwsClients } from '../../shared/clients.ts';
import type { CaptureRecord } from '../../shared/domain/capture.ts';
import type { LocalVerbatim } from '../../shared/local/start.ts';
import { startFixtureSite, type FixtureSite } from '../helpers/fixture-site.ts';
import { dynamoItemSize, writeUnits } from './cost.ts';
import { type CorpusPage, readPage } from './corpus.ts';

export interface RequestCounts {
  s3Puts: number;
  s3Gets: number;
  s3PutBytes: number;
  /** PUTs by key prefix (raw, snapshot, text, warc...). */
  s3PutsByPrefix: Record<string, number>;
  dynamoWrites: number;
  dynamoWriteUnits: number;
  dynamoWriteBytes: number;
  /** Bytes the written items occupy now (last write of each key, index copies included). */
  dynamoStoredBytes: number;
  dynamoReads: number;
  /** Puts by item kind (sort key prefix: RECORD, QUOTE, AUTHOR...). */
  dynamoItemsByKind: Record<string, number>;
}

export function emptyCounts(): RequestCounts {
  return { s3Puts: 0, s3Gets: 0, s3PutBytes: 0, s3PutsByPrefix: {}, dynamoWrites: 0, dynamoWriteUnits: 0, dynamoWriteBytes: 0, dynamoStoredBytes: 0, dynamoReads: 0, dynamoItemsByKind: {} };
}

/** Authorization for POST /v1/captures, when the deployment requires a key. */
export interface BenchAuth {
  headers(): Record<string, string>;
}

export interface BenchApp {
  verbatim: LocalVerbatim;
  site: FixtureSite;
  /** Paths on the fixture site, one per corpus page served. */
  paths: string[];
  counts: RequestCounts;
  /** Resolves when the capture reaches done or failed (hooked on the worker's catalogue, no polling). */
  terminal(id: string): Promise<CaptureRecord>;
  submit(url: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * Serve `pages` (cycled to `count` URLs) from a fixture site and start the local app against it.
 * Submissions use `auth` when given, else a key the bench creates in the app's catalogue.
 */
export async function startBenchApp(pages: CorpusPage[], count: number, auth?: BenchAuth): Promise<BenchApp> {
  const routes: Record<string, { body: Uint8Array; headers: Record<string, string> }> = {};
  const paths: string[] = [];
  for (let i = 0; i < count; i++) {
    const page = pages[i % pages.length]!;
    const path = `/news/${i}/${page.name.replace(/[^a-zA-Z0-9.-]+/g, '-')}`;
    // Charset unknown, as most servers send it: extraction sniffs it.
    routes[path] = { body: readPage(page.path), headers: { 'content-type': 'text/html' } };
    paths.push(path);
  }
  const site = await startFixtureSite(routes);
  const dataDir = mkdtempSync(join(tmpdir(), 'verbatim-bench-app-'));
  const { loadLocalConfig } = await import('../../shared/config.ts');
  const { startVerbatim } = await import('../../shared/local/start.ts');
  const config = loadLocalConfig({
    PORT: '0',
    VERBATIM_DATA_DIR: dataDir,
    VERBATIM_ALLOW_PRIVATE_HOSTS: '127.0.0.1',
    VERBATIM_ALLOWED_PORTS: `80,443,${new URL(site.origin).port}`,
  });
  const verbatim = await startVerbatim(config);
  // An archivist key of its own, with quotas the load cannot reach (the local key has the default 60/min).
  const { newApiKey } = await import('../../shared/auth/api-keys.ts');
  const benchKey = newApiKey('bench', { perMinute: 1_000_000, perDay: 100_000_000 });
  await verbatim.access.putKey(benchKey.record);
  const authorization: BenchAuth = auth ?? { headers: () => ({ authorization: `Bearer ${benchKey.secret}` }) };
  const counts = emptyCounts();
  instrument(verbatim.emulators.clients, counts);

  const waiters = new Map<string, (record: CaptureRecord) => void>();
  const done = new Map<string, CaptureRecord>();
  const catalog = verbatim.captureDeps.catalog;
  // The worker reads captureDeps.catalog on every job: a proxy sees each terminal transition.
  verbatim.captureDeps.catalog = new Proxy(catalog, {
    get(target, property, receiver) {
      if (property !== 'transition') return Reflect.get(target, property, receiver);
      return async (...args: Parameters<typeof catalog.transition>) => {
        const updated = await target.transition(...args);
        const [id, , to] = args;
        if (to === 'done' || to === 'failed') {
          const record = updated ?? (await target.get(id));
          if (record && (record.status === 'done' || record.status === 'failed')) {
            done.set(id, record);
            waiters.get(id)?.(record);
          }
        }
        return updated;
      };
    },
  });

  return {
    verbatim,
    site,
    paths,
    counts,
    terminal(id) {
      const finished = done.get(id);
      if (finished) return Promise.resolve(finished);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`capture ${id} not terminal after 120 s`)), 120_000);
        waiters.set(id, (record) => {
          clearTimeout(timer);
          resolve(record);
        });
      });
    },
    async submit(url) {
      const response = await fetch(`${verbatim.url}/v1/captures`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...authorization.headers() },
        body: JSON.stringify({ url }),
      });
      if (response.status !== 202) throw new Error(`POST /v1/captures answered ${response.status}: ${await response.text()}`);
      return ((await response.json()) as { id: string }).id;
    },
    async close() {
      await verbatim.close();
      await site.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

type Middleware = (next: (args: any) => Promise<any>, context: { commandName?: string }) => (args: any) => Promise<any>;

/** Count requests on the shared SDK clients (the document client shares the base client's stack). */
function instrument(clients: AwsClients, counts: RequestCounts): void {
  const s3: Middleware = (next, context) => async (args) => {
    if (context.commandName === 'PutObjectCommand') {
      counts.s3Puts += 1;
      const body = args.input?.Body as { byteLength?: number } | undefined;
      counts.s3PutBytes += body?.byteLength ?? 0;
      const prefix = String(args.input?.Key ?? '').split('/')[0] ?? '';
      counts.s3PutsByPrefix[prefix] = (counts.s3PutsByPrefix[prefix] ?? 0) + 1;
    } else if (context.commandName === 'GetObjectCommand') counts.s3Gets += 1;
    return next(args);
  };
  clients.s3.middlewareStack.add(s3 as never, { step: 'initialize', name: 'benchCounter' });

  // DynamoDB bills 100 bytes of overhead per stored item (and per index copy) on top of its size.
  const stored = new Map<string, number>();
  const dynamo: Middleware = (next) => async (args) => {
    const target = String(args.request?.headers?.['x-amz-target'] ?? '').split('.').pop() ?? '';
    let body: any = {};
    try {
      const raw: unknown = args.request?.body;
      body = JSON.parse(typeof raw === 'string' ? raw : raw instanceof Uint8Array ? new TextDecoder().decode(raw) : '{}');
    } catch {
      /* not JSON: not a data request */
    }
    const putItem = (item: Record<string, any>) => {
      const size = dynamoItemSize(item);
      const indexes = Object.keys(item).filter((name) => /^gsi\d+pk$/.test(name)).length;
      counts.dynamoWrites += 1;
      counts.dynamoWriteBytes += size * (1 + indexes);
      counts.dynamoWriteUnits += writeUnits(size, indexes);
      const key = `${item.pk?.S ?? ''}|${item.sk?.S ?? ''}`;
      const occupied = (size + 100) * (1 + indexes);
      counts.dynamoStoredBytes += occupied - (stored.get(key) ?? 0);
      stored.set(key, occupied);
      const kind = String(item.sk?.S ?? '?').split('#')[0]!;
      counts.dynamoItemsByKind[kind] = (counts.dynamoItemsByKind[kind] ?? 0) + 1;
    };
    if (target === 'PutItem' && body.Item) putItem(body.Item);
    else if (target === 'BatchWriteItem') {
      for (const requests of Object.values(body.RequestItems ?? {}) as any[][]) {
        for (const request of requests) if (request.PutRequest?.Item) putItem(request.PutRequest.Item);
      }
    } else if (target === 'UpdateItem' || target === 'DeleteItem') {
      counts.dynamoWrites += 1;
      counts.dynamoWriteUnits += 1;
    } else if (target === 'GetItem') counts.dynamoReads += 1;
    else if (target === 'BatchGetItem' || target === 'Query') counts.dynamoReads += 1;
    return next(args);
  };
  clients.dynamoBase.middlewareStack.add(dynamo as never, { step: 'build', name: 'benchCounter' });
}
