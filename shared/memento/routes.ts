/** The Memento routes (TimeGate, TimeMaps) and the headers every memento response carries. */

import type { Context, Hono, MiddlewareHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ApiDeps } from '../api/app.ts';
import type { CaptureRecord } from '../domain/capture.ts';
import { canonicalUrl, validateSubmittedUrl } from '../domain/url.ts';
import { NotFoundError } from '../errors.ts';
import type { Catalog } from '../ports.ts';
import { formatHttpDate, parseHttpDate } from './http-date.ts';
import { formatLinkDocument, formatLinkHeader } from './link-format.ts';
import { mementoDatetime, mementoResponseLinks, mementoUris, selectMemento, snapshotUri, timeGateLinks, timeMapJson, timeMapLinks, toMementos, type Memento } from './mementos.ts';
import { recallRecord } from '../api/request-records.ts';

/** A TimeMap lists at most this many captures of one URL (the catalogue is read in pages of 100). */
const MAX_MEMENTOS = 10_000;

export function registerMementoRoutes(app: Hono, deps: ApiDeps): void {
  app.get('/timegate/*', async (c) => {
    const original = originalUrlFrom(c, '/timegate/');
    const header = c.req.header('accept-datetime');
    let at: Date | undefined;
    if (header !== undefined) {
      at = parseHttpDate(header);
      if (!at) {
        c.header('Vary', 'accept-datetime');
        throw new HTTPException(400, { message: `Accept-Datetime "${header.slice(0, 80)}" is not an RFC 1123 date, e.g. "Tue, 05 Mar 2024 09:30:00 GMT"` });
      }
    }
    const { mementos, originalUrl } = await requireMementos(deps.catalog, original, mementoBase(c, deps));
    const { memento, index } = selectMemento(mementos, at);
    const uris = mementoUris(base(c), originalUrl);
    return new Response(null, {
      status: 302,
      headers: {
        Location: memento.uri,
        Vary: 'accept-datetime',
        Link: formatLinkHeader(timeGateLinks(originalUrl, uris, mementos, index)),
        'Cache-Control': 'no-cache',
      },
    });
  });

  app.get('/timemap/link/*', async (c) => {
    const { mementos, originalUrl } = await requireMementos(deps.catalog, originalUrlFrom(c, '/timemap/link/'), mementoBase(c, deps));
    const body = formatLinkDocument(timeMapLinks(originalUrl, mementoUris(base(c), originalUrl), mementos));
    return c.body(body, 200, { 'Content-Type': 'application/link-format; charset=utf-8' });
  });

  app.get('/timemap/json/*', async (c) => {
    const { mementos, originalUrl } = await requireMementos(deps.catalog, originalUrlFrom(c, '/timemap/json/'), mementoBase(c, deps));
    return c.json(timeMapJson(originalUrl, mementoUris(base(c), originalUrl), mementos));
  });
}

/** The representations of a capture that are mementos (the record describes one, so it carries the headers too). */
const MEMENTO_SUFFIXES = new Set(['', '/snapshot', '/raw', '/text', '/warc']);

/**
 * Adds `Memento-Datetime` and `Link` to every successful response for a done capture: the record, its
 * snapshot, raw bytes, text and WARC. Must be registered before the routes it decorates (Hono runs
 * handlers in registration order).
 */
export function mementoHeadersMiddleware(deps: ApiDeps): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const match = /^\/v1\/captures\/([^/]+)(\/[a-z]+)?$/.exec(c.req.path);
    if (!match || !MEMENTO_SUFFIXES.has(match[2] ?? '') || c.res.status !== 200) return;
    const id = decodeURIComponent(match[1]!);
    const record = recallRecord(c.req.raw, id) ?? (await deps.catalog.get(id));
    if (!record || record.status !== 'done') return;
    // On the separate archive origin the API origin is unknown: the TimeGate and TimeMap links are left out
    // there (RFC 7089 requires only Memento-Datetime and rel="original" on a memento).
    const onArchiveOrigin = deps.archiveOrigin !== undefined && base(c) === new URL(deps.archiveOrigin).origin;
    const headers = mementoHeaders(record, { api: onArchiveOrigin ? undefined : base(c), mementos: mementoBase(c, deps) });
    for (const [name, value] of Object.entries(headers)) c.res.headers.set(name, value);
  };
}

/**
 * The Memento headers of a done capture's responses. `api`: the origin of the TimeGate and TimeMaps
 * (omitted: no links to them); `mementos`: the origin that serves snapshots.
 */
export function mementoHeaders(record: CaptureRecord, origins: { api: string | undefined; mementos: string }): Record<string, string> {
  const datetime = mementoDatetime(record);
  const self: Memento = { id: record.id, datetime, uri: snapshotUri(origins.mementos, record.id), record };
  const links = origins.api
    ? mementoResponseLinks(canonicalUrl(record.url), mementoUris(origins.api, canonicalUrl(record.url)), self)
    : [{ uri: canonicalUrl(record.url), rel: 'original' }, { uri: self.uri, rel: 'memento', params: { datetime: formatHttpDate(datetime) } }];
  return { 'Memento-Datetime': formatHttpDate(datetime), Link: formatLinkHeader(links) };
}

/**
 * The original URL from the raw path and query: `/timegate/https://example.com/a?b=1` needs no encoding.
 * Also accepted: a percent-encoded URL, and `https:/host` (some proxies merge `//`).
 */
export function originalUrlFrom(c: Context, prefix: string): string {
  const requested = new URL(c.req.url);
  let rest = requested.pathname.slice(prefix.length) + requested.search;
  if (/^https?%3A/i.test(rest)) {
    try {
      rest = decodeURIComponent(rest);
    } catch {
      // Not percent-encoding after all: validated as it is below.
    }
  }
  rest = rest.replace(/^(https?:)\/(?!\/)/i, '$1//');
  return validateSubmittedUrl(rest).href;
}

/** Every capture of a URL, oldest first, that is a memento; 404 when there is none. */
async function requireMementos(catalog: Catalog, url: string, baseUrl: string): Promise<{ mementos: Memento[]; originalUrl: string }> {
  const records = await listAllByUrl(catalog, url);
  const mementos = toMementos(records, baseUrl);
  if (mementos.length === 0) throw new NotFoundError(`no capture of ${canonicalUrl(url)} has completed`);
  // The original is the URL as last submitted (tracking parameters and all are not ours to rewrite).
  // The original is named in its canonical form: tracking parameters are not part of the resource.
  return { mementos, originalUrl: canonicalUrl(mementos[mementos.length - 1]!.record.url) };
}

export async function listAllByUrl(catalog: Catalog, url: string): Promise<CaptureRecord[]> {
  const records: CaptureRecord[] = [];
  let cursor: string | undefined;
  do {
    const page = await catalog.listByUrl(url, { limit: 100, ...(cursor ? { cursor } : {}) });
    records.push(...page.items);
    cursor = page.cursor;
  } while (cursor && records.length < MAX_MEMENTOS);
  return records;
}

function base(c: Context): string {
  return new URL(c.req.url).origin;
}

/** Mementos (snapshots) live on the archive origin when the deployment has one. */
function mementoBase(c: Context, deps: ApiDeps): string {
  return deps.archiveOrigin ? new URL(deps.archiveOrigin).origin : base(c);
}
