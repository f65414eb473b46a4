/** The public JSON shape of a capture record. */

import type { CaptureRecord, StoredQuote } from '../domain/capture.ts';

/**
 * Links of a capture. Archived bytes (snapshot, text, raw, WARC) live on `archiveBase` when the
 * deployment serves them from a separate origin.
 */
export function captureLinks(base: string, id: string, archiveBase = base): Record<string, string> {
  const path = `/v1/captures/${encodeURIComponent(id)}`;
  const self = `${base}${path}`;
  const content = `${archiveBase}${path}`;
  return {
    self,
    snapshot: `${content}/snapshot`,
    text: `${content}/text`,
    raw: `${content}/raw`,
    warc: `${content}/warc`,
    quotes: `${self}/quotes`,
    verify: `${self}/verify`,
  };
}

export function presentCapture(record: CaptureRecord, base: string, archiveBase = base): Record<string, unknown> {
  const m = record.metadata;
  return {
    id: record.id,
    url: record.url,
    finalUrl: record.finalUrl ?? null,
    status: record.status,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    fetchedAt: record.fetchedAt ?? null,
    httpStatus: record.httpStatus ?? null,
    contentType: record.contentType ?? null,
    charset: record.charset ?? null,
    payloadKind: record.payloadKind ?? null,
    archivePolicy: record.archivePolicy ?? null,
    kind: m?.kind ?? null,
    title: m?.title ?? null,
    authors: m?.authors ?? [],
    publishedAt: m?.publishedAt ?? null,
    modifiedAt: m?.modifiedAt ?? null,
    siteName: m?.siteName ?? null,
    lang: m?.lang ?? null,
    canonicalUrl: m?.canonicalUrl ?? null,
    description: m?.description ?? null,
    excerpt: m?.excerpt ?? null,
    wordCount: m?.wordCount ?? null,
    flags: record.flags ?? null,
    sha256: {
      raw: record.raw?.sha256 ?? null,
      warc: record.warc?.sha256 ?? null,
      snapshot: record.snapshot?.sha256 ?? null,
      text: record.text?.sha256 ?? null,
    },
    failure: record.failure ?? null,
    quoteCount: record.quoteCount ?? null,
    links: captureLinks(base, record.id, archiveBase),
  };
}

export function presentQuote(quote: StoredQuote, base: string): Record<string, unknown> {
  const capture = `${base}/v1/captures/${encodeURIComponent(quote.captureId)}`;
  return {
    ...quote,
    links: { self: `${capture}/quotes/${quote.index}`, capture, text: `${capture}/text` },
  };
}
