/**
 * Which IP addresses the fetcher may dial. Only globally routable unicast is allowed by default; the
 * allow-list (VERBATIM_ALLOW_PRIVATE_HOSTS) opens exact addresses, CIDRs or host names, for local runs
 * and tests only.
 */

import ipaddr from 'ipaddr.js';

export type AddressVerdict =
  | { allowed: true; reason: 'public' | 'allow-listed' }
  | { allowed: false; reason: string };

/** One parsed allow-list entry: an address range, or a host name compared case-insensitively. */
type AllowEntry =
  | { kind: 'cidr'; range: [ipaddr.IPv4 | ipaddr.IPv6, number]; source: string }
  | { kind: 'host'; name: string; source: string };

export interface AddressPolicy {
  /** Decide whether `address` (an IP literal, any textual form) may be dialled. */
  check(address: string): AddressVerdict;
  /** True when the host name itself (as written in the URL, lower-cased) is on the allow-list. */
  isAllowedHost(hostname: string): boolean;
  /** True when the address is allow-listed (then any port is allowed too). */
  isAllowListed(address: string): boolean;
}

/**
 * Parse an allow-list: comma or whitespace separated IPs, CIDRs or host names.
 * @example parseAllowList('127.0.0.1, 10.0.0.0/8, fixtures.local')
 */
export function parseAllowList(value: string | readonly string[] | undefined): string[] {
  if (value === undefined) return [];
  const items = typeof value === 'string' ? value.split(/[\s,]+/) : value;
  return items.map((item) => item.trim()).filter((item) => item.length > 0);
}

/** Build a policy; throws a TypeError naming the first entry it cannot parse. */
export function createAddressPolicy(allowList: readonly string[] = []): AddressPolicy {
  const entries = allowList.map(parseEntry);

  function isAllowListed(address: string): boolean {
    const ip = parseIp(address);
    if (ip === undefined) return false;
    return entries.some(
      (entry) => entry.kind === 'cidr' && entry.range[0].kind() === ip.kind() && ip.match(entry.range),
    );
  }

  return {
    check(address) {
      const ip = parseIp(address);
      if (ip === undefined) return { allowed: false, reason: `not an IP address: ${address}` };
      if (isAllowListed(address)) return { allowed: true, reason: 'allow-listed' };
      const range = ip.range();
      if (range !== 'unicast') return { allowed: false, reason: `${ip.toString()} is ${ip.kind()} ${range}` };
      if (ip.kind() === 'ipv6' && !ip.match(GLOBAL_UNICAST_V6)) {
        return { allowed: false, reason: `${ip.toString()} is outside global unicast 2000::/3` };
      }
      return { allowed: true, reason: 'public' };
    },
    isAllowedHost(hostname) {
      const name = hostname.toLowerCase().replace(/\.$/, '');
      return entries.some((entry) => entry.kind === 'host' && entry.name === name);
    },
    isAllowListed,
  };
}

const GLOBAL_UNICAST_V6: [ipaddr.IPv6, number] = [ipaddr.IPv6.parse('2000::'), 3];

/**
 * Parse an address strictly (four dotted decimals for IPv4: the URL parser has already normalised
 * 127.1, 0x7f000001 and friends) and unwrap IPv4-mapped IPv6, so ::ffff:127.0.0.1 is judged as
 * 127.0.0.1. IPv4-compatible (::a.b.c.d) stays IPv6 and falls outside 2000::/3.
 */
export function parseIp(address: string): ipaddr.IPv4 | ipaddr.IPv6 | undefined {
  const bare = address.startsWith('[') && address.endsWith(']') ? address.slice(1, -1) : address;
  // Zone ids (fe80::1%eth0) never belong in a URL we fetch; refuse to interpret them.
  if (bare.includes('%')) return undefined;
  let ip: ipaddr.IPv4 | ipaddr.IPv6;
  if (ipaddr.IPv4.isValidFourPartDecimal(bare)) ip = ipaddr.IPv4.parse(bare);
  else if (ipaddr.IPv6.isValid(bare)) ip = ipaddr.IPv6.parse(canonicalIpv6(bare));
  else return undefined;
  if (ip.kind() === 'ipv6' && (ip as ipaddr.IPv6).isIPv4MappedAddress()) {
    return (ip as ipaddr.IPv6).toIPv4Address();
  }
  return ip;
}

/**
 * ipaddr.js reads an embedded dotted quad (::1.2.3.4) as IPv4-mapped (::ffff:1.2.3.4), which would
 * let IPv4-compatible forms pass as public IPv4. The WHATWG URL parser serialises IPv6 canonically in
 * hex (::102:304), which ipaddr.js then reads faithfully.
 */
function canonicalIpv6(address: string): string {
  try {
    return new URL(`http://[${address}]/`).hostname.slice(1, -1);
  } catch {
    return address;
  }
}

function parseEntry(source: string): AllowEntry {
  if (source.includes('/')) {
    try {
      const [addr, bits] = ipaddr.parseCIDR(source);
      return { kind: 'cidr', range: [addr, bits], source };
    } catch (cause) {
      throw new TypeError(`allow-list entry is not a valid CIDR: ${source}`, { cause });
    }
  }
  const ip = parseIp(source);
  if (ip !== undefined) return { kind: 'cidr', range: [ip, ip.kind() === 'ipv4' ? 32 : 128], source };
  if (/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*\.?$/i.test(source)) {
    return { kind: 'host', name: source.toLowerCase().replace(/\.$/, ''), source };
  }
  throw new TypeError(`allow-list entry is neither an IP, a CIDR nor a host name: ${source}`);
}
