/**
 * The archive's invariants, checked after every fault-injection scenario:
 * I1 every accepted submission ends in exactly one terminal state; I2 at most one record per capture;
 * I3 each record's objects exist and their digests match; I4 no object is overwritten or deleted;
 * I5 orphans (objects no record references) are no more than the crashes injected.
 */

import { expect } from 'vitest';
import { OBJECT_NAMES, TERMINAL_STATUSES } from '../../shared/domain/capture.ts';
import { sha256Hex } from '../../shared/digest.ts';
import type { BlobStore, Catalog } from '../../shared/ports.ts';
import { verifyCapture } from '../../shared/usecases/verify-capture.ts';

const PREFIXES = ['raw/', 'warc/', 'snapshot/', 'text/'];

/** Every stored object and the digest of its bytes now. */
export async function inventory(blobs: BlobStore): Promise<Map<string, string>> {
  const objects = new Map<string, string>();
  for (const prefix of PREFIXES) {
    for await (const key of blobs.list!(prefix)) objects.set(key, sha256Hex(await blobs.get(key)));
  }
  return objects;
}

export async function expectInvariants(
  storage: { catalog: Catalog; blobs: BlobStore },
  accepted: string[],
  options: { before?: Map<string, string>; crashes?: number } = {},
): Promise<void> {
  const records = [];
  for await (const record of storage.catalog.scanRecords()) records.push(record);
  const byId = new Map(records.map((r) => [r.id, r]));
  // I2: the scan yields each capture once.
  expect(byId.size, 'I2: one record per capture').toBe(records.length);
  for (const id of accepted) {
    // I1
    expect(TERMINAL_STATUSES.has(byId.get(id)?.status ?? 'queued'), `I1: capture ${id} is terminal`).toBe(true);
    // I3
    const report = await verifyCapture({ ...storage, clock: { now: () => new Date() } }, id);
    expect(report.objects.filter((o) => !o.ok), `I3: objects of ${id}`).toEqual([]);
  }
  const now = await inventory(storage.blobs);
  // I4
  for (const [key, digest] of options.before ?? []) expect(now.get(key), `I4: ${key} unchanged`).toBe(digest);
  // I5
  const referenced = new Set(records.flatMap((r) => OBJECT_NAMES.flatMap((name) => (r[name] ? [r[name]!.key] : []))));
  const orphans = [...now.keys()].filter((key) => !referenced.has(key));
  expect(orphans.length, `I5: orphans ${orphans.join(', ')}`).toBeLessThanOrEqual((options.crashes ?? 0) * OBJECT_NAMES.length);
}
