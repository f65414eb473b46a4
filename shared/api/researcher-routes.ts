/** Researcher-facing routes (Memento, citations, diffs, web UI, OpenAPI): registered on the one API app. */

import type { Hono } from 'hono';
import { registerCiteRoutes } from '../cite/routes.ts';
import { registerDiffRoutes } from '../diff/routes.ts';
import { mementoHeadersMiddleware, registerMementoRoutes } from '../memento/routes.ts';
import { registerWebRoutes } from '../web/routes.ts';
import type { ApiDeps } from './app.ts';
import { openApiDocument } from './openapi.ts';

/**
 * Memento-Datetime and Link on every memento response (a done capture's record, snapshot, raw, text,
 * WARC). Hono runs handlers in registration order: call this before the capture routes are registered.
 */
export function registerMementoHeaders(app: Hono, deps: ApiDeps): void {
  const memento = mementoHeadersMiddleware(deps);
  app.use('/v1/captures/:id', memento);
  app.use('/v1/captures/:id/*', memento);
}

/** The researcher routes. Registered after the app's auth middleware, so reads behind a key stay behind it. */
export function registerResearcherRoutes(app: Hono, deps: ApiDeps): void {
  registerMementoRoutes(app, deps);
  registerCiteRoutes(app, deps);
  registerDiffRoutes(app, deps);
  registerWebRoutes(app, deps);
  app.get('/openapi.json', (c) => c.json(openApiDocument(new URL(c.req.url).origin)));
}
