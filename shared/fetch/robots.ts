/**
 * The robots side of the archive policy: robots.txt for our agent (RFC 9309), `X-Robots-Tag` and
 * `<meta name="robots">` noarchive. Each check returns a decision with its reason, so the capture can
 * record what was decided and why.
 */

import robotsParserModule from 'robots-parser';
import { VerbatimError, type FailureCode } from '../errors.ts';
import type { FetchedPage } from '../ports.ts';
import type { ArchiveDecision } from './types.ts';

// robots-parser is CommonJS typed as an ES default export: take the function whichever way it arrives.
type RobotsParser = typeof robotsParserModule.default;
const robotsParser: RobotsParser =
  typeof robotsParserModule === 'function' ? (robotsParserModule as unknown as RobotsParser) : robotsParserModule.default;

// ---------------------------------------------------------------- noarchive

const ALLOW_NONE: ArchiveDecision = { allowed: true, source: 'none', reason: 'no noarchive directive' };

/** Directives that legitimately contain a colon, so "name: value" is not a user-agent prefix. */
const COLON_DIRECTIVES = new Set(['unavailable_after', 'max-snippet', 'max-image-preview', 'max-video-preview']);

/**
 * Look for noarchive in `X-Robots-Tag` headers (global or scoped to our token) and in
 * `<meta name="robots|<token>" content="...noarchive...">` within the first 512 KiB of HTML.
 */
export function checkNoArchive(
  page: Pick<FetchedPage, 'exchange' | 'body'>,
  robotsToken: string,
  options: { isHtml: boolean },
): ArchiveDecision {
  const token = robotsToken.toLowerCase();
  for (const [name, value] of page.exchange.responseHeaders) {
    if (name.toLowerCase() !== 'x-robots-tag') continue;
    if (headerSaysNoArchive(value, token)) {
      return { allowed: false, code: 'noarchive', source: 'x-robots-tag', reason: `X-Robots-Tag: ${value.slice(0, 200)}` };
    }
  }
  if (options.isHtml) {
    const meta = metaNoArchive(page.body, token);
    if (meta !== undefined) return { allowed: false, code: 'noarchive', source: 'meta-robots', reason: meta };
  }
  return ALLOW_NONE;
}

function headerSaysNoArchive(value: string, token: string): boolean {
  let directives = value;
  const scoped = /^\s*([a-z0-9_-]+)\s*:(.*)$/i.exec(value);
  if (scoped !== null && !COLON_DIRECTIVES.has(scoped[1]!.toLowerCase())) {
    if (scoped[1]!.toLowerCase() !== token) return false;
    directives = scoped[2]!;
  }
  return directives.split(',').some((d) => d.trim().toLowerCase() === 'noarchive');
}

const META_SCAN_BYTES = 512 * 1024;

/** A cheap scan, not a parse: <meta> tags in the first bytes, attributes in any order and quoting. */
function metaNoArchive(body: Uint8Array, token: string): string | undefined {
  const text = new TextDecoder('latin1').decode(body.subarray(0, META_SCAN_BYTES));
  for (const match of text.matchAll(/<meta\b([^>]*)>/gi)) {
    const attrs = parseAttributes(match[1] ?? '');
    const name = attrs.get('name')?.toLowerCase();
    if (name !== 'robots' && name !== token) continue;
    const content = attrs.get('content') ?? '';
    if (content.split(/[\s,]+/).some((d) => d.toLowerCase() === 'noarchive')) {
      return `<meta name="${name}" content="${content.slice(0, 200)}">`;
    }
  }
  return undefined;
}

