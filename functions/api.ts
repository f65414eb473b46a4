/**
 * The API Lambda: the same Hono app as local mode, behind API Gateway (HTTP API). Only the DynamoDB client
 * is loaded at init (every route reads the catalogue); the S3 and SQS adapters are separate files of the
 * bundle, loaded once by the first route that needs them.
 */

import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { handle } from 'hono/aws-lambda';
import { createApp, READ_CACHE } from '#shared/api/app.ts';
import { DynamoAccessStore } from '#shared/catalog/dynamo-access.ts';
import { DynamoCatalog } from '#shared/catalog/dynamo-catalog.ts';
import { createDynamoClients } from '#shared/clients.ts';
import { loadLambdaConfig } from '#shared/config.ts';
import { systemClock } from '#shared/ports.ts';
import { lazyBlobStore, lazyQueue } from '#shared/wiring.ts';

const config = loadLambdaConfig();
const { dynamo } = createDynamoClients();
const queueUrl = config.VERBATIM_QUEUE_URL;

/** A module bundled beside this handler (see `lazyEntries` in infra/constructs/verbatim-function.ts). */
function loadBeside<T>(file: string): Promise<T> {
  return import(pathToFileURL(join(__dirname, file)).href) as Promise<T>;
}

const blobs = lazyBlobStore(async () =>
  (await loadBeside<typeof import('./lazy/s3-blobs.ts')>('s3-blobs.js')).createBlobStore(config.VERBATIM_BUCKET),
);
const queue = queueUrl
  ? lazyQueue(async () => (await loadBeside<typeof import('./lazy/sqs-queue.ts')>('sqs-queue.js')).createQueue(queueUrl))
  : undefined;

export const handler = handle(
  createApp({
    catalog: new DynamoCatalog(dynamo, config.VERBATIM_TABLE),
    access: new DynamoAccessStore(dynamo, config.VERBATIM_TABLE),
    blobs,
    clock: systemClock,
    readRequiresKey: config.VERBATIM_READ_REQUIRES_KEY,
    // A warm function instance serves repeated reads of archived objects and finished records from memory.
    cache: READ_CACHE,
    ...(config.VERBATIM_ARCHIVE_ORIGIN ? { archiveOrigin: config.VERBATIM_ARCHIVE_ORIGIN } : {}),
    ...(queue ? { queue } : {}),
  }),
);
