/** Researcher-facing routes (Memento, citations, diffs, web UI): registered on the one API app. */

import type { Hono } from 'hono';
import type { ApiDeps } from './app.ts';

export function registerResearcherRoutes(_app: Hono, _deps: ApiDeps): void {}