function parseAttributes(source: string): Map<string, string> {
  const attrs = new Map<string, string>();
  for (const m of source.matchAll(/([^\s=/>]+)\s*(?:=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g)) {
    const key = m[1]!.toLowerCase();
    if (!attrs.has(key)) attrs.set(key, m[2] ?? m[3] ?? m[4] ?? '');
  }
  return attrs;
}

// ---------------------------------------------------------------- robots.txt

const ORIGIN_FAILURES = new Set<FailureCode>(['blocked-address', 'blocked-port', 'bad-url', 'bad-scheme', 'dns-failure', 'connect-failure']);

/** Fetch a robots.txt: returns status and body, or throws a VerbatimError (network, limits...). */
export type RobotsTxtFetch = (robotsUrl: string, signal: AbortSignal) => Promise<{ status: number; body: Uint8Array }>;

interface CachedRobots {
  expiresAt: number;
  /** undefined when the file said nothing usable: allow all, or disallow all, per `blanket`. */
  robots?: ReturnType<typeof robotsParser>;
  blanket?: ArchiveDecision;
}

export interface RobotsChecker {
  /** Decide whether our agent may fetch `url` per its origin's robots.txt. */
  check(url: URL, signal: AbortSignal): Promise<ArchiveDecision>;
}

/**
 * robots.txt per origin, cached. Failure handling follows RFC 9309 §2.3.1:
 * - 2xx: obey the rules for our token (or `*`);
 * - 4xx ("unavailable"): allow everything;
 * - 5xx, timeout, truncated or over-size body ("unreachable"): disallow everything, and cache that
 *   for at most a minute so a transient outage does not stick;
 * - origin unreachable or forbidden (DNS, connect, blocked address/port): rethrown, since the page
 *   itself would fail the same way and that reason is the true one.
 * Redirects are followed by the fetcher (up to its limit), each hop address-checked like any fetch.
 */
export function createRobotsChecker(options: {
  fetchRobotsTxt: RobotsTxtFetch;
  robotsToken: string;
  ttlMs: number;
  now: () => Date;
  maxEntries?: number;
}): RobotsChecker {
  const cache = new Map<string, CachedRobots>();
  const inFlight = new Map<string, Promise<CachedRobots>>();
  const maxEntries = options.maxEntries ?? 1000;
  const failureTtl = Math.min(options.ttlMs, 60_000);

  /** RFC 9309: an unreachable robots.txt means complete disallow, for a short while. */
  const disallowAll = (why: string): CachedRobots => ({
    expiresAt: options.now().getTime() + failureTtl,
    blanket: { allowed: false, code: 'robots-disallowed', source: 'robots.txt', reason: `robots.txt unreachable (${why}): disallow all (RFC 9309)` },
  });

  async function load(origin: string, signal: AbortSignal): Promise<CachedRobots> {
    const robotsUrl = `${origin}/robots.txt`;
    const now = options.now().getTime();
    try {
      const { status, body } = await options.fetchRobotsTxt(robotsUrl, signal);
      if (status >= 200 && status < 300) {
        const text = new TextDecoder('utf-8').decode(body);
        return { expiresAt: now + options.ttlMs, robots: robotsParser(robotsUrl, text) };
      }
      if (status >= 400 && status < 500) {
        return {
          expiresAt: now + options.ttlMs,
          blanket: { allowed: true, source: 'robots.txt', reason: `robots.txt unavailable (HTTP ${status}): allow all` },
        };
      }
      return disallowAll(`HTTP ${status}`);
    } catch (error) {
      if (signal.aborted) throw error;
      // The origin itself cannot be reached or may not be dialled: the page fetch would fail the same
      // way, so report that reason rather than a misleading "robots-disallowed".
      if (error instanceof VerbatimError && ORIGIN_FAILURES.has(error.code)) throw error;
      return disallowAll(error instanceof VerbatimError ? error.code : 'error');
    }
  }

  async function entryFor(origin: string, signal: AbortSignal): Promise<CachedRobots> {
    const cached = cache.get(origin);
    if (cached !== undefined && cached.expiresAt > options.now().getTime()) return cached;
    let pending = inFlight.get(origin);
    if (pending === undefined) {
      pending = load(origin, signal).finally(() => inFlight.delete(origin));
      inFlight.set(origin, pending);
    }
    const entry = await pending;
    cache.delete(origin);
    cache.set(origin, entry);
    // Evict the oldest insertion when full: a crude LRU, enough to bound memory.
    if (cache.size > maxEntries) {
      const oldest = cache.keys().next().value;
      if (oldest !== undefined) cache.delete(oldest);
    }
    return entry;
  }

  return {
    async check(url, signal) {
      const entry = await entryFor(url.origin, signal);
      if (entry.blanket !== undefined) return entry.blanket;
      const robots = entry.robots!;
      const allowed = robots.isAllowed(url.href, options.robotsToken) !== false;
      const line = robots.getMatchingLineNumber(url.href, options.robotsToken);
      const where = line > 0 ? ` (robots.txt line ${line})` : '';
      return allowed
        ? { allowed: true, source: 'robots.txt', reason: `robots.txt allows ${options.robotsToken} on ${url.pathname}${where}` }
        : {
            allowed: false,
            code: 'robots-disallowed',
            source: 'robots.txt',
            reason: `robots.txt disallows ${options.robotsToken} on ${url.pathname}${where}`,
          };
    },
  };
}
