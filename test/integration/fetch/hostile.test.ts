/**
 * Hostile pages: each must end within its deadline (+1 s) as a failure with the right code, never as
 * a partial success, and bombs must not blow up memory. Limits are small so the suite stays fast.
 */

import { Readable } from 'node:stream';
import { constants, createBrotliCompress, createGzip, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VerbatimError } from '../../../shared/errors.ts';
import { createSafeFetcher } from '../../../shared/fetch/safe-fetcher.ts';
import { HttpStatusError } from '../../../shared/fetch/types.ts';
import { createHttpTestServer, type HttpTestServer } from '../../helpers/http-test-server.ts';

const MiB = 1024 * 1024;
const LIMITS = { maxBodyBytes: 1 * MiB, headersTimeoutMs: 1_000, totalTimeoutMs: 2_000, maxRedirects: 5, maxEncodings: 5 };
const SLACK_MS = 1_000;

let server: HttpTestServer;
let canary: HttpTestServer;
let brotliBomb: Buffer;
let gzipBomb: Buffer;
const fetcher = () =>
  createSafeFetcher({ contactUrl: 'https://verbatim.test/bot', allowPrivate: ['127.0.0.1'], robots: 'ignore', ...LIMITS });

/** Compress `total` zero bytes without ever holding them: the classic decompression bomb. */
async function bomb(total: number, compressor: NodeJS.ReadWriteStream): Promise<Buffer> {
  const chunk = Buffer.alloc(MiB);
  const chunks: Buffer[] = [];
  const zeros = Readable.from(
    (function* () {
      for (let sent = 0; sent < total; sent += chunk.length) yield chunk;
    })(),
  );
  zeros.pipe(compressor);
  for await (const c of compressor as AsyncIterable<Buffer>) chunks.push(c);
  return Buffer.concat(chunks);
}

async function timed(promise: Promise<unknown>): Promise<{ error: VerbatimError | undefined; ms: number; value: unknown }> {
  const start = performance.now();
  try {
    const value = await promise;
    return { error: undefined, ms: performance.now() - start, value };
  } catch (error) {
    if (!(error instanceof VerbatimError)) throw error;
    return { error, ms: performance.now() - start, value: undefined };
  }
}

