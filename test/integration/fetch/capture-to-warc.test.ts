import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WARCParser } from 'warcio';
import { createSafeFetcher } from '../../../shared/fetch/safe-fetcher.ts';
import { buildWarc } from '../../../shared/warc/write-warc.ts';
import { createHttpTestServer, type HttpTestServer } from '../../helpers/http-test-server.ts';

const html = '<!doctype html><html><head><title>Story</title></head><body><p>Quoted.</p></body></html>';
let server: HttpTestServer;

beforeAll(async () => {
  server = await createHttpTestServer();
  server.route('/old', (_req, res) => res.writeHead(301, { location: '/story' }).end());
  server.route('/story', (_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Encoding': 'gzip', 'X-Test': 'yes' }).end(gzipSync(html));
  });
});

afterAll(async () => {
  await server.close();
});

describe('a real fetch written as a WARC', () => {
  it('stores the decoded payload with honest headers and verifiable digests', async () => {
    const fetcher = createSafeFetcher({ contactUrl: 'https://verbatim.test/bot', allowPrivate: ['127.0.0.1'], robots: 'ignore' });
    const page = await fetcher.fetch(server.url('/old'));

    const warc = await buildWarc({ captureId: 'cap-42', page, software: 'Verbatim/0.1.0' });

    const seen: string[] = [];
    for await (const record of new WARCParser([warc], { keepHeadersCase: true })) {
      seen.push(record.warcType ?? '');
      if (record.warcType !== 'response') continue;
      const payload = await record.readFully(false);
      expect(new TextDecoder().decode(payload)).toBe(html);
      expect(record.warcPayloadDigest).toBe(`sha256:${createHash('sha256').update(payload).digest('hex')}`);
      expect(record.warcTargetURI).toBe(server.url('/story'));
      expect(record.warcHeader('WARC-IP-Address')).toBe('127.0.0.1');
      expect(record.httpHeaders?.headers.get('X-Archive-Orig-Content-Encoding')).toBe('gzip');
      expect(record.httpHeaders?.headers.get('X-Test')).toBe('yes');
    }
    expect(seen).toEqual(['warcinfo', 'request', 'response']);
    expect(page.redirects).toEqual([{ url: server.url('/old'), status: 301, location: '/story' }]);
  });

  it('ends a fetch the caller aborts, as a timeout', async () => {
    server.route('/slow', () => undefined);
    const fetcher = createSafeFetcher({ contactUrl: 'https://verbatim.test/bot', allowPrivate: ['127.0.0.1'], robots: 'ignore' });

    await expect(fetcher.fetch(server.url('/slow'), { signal: AbortSignal.timeout(200) })).rejects.toMatchObject({ code: 'timeout' });
  });

  it('lets an allow-listed host name through on any port', async () => {
    const fetcher = createSafeFetcher({
      contactUrl: 'https://verbatim.test/bot',
      allowPrivate: 'fixtures.test',
      robots: 'ignore',
      lookup: async () => [{ address: '127.0.0.1', family: 4 }],
    });

    const page = await fetcher.fetch(`http://fixtures.test:${server.port}/story`);

    expect(page.exchange.status).toBe(200);
  });
});
