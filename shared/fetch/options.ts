/**
 * The safe fetcher's options: typed, validated once, with the defaults a careful crawler would pick.
 */

import { lookup as dnsLookup } from 'node:dns/promises';
import { z } from 'zod';
import { parseAllowList } from './address-policy.ts';

/** One resolved address. */
export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Resolve a host name to every address it has. Injected in tests; the default is the OS resolver. */
export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

export const systemResolver: Resolver = async (hostname) => {
  const results = await dnsLookup(hostname, { all: true, order: 'verbatim' });
  return results.map((r) => ({ address: r.address, family: r.family === 6 ? 6 : 4 }));
};

export const MiB = 1024 * 1024;

/** The defaults, in one place so the README and the code cannot disagree. */
export const FETCH_DEFAULTS = {
  allowedPorts: [80, 443],
  maxBodyBytes: 15 * MiB,
  headersTimeoutMs: 15_000,
  totalTimeoutMs: 30_000,
  connectTimeoutMs: 10_000,
  maxRedirects: 10,
  maxEncodings: 5,
  maxUrlLength: 4096,
  maxHeaderBytes: 64 * 1024,
  robots: 'respect',
  robotsCacheTtlMs: 60 * 60_000,
  robotsMaxBytes: 512 * 1024,
  agentName: 'Verbatim',
  agentVersion: '0.1',
  robotsToken: 'VerbatimBot',
} as const;

export interface SafeFetcherOptions {
  /**
   * Where site owners can learn about us and reach us; goes into the default User-Agent as
   * `(+<contactUrl>)`. Required unless a full `userAgent` is given: there is no honest default.
   */
  contactUrl?: string;
  /** Exact IPs, CIDRs or host names that may be private/loopback (VERBATIM_ALLOW_PRIVATE_HOSTS). Any port. */
  allowPrivate?: readonly string[] | string;
  /** Ports allowed on public addresses. Default 80, 443. */
  allowedPorts?: readonly number[];
  /** Limit on the decoded body. Default 15 MiB. */
  maxBodyBytes?: number;
  /** Time to the end of the response headers, per hop. Default 15 s. */
  headersTimeoutMs?: number;
  /** Overall deadline for the whole fetch, redirects and robots.txt included. Default 30 s. */
  totalTimeoutMs?: number;
  /** DNS plus TCP/TLS connect, per connection. Default 10 s. */
  connectTimeoutMs?: number;
  maxRedirects?: number;
  /** Most content codings we will undo (gzip, br, ...). Default 5. */
  maxEncodings?: number;
  maxUrlLength?: number;
  /** Largest response header block. Default 64 KiB. */
  maxHeaderBytes?: number;
  /** Full User-Agent (VERBATIM_USER_AGENT); must name Verbatim and carry a contact URL. */
  userAgent?: string;
  /** The product token matched in robots.txt, X-Robots-Tag and <meta name>. Default VerbatimBot. */
  robotsToken?: string;
  /** 'respect' (default): robots.txt and noarchive refuse the capture. 'ignore': only record them. */
  robots?: 'respect' | 'ignore';
  robotsCacheTtlMs?: number;
  /** Limit on a robots.txt body. Default 512 KiB (RFC 9309 asks for at least 500 KiB). */
  robotsMaxBytes?: number;
  /** Extra trusted CA certificates (PEM), added to Node's bundled roots: private deployments and tests. */
  extraCaCerts?: readonly string[];
  /** DNS resolver, injectable for tests. */
  lookup?: Resolver;
  /** Clock for `fetchedAt` and the robots cache. */
  now?: () => Date;
}

const positiveInt = z.number().int().positive();

