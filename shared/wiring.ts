/**
 * Composition of the storage adapters, shared by every entry point (Lambda handlers, local mode, CLI),
 * so they run the same code and differ only in endpoints. Capture-only adapters (fetcher, extractor)
 * live in capture-wiring.ts so that the API function never loads jsdom.
 */

import { DynamoAccessStore } from './catalog/dynamo-access.ts';
import { DynamoCatalog } from './catalog/dynamo-catalog.ts';
import type { AwsClients } from './clients.ts';
import type { AccessStore, BlobStore, CaptureQueue, Catalog } from './ports.ts';
import { S3BlobStore } from './store/s3-blob-store.ts';

export interface Storage {
  catalog: Catalog;
  blobs: BlobStore;
  access: AccessStore;
}

export function buildStorage(clients: AwsClients, bucket: string, table: string): Storage {
  return {
    catalog: new DynamoCatalog(clients.dynamo, table),
    blobs: new S3BlobStore(clients.s3, bucket),
    access: new DynamoAccessStore(clients.dynamo, table),
  };
}

/** Load once on first call; a failed load is tried again by the next call rather than cached. */
function once<T>(load: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | undefined;
  return () =>
    (pending ??= load().catch((error: unknown) => {
      pending = undefined;
      throw error;
    }));
}

/**
 * A BlobStore whose adapter (and SDK client) is loaded by the first call. The API function uses it so
 * that a cold start does not pay for the S3 client, which only the archived-bytes routes need. Request
 * path only: it does not list.
 */
export function lazyBlobStore(load: () => Promise<BlobStore>): BlobStore {
  const store = once(load);
  return {
    putImmutable: async (prefix, body, contentType, suffix) => (await store()).putImmutable(prefix, body, contentType, suffix),
    get: async (key) => (await store()).get(key),
  };
}

/** A CaptureQueue whose adapter is loaded by the first submission (see lazyBlobStore). */
export function lazyQueue(load: () => Promise<CaptureQueue>): CaptureQueue {
  const queue = once(load);
  return { enqueue: async (job) => (await queue()).enqueue(job) };
}
