/**
 * Composition of the storage adapters, shared by every entry point (Lambda handlers, local mode, CLI),
 * so they run the same code and differ only in endpoints. Capture-only adapters (fetcher, extractor)
 * live in capture-wiring.ts so that the API function never loads jsdom.
 */

import { DynamoAccessStore } from './catalog/dynamo-access.ts';
import { DynamoCatalog } from './catalog/dynamo-catalog.ts';
import type { AwsClients } from './clients.ts';
import type { AccessStore, BlobStore, Catalog } from './ports.ts';
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
