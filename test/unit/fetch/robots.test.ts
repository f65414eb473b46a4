import { describe, expect, it } from 'vitest';
import { FetchError } from '../../../shared/errors.ts';
import { checkNoArchive, createRobotsChecker, type RobotsTxtFetch } from '../../../shared/fetch/robots.ts';

const signal = new AbortController().signal;

function page(headers: Array<[string, string]>, html = '') {
  return {
    exchange: { url: 'https://n.example/', method: 'GET', requestHeaders: [], status: 200, statusText: 'OK', httpVersion: 'HTTP/1.1', responseHeaders: headers },
    body: new TextEncoder().encode(html),
  };
}

describe('checkNoArchive', () => {
  it.each([
    ['X-Robots-Tag: noarchive', [['X-Robots-Tag', 'noarchive']], '', 'x-robots-tag'],
    ['a directive list', [['x-robots-tag', 'noindex , NoArchive']], '', 'x-robots-tag'],
    ['a tag scoped to our token', [['X-Robots-Tag', 'verbatimbot: noarchive']], '', 'x-robots-tag'],
    ['meta robots', [], '<meta name="robots" content="noarchive">', 'meta-robots'],
    ['meta for our token, single quotes', [], "<meta content='nofollow, noarchive' name='VerbatimBot'/>", 'meta-robots'],
  ] as const)('refuses %s', (_label, headers, html, source) => {
    const decision = checkNoArchive(page([...headers] as Array<[string, string]>, html), 'VerbatimBot', { isHtml: true });

    expect(decision).toMatchObject({ allowed: false, code: 'noarchive', source });
  });

  it.each([
    ['another bot', [['X-Robots-Tag', 'googlebot: noarchive']], ''],
    ['unavailable_after (a colon that is not a bot)', [['X-Robots-Tag', 'unavailable_after: 2030-01-01']], ''],
    ['meta for another bot', [], '<meta name="googlebot" content="noarchive">'],
    ['noindex only', [['X-Robots-Tag', 'noindex']], '<meta name="robots" content="noindex">'],
  ] as const)('allows %s', (_label, headers, html) => {
    expect(checkNoArchive(page([...headers] as Array<[string, string]>, html), 'VerbatimBot', { isHtml: true }).allowed).toBe(true);
  });

  it('does not scan non-HTML bodies for meta tags', () => {
    expect(checkNoArchive(page([], '<meta name="robots" content="noarchive">'), 'VerbatimBot', { isHtml: false }).allowed).toBe(true);
  });
});

describe('createRobotsChecker', () => {
  function checker(fetchRobotsTxt: RobotsTxtFetch, now = () => new Date(0)) {
    return createRobotsChecker({ fetchRobotsTxt, robotsToken: 'VerbatimBot', ttlMs: 3_600_000, now });
  }
  const ok = (text: string): RobotsTxtFetch => async () => ({ status: 200, body: new TextEncoder().encode(text) });

  it('applies the group for our token over the * group', async () => {
    const robots = checker(ok('User-agent: *\nDisallow: /\n\nUser-agent: VerbatimBot\nDisallow: /admin\n'));

    expect((await robots.check(new URL('https://n.example/story'), signal)).allowed).toBe(true);
    expect((await robots.check(new URL('https://n.example/admin/x'), signal)).allowed).toBe(false);
  });

  it('fails closed when robots.txt is unreachable, open when it is missing', async () => {
    const down = checker(async () => {
      throw new FetchError('timeout', 'too slow');
    });
    const missing = checker(async () => ({ status: 410, body: new Uint8Array() }));

    expect(await down.check(new URL('https://n.example/'), signal)).toMatchObject({ allowed: false, code: 'robots-disallowed' });
    expect((await down.check(new URL('https://n.example/'), signal)).reason).toContain('timeout');
    expect(await missing.check(new URL('https://n.example/'), signal)).toMatchObject({ allowed: true });
  });

  it('passes on the reason when the origin itself cannot be reached', async () => {
    const refused = checker(async () => {
      throw new FetchError('connect-failure', 'refused');
    });

    await expect(refused.check(new URL('https://n.example/'), signal)).rejects.toMatchObject({ code: 'connect-failure' });
  });

  it('caches per origin until the TTL passes', async () => {
    let calls = 0;
    let clock = 0;
    const robots = checker(async () => {
      calls += 1;
      return { status: 200, body: new Uint8Array() };
    }, () => new Date(clock));

    await robots.check(new URL('https://n.example/a'), signal);
    await robots.check(new URL('https://n.example/b'), signal);
    await robots.check(new URL('https://other.example/a'), signal);
    clock = 3_600_001;
    await robots.check(new URL('https://n.example/a'), signal);

    expect(calls).toBe(3);
  });
});
