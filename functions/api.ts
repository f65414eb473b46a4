/** The API Lambda: the same Hono app as local mode, behind API Gateway (HTTP API). */

import { handle } from 'hono/aws-lambda';
import { createApp } from '#shared/api/app.ts';
import { createClients } from '#shared/clients.ts';
import { loadLambdaConfig } from '#shared/config.ts';
import { systemClock } from '#shared/ports.ts';
import { SqsQueue } from '#shared/queue/sqs-queue.ts';
import { buildStorage } from '#shared/wiring.ts';

const config = loadLambdaConfig();
const clients = createClients();
const { catalog, blobs, access } = buildStorage(clients, config.VERBATIM_BUCKET, config.VERBATIM_TABLE);
const queue = config.VERBATIM_QUEUE_URL ? new SqsQueue(clients.sqs, config.VERBATIM_QUEUE_URL) : undefined;

export const handler = handle(
  createApp({ catalog, blobs, access, clock: systemClock, readRequiresKey: config.VERBATIM_READ_REQUIRES_KEY,
    ...(config.VERBATIM_ARCHIVE_ORIGIN ? { archiveOrigin: config.VERBATIM_ARCHIVE_ORIGIN } : {}), ...(queue ? { queue } : {}) }),
);
