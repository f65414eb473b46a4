/** The capture record: what the catalogue stores about one capture of one URL. */

import type { FailureCode } from '../errors.ts';

export type CaptureStatus = 'queued' | 'fetching' | 'done' | 'failed';

export const TERMINAL_STATUSES: ReadonlySet<CaptureStatus> = new Set(['done', 'failed']);

/** A stored object: where it lives and what its bytes hash to. */
export interface StoredObject {
  key: string;
  sha256: string;
  size: number;
  contentType: string;
}

export interface CaptureMetadata {
  title: string | null;
  authors: string[];
  publishedAt: string | null;
  modifiedAt: string | null;
  siteName: string | null;
  lang: string | null;
  canonicalUrl: string | null;
  description: string | null;
  excerpt: string | null;
  wordCount: number;
  kind: 'article' | 'page';
}

export interface CaptureRecord {
  id: string;
  url: string;
  status: CaptureStatus;
  createdAt: string;
  updatedAt: string;
  /** Set once the fetch has happened. */
  finalUrl?: string;
  httpStatus?: number;
  contentType?: string;
  fetchedAt?: string;
  charset?: { name: string; source: string };
  metadata?: CaptureMetadata;
  raw?: StoredObject;
  snapshot?: StoredObject;
  text?: StoredObject;
  failure?: { code: FailureCode; message: string };
}

/** One capture job on the queue. */
export interface CaptureJob {
  id: string;
  url: string;
}