const schema = z
  .object({
  contactUrl: z.url({ protocol: /^https?$/ }).optional(),
  allowPrivate: z.union([z.string(), z.array(z.string())]).optional(),
  allowedPorts: z.array(z.number().int().min(1).max(65_535)).optional(),
  maxBodyBytes: positiveInt.optional(),
  headersTimeoutMs: positiveInt.optional(),
  totalTimeoutMs: positiveInt.optional(),
  connectTimeoutMs: positiveInt.optional(),
  maxRedirects: z.number().int().min(0).max(50).optional(),
  maxEncodings: z.number().int().min(0).max(20).optional(),
  maxUrlLength: z.number().int().min(16).max(65_536).optional(),
  maxHeaderBytes: positiveInt.optional(),
  userAgent: z.string().min(1).regex(/^[\x20-\x7e]+$/, 'printable ASCII only').optional(),
  robotsToken: z.string().regex(/^[A-Za-z_-]+$/).optional(),
  robots: z.enum(['respect', 'ignore']).optional(),
  robotsCacheTtlMs: z.number().int().min(0).optional(),
  robotsMaxBytes: positiveInt.optional(),
  extraCaCerts: z.array(z.string().includes('-----BEGIN CERTIFICATE-----')).optional(),
  })
  .refine((o) => o.contactUrl !== undefined || o.userAgent !== undefined, {
    message: 'give contactUrl (or a full userAgent) so site owners can reach us',
    path: ['contactUrl'],
  })
  .refine((o) => o.userAgent === undefined || (/verbatim/i.test(o.userAgent) && /https?:\/\//.test(o.userAgent)), {
    message: 'must name Verbatim and include a contact URL',
    path: ['userAgent'],
  });

export interface ResolvedFetchOptions {
  contactUrl: string | undefined;
  allowPrivate: string[];
  allowedPorts: ReadonlySet<number>;
  maxBodyBytes: number;
  headersTimeoutMs: number;
  totalTimeoutMs: number;
  connectTimeoutMs: number;
  maxRedirects: number;
  maxEncodings: number;
  maxUrlLength: number;
  maxHeaderBytes: number;
  userAgent: string;
  robotsToken: string;
  robots: 'respect' | 'ignore';
  robotsCacheTtlMs: number;
  robotsMaxBytes: number;
  extraCaCerts: string[];
  lookup: Resolver;
  now: () => Date;
}

/** Validate options and fill defaults; throws a TypeError naming every bad option. */
export function resolveFetchOptions(options: SafeFetcherOptions): ResolvedFetchOptions {
  const { lookup, now, ...plain } = options;
  const parsed = schema.safeParse({
    ...plain,
    allowPrivate: plain.allowPrivate === undefined || typeof plain.allowPrivate === 'string' ? plain.allowPrivate : [...plain.allowPrivate],
    allowedPorts: plain.allowedPorts === undefined ? undefined : [...plain.allowedPorts],
    extraCaCerts: plain.extraCaCerts === undefined ? undefined : [...plain.extraCaCerts],
  });
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || 'options'}: ${i.message}`).join('; ');
    throw new TypeError(`invalid safe fetcher options: ${problems}`);
  }
  const o = parsed.data;
  const d = FETCH_DEFAULTS;
  const robotsToken = o.robotsToken ?? d.robotsToken;
  return {
    contactUrl: o.contactUrl,
    allowPrivate: parseAllowList(o.allowPrivate),
    allowedPorts: new Set(o.allowedPorts ?? d.allowedPorts),
    maxBodyBytes: o.maxBodyBytes ?? d.maxBodyBytes,
    headersTimeoutMs: o.headersTimeoutMs ?? d.headersTimeoutMs,
    totalTimeoutMs: o.totalTimeoutMs ?? d.totalTimeoutMs,
    connectTimeoutMs: o.connectTimeoutMs ?? d.connectTimeoutMs,
    maxRedirects: o.maxRedirects ?? d.maxRedirects,
    maxEncodings: o.maxEncodings ?? d.maxEncodings,
    maxUrlLength: o.maxUrlLength ?? d.maxUrlLength,
    maxHeaderBytes: o.maxHeaderBytes ?? d.maxHeaderBytes,
    userAgent: o.userAgent ?? `Mozilla/5.0 (compatible; ${robotsToken}/${d.agentVersion}; ${d.agentName} news archive; +${o.contactUrl})`,
    robotsToken,
    robots: o.robots ?? d.robots,
    robotsCacheTtlMs: o.robotsCacheTtlMs ?? d.robotsCacheTtlMs,
    robotsMaxBytes: o.robotsMaxBytes ?? d.robotsMaxBytes,
    extraCaCerts: o.extraCaCerts ?? [],
    lookup: lookup ?? systemResolver,
    now: now ?? (() => new Date()),
  };
}
