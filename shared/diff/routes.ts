/** `GET /v1/captures/{id}/diff/{otherId}`: a word diff of two captures of one URL, as JSON or HTML. */

import type { Context, Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ApiDeps } from '../api/app.ts';
import { requireDoneCapture } from '../cite/routes.ts';
import type { CaptureRecord } from '../domain/capture.ts';
import { canonicalUrl } from '../domain/url.ts';
import { sha256Hex } from '../digest.ts';
import { IntegrityError, NotFoundError } from '../errors.ts';
import { diffPage } from '../web/pages.ts';
import { pageResponse } from '../web/layout.ts';
import { wordDiff } from './word-diff.ts';

export function registerDiffRoutes(app: Hono, deps: ApiDeps): void {
  app.get('/v1/captures/:id/diff/:otherId', async (c) => {
    const [from, to] = await Promise.all([requireDoneCapture(deps, c.req.param('id')), requireDoneCapture(deps, c.req.param('otherId'))]);
    if (canonicalUrl(from.url) !== canonicalUrl(to.url)) {
      throw new HTTPException(400, { message: `captures "${from.id}" and "${to.id}" are of different URLs (${canonicalUrl(from.url)}, ${canonicalUrl(to.url)})` });
    }
    const [before, after] = await Promise.all([readText(deps, from), readText(deps, to)]);
    const diff = wordDiff(before, after);
    if (wantsHtml(c)) return pageResponse(diffPage(from, to, diff));
    const side = (r: CaptureRecord) => ({ id: r.id, capturedAt: r.fetchedAt ?? r.createdAt, sha256: r.text!.sha256 });
    return c.json({ url: to.url, from: side(from), to: side(to), ...diff });
  });
}

function wantsHtml(c: Context): boolean {
  const format = c.req.query('format');
  if (format === 'html') return true;
  if (format === 'json') return false;
  if (format !== undefined) throw new HTTPException(400, { message: `unknown diff format "${format.slice(0, 40)}": use json or html` });
  const accept = c.req.header('accept') ?? '';
  return accept.includes('text/html') && !accept.startsWith('application/json');
}

/** A capture's clean text, re-checked against its recorded digest: never diff bytes that changed at rest. */
async function readText(deps: ApiDeps, record: CaptureRecord): Promise<string> {
  if (!record.text) throw new NotFoundError(`capture "${record.id}" has no text`);
  const bytes = await deps.blobs.get(record.text.key);
  if (sha256Hex(bytes) !== record.text.sha256) throw new IntegrityError(`the stored text of capture "${record.id}" failed its fixity check`);
  return new TextDecoder().decode(bytes);
}
