/** Citation routes: a capture's and a quote's citation in one of the CITATION_FORMATS. */

import type { Context, Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ApiDeps } from '../api/app.ts';
import type { CaptureRecord } from '../domain/capture.ts';
import { NotFoundError } from '../errors.ts';
import { CITATION_CONTENT_TYPES, CITATION_FORMATS, cite, citationSource, isCitationFormat, type CitationFormat } from './cite.ts';

export function registerCiteRoutes(app: Hono, deps: ApiDeps): void {
  app.get('/v1/captures/:id/cite', async (c) => {
    const format = citationFormat(c);
    const record = await requireDoneCapture(deps, c.req.param('id'));
    return citation(c, cite(citationSource(record, base(c)), format), format, record.id);
  });

  app.get('/v1/captures/:id/quotes/:index/cite', async (c) => {
    const format = citationFormat(c);
    const record = await requireDoneCapture(deps, c.req.param('id'));
    const index = Number(c.req.param('index'));
    const quote = (await deps.catalog.listQuotes(record.id)).find((q) => q.index === index);
    if (!quote) throw new NotFoundError(`capture "${record.id}" has no quote ${c.req.param('index')}`);
    return citation(c, cite(citationSource(record, base(c), quote), format), format, `${record.id}-q${index}`);
  });
}

function citationFormat(c: Context): CitationFormat {
  const format = c.req.query('format') ?? 'bibtex';
  if (!isCitationFormat(format)) {
    throw new HTTPException(400, { message: `unknown citation format "${format.slice(0, 40)}": use one of ${CITATION_FORMATS.join(', ')}` });
  }
  return format;
}

const EXTENSIONS: Record<CitationFormat, string> = { bibtex: 'bib', 'csl-json': 'json', ris: 'ris', apa: 'txt', mla: 'txt', robustlinks: 'html' };

function citation(c: Context, body: string, format: CitationFormat, name: string): Response {
  return c.body(body, 200, {
    'Content-Type': CITATION_CONTENT_TYPES[format],
    // Shown in the browser (plain text, no sniffing), saved under a sensible name if downloaded.
    'Content-Disposition': `inline; filename="verbatim-${name}.${EXTENSIONS[format]}"`,
    'X-Content-Type-Options': 'nosniff',
  });
}

/** Citations describe what was captured: only a done capture has the metadata to cite. */
export async function requireDoneCapture(deps: ApiDeps, id: string): Promise<CaptureRecord> {
  const record = await deps.catalog.get(id);
  if (!record) throw new NotFoundError(`no capture with id "${id}"`);
  if (record.status !== 'done') throw new NotFoundError(`capture "${id}" is ${record.status}, not done`);
  return record;
}

function base(c: Context): string {
  return new URL(c.req.url).origin;
}
