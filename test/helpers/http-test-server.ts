/**
 * A throwaway HTTP server for tests: listens on a loopback address, port 0, with per-path handlers,
 * records every request and every TCP connection, and closes everything (including hung responses)
 * on `close()`. Also usable as a "canary": a server whose only job is to prove nobody connected.
 *
 * @example
 *   const server = await createHttpTestServer();
 *   server.route('/page', (_req, res) => res.end('<html>hi</html>'));
 *   await fetch(server.url('/page'));
 *   await server.close();
 */

import { createServer, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';

export type TestHandler = (req: IncomingMessage, res: ServerResponse) => unknown;

export interface HttpTestServer {
  /** The host as it goes in a URL (IPv6 in brackets). */
  readonly host: string;
  readonly port: number;
  /** Origin, e.g. http://127.0.0.1:41234 (https: with the tls option) */
  readonly origin: string;
  url(path?: string): string;
  /** Register a handler for an exact path (query string ignored). Unrouted paths answer 404. */
  route(path: string, handler: TestHandler): void;
  /** Requests received, in order (method, path without query, headers). */
  readonly requests: Array<{ method: string; path: string; headers: IncomingMessage['headers'] }>;
  /** TCP connections accepted so far (counted even if no request is ever sent). */
  readonly connections: number;
  /** Stop listening and destroy every open socket, hung responses included. */
  close(): Promise<void>;
}

export interface HttpTestServerOptions {
  /** Loopback address to listen on: 127.0.0.1 (default), another 127.x.y.z, or ::1. */
  address?: string;
  /** Port to listen on (default 0: a free one). Useful to put a canary on another address, same port. */
  port?: number;
  /** Serve HTTPS with this key and certificate (PEM) instead of plain HTTP. */
  tls?: { key: string; cert: string };
  /** Handler for paths with no route (default: 404). */
  fallback?: TestHandler;
}

/** Start a server on a loopback address and a free port. */
export async function createHttpTestServer(options: HttpTestServerOptions = {}): Promise<HttpTestServer> {
  const address = options.address ?? '127.0.0.1';
  if (!isLoopback(address)) throw new Error(`test servers listen on loopback only, not ${address}`);
  const routes = new Map<string, TestHandler>();
  const requests: HttpTestServer['requests'] = [];
  const sockets = new Set<Socket>();
  let connections = 0;

  const listener: RequestListener = (req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    requests.push({ method: req.method ?? 'GET', path, headers: req.headers });
    const handler = routes.get(path) ?? options.fallback;
    if (handler === undefined) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    // A throwing handler answers 500 (or cuts the connection) instead of crashing the test process.
    Promise.resolve()
      .then(() => handler(req, res))
      .catch((error: unknown) => {
        if (!res.headersSent) res.writeHead(500).end(String(error));
        else res.destroy();
      });
  };
  const server: Server = options.tls === undefined ? createServer(listener) : createTlsServer(options.tls, listener);
  server.on('connection', (socket) => {
    connections += 1;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  // Keep hostile handlers from being cut off by Node's own server timeouts.
  server.requestTimeout = 0;
  server.headersTimeout = 0;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, address, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const host = address.includes(':') ? `[${address}]` : address;
  const origin = `${options.tls === undefined ? 'http' : 'https'}://${host}:${port}`;

  return {
    host,
    port,
    origin,
    url: (path = '/') => `${origin}${path}`,
    route: (path, handler) => void routes.set(path, handler),
    requests,
    get connections() {
      return connections;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

function isLoopback(address: string): boolean {
  return address === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(address);
}

/** True when this host can listen on ::1 (some CI containers have IPv6 disabled). */
export async function canListenOnIpv6Loopback(port = 0): Promise<boolean> {
  try {
    const server = await createHttpTestServer({ address: '::1', port });
    await server.close();
    return true;
  } catch {
    return false;
  }
}
