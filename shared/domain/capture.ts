/** The capture record: what the catalogue stores about one capture of one URL. */

import type { FailureCode } from '../errors.ts';

export type CaptureStatus = 'queued' | 'fetching' | 'done' | 'failed';

/** The stored objects of a capture, by name, in the order they are written. */
export const OBJECT_NAMES = ['raw', 'warc', 'snapshot', 'text'] as const;
export type ObjectName = (typeof OBJECT_NAMES)[number];

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
  /** The payload bytes as received (content-encoding removed). */
  raw?: StoredObject;
  /** The WARC/1.1 file of the exchange (warcinfo, request, response). */
  warc?: StoredObject;
  snapshot?: StoredObject;
  text?: StoredObject;
  /** What the payload really is (sniffed); only HTML/XHTML is extracted. */
  payloadKind?: string;
  /** Whether archiving was allowed (robots.txt, X-Robots-Tag, meta robots), and why. */
  archivePolicy?: { allowed: boolean; source: string; reason: string };
  failure?: { code: FailureCode; message: string };
  /** How many quotations were found in the text. */
  quoteCount?: number;
  /** Capture-quality flags from extraction (paywall, challenge page, cookie wall...). */
  flags?: { paywall: boolean; challenge: boolean; cookieWall: boolean; truncated: boolean; notArticle: boolean };
  /** The key id that submitted the capture. */
  submittedBy?: string;
  /** Where to POST a signed notification when the capture is terminal. */
  callbackUrl?: string;
  /** Delivery attempts so far. */
  attempts?: number;
  /** The transient failure that sent the capture back to the queue, while it waits for a retry. */
  lastFailure?: { code: FailureCode; message: string };
}

/** A quotation as stored in the catalogue, with the capture it belongs to. */
export interface StoredQuote {
  captureId: string;
  index: number;
  text: string;
  speaker: string | null;
  mention: string | null;
  cue: string | null;
  kind: 'direct' | 'partial';
  group: number;
  /** Offsets of `text` in the capture's stored plain text. */
  start: number;
  end: number;
  paragraph: number;
  /** Denormalised from the capture, so a speaker listing needs no second lookup. */
  url: string;
  title: string | null;
  capturedAt: string;
}

/** One capture job on the queue. */
export interface CaptureJob {
  id: string;
  url: string;
}
