/**
 * The HTTP API: one web-standard Hono app, served by Lambda (functions/api.ts) and by the local server
 * (shared/local), and tested with app.request() with no server at all.
 */

import { Hono, type Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { CachedCatalog, type RecordCacheLimits } from '../catalog/cached-catalog.ts';
import { InvalidCursorError } from '../catalog/dynamo-catalog.ts';
import type { CaptureRecord, ObjectName, StoredObject } from '../domain/capture.ts';
import { InvalidUrlError, IntegrityError, NotFoundError } from '../errors.ts';
import { getLogger } from '../logger.ts';
import type { AccessStore, BlobStore, CaptureQueue, Catalog, Clock } from '../ports.ts';
import { VerifiedObjects, type ObjectCacheLimits } from '../store/verified-objects.ts';
import { QueueUnavailableError } from '../usecases/submit-capture.ts';
import { exportCaptures } from '../usecases/export-captures.ts';
import { verifyCapture } from '../usecases/verify-capture.ts';
import { BadQueryError, parseCaptureQuery } from './capture-query.ts';
import { rememberRecord } from './request-records.ts';
import { presentCapture, presentQuote } from './present.ts';
import { registerMementoHeaders, registerResearcherRoutes } from './researcher-routes.ts';
import { AuthError, ConflictError, QuotaExceededError, registerSubmissionRoutes, requireApiKey } from './submissions.ts';

export interface ApiDeps {
  catalog: Catalog;
  blobs: BlobStore;
  /** Absent in a read-only deployment of the API. */
  queue?: CaptureQueue;
  clock: Clock;
  /** API keys, quotas, idempotency. */
  access: AccessStore;
  /** Deployment setting: read routes need a key too (default: public reads). */
  readRequiresKey?: boolean;
  /**
   * A separate origin (another registrable domain) that alone serves archived bytes. When set, this
   * app answers archive routes on the API origin with a redirect there, and on that origin serves
   * nothing else.
   */
  archiveOrigin?: string;
  /** In-process read caches, for a long-lived app (Lambda, local mode); none when absent. */
  cache?: ReadCacheSettings;
}

export interface ReadCacheSettings {
  objects: ObjectCacheLimits;
  records: RecordCacheLimits;
}

/**
 * The read caches of the deployed and local API. Archived objects (immutable, content-addressed): up to
 * 64 MB per process, objects over 8 MB not kept. Terminal capture records: 30 s (a re-driven failed
 * capture may read "failed" for that long), at most 10,000.
 */
export const READ_CACHE: ReadCacheSettings = {
  objects: { maxBytes: 64 * 1024 * 1024, maxObjectBytes: 8 * 1024 * 1024 },
  records: { ttlMs: 30_000, maxRecords: 10_000 },
};

const ARCHIVE_ROUTE = /^\/v1\/captures\/[^/]+\/(snapshot|text|raw|warc)$/;

const log = getLogger('api');

/** Most captures in one export response. */
const EXPORT_PAGE = 500;

/**
 * Archived bytes are third-party content: never let them run script or share our origin.
 * `sandbox` without `allow-same-origin` gives the document an opaque origin, and `default-src 'none'`
 * means a snapshot loads nothing from anywhere (no tracking pixel, no hotlinked image reaches a third
 * party when a researcher reads it); only inline styles and data: images render.
 */
const ARCHIVE_HEADERS = {
  'Content-Security-Policy': "sandbox; default-src 'none'; img-src data:; style-src 'unsafe-inline'; form-action 'none'; base-uri 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'public, max-age=31536000, immutable',
} as const;

export function createApp(options: ApiDeps): Hono {
  const deps: ApiDeps = options.cache ? { ...options, catalog: new CachedCatalog(options.catalog, options.cache.records) } : options;
  const objects = new VerifiedObjects(deps.blobs, deps.cache?.objects ?? { maxBytes: 0, maxObjectBytes: 0 });
  const app = new Hono();
  // First: Hono runs middleware only for routes registered after it.
  registerMementoHeaders(app, deps);

  app.get('/health', (c) => c.json({ status: 'ok' }));

  if (deps.archiveOrigin) {
    const archiveOrigin = new URL(deps.archiveOrigin).origin;
    app.use('*', async (c, next) => {
      const onArchiveOrigin = origin(c) === archiveOrigin;
      const archiveRoute = ARCHIVE_ROUTE.test(c.req.path);
      if (archiveRoute && !onArchiveOrigin) return c.redirect(`${archiveOrigin}${c.req.path}`, 302);
      if (onArchiveOrigin && !archiveRoute && c.req.path !== '/health') {
        return problem(c, 404, 'not-found', 'this origin serves archived content only');
      }
      return next();
    });
  }

  registerSubmissionRoutes(app, deps);
  if (deps.readRequiresKey) {
    const auth = requireApiKey(deps.access);
    for (const path of ['/v1/*', '/timegate/*', '/timemap/*']) app.use(path, async (c, next) => (c.req.method === 'GET' ? auth(c as never, next) : next()));
  }

  app.get('/v1/captures', async (c) => {
    const query = parseCaptureQuery(c.req.query());
    const page = await deps.catalog.searchCaptures(query, pageOptions(c));
    const next = page.cursor ? nextPageUrl(c, page.cursor) : null;
    if (next) c.header('Link', `<${next}>; rel="next"`);
    return c.json({ query, items: page.items.map((r) => presentCapture(r, origin(c), deps.archiveOrigin)), cursor: page.cursor ?? null, next });
  });

  // JSON Lines of captures with metadata, digests and quotes. One response holds at most `limit` captures
  // (Lambda responses are buffered and capped in size); `Link: rel="next"` continues the export.
  app.get('/v1/export', async (c) => {
    const query = parseCaptureQuery(c.req.query());
    const limit = Math.min(Math.max(Number(c.req.query('limit')) || EXPORT_PAGE, 1), EXPORT_PAGE);
    let next: string | undefined;
    const lines: string[] = [];
    const cursor = c.req.query('cursor');
    for await (const line of exportCaptures(deps.catalog, query, {
      maxRecords: limit,
      ...(cursor ? { cursor } : {}),
      onCursor: (value) => (next = value),
    })) {
      lines.push(JSON.stringify({ ...presentCapture(line.capture, origin(c), deps.archiveOrigin), quotes: line.quotes.map((q) => presentQuote(q, origin(c))) }));
    }
    const headers: Record<string, string> = { 'Content-Type': 'application/x-ndjson; charset=utf-8' };
    if (next) headers.Link = `<${nextPageUrl(c, next)}>; rel="next"`;
    return new Response(lines.length ? `${lines.join('\n')}\n` : '', { status: 200, headers });
  });

  app.get('/v1/captures/:id', async (c) => {
    const record = await requireCapture(deps, c.req.param('id'), c);
    return c.json(presentCapture(record, origin(c), deps.archiveOrigin));
  });

  app.get('/v1/captures/:id/quotes', async (c) => {
    const record = await requireDone(deps, c.req.param('id'));
    const quotes = await deps.catalog.listQuotes(record.id);
    return c.json({ captureId: record.id, items: quotes.map((q) => presentQuote(q, origin(c))) });
  });

  app.get('/v1/captures/:id/quotes/:index', async (c) => {
    const record = await requireDone(deps, c.req.param('id'));
    const index = Number(c.req.param('index'));
    const quote = (await deps.catalog.listQuotes(record.id)).find((q) => q.index === index);
    if (!quote) throw new NotFoundError(`capture "${record.id}" has no quote ${c.req.param('index')}`);
    return c.json(presentQuote(quote, origin(c)));
  });

  app.get('/v1/quotes', async (c) => {
    const speaker = c.req.query('speaker')?.trim();
    if (!speaker) throw new HTTPException(400, { message: 'the "speaker" query parameter is required' });
    const page = await deps.catalog.listQuotesBySpeaker(speaker, pageOptions(c));
    const next = page.cursor ? nextPageUrl(c, page.cursor) : null;
    if (next) c.header('Link', `<${next}>; rel="next"`);
    return c.json({ speaker, items: page.items.map((q) => presentQuote(q, origin(c))), cursor: page.cursor ?? null, next });
  });

  app.get('/v1/captures/:id/verify', async (c) => {
    const report = await verifyCapture(deps, c.req.param('id'));
    if (!report.ok) log.error('fixity check failed', { captureId: report.captureId, objects: report.objects.filter((o) => !o.ok) });
    return c.json(report, report.ok ? 200 : 409);
  });

  app.get('/v1/captures/:id/snapshot', (c) => serveObject(c, deps, objects, 'snapshot'));
  app.get('/v1/captures/:id/text', (c) => serveObject(c, deps, objects, 'text'));
  app.get('/v1/captures/:id/raw', (c) => serveObject(c, deps, objects, 'raw'));
  app.get('/v1/captures/:id/warc', (c) => serveObject(c, deps, objects, 'warc'));

  registerResearcherRoutes(app, deps);

  app.notFound((c) => c.json({ error: { code: 'not-found', message: `no route for ${c.req.method} ${c.req.path}` } }, 404));
  app.onError((error, c) => errorResponse(c, error));
  return app;
}

async function requireCapture(deps: ApiDeps, id: string, c?: Context): Promise<CaptureRecord> {
  const record = await deps.catalog.get(id);
  if (!record) throw new NotFoundError(`no capture with id "${id}"`);
  if (c) rememberRecord(c.req.raw, record);
  return record;
}

/** Quotes and other derived data are only served for a finished capture: nothing half-written. */
async function requireDone(deps: ApiDeps, id: string): Promise<CaptureRecord> {
  const record = await requireCapture(deps, id);
  if (record.status !== 'done') throw new NotFoundError(`capture "${id}" is ${record.status}, not done`);
  return record;
}

function pageOptions(c: Context): { limit?: number; cursor?: string } {
  const limit = Number(c.req.query('limit'));
  const cursor = c.req.query('cursor');
  return { ...(limit > 0 ? { limit } : {}), ...(cursor ? { cursor } : {}) };
}

async function serveObject(c: Context, deps: ApiDeps, objects: VerifiedObjects, which: ObjectName): Promise<Response> {
  const record = await requireCapture(deps, c.req.param('id') ?? '', c);
  const object: StoredObject | undefined = record[which];
  if (!object) {
    const reason = record.status === 'done' ? `capture has no ${which}` : `capture is ${record.status}`;
    throw new NotFoundError(`no ${which} for capture "${record.id}": ${reason}`);
  }
  const headers = objectHeaders(record, which, object);
  // The ETag is the content digest, so a client holding it holds these very bytes: no read at all.
  if (matchesEntityTag(c.req.header('if-none-match'), headers.ETag!)) return new Response(null, { status: 304, headers });
  const read = await objects.read(object);
  // Never serve bytes that no longer match their recorded digest.
  if (!read.ok) {
    log.error('stored object does not match its digest', { captureId: record.id, key: object.key });
    throw new IntegrityError(`the stored ${which} of capture "${record.id}" failed its fixity check`);
  }
  return new Response(new Uint8Array(read.bytes), { status: 200, headers });
}

function objectHeaders(record: CaptureRecord, which: ObjectName, object: StoredObject): Record<string, string> {
  const headers: Record<string, string> = {
    ...ARCHIVE_HEADERS,
    'Content-Type': which === 'raw' ? 'application/octet-stream' : object.contentType,
    'Digest': `sha-256=${Buffer.from(object.sha256, 'hex').toString('base64')}`,
    'ETag': `"${object.sha256}"`,
  };
  // Downloads, never rendered: the raw bytes are unsanitized third-party content.
  if (which === 'raw') {
    headers['Content-Disposition'] = `attachment; filename="${record.id}.raw"`;
    headers['X-Original-Content-Type'] = object.contentType;
  }
  if (which === 'warc') headers['Content-Disposition'] = `attachment; filename="verbatim-${record.id}.warc.gz"`;
  return headers;
}

/** If-None-Match (RFC 9110 13.1.2): `*`, or a list of entity tags compared weakly. */
function matchesEntityTag(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(',').some((tag) => {
    const trimmed = tag.trim();
    return trimmed === '*' || trimmed.replace(/^W\//, '') === etag;
  });
}

function nextPageUrl(c: Context, cursor: string): string {
  const url = new URL(c.req.url);
  url.searchParams.set('cursor', cursor);
  return url.href;
}

function origin(c: Context): string {
  return new URL(c.req.url).origin;
}

/** The one place errors become HTTP. A 5xx never carries internals. */
function errorResponse(c: Context, error: Error): Response {
  if (error instanceof InvalidUrlError) return problem(c, 400, error.code, error.message);
  if (error instanceof InvalidCursorError) return problem(c, 400, 'bad-cursor', error.message);
  if (error instanceof BadQueryError) return problem(c, 400, 'bad-query', error.message);
  if (error instanceof NotFoundError) return problem(c, 404, 'not-found', error.message);
  if (error instanceof IntegrityError) return problem(c, 500, 'integrity', error.message);
  if (error instanceof AuthError) {
    c.header('WWW-Authenticate', 'Bearer realm="verbatim"');
    return problem(c, 401, 'unauthorized', error.message);
  }
  if (error instanceof QuotaExceededError) {
    c.header('Retry-After', String(error.retryAfterSeconds));
    return problem(c, 429, 'quota-exceeded', error.message);
  }
  if (error instanceof ConflictError) return problem(c, 409, 'idempotency-conflict', error.message);
  if (error instanceof QueueUnavailableError) return problem(c, 503, 'unavailable', 'submissions are unavailable right now; please retry');
  if (error instanceof HTTPException && error.status < 500) {
    return problem(c, error.status, error.status === 400 ? 'bad-request' : 'http-error', error.message);
  }
  log.error('unhandled error', { error, path: c.req.path });
  return problem(c, 500, 'internal', 'internal error');
}

function problem(c: Context, status: number, code: string, message: string): Response {
  return c.json({ error: { code, message } }, status as 400);
}
