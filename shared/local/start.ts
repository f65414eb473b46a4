/**
 * Local mode: one process with the API, the capture worker and the embedded S3 and DynamoDB emulators.
 * Used by `npm start`, the CLI and the end-to-end tests.
 */

import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import { createApp, READ_CACHE } from '../api/app.ts';
import type { LocalConfig } from '../config.ts';
import type { CaptureJob } from '../domain/capture.ts';
import { getLogger } from '../logger.ts';
import { systemClock, type AccessStore, type BlobStore, type Catalog } from '../ports.ts';
import { createWebhookNotifier } from '../webhooks/notifier.ts';
import { newApiKey } from '../auth/api-keys.ts';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runCapture, type CaptureDeps } from '../usecases/run-capture.ts';
import { buildExtractor, buildFetcher, SOFTWARE } from '../capture-wiring.ts';
import { MAX_ATTEMPTS } from '../queue/sqs-capture-consumer.ts';
import { buildStorage } from '../wiring.ts';
import { startEmulators, type Emulators } from './emulators.ts';
import { InProcessQueue } from './in-process-queue.ts';

const log = getLogger('local');

export interface LocalVerbatim {
  /** Base URL of the API and web UI. */
  url: string;
  emulators: Emulators;
  catalog: Catalog;
  blobs: BlobStore;
  access: AccessStore;
  /** The local archivist key (created on first start, kept in the data folder). */
  apiKey: string;
  queue: InProcessQueue;
  captureDeps: CaptureDeps;
  close(): Promise<void>;
}

export interface StartOptions {
  /** Start the HTTP server (false for the CLI, which only needs storage and the worker). */
  serveHttp?: boolean;
  /** Re-queue unfinished captures at start (default true; read-only commands turn it off). */
  resume?: boolean;
}

export async function startVerbatim(config: LocalConfig, options: StartOptions = {}): Promise<LocalVerbatim> {
  const dataDir = resolve(config.VERBATIM_DATA_DIR);
  const emulators = await startEmulators(dataDir);
  const { catalog, blobs, access } = buildStorage(emulators.clients, emulators.bucket, emulators.table);
  const extractor = buildExtractor({ size: config.VERBATIM_WORKERS, deadlineMs: config.VERBATIM_EXTRACT_DEADLINE_MS });
  const fetcher = buildFetcher(config);
  const captureDeps: CaptureDeps = {
    catalog,
    blobs,
    fetcher,
    extractor,
    clock: systemClock,
    software: SOFTWARE,
    notifier: createWebhookNotifier(access, fetcher),
  };
  const apiKey = await ensureLocalApiKey(access, dataDir);
  const queue = new InProcessQueue(
    (job: CaptureJob, attempt: number) => runCapture(captureDeps, job, { attempt, maxAttempts: MAX_ATTEMPTS }),
    config.VERBATIM_WORKERS,
  );

  // Durable promise of the local queue: whatever was queued or in flight when the last process stopped
  // (even killed) is picked up again.
  const unfinished = options.resume === false ? [] : ((await catalog.listUnfinished?.()) ?? []);
  for (const record of unfinished) await queue.enqueue({ id: record.id, url: record.url }, (record.attempts ?? 0) + 1);
  if (unfinished.length) log.info('resumed unfinished captures', { count: unfinished.length });

  let server: ServerType | undefined;
  let url = '';
  let archiveServer: ServerType | undefined;
  if (options.serveHttp !== false) {
    const host = config.HOST.includes(':') ? `[${config.HOST}]` : config.HOST;
    const listen = (fetch: (request: Request) => Response | Promise<Response>, port: number) =>
      new Promise<ServerType>((ready) => {
        const started = serve({ fetch, port, hostname: config.HOST }, () => ready(started));
      });
    // Archived bytes on a second port: a different origin, as a separate domain is in production.
    let archiveOrigin: string | undefined;
    let archiveApp: { fetch: (request: Request) => Response | Promise<Response> } | undefined;
    if (config.VERBATIM_ARCHIVE_PORT !== undefined) {
      archiveServer = await listen((request) => archiveApp!.fetch(request), config.VERBATIM_ARCHIVE_PORT);
      archiveOrigin = `http://${host}:${(archiveServer.address() as AddressInfo).port}`;
    }
    const app = createApp({
      catalog,
      blobs,
      access,
      queue,
      clock: systemClock,
      readRequiresKey: config.VERBATIM_READ_REQUIRES_KEY,
      cache: READ_CACHE,
      ...(archiveOrigin ? { archiveOrigin } : {}),
    });
    archiveApp = app;
    server = await listen(app.fetch, config.PORT);
    url = `http://${host}:${(server.address() as AddressInfo).port}`;
  }

  return {
    url,
    emulators,
    catalog,
    blobs,
    access,
    apiKey,
    queue,
    captureDeps,
    async close() {
      for (const open of [server, archiveServer]) if (open) await new Promise<void>((done) => open.close(() => done()));
      await queue.close();
      await extractor.close();
      await emulators.close();
    },
  };
}

/**
 * Local mode's own archivist key: created on first start and kept (0600) in the data folder, so the
 * web UI, curl and the tests can submit. Only its hash is in the catalogue, as for every key.
 */
async function ensureLocalApiKey(access: AccessStore, dataDir: string): Promise<string> {
  const file = join(dataDir, 'local-api-key');
  const saved = (await readFile(file, 'utf8').catch(() => '')).trim();
  if (saved) return saved;
  const { secret, record } = newApiKey('local', { perMinute: 600, perDay: 100_000 });
  await access.putKey(record);
  await writeFile(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}