beforeAll(async () => {
  // 256 MiB of zeros each: ~200 bytes of brotli, ~256 KiB of gzip.
  brotliBomb = await bomb(256 * MiB, createBrotliCompress({ params: { [constants.BROTLI_PARAM_QUALITY]: 5 } }));
  gzipBomb = await bomb(256 * MiB, createGzip({ level: 9 }));
  server = await createHttpTestServer();
  canary = await createHttpTestServer({ address: '127.0.0.2' });

  server.route('/gzip-bomb', (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip', 'content-length': gzipBomb.length }).end(gzipBomb);
  });
  server.route('/brotli-bomb', (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'br', 'content-length': brotliBomb.length }).end(brotliBomb);
  });
  server.route('/nested-bomb', (_req, res) => {
    const twice = gzipSync(gzipBomb);
    res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip, gzip' }).end(twice);
  });
  server.route('/too-many-encodings', (_req, res) => {
    let body = Buffer.from('<html>hi</html>');
    for (let i = 0; i < 6; i += 1) body = gzipSync(body);
    res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip,gzip,gzip,gzip,gzip,gzip' }).end(body);
  });
  server.route('/unknown-encoding', (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'zstd' }).end('whatever');
  });
  server.route('/corrupt-gzip', (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' }).end(Buffer.from('this is not gzip at all'));
  });
  server.route('/endless-chunked', (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    const block = Buffer.alloc(64 * 1024, 0x61);
    const pump = () => {
      while (!res.destroyed && res.write(block)) {
        /* keep writing until backpressure */
      }
      if (!res.destroyed) res.once('drain', pump);
    };
    pump();
  });
  server.route('/drip', (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    const timer = setInterval(() => (res.destroyed ? clearInterval(timer) : res.write('a')), 50);
    res.on('close', () => clearInterval(timer));
  });
  server.route('/no-headers', () => {
    /* accept the request and never answer */
  });
  server.route('/header-drip', (req) => {
    const socket = req.socket;
    socket.write('HTTP/1.1 200 OK\r\n');
    const timer = setInterval(() => (socket.destroyed ? clearInterval(timer) : socket.write('X-A: b\r\n')), 50);
    socket.on('close', () => clearInterval(timer));
  });
  server.route('/loop-a', (_req, res) => res.writeHead(302, { location: '/loop-b' }).end());
  server.route('/loop-b', (_req, res) => res.writeHead(301, { location: '/loop-a' }).end());
  server.route('/chain', (req, res) => {
    const n = Number(new URL(req.url ?? '/', 'http://x').searchParams.get('n') ?? '0');
    res.writeHead(302, { location: `/chain?n=${n + 1}` }).end();
  });
  server.route('/short-body', (req) => {
    req.socket.end('HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 1000\r\n\r\n<html>only this');
  });
  server.route('/short-body-hang', (req) => {
    req.socket.write('HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 1000\r\n\r\n<html>only this');
  });
  server.route('/reset', (req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.write('<html>half a page');
    setTimeout(() => req.socket.resetAndDestroy(), 20);
  });
  server.route('/chunked-cut', (req) => {
    req.socket.end('HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n');
  });
  server.route('/declared-huge', (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html', 'content-length': String(50 * MiB) });
    res.write('<html>');
  });
  server.route('/huge-headers', (req) => {
    req.socket.end(`HTTP/1.1 200 OK\r\nX-Big: ${'a'.repeat(100 * 1024)}\r\nContent-Length: 2\r\n\r\nok`);
  });
  server.route('/png-as-html', (_req, res) => {
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(200, 7)]);
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(png);
  });
  server.route('/binary-as-html', (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' }).end(Buffer.from([0x00, 0x01, 0x02, 0x3c, 0x68, 0x74, 0x6d, 0x6c, 0x3e, 0x00, 0xff]));
  });
  server.route('/meta-refresh', (_req, res) => {
    res
      .writeHead(200, { 'content-type': 'text/html' })
      .end(`<html><head><meta http-equiv="refresh" content="0;url=http://127.0.0.2:${canary.port}/"></head></html>`);
  });
  server.route('/not-found', (_req, res) => res.writeHead(404, { 'content-type': 'text/html' }).end('<html>gone</html>'));
  server.route('/server-error', (_req, res) => res.writeHead(503, { 'content-type': 'text/plain' }).end('down'));
  server.route('/gzip-ok', (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' }).end(gzipSync('<html><p>hello</p></html>'));
  });
});

afterAll(async () => {
  await Promise.all([server?.close(), canary?.close()]);
});

