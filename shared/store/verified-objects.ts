/**
 * Archived objects for serving: read from the BlobStore, checked against their recorded SHA-256, and kept
 * in a bounded in-process LRU (lru-cache) keyed by that digest. Objects are immutable and content-addressed, so a
 * digest names one byte string forever: bytes verified once when loaded can be served again from memory.
 * Bytes that do not match are never kept, and are refused every time they are read.
 */

import type { StoredObject } from '../domain/capture.ts';
import { sha256Hex } from '../digest.ts';
import type { BlobStore } from '../ports.ts';
import { LRUCache } from 'lru-cache';

export interface ObjectCacheLimits {
  /** Total bytes kept; 0 turns the cache off (every read goes to the store). */
  maxBytes: number;
  /** Larger objects (big WARCs, raw downloads) are served but not kept. */
  maxObjectBytes: number;
}

export type VerifiedRead = { ok: true; bytes: Uint8Array; cached: boolean } | { ok: false; actualSha256: string };

export class VerifiedObjects {
  /** Null when the budget is zero: nothing is kept. */
  private readonly cache: LRUCache<string, Uint8Array> | null;

  constructor(
    private readonly blobs: BlobStore,
    private readonly limits: ObjectCacheLimits,
  ) {
    // Bounded by bytes only; larger objects are served but not kept.
    this.cache = limits.maxBytes > 0
      ? new LRUCache({ maxSize: limits.maxBytes, maxEntrySize: limits.maxObjectBytes, sizeCalculation: (bytes) => Math.max(1, bytes.byteLength) })
      : null;
  }

  /** The object's bytes if they match its recorded digest; `ok: false` (and nothing kept) if they do not. */
  async read(object: StoredObject): Promise<VerifiedRead> {
    const hit = this.cache?.get(object.sha256);
    if (hit) return { ok: true, bytes: hit, cached: true };
    const bytes = await this.blobs.get(object.key);
    const actualSha256 = sha256Hex(bytes);
    if (actualSha256 !== object.sha256) return { ok: false, actualSha256 };
    if (bytes.byteLength <= this.limits.maxObjectBytes) this.cache?.set(object.sha256, bytes);
    return { ok: true, bytes, cached: false };
  }

  get cachedBytes(): number {
    return this.cache?.calculatedSize ?? 0;
  }
}
