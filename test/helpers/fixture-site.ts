/**
 * A throwaway web site on 127.0.0.1 (port 0) serving fixed pages, for capture tests: a declarative
 * route table over the general test server (test/helpers/http-test-server.ts).
 */

import type { IncomingMessage, ServerResponse } from 'node:http';
import { createHttpTestServer, type HttpTestServer } from './http-test-server.ts';

export interface FixtureRoute {
  status?: number;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
  /** Custom behaviour (slow, broken, redirecting...). */
  handle?: (request: IncomingMessage, response: ServerResponse) => void;
}

export interface FixtureSite {
  origin: string;
  url(path: string): string;
  /** Every request received, known paths or not, in order. */
  requests: HttpTestServer['requests'];
  close(): Promise<void>;
}

export async function startFixtureSite(routes: Record<string, FixtureRoute>): Promise<FixtureSite> {
  const server = await createHttpTestServer();
  for (const [path, route] of Object.entries(routes)) {
    server.route(
      path,
      route.handle ??
        ((_request, response) => {
          response.writeHead(route.status ?? 200, { 'content-type': 'text/html; charset=utf-8', ...route.headers });
          response.end(route.body ?? '');
        }),
    );
  }
  return { origin: server.origin, url: server.url, requests: server.requests, close: server.close };
}