describe('hostile pages end in time with the right failure', () => {
  const cases: Array<[string, string, string, number]> = [
    ['a gzip bomb (256 MiB of zeros)', '/gzip-bomb', 'too-large', LIMITS.totalTimeoutMs],
    ['a brotli bomb (256 MiB of zeros)', '/brotli-bomb', 'too-large', LIMITS.totalTimeoutMs],
    ['a bomb wrapped in two gzip layers', '/nested-bomb', 'too-large', LIMITS.totalTimeoutMs],
    ['six stacked encodings', '/too-many-encodings', 'too-many-encodings', LIMITS.totalTimeoutMs],
    ['an unknown encoding', '/unknown-encoding', 'bad-encoding', LIMITS.totalTimeoutMs],
    ['a body that is not the gzip it claims', '/corrupt-gzip', 'bad-encoding', LIMITS.totalTimeoutMs],
    ['an endless chunked body', '/endless-chunked', 'too-large', LIMITS.totalTimeoutMs],
    ['a 1-byte drip', '/drip', 'timeout', LIMITS.totalTimeoutMs],
    ['no headers ever', '/no-headers', 'timeout', LIMITS.headersTimeoutMs],
    ['headers that never end', '/header-drip', 'timeout', LIMITS.headersTimeoutMs],
    ['a redirect loop', '/loop-a', 'too-many-redirects', LIMITS.totalTimeoutMs],
    ['an endless redirect chain', '/chain', 'too-many-redirects', LIMITS.totalTimeoutMs],
    ['a body shorter than its Content-Length, then close', '/short-body', 'truncated', LIMITS.totalTimeoutMs],
    ['a body shorter than its Content-Length, then silence', '/short-body-hang', 'timeout', LIMITS.totalTimeoutMs],
    ['a connection reset mid-body', '/reset', 'truncated', LIMITS.totalTimeoutMs],
    ['a chunked body cut before its last chunk', '/chunked-cut', 'truncated', LIMITS.totalTimeoutMs],
    ['a Content-Length over the limit', '/declared-huge', 'too-large', LIMITS.totalTimeoutMs],
    ['100 KiB of response headers', '/huge-headers', 'too-large', LIMITS.totalTimeoutMs],
    ['a 404', '/not-found', 'http-4xx', LIMITS.totalTimeoutMs],
    ['a 503', '/server-error', 'http-5xx', LIMITS.totalTimeoutMs],
  ];

  it.each(cases)('fails %s', async (_label, path, code, deadlineMs) => {
    const { error, ms } = await timed(fetcher().fetch(server.url(path)));

    expect(error?.code).toBe(code);
    expect(ms).toBeLessThan(deadlineMs + SLACK_MS);
  });

  it('keeps the process under 512 MiB after the bombs', async () => {
    for (const path of ['/gzip-bomb', '/brotli-bomb', '/nested-bomb', '/endless-chunked']) {
      await timed(fetcher().fetch(server.url(path)));
    }

    expect(process.memoryUsage().rss).toBeLessThan(512 * MiB);
  });

  it('refuses a bomb under the production default limit too, without holding more than it', async () => {
    const production = createSafeFetcher({ contactUrl: 'https://verbatim.test/bot', allowPrivate: ['127.0.0.1'], robots: 'ignore' });

    const { error, ms } = await timed(production.fetch(server.url('/brotli-bomb')));

    expect(error?.code).toBe('too-large');
    expect(ms).toBeLessThan(30_000);
    expect(process.memoryUsage().rss).toBeLessThan(512 * MiB);
  });
});

describe('responses that are kept, but marked', () => {
  it('keeps the raw response of a 404 on the error', async () => {
    const { error } = await timed(fetcher().fetch(server.url('/not-found')));

    expect(error).toBeInstanceOf(HttpStatusError);
    const page = (error as HttpStatusError).page;
    expect(page.exchange.status).toBe(404);
    expect(new TextDecoder().decode(page.body)).toBe('<html>gone</html>');
  });

  it('marks a PNG served as text/html as not HTML', async () => {
    const page = await fetcher().fetch(server.url('/png-as-html'));

    expect(page.sniff).toMatchObject({ isHtml: false, kind: 'image', declared: 'text/html' });
  });

  it('marks binary bytes served as text/html as not HTML', async () => {
    const page = await fetcher().fetch(server.url('/binary-as-html'));

    expect(page.sniff).toMatchObject({ isHtml: false, kind: 'binary' });
  });

  it('does not follow <meta refresh>', async () => {
    const page = await fetcher().fetch(server.url('/meta-refresh'));

    expect(page.finalUrl).toBe(server.url('/meta-refresh'));
    expect(canary.connections).toBe(0);
  });

  it('decodes gzip and records the coding it removed', async () => {
    const page = await fetcher().fetch(server.url('/gzip-ok'));

    expect(new TextDecoder().decode(page.body)).toBe('<html><p>hello</p></html>');
    expect(page.contentEncodings).toEqual(['gzip']);
    expect(page.sniff.isHtml).toBe(true);
  });

  it('sends a User-Agent naming Verbatim and the contact URL', async () => {
    server.route('/ua', (req, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end(req.headers['user-agent'] ?? ''));

    const page = await fetcher().fetch(server.url('/ua'));

    const ua = new TextDecoder().decode(page.body);
    expect(ua).toContain('Verbatim');
    expect(ua).toContain('https://verbatim.test/bot');
  });
});
