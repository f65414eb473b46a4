/**
 * HTTPS through the guarded connector: the address check must not break certificate checks (the
 * certificate is verified for the host name in the URL, not for the vetted IP we dial).
 */

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VerbatimError } from '../../../shared/errors.ts';
import { createSafeFetcher } from '../../../shared/fetch/safe-fetcher.ts';
import { createHttpTestServer, type HttpTestServer } from '../../helpers/http-test-server.ts';

function hasOpenssl(): boolean {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** A throwaway self-signed certificate for tls.test, made with the openssl CLI. */
function selfSigned(): { key: string; cert: string } {
  const dir = mkdtempSync(join(tmpdir(), 'verbatim-tls-'));
  try {
    execFileSync('openssl', [
      'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1',
      '-subj', '/CN=tls.test', '-addext', 'subjectAltName=DNS:tls.test',
      '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'),
    ], { stdio: 'ignore' });
    return { key: readFileSync(join(dir, 'key.pem'), 'utf8'), cert: readFileSync(join(dir, 'cert.pem'), 'utf8') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe.runIf(hasOpenssl())('HTTPS', () => {
  let server: HttpTestServer;
  let cert: string;
  const resolver = async (name: string) => {
    if (name === 'tls.test' || name === 'wrong.test') return [{ address: '127.0.0.1', family: 4 as const }];
    throw Object.assign(new Error('ENOTFOUND'), { code: 'ENOTFOUND' });
  };

  beforeAll(async () => {
    const tls = selfSigned();
    cert = tls.cert;
    server = await createHttpTestServer({ tls });
    server.route('/', (_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<html>secure</html>'));
  });

  afterAll(async () => {
    await server?.close();
  });

  it('fetches over TLS, verifying the certificate for the URL host', async () => {
    const fetcher = createSafeFetcher({ contactUrl: 'https://verbatim.test/bot', allowPrivate: ['127.0.0.1'], robots: 'ignore', lookup: resolver, extraCaCerts: [cert] });

    const page = await fetcher.fetch(`https://tls.test:${server.port}/`);

    expect(new TextDecoder().decode(page.body)).toBe('<html>secure</html>');
    expect(page.exchange.remoteAddress).toBe('127.0.0.1');
  });

  it('refuses a certificate issued for another name', async () => {
    expect.assertions(1);
    const fetcher = createSafeFetcher({ contactUrl: 'https://verbatim.test/bot', allowPrivate: ['127.0.0.1'], robots: 'ignore', lookup: resolver, extraCaCerts: [cert] });

    await expect(fetcher.fetch(`https://wrong.test:${server.port}/`)).rejects.toMatchObject({ code: 'connect-failure' });
  });

  it('refuses an untrusted certificate', async () => {
    const fetcher = createSafeFetcher({ contactUrl: 'https://verbatim.test/bot', allowPrivate: ['127.0.0.1'], robots: 'ignore', lookup: resolver });

    const error = await fetcher.fetch(`https://tls.test:${server.port}/`).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(VerbatimError);
    expect((error as VerbatimError).code).toBe('connect-failure');
  });
});
