/**
 * The raw capture as a WARC/1.1 file (warcinfo, request, response), gzipped per record, written with
 * warcio. Deterministic: record ids are derived from the capture id and dates from the fetch, and
 * compression uses pako, so the same capture always gives the same bytes (and the same SHA-256).
 */

import { createHash } from 'node:crypto';
import { WARC_1_1, WARCRecord, WARCSerializer } from 'warcio';
import type { FetchedPage } from '../ports.ts';

export interface BuildWarcInput {
  /** The capture id; record ids and the file name derive from it. */
  captureId: string;
  page: FetchedPage;
  /** Name and version of the software that made the capture, e.g. "Verbatim/0.1.0". */
  software: string;
  /** Extra warcinfo fields (e.g. robots decision, operator); written in the order given. */
  info?: Record<string, string>;
}

export const WARC_CONTENT_TYPE = 'application/warc';

/** Headers describing the wire encoding of a body we store decoded: renamed, like pywb and warcio do. */
const WIRE_HEADERS = new Set(['content-encoding', 'content-length', 'transfer-encoding']);

/**
 * Build the WARC for one capture.
 * @example const bytes = await buildWarc({ captureId, page, software: 'Verbatim/0.1.0' });
 */
export async function buildWarc(input: BuildWarcInput): Promise<Uint8Array> {
  const { captureId, page, software } = input;
  const { exchange } = page;
  const date = page.fetchedAt;
  const ids = {
    warcinfo: recordId(captureId, 'warcinfo'),
    request: recordId(captureId, 'request'),
    response: recordId(captureId, 'response'),
  };

  const info: Record<string, string> = {
    software,
    format: 'WARC File Format 1.1',
    conformsTo: 'https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/',
    isPartOf: captureId,
    ...(input.info ?? {}),
  };
  const userAgent = exchange.requestHeaders.find(([name]) => name.toLowerCase() === 'user-agent')?.[1];
  if (userAgent !== undefined) info['http-header-user-agent'] = userAgent;
  if (page.redirects.length > 0) {
    info['verbatim-redirect-chain'] = page.redirects.map((r) => `${r.status} ${r.url} -> ${r.location}`).join(' | ');
  }

  const warcinfo = WARCRecord.createWARCInfo(
    { filename: warcFilename(captureId), warcVersion: WARC_1_1, date, warcHeaders: { 'WARC-Record-ID': ids.warcinfo } },
    info,
  );

  const target = new URL(exchange.url);
  const request = WARCRecord.create(
    {
      url: exchange.url,
      date,
      type: 'request',
      warcVersion: WARC_1_1,
      statusline: `${exchange.method} ${target.pathname}${target.search} ${exchange.httpVersion}`,
      httpHeaders: exchange.requestHeaders.map(([n, v]) => [n, v] as [string, string]),
      warcHeaders: [
        ['WARC-Record-ID', ids.request],
        ['WARC-Concurrent-To', ids.response],
        ['WARC-Warcinfo-ID', ids.warcinfo],
      ],
    },
    [],
  );

  const responseWarcHeaders: Array<[string, string]> = [
    ['WARC-Record-ID', ids.response],
    ['WARC-Warcinfo-ID', ids.warcinfo],
  ];
  if (exchange.remoteAddress !== undefined) responseWarcHeaders.push(['WARC-IP-Address', exchange.remoteAddress]);
  const response = WARCRecord.create(
    {
      url: exchange.url,
      date,
      type: 'response',
      warcVersion: WARC_1_1,
      statusline: `${exchange.httpVersion} ${exchange.status}${exchange.statusText ? ` ${exchange.statusText}` : ''}`,
      httpHeaders: storedResponseHeaders(exchange.responseHeaders, page.body.length),
      warcHeaders: responseWarcHeaders,
    },
    [page.body],
  );

  const parts: Uint8Array[] = [];
  for (const record of [warcinfo, request, response]) {
    parts.push(
      await WARCSerializer.serialize(record, { gzip: true, preferPako: true, digest: { algo: 'sha-256', prefix: 'sha256:' } }),
    );
  }
  return concat(parts);
}

/** The file name for a capture's WARC. */
export function warcFilename(captureId: string): string {
  return `verbatim-${captureId}.warc.gz`;
}

/**
 * The response headers as stored next to a decoded payload: wire-only headers keep their value as
 * X-Archive-Orig-<name>, and Content-Length states the stored payload's length.
 */
export function storedResponseHeaders(headers: ReadonlyArray<[string, string]>, payloadLength: number): Array<[string, string]> {
  const stored: Array<[string, string]> = [];
  for (const [name, value] of headers) {
    if (WIRE_HEADERS.has(name.toLowerCase())) stored.push([`X-Archive-Orig-${name}`, value]);
    else stored.push([name, value]);
  }
  stored.push(['Content-Length', String(payloadLength)]);
  return stored;
}

/** A stable urn:uuid (RFC 9562 version 8, name-based on SHA-256) for one record of one capture. */
export function recordId(captureId: string, role: string): string {
  const hash = createHash('sha256').update(`verbatim:${captureId}:${role}`).digest();
  hash[6] = (hash[6]! & 0x0f) | 0x80;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `<urn:uuid:${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}>`;
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
