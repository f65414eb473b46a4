/**
 * The SSRF suite: every way of pointing the fetcher at an internal address must be refused before a
 * TCP connection is made. Local targets are proven untouched by listening canaries; non-local ones
 * by the tripwire, which would also stop the packet if the fetcher were broken.
 */

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ResolvedAddress, Resolver } from '../../../shared/fetch/options.ts';
import { createSafeFetcher } from '../../../shared/fetch/safe-fetcher.ts';
import { canListenOnIpv6Loopback, createHttpTestServer, type HttpTestServer } from '../../helpers/http-test-server.ts';
import { installTripwire, type Tripwire } from './net-tripwire.ts';
import { failureOf } from '../../helpers/failure.ts';

const CONTACT = 'https://verbatim.test/about-our-crawler';
const PUBLIC_IP = '93.184.215.14'; // never dialled: the tripwire would stop it

/** A fake DNS: names ending in .test resolve as listed; anything else is NXDOMAIN. */
function fakeResolver(table: Record<string, string[] | (() => string[])>): Resolver & { calls: string[] } {
  const calls: string[] = [];
  const resolver = async (hostname: string): Promise<ResolvedAddress[]> => {
    calls.push(hostname);
    const entry = table[hostname.toLowerCase().replace(/\.$/, '')];
    if (entry === undefined) throw Object.assign(new Error(`ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
    const list = typeof entry === 'function' ? entry() : entry;
    return list.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  };
  return Object.assign(resolver, { calls });
}

let tripwire: Tripwire;
let canary4: HttpTestServer; // 127.0.0.1: the target of literal loopback forms
let canary4b: HttpTestServer; // 127.0.0.2: a loopback address next to an allowed one
let canary6: HttpTestServer | undefined; // ::1, when the host has IPv6
let allowedServer: HttpTestServer; // 127.0.0.1, allow-listed: plays the "public" site

beforeAll(async () => {
  tripwire = installTripwire();
  canary4 = await createHttpTestServer({ address: '127.0.0.1' });
  canary4b = await createHttpTestServer({ address: '127.0.0.2' });
  // Same port as canary4, so [::1]:P and [::]:P land on it too.
  canary6 = (await canListenOnIpv6Loopback(canary4.port)) ? await createHttpTestServer({ address: '::1', port: canary4.port }) : undefined;
  allowedServer = await createHttpTestServer({ address: '127.0.0.1' });
});

afterAll(async () => {
  tripwire.restore();
  await Promise.all([canary4.close(), canary4b.close(), canary6?.close(), allowedServer.close()]);
});

afterEach(() => {
  expect(tripwire.attempts).toEqual([]);
  expect(canary4.connections).toBe(0);
  expect(canary4b.connections).toBe(0);
  expect(canary6?.connections ?? 0).toBe(0);
});

describe('literal addresses in any notation (nothing allow-listed)', () => {
  const cases: Array<[string, (p: number) => string]> = [
    ['dotted 127.0.0.1', (p) => `http://127.0.0.1:${p}/`],
    ['short 127.1', (p) => `http://127.1:${p}/`],
    ['decimal 2130706433', (p) => `http://2130706433:${p}/`],
    ['hex 0x7f000001', (p) => `http://0x7f000001:${p}/`],
    ['octal 0177.0.0.1', (p) => `http://0177.0.0.1:${p}/`],
    ['mixed 0x7f.1', (p) => `http://0x7f.1:${p}/`],
    ['percent-encoded %31%32%37.0.0.1', (p) => `http://%31%32%37.0.0.1:${p}/`],
    ['IPv4-mapped [::ffff:127.0.0.1]', (p) => `http://[::ffff:127.0.0.1]:${p}/`],
    ['IPv4-mapped hex [::ffff:7f00:1]', (p) => `http://[::ffff:7f00:1]:${p}/`],
    ['IPv4-compatible [::127.0.0.1]', (p) => `http://[::127.0.0.1]:${p}/`],
    ['unspecified 0.0.0.0', (p) => `http://0.0.0.0:${p}/`],
    ['unspecified shorthand 0', (p) => `http://0:${p}/`],
    ['IPv6 loopback [::1]', (p) => `http://[::1]:${p}/`],
    ['IPv6 unspecified [::]', (p) => `http://[::]:${p}/`],
    ['AWS metadata 169.254.169.254', () => 'http://169.254.169.254/latest/meta-data/'],
    ['ECS credentials 169.254.170.2', () => 'http://169.254.170.2/v2/credentials'],
    ['metadata in decimal 2852039166', () => 'http://2852039166/latest/meta-data/'],
    ['private 10.0.0.1', () => 'http://10.0.0.1/'],
    ['private 172.16.0.1', () => 'http://172.16.0.1/'],
    ['private 192.168.1.1', () => 'http://192.168.1.1/'],
    ['CGNAT 100.64.0.1', () => 'http://100.64.0.1/'],
    ['multicast 224.0.0.1', () => 'http://224.0.0.1/'],
    ['broadcast 255.255.255.255', () => 'http://255.255.255.255/'],
    ['reserved 240.0.0.1', () => 'http://240.0.0.1/'],
    ['IPv6 link-local [fe80::1]', () => 'http://[fe80::1]/'],
    ['IPv6 unique-local [fd00::1]', () => 'http://[fd00::1]/'],
    ['IPv6 metadata [fd00:ec2::254]', () => 'http://[fd00:ec2::254]/'],
    ['NAT64 of loopback [64:ff9b::7f00:1]', () => 'http://[64:ff9b::7f00:1]/'],
    ['6to4 of loopback [2002:7f00:1::1]', () => 'http://[2002:7f00:1::1]/'],
    ['Teredo [2001::1]', () => 'http://[2001::1]/'],
    ['IPv6 multicast [ff02::1]', () => 'http://[ff02::1]/'],
    ['IPv4-mapped metadata [::ffff:169.254.169.254]', () => 'http://[::ffff:169.254.169.254]/'],
  ];

  it.each(cases)('refuses %s before connecting', async (_label, makeUrl) => {
    const fetcher = createSafeFetcher({
      contactUrl: CONTACT,
      allowedPorts: [80, 443, canary4.port],
      robots: 'ignore',
      lookup: fakeResolver({}),
    });

    const error = await failureOf(fetcher.fetch(makeUrl(canary4.port)));

    expect(error.code).toBe('blocked-address');
  });
});

describe('names that resolve to internal addresses (injected resolver)', () => {
  const resolver = fakeResolver({
    'internal.test': ['127.0.0.1'],
    'localhost': ['127.0.0.1', '::1'],
    'metadata.test': ['169.254.169.254'],
    'private.test': ['10.1.2.3'],
    'v6local.test': ['::1'],
    'mapped.test': ['::ffff:127.0.0.1'],
    'mixed.test': [PUBLIC_IP, '127.0.0.1'],
    'mixed6.test': [PUBLIC_IP, 'fd00::1'],
  });
  const cases: Array<[string, (p: number) => string]> = [
    ['a name for 127.0.0.1', (p) => `http://internal.test:${p}/`],
    ['localhost', (p) => `http://localhost:${p}/`],
    ['localhost in fullwidth/enclosed Unicode', (p) => `http://ⓛⓞⓒⓐⓛⓗⓞⓢⓣ:${p}/`],
    ['an upper-case name with a trailing dot', (p) => `http://INTERNAL.test.:${p}/`],
    ['a name for the metadata service', () => 'http://metadata.test/latest/meta-data/'],
    ['a name for 10.1.2.3', () => 'http://private.test/'],
    ['a name for ::1', (p) => `http://v6local.test:${p}/`],
    ['a name for ::ffff:127.0.0.1', (p) => `http://mapped.test:${p}/`],
    ['a name with one public and one loopback address', (p) => `http://mixed.test:${p}/`],
    ['a name with one public and one ULA address', () => 'http://mixed6.test/'],
  ];

  it.each(cases)('refuses %s', async (_label, makeUrl) => {
    const fetcher = createSafeFetcher({
      contactUrl: CONTACT,
      allowedPorts: [80, canary4.port],
      robots: 'ignore',
      lookup: resolver,
    });

    const error = await failureOf(fetcher.fetch(makeUrl(canary4.port)));

    expect(error.code).toBe('blocked-address');
  });

  it('reports blocked-address, not robots-disallowed, with the default robots policy on', async () => {
    const fetcher = createSafeFetcher({ contactUrl: CONTACT, allowedPorts: [canary4.port], lookup: resolver });

    const error = await failureOf(fetcher.fetch(`http://internal.test:${canary4.port}/`));

    expect(error.code).toBe('blocked-address');
  });

  it('refuses a non-standard port on a public address before connecting', async () => {
    const fetcher = createSafeFetcher({ contactUrl: CONTACT, robots: 'ignore', lookup: fakeResolver({ 'public.test': [PUBLIC_IP] }) });

    const error = await failureOf(fetcher.fetch('http://public.test:6379/'));

    expect(error.code).toBe('blocked-port');
  });

  it('reports an unknown name as a DNS failure', async () => {
    const fetcher = createSafeFetcher({ contactUrl: CONTACT, robots: 'ignore', lookup: fakeResolver({}) });

    const error = await failureOf(fetcher.fetch('http://nowhere.test/'));

    expect(error.code).toBe('dns-failure');
  });
});

describe('DNS rebinding: the check runs on every connection, not once per name', () => {
  it('refuses a name that resolved to an allowed address and then to a loopback one', async () => {
    // Arrange: an allowed server on 127.0.0.1:P and a canary on 127.0.0.2 at the same port.
    const site = await createHttpTestServer({ address: '127.0.0.1' });
    site.route('/', (_req, res) => res.writeHead(200, { 'content-type': 'text/html', connection: 'close' }).end('<html>ok</html>'));
    const twin = await createHttpTestServer({ address: '127.0.0.2', port: site.port });
    let answers = 0;
    const resolver = fakeResolver({ 'rebind.test': () => (answers++ === 0 ? ['127.0.0.1'] : ['127.0.0.2']) });
    const fetcher = createSafeFetcher({ contactUrl: CONTACT, allowPrivate: ['127.0.0.1'], robots: 'ignore', lookup: resolver });

    try {
      // Act
      const first = await fetcher.fetch(`http://rebind.test:${site.port}/`);
      const second = await failureOf(fetcher.fetch(`http://rebind.test:${site.port}/`));

      // Assert
      expect(first.exchange.remoteAddress).toBe('127.0.0.1');
      expect(second.code).toBe('blocked-address');
      expect(resolver.calls).toEqual(['rebind.test', 'rebind.test']);
      expect(twin.connections).toBe(0);
    } finally {
      await Promise.all([site.close(), twin.close()]);
    }
  });

  it('refuses a redirect to the same name once it re-resolves to a blocked address', async () => {
    let answers = 0;
    const resolver = fakeResolver({ 'flip.test': () => (answers++ === 0 ? ['127.0.0.1'] : ['127.0.0.2']) });
    allowedServer.route('/flip', (_req, res) => res.writeHead(302, { location: `http://flip.test:${canary4b.port}/` }).end());
    const fetcher = createSafeFetcher({ contactUrl: CONTACT, allowPrivate: ['127.0.0.1'], robots: 'ignore', lookup: resolver });

    const error = await failureOf(fetcher.fetch(`http://flip.test:${allowedServer.port}/flip`));

    expect(error.code).toBe('blocked-address');
    expect(resolver.calls).toEqual(['flip.test', 'flip.test']);
  });
});

describe('redirects from an allowed host to a blocked address', () => {
  const targets: Array<[string, () => string | undefined, string]> = [
    ['another loopback address, 127.0.0.2', () => `http://127.0.0.2:${canary4b.port}/`, 'blocked-address'],
    ['127.0.0.2 written in decimal', () => `http://2130706434:${canary4b.port}/`, 'blocked-address'],
    ['::1', () => (canary6 === undefined ? undefined : `http://[::1]:${canary6.port}/`), 'blocked-address'],
    ['the metadata service', () => 'http://169.254.169.254/latest/meta-data/iam/', 'blocked-address'],
    ['a name resolving to 127.0.0.2', () => `http://loopback2.test:${canary4b.port}/`, 'blocked-address'],
    ['a file: URL', () => 'file:///etc/passwd', 'bad-scheme'],
    ['a URL with credentials', () => `http://admin:admin@127.0.0.2:${canary4b.port}/`, 'bad-url'],
  ];

  it.each(targets)('refuses a redirect to %s', async (label, makeLocation, code) => {
    const location = makeLocation();
    if (location === undefined) return; // no IPv6 on this host: nothing to prove
    const path = `/to-${encodeURIComponent(label)}`;
    allowedServer.route(path, (_req, res) => res.writeHead(302, { location }).end());
    const fetcher = createSafeFetcher({
      contactUrl: CONTACT,
      allowPrivate: ['127.0.0.1'],
      allowedPorts: [80, 443, canary4b.port, canary6?.port ?? 80],
      robots: 'ignore',
      lookup: fakeResolver({ 'loopback2.test': ['127.0.0.2'] }),
    });

    const error = await failureOf(fetcher.fetch(allowedServer.url(path)));

    expect(error.code).toBe(code);
  });

  it('still fetches the allowed host itself, on its random port', async () => {
    allowedServer.route('/fine', (_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<html>fine</html>'));
    const fetcher = createSafeFetcher({ contactUrl: CONTACT, allowPrivate: '127.0.0.1', robots: 'ignore' });

    const page = await fetcher.fetch(allowedServer.url('/fine'));

    expect(page.exchange.status).toBe(200);
    expect(page.exchange.remoteAddress).toBe('127.0.0.1');
  });
});

describe('schemes and userinfo tricks', () => {
  const cases: Array<[string, (p: number) => string, string]> = [
    ['file:', () => 'file:///etc/passwd', 'bad-scheme'],
    ['data:', () => 'data:text/html,<h1>hi</h1>', 'bad-scheme'],
    ['gopher:', (p) => `gopher://127.0.0.1:${p}/_GET%20/`, 'bad-scheme'],
    ['ftp:', (p) => `ftp://127.0.0.1:${p}/`, 'bad-scheme'],
    ['ws:', (p) => `ws://127.0.0.1:${p}/`, 'bad-scheme'],
    ['javascript:', () => 'javascript:alert(1)', 'bad-scheme'],
    ['user and password', (p) => `http://user:pass@127.0.0.1:${p}/`, 'bad-url'],
    ['a host-looking user name', (p) => `http://public.test@127.0.0.1:${p}/`, 'bad-url'],
    ['a host-looking user with a port as password', (p) => `http://public.test:80@127.0.0.1:${p}/`, 'bad-url'],
    ['an @ after a fragment', (p) => `http://127.0.0.1:${p}#@public.test/`, 'blocked-address'],
    ['an @ after a backslash', (p) => `http://127.0.0.1:${p}\\@public.test/`, 'blocked-address'],
    ['a relative URL', () => '/etc/passwd', 'bad-url'],
    ['an over-long URL', (p) => `http://127.0.0.1:${p}/${'a'.repeat(5000)}`, 'bad-url'],
  ];

  it.each(cases)('refuses %s', async (_label, makeUrl, code) => {
    const fetcher = createSafeFetcher({
      contactUrl: CONTACT,
      allowedPorts: [80, canary4.port],
      robots: 'ignore',
      lookup: fakeResolver({ 'public.test': [PUBLIC_IP] }),
    });

    const error = await failureOf(fetcher.fetch(makeUrl(canary4.port)));

    expect(error.code).toBe(code);
  });
});
