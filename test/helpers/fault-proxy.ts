/**
 * A fault-injecting HTTP proxy in front of an emulator: requests pass through unchanged unless a rule
 * matches, in which case the proxy answers with an error status, a throttling error, or resets the
 * connection, as S3 and DynamoDB do on a bad day. The AWS SDK's own retry paths then run for real.
 */

import { createServer, request as forward, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Fault = 'reset' | 'throttle' | 500 | 503;

export interface FaultRule {
  /** Which requests this rule hits (e.g. by method, path, or X-Amz-Target). */
  match: (request: { method: string; path: string; target: string }) => boolean;
  fault: Fault;
  /** How many matching requests to break (Infinity: until removed). */
  times: number;
}

export interface FaultProxy {
  endpoint: string;
  rules: FaultRule[];
  /** Faults actually injected, in order. */
  injected: Array<{ fault: Fault; method: string; path: string; target: string }>;
  close(): Promise<void>;
}

export async function startFaultProxy(targetEndpoint: string): Promise<FaultProxy> {
  const target = new URL(targetEndpoint);
  const rules: FaultRule[] = [];
  const injected: FaultProxy['injected'] = [];

  const server: Server = createServer((incoming: IncomingMessage, outgoing) => {
    const facts = { method: incoming.method ?? 'GET', path: incoming.url ?? '/', target: String(incoming.headers['x-amz-target'] ?? '') };
    const rule = rules.find((r) => r.times > 0 && r.match(facts));
    if (rule) {
      rule.times -= 1;
      injected.push({ fault: rule.fault, ...facts });
      incoming.resume();
      if (rule.fault === 'reset') return incoming.socket.destroy();
      if (rule.fault === 'throttle') {
        outgoing.writeHead(400, { 'content-type': 'application/x-amz-json-1.0' });
        return outgoing.end(JSON.stringify({ __type: 'com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException', message: 'injected throttle' }));
      }
      const isS3 = !facts.target;
      outgoing.writeHead(rule.fault, { 'content-type': isS3 ? 'application/xml' : 'application/x-amz-json-1.0' });
      return outgoing.end(
        isS3
          ? `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${rule.fault === 503 ? 'SlowDown' : 'InternalError'}</Code><Message>injected</Message></Error>`
          : JSON.stringify({ __type: 'com.amazonaws.dynamodb.v20120810#InternalServerError', message: 'injected' }),
      );
    }
    const upstream = forward(
      { host: target.hostname, port: target.port, method: incoming.method, path: incoming.url, headers: { ...incoming.headers, host: target.host } },
      (response) => {
        outgoing.writeHead(response.statusCode ?? 502, response.headers);
        response.pipe(outgoing);
      },
    );
    upstream.on('error', () => outgoing.destroy());
    incoming.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    rules,
    injected,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
