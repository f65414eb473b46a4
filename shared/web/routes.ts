/** The web UI routes: home (submit + recent), capture page, URL history, and the UI's script. */

import type { Context, Hono } from 'hono';
import type { ApiDeps } from '../api/app.ts';
import type { CaptureRecord } from '../domain/capture.ts';
import { validateSubmittedUrl } from '../domain/url.ts';
import { InvalidUrlError, NotFoundError } from '../errors.ts';
import { getLogger } from '../logger.ts';
import { listAllByUrl } from '../memento/routes.ts';
import { APP_JS } from './assets.ts';
import { pageResponse, type PageOptions } from './layout.ts';
import { capturePage, errorPage, historyPage, homePage } from './pages.ts';

const log = getLogger('api');
const RECENT = 25;

export function registerWebRoutes(app: Hono, deps: ApiDeps): void {
  app.get('/assets/app.js', (c) =>
    c.body(APP_JS, 200, { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'public, max-age=300', 'X-Content-Type-Options': 'nosniff' }),
  );

  app.get('/', (c) =>
    ui(c, async () => {
      return pageResponse(homePage(await recentFor(deps), { canSubmit: Boolean(deps.queue), readsNeedKey: Boolean(deps.readRequiresKey) }));
    }),
  );

  // The submit form without script: a plain form post, handed to POST /v1/captures with the form's key as
  // the bearer token (one path for authentication, quotas and validation), then a redirect to the capture.
  app.post('/captures', (c) =>
    ui(c, async () => {
      if (!deps.queue) return pageResponse(errorPage(405, 'This deployment is read-only: it does not accept submissions.'), 405);
      const form = await c.req.parseBody();
      const url = typeof form.url === 'string' ? form.url : '';
      const key = typeof form.key === 'string' ? form.key.trim() : '';
      const response = await app.fetch(
        new Request(new URL('/v1/captures', c.req.url), {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
          body: JSON.stringify({ url }),
        }),
      );
      const body = (await response.json().catch(() => ({}))) as { id?: string; error?: { message?: string } };
      if (response.ok && body.id) return c.redirect(`/captures/${encodeURIComponent(body.id)}`, 303);
      const message = body.error?.message ?? `the submission failed (HTTP ${response.status})`;
      return pageResponse(homePage(await recentFor(deps), { canSubmit: true, error: message, url }), response.status >= 500 ? 502 : response.status);
    }),
  );

  app.get('/captures/:id', (c) =>
    ui(c, async () => {
      if (deps.readRequiresKey) return readsNeedKey();
      const record = await deps.catalog.get(c.req.param('id'));
      if (!record) throw new NotFoundError(`There is no capture with id "${c.req.param('id')}".`);
      const quotes = record.status === 'done' ? await deps.catalog.listQuotes(record.id) : [];
      const speaker = c.req.query('speaker')?.trim() || undefined;
      return pageResponse(capturePage(record, quotes, speaker, new URL(c.req.url).origin, deps.archiveOrigin));
    }),
  );

  app.get('/history', (c) =>
    ui(c, async () => {
      if (deps.readRequiresKey) return readsNeedKey();
      const url = validateSubmittedUrl(c.req.query('url') ?? '').href;
      return pageResponse(historyPage(url, await listAllByUrl(deps.catalog, url)));
    }),
  );
}

/** Recent captures for the home page; none where reads need a key (a browser page cannot send one). */
async function recentFor(deps: ApiDeps): Promise<CaptureRecord[]> {
  return deps.readRequiresKey ? [] : (await deps.catalog.listRecent({ limit: RECENT })).items;
}

/**
 * Where every read needs an API key, the UI's pages would hand the archive to anyone: they say so instead
 * (the snapshot frame could not send a key anyway). The API serves keyed reads.
 */
function readsNeedKey(): Response {
  return pageResponse(errorPage(403, 'This archive requires an API key for every read, so the web pages are turned off. Use the API with "Authorization: Bearer <key>".'), 403);
}

/** UI pages answer errors as pages, not JSON: the expected ones say what happened, the rest say nothing. */
async function ui(c: Context, render: () => Promise<Response>): Promise<Response> {
  try {
    return await render();
  } catch (error) {
    if (error instanceof NotFoundError) return pageResponse(errorPage(404, error.message), 404);
    if (error instanceof InvalidUrlError) return pageResponse(errorPage(400, `That is not a URL Verbatim can look up: ${error.message}`), 400);
    log.error('ui page failed', { error, path: c.req.path });
    const page: PageOptions = errorPage(500, 'Internal error.');
    return pageResponse(page, 500);
  }
}
