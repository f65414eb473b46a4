/** Fixity check: re-read every stored object of a capture and recompute its SHA-256. */

import { OBJECT_NAMES, type ObjectName } from '../domain/capture.ts';
import { sha256Hex } from '../digest.ts';
import { NotFoundError } from '../errors.ts';
import type { BlobStore, Catalog } from '../ports.ts';

export interface ObjectCheck {
  name: ObjectName;
  key: string;
  expected: string;
  /** The digest of the bytes read now, or null when the object could not be read. */
  actual: string | null;
  ok: boolean;
  error?: string;
}

export interface VerifyReport {
  captureId: string;
  ok: boolean;
  checkedAt: string;
  objects: ObjectCheck[];
}

/** Throws NotFoundError for an unknown id; otherwise reports every object, ok or not. */
export async function verifyCapture(
  deps: { catalog: Catalog; blobs: BlobStore; clock: { now(): Date } },
  id: string,
): Promise<VerifyReport> {
  const record = await deps.catalog.get(id);
  if (!record) throw new NotFoundError(`no capture with id "${id}"`);
  const objects = await Promise.all(
    OBJECT_NAMES.flatMap((name) => {
      const object = record[name];
      return object ? [checkObject(deps.blobs, name, object.key, object.sha256)] : [];
    }),
  );
  return { captureId: id, ok: objects.every((o) => o.ok), checkedAt: deps.clock.now().toISOString(), objects };
}

async function checkObject(blobs: BlobStore, name: ObjectName, key: string, expected: string): Promise<ObjectCheck> {
  try {
    const actual = sha256Hex(await blobs.get(key));
    return { name, key, expected, actual, ok: actual === expected };
  } catch (error) {
    const message = error instanceof NotFoundError ? 'object is missing' : 'object could not be read';
    return { name, key, expected, actual: null, ok: false, error: message };
  }
}
