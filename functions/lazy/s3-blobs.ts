/**
 * The API function's S3 adapter, bundled as its own file beside the handler (infra: `lazyEntries`) and
 * loaded by the first route that reads archived bytes, so a cold start does not load the S3 client.
 */

import { createS3Client } from '#shared/clients.ts';
import type { BlobStore } from '#shared/ports.ts';
import { S3BlobStore } from '#shared/store/s3-blob-store.ts';

export function createBlobStore(bucket: string): BlobStore {
  return new S3BlobStore(createS3Client(), bucket);
}
