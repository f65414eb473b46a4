import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createAddressPolicy, parseAllowList } from '../../../shared/fetch/address-policy.ts';

describe('createAddressPolicy', () => {
  const policy = createAddressPolicy();

  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback'],
    ['10.0.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.0.1', 'private'],
    ['169.254.169.254', 'linkLocal'],
    ['169.254.170.2', 'linkLocal'],
    ['100.64.0.1', 'carrierGradeNat'],
    ['0.0.0.0', 'unspecified'],
    ['224.0.0.251', 'multicast'],
    ['255.255.255.255', 'broadcast'],
    ['192.0.2.1', 'reserved'],
    ['198.18.0.1', 'reserved'],
    ['240.0.0.1', 'reserved'],
    ['::1', 'loopback'],
    ['::', 'unspecified'],
    ['fe80::1', 'linkLocal'],
    ['fd00:ec2::254', 'uniqueLocal'],
    ['ff02::1', 'multicast'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:169.254.169.254', 'linkLocal'],
    ['::127.0.0.1', '2000::/3'],
    ['::8.8.8.8', '2000::/3'],
    ['64:ff9b::a9fe:a9fe', 'rfc6052'],
    ['2002:a9fe:a9fe::1', '6to4'],
    ['2001::1', 'teredo'],
    ['2001:db8::1', 'reserved'],
    ['100::1', 'discard'],
  ])('refuses %s', (address, range) => {
    const verdict = policy.check(address);

    expect(verdict.allowed).toBe(false);
    expect(verdict.reason).toContain(range);
  });

  it.each(['93.184.215.14', '8.8.8.8', '1.1.1.1', '2606:4700:4700::1111', '2a00:1450:4001:80b::200e', '::ffff:8.8.8.8'])(
    'allows the public address %s',
    (address) => {
      expect(policy.check(address)).toEqual({ allowed: true, reason: 'public' });
    },
  );

  it('refuses anything that is not an IP literal', () => {
    expect(policy.check('localhost').allowed).toBe(false);
    expect(policy.check('127.1').allowed).toBe(false);
    expect(policy.check('fe80::1%eth0').allowed).toBe(false);
  });

  it('allowing 127.0.0.1 allows exactly that address', () => {
    const allowing = createAddressPolicy(['127.0.0.1']);

    expect(allowing.check('127.0.0.1')).toEqual({ allowed: true, reason: 'allow-listed' });
    expect(allowing.check('::ffff:127.0.0.1')).toEqual({ allowed: true, reason: 'allow-listed' });
    expect(allowing.check('127.0.0.2').allowed).toBe(false);
    expect(allowing.check('::1').allowed).toBe(false);
    expect(allowing.check('0.0.0.0').allowed).toBe(false);
  });

  it('allows a CIDR and host names from the allow-list', () => {
    const allowing = createAddressPolicy(parseAllowList('127.0.0.0/8, fixtures.local ::1'));

    expect(allowing.check('127.9.9.9').allowed).toBe(true);
    expect(allowing.check('::1').allowed).toBe(true);
    expect(allowing.check('10.0.0.1').allowed).toBe(false);
    expect(allowing.isAllowedHost('Fixtures.Local.')).toBe(true);
    expect(allowing.isAllowedHost('other.local')).toBe(false);
  });

  it('rejects an allow-list entry it cannot parse, naming it', () => {
    expect(() => createAddressPolicy(['10.0.0.0/33'])).toThrow(/10\.0\.0\.0\/33/);
    expect(() => createAddressPolicy(['http://x'])).toThrow(/http:\/\/x/);
  });

  it('judges an IPv4-mapped IPv6 address exactly like its IPv4 address', () => {
    fc.assert(
      fc.property(fc.ipV4(), (v4) => {
        expect(policy.check(`::ffff:${v4}`)).toEqual(policy.check(v4));
      }),
    );
  });

  it('never allows an address in a refused IPv4 range', () => {
    const inRange = (a: number, b: number, bits: number) =>
      fc.integer({ min: 0, max: 2 ** (32 - bits) - 1 }).map((n) => {
        const base = (a << 24) | (b << 16);
        const value = (base >>> 0) + n;
        return [24, 16, 8, 0].map((s) => (value >>> s) & 255).join('.');
      });
    const refused = fc.oneof(inRange(127, 0, 8), inRange(10, 0, 8), inRange(172, 16, 12), inRange(192, 168, 16), inRange(169, 254, 16), inRange(100, 64, 10), inRange(0, 0, 8), inRange(224, 0, 4), inRange(240, 0, 4));
    fc.assert(fc.property(refused, (address) => !policy.check(address).allowed));
  });

  it('never allows IPv6 outside 2000::/3', () => {
    fc.assert(
      fc.property(fc.ipV6(), (address) => {
        const first = Number.parseInt(address.split(':')[0] || '0', 16);
        fc.pre(address.startsWith('::') || first < 0x2000 || first > 0x3fff);
        fc.pre(!/^::ffff:/i.test(address));
        return !policy.check(address).allowed;
      }),
    );
  });
});
