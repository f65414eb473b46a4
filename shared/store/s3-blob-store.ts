/**
 * The BlobStore adapter on S3: content-addressed keys, create-only writes, SHA-256 sent as the S3
 * checksum so S3 itself rejects a corrupted upload.
 */

import {
  GetObjectCommand,
  ListObjectsV2Command,
  NoSuchKey,
  PutObjectCommand,
  S3ServiceException,
  type S3Client,
} from '@aws-sdk/client-s3';
import { hexToBase64, sha256Hex } from '../digest.ts';
import { NotFoundError, VerbatimError } from '../errors.ts';
import type { BlobStore, PutResult } from '../ports.ts';

export class S3BlobStore implements BlobStore {
  constructor(
    private readonly s3: S3Client,
    private readonly bucket: string,
  ) {}

  async putImmutable(prefix: string, body: Uint8Array, contentType: string, suffix = ''): Promise<PutResult> {
    const sha256 = sha256Hex(body);
    const key = `${prefix}/${sha256}${suffix}`;
    const result = { key, sha256, size: body.byteLength };
    try {
      await this.s3.send(
        new PutObjectCommand({
          Bucket: this.bucket,
          Key: key,
          Body: body,
          ContentType: contentType,
          ChecksumSHA256: hexToBase64(sha256),
          // Create-only: an object under a content-addressed key is never replaced.
          IfNoneMatch: '*',
        }),
      );
      return { ...result, created: true };
    } catch (error) {
      // 412: the key exists, and since the key is the digest, it holds these very bytes.
      // 409: a concurrent conditional write to the same key is in progress; the same reasoning holds.
      const status = error instanceof S3ServiceException ? error.$metadata.httpStatusCode : undefined;
      if (status === 412 || status === 409) return { ...result, created: false };
      throw new VerbatimError('storage-failed', `could not store ${key}`, { cause: error });
    }
  }

  async get(key: string): Promise<Uint8Array> {
    try {
      const response = await this.s3.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      if (!response.Body) throw new NotFoundError(`object ${key} has no body`);
      return await response.Body.transformToByteArray();
    } catch (error) {
      if (error instanceof NoSuchKey || (error as { name?: string }).name === 'NoSuchKey') {
        throw new NotFoundError(`object ${key} not found`);
      }
      throw error;
    }
  }

  async *list(prefix: string): AsyncIterable<string> {
    let token: string | undefined;
    do {
      const page = await this.s3.send(
        new ListObjectsV2Command({ Bucket: this.bucket, Prefix: prefix, ContinuationToken: token }),
      );
      for (const object of page.Contents ?? []) if (object.Key) yield object.Key;
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }
}
