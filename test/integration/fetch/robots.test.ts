import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSafeFetcher } from '../../../shared/fetch/safe-fetcher.ts';
import { ArchiveRefusedError } from '../../../shared/fetch/types.ts';
import { createHttpTestServer, type HttpTestServer } from '../../helpers/http-test-server.ts';
import { failureOf } from '../../helpers/failure.ts';

const CONTACT = 'https://verbatim.test/bot';
let server: HttpTestServer;

const html = (body: string, headers: Record<string, string> = {}) =>
  [200, { 'content-type': 'text/html; charset=utf-8', ...headers }, `<!doctype html><html>${body}</html>`] as const;

function serve(path: string, [status, headers, body]: readonly [number, Record<string, string>, string]): void {
  server.route(path, (_req, res) => res.writeHead(status, headers).end(body));
}

beforeEach(async () => {
  server = await createHttpTestServer();
  serve('/story', html('<p>story</p>'));
  serve('/private/story', html('<p>secret</p>'));
});

afterEach(async () => {
  await server.close();
});

const respecting = () => createSafeFetcher({ contactUrl: CONTACT, allowPrivate: ['127.0.0.1'], totalTimeoutMs: 3_000 });

describe('robots.txt', () => {
  it('refuses a path robots.txt disallows for our agent, without fetching it', async () => {
    serve('/robots.txt', [200, { 'content-type': 'text/plain' }, 'User-agent: VerbatimBot\nDisallow: /private/\n']);

    const error = await failureOf(respecting().fetch(server.url('/private/story')));

    expect(error).toBeInstanceOf(ArchiveRefusedError);
    expect(error.code).toBe('robots-disallowed');
    expect((error as ArchiveRefusedError).decision.reason).toMatch(/robots\.txt disallows VerbatimBot on \/private\/story/);
    expect(server.requests.map((r) => r.path)).toEqual(['/robots.txt']);
  });

  it('allows other paths and records why', async () => {
    serve('/robots.txt', [200, { 'content-type': 'text/plain' }, 'User-agent: *\nDisallow: /private/\n']);

    const page = await respecting().fetch(server.url('/story'));

    expect(page.archivePolicy).toMatchObject({ allowed: true, source: 'robots.txt' });
  });

  it('treats a missing robots.txt (404) as allow all', async () => {
    const page = await respecting().fetch(server.url('/private/story'));

    expect(page.archivePolicy).toMatchObject({ allowed: true, source: 'robots.txt' });
    expect(page.archivePolicy.reason).toContain('404');
  });

  it('treats a failing robots.txt (5xx) as disallow all', async () => {
    serve('/robots.txt', [503, { 'content-type': 'text/plain' }, 'busy']);

    const error = await failureOf(respecting().fetch(server.url('/story')));

    expect(error.code).toBe('robots-disallowed');
    expect((error as ArchiveRefusedError).decision.reason).toContain('503');
  });

  it('fetches robots.txt once per origin and caches it', async () => {
    serve('/robots.txt', [200, { 'content-type': 'text/plain' }, 'User-agent: *\nAllow: /\n']);
    const fetcher = respecting();

    await fetcher.fetch(server.url('/story'));
    await fetcher.fetch(server.url('/story'));

    expect(server.requests.filter((r) => r.path === '/robots.txt')).toHaveLength(1);
  });

  it('identifies itself with the same User-Agent when fetching robots.txt', async () => {
    await respecting().fetch(server.url('/story'));

    expect(server.requests[0]?.headers['user-agent']).toContain('VerbatimBot');
  });

  it('does not fetch robots.txt when the policy is off', async () => {
    serve('/robots.txt', [200, { 'content-type': 'text/plain' }, 'User-agent: *\nDisallow: /\n']);
    const fetcher = createSafeFetcher({ contactUrl: CONTACT, allowPrivate: ['127.0.0.1'], robots: 'ignore' });

    const page = await fetcher.fetch(server.url('/story'));

    expect(page.archivePolicy).toMatchObject({ allowed: true, source: 'policy-off' });
    expect(server.requests.map((r) => r.path)).toEqual(['/story']);
  });
});

describe('noarchive', () => {
  it('refuses a page sent with X-Robots-Tag: noarchive', async () => {
    serve('/tagged', html('<p>x</p>', { 'x-robots-tag': 'noindex, noarchive' }));

    const error = await failureOf(respecting().fetch(server.url('/tagged')));

    expect(error.code).toBe('noarchive');
    expect((error as ArchiveRefusedError).decision.source).toBe('x-robots-tag');
  });

  it('refuses a page with <meta name="robots" content="noarchive">', async () => {
    serve('/meta', html('<head><META content="NOARCHIVE,nofollow" name=Robots></head><p>x</p>'));

    const error = await failureOf(respecting().fetch(server.url('/meta')));

    expect(error.code).toBe('noarchive');
    expect((error as ArchiveRefusedError).decision.source).toBe('meta-robots');
  });

  it('ignores noarchive aimed at another crawler', async () => {
    serve('/other-bot', html('<head><meta name="googlebot" content="noarchive"></head>', { 'x-robots-tag': 'otherbot: noarchive' }));

    const page = await respecting().fetch(server.url('/other-bot'));

    expect(page.archivePolicy.allowed).toBe(true);
  });

  it('honours noarchive aimed at our token', async () => {
    serve('/ours', html('<p>x</p>', { 'x-robots-tag': 'VerbatimBot: noarchive' }));

    const error = await failureOf(respecting().fetch(server.url('/ours')));

    expect(error.code).toBe('noarchive');
  });

  it('records noarchive but keeps the page when the policy is off', async () => {
    serve('/tagged', html('<p>x</p>', { 'x-robots-tag': 'noarchive' }));
    const fetcher = createSafeFetcher({ contactUrl: CONTACT, allowPrivate: ['127.0.0.1'], robots: 'ignore' });

    const page = await fetcher.fetch(server.url('/tagged'));

    expect(page.archivePolicy).toMatchObject({ allowed: true, source: 'policy-off' });
    expect(page.archivePolicy.reason).toContain('noarchive');
  });
});
