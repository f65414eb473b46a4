/**
 * The capture record a request has already read, so middleware that decorates the response (Memento
 * headers) reuses it instead of reading the catalogue a second time.
 */

import type { CaptureRecord } from '../domain/capture.ts';

const loaded = new WeakMap<Request, CaptureRecord>();

export function rememberRecord(request: Request, record: CaptureRecord): void {
  loaded.set(request, record);
}

export function recallRecord(request: Request, id: string): CaptureRecord | undefined {
  const record = loaded.get(request);
  return record?.id === id ? record : undefined;
}
