/**
 * The safe fetcher: the `PageFetcher` adapter that may be pointed at any URL a stranger submits.
 *
 * - The address check runs inside the undici connector, on the address actually dialled, for every
 *   connection of every hop (so DNS rebinding and literal IPs in any notation are covered; the WHATWG
 *   URL parser has already turned 127.1, 2130706433, 0x7f000001 and 0177.0.0.1 into 127.0.0.1).
 * - Redirects are followed by hand, each hop re-validated; `<meta refresh>` is never followed.
 * - Content codings are undone here, counting decoded bytes; one overall deadline covers everything.
 * - Anything short of a complete, successful response is a thrown `VerbatimError` with a precise code.
 */

import { isIP } from 'node:net';
import { rootCertificates } from 'node:tls';
import { Agent, buildConnector, errors as undiciErrors, type Dispatcher } from 'undici';
import { BlockedAddressError, FetchError, InvalidUrlError, VerbatimError } from '../errors.ts';
import type { HttpExchange, PageFetcher } from '../ports.ts';
import { createAddressPolicy, type AddressPolicy } from './address-policy.ts';
import { parseContentEncoding, readBody } from './decode.ts';
import { resolveFetchOptions, type ResolvedAddress, type ResolvedFetchOptions, type SafeFetcherOptions } from './options.ts';
import { checkNoArchive, createRobotsChecker, type RobotsChecker } from './robots.ts';
import { sniffPayload } from './sniff.ts';
import { ArchiveRefusedError, HttpStatusError, type ArchiveDecision, type SafeFetchedPage } from './types.ts';

export interface SafeFetcher extends PageFetcher {
  fetch(url: string, options?: { signal?: AbortSignal }): Promise<SafeFetchedPage>;
  /**
   * POST a small body (webhook deliveries) through the same address guard and deadlines. No redirects
   * are followed and the response body is discarded; resolves with the status, throws a FetchError on
   * a refused address, a timeout or a network failure.
   */
  post(url: string, body: string, headers: Record<string, string>): Promise<{ status: number; retryAfter?: string }>;
  /** The options in force, defaults filled in (for logs and the capture record). */
  readonly options: Readonly<Omit<ResolvedFetchOptions, 'lookup' | 'now'>>;
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

const ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';
const ACCEPT_ENCODING = 'gzip, deflate, br';

/**
 * Build the fetcher once (composition root) and reuse it; it keeps a robots.txt cache.
 * @example
 *   const fetcher = createSafeFetcher({ contactUrl: 'https://example.org/bot', allowPrivate: config.allowPrivateHosts });
 *   const page = await fetcher.fetch('https://news.example/story');
 */
export function createSafeFetcher(input: SafeFetcherOptions): SafeFetcher {
  const options = resolveFetchOptions(input);
  const policy = createAddressPolicy(options.allowPrivate);

  const robots: RobotsChecker = createRobotsChecker({
    robotsToken: options.robotsToken,
    ttlMs: options.robotsCacheTtlMs,
    now: options.now,
    fetchRobotsTxt: async (robotsUrl, signal) => {
      try {
        const robotsOptions = { ...options, maxBodyBytes: options.robotsMaxBytes, maxRedirects: Math.min(5, options.maxRedirects) };
        const page = await fetchChain(robotsUrl, signal, robotsOptions, policy, undefined);
        return { status: page.exchange.status, body: page.body };
      } catch (error) {
        if (error instanceof HttpStatusError) return { status: error.page.exchange.status, body: error.page.body };
        throw error;
      }
    },
  });

  const { lookup: _lookup, now: _now, ...visible } = options;

  return {
    options: visible,
    async fetch(url, fetchOptions = {}) {
      const page = await fetchChain(url, fetchOptions.signal, options, policy, options.robots === 'respect' ? robots : undefined);
      const noarchive = checkNoArchive(page, options.robotsToken, { isHtml: page.sniff.isHtml });
      if (!noarchive.allowed) {
        if (options.robots === 'respect') {
          throw new ArchiveRefusedError(page.finalUrl, { ...noarchive, code: 'noarchive' });
        }
        page.archivePolicy = { allowed: true, source: 'policy-off', reason: `robots policy off; ${noarchive.reason}` };
      }
      return page;
    },
    async post(url, body, headers) {
      const target = validateTargetUrl(url, options.maxUrlLength);
      const signal = AbortSignal.timeout(options.totalTimeoutMs);
      const agent = createGuardedAgent(options, policy, new Map());
      try {
        const response = await agent.request({
          origin: target.origin,
          path: `${target.pathname}${target.search}`,
          method: 'POST',
          headers: { 'user-agent': options.userAgent, ...headers },
          body,
          signal,
          headersTimeout: options.headersTimeoutMs,
          bodyTimeout: options.totalTimeoutMs,
        });
        discard(response.body);
        const retryAfter = response.headers['retry-after'];
        return { status: response.statusCode, ...(typeof retryAfter === 'string' ? { retryAfter } : {}) };
      } catch (error) {
        throw toFetchFailure(error, target.href, signal, undefined, options);
      } finally {
        agent.destroy().catch(() => {});
      }
    },
  };
}

/** Follow the redirect chain for one URL under one overall deadline. */
async function fetchChain(
  url: string,
  callerSignal: AbortSignal | undefined,
  options: ResolvedFetchOptions,
  policy: AddressPolicy,
  robots: RobotsChecker | undefined,
): Promise<SafeFetchedPage> {
  let current = validateTargetUrl(url, options.maxUrlLength);
  const deadline = AbortSignal.timeout(options.totalTimeoutMs);
  const signal = callerSignal === undefined ? deadline : AbortSignal.any([callerSignal, deadline]);
  // One agent per fetch: no connection outlives the fetch, and destroying it cuts any straggler.
  const dialled = new Map<string, string>();
  const agent = createGuardedAgent(options, policy, dialled);
  const redirects: SafeFetchedPage['redirects'] = [];
  const visited = new Set<string>();
  let robotsDecision: ArchiveDecision = { allowed: true, source: 'policy-off', reason: 'robots policy off' };

  try {
    for (;;) {
      visited.add(current.href);
      if (robots !== undefined) {
        robotsDecision = await withAbort(robots.check(current, signal), signal);
        if (!robotsDecision.allowed) throw new ArchiveRefusedError(current.href, { ...robotsDecision, code: 'robots-disallowed' });
      } else {
        robotsDecision = { allowed: true, source: 'policy-off', reason: 'robots policy off' };
      }

      const ourHeaders: Array<[string, string]> = [
        ['User-Agent', options.userAgent],
        ['Accept', ACCEPT],
        ['Accept-Encoding', ACCEPT_ENCODING],
      ];
      // What goes on the wire, in order: undici adds host and connection first, spelled like this.
      const requestHeaders: Array<[string, string]> = [['host', current.host], ['connection', 'keep-alive'], ...ourHeaders];
      // WARC-Date is the moment the request was sent; take it per hop, keep the last.
      const requestedAt = options.now();
      const response = await agent.request({
        origin: current.origin,
        path: `${current.pathname}${current.search}`,
        method: 'GET',
        headers: Object.fromEntries(ourHeaders),
        signal,
        headersTimeout: options.headersTimeoutMs,
        bodyTimeout: options.totalTimeoutMs,
        responseHeaders: 'raw',
      });

      const responseHeaders = pairRawHeaders(response.headers as unknown as Array<string | Buffer>);
      const location = headerValues(responseHeaders, 'location')[0];
      if (REDIRECT_STATUSES.has(response.statusCode) && location !== undefined) {
        discard(response.body);
        const next = resolveRedirect(location, current, options.maxUrlLength);
        redirects.push({ url: current.href, status: response.statusCode, location });
        if (visited.has(next.href)) {
          throw new FetchError('too-many-redirects', `${url}: redirect loop back to ${next.href}`);
        }
        if (redirects.length > options.maxRedirects) {
          throw new FetchError('too-many-redirects', `${url}: more than ${options.maxRedirects} redirects`);
        }
        current = next;
        continue;
      }

      const exchange: HttpExchange = {
        url: current.href,
        method: 'GET',
        requestHeaders,
        status: response.statusCode,
        statusText: response.statusText,
        httpVersion: 'HTTP/1.1',
        responseHeaders,
      };
      const remote = dialled.get(current.origin);
      if (remote !== undefined) exchange.remoteAddress = remote;

      const encodings = headerValues(responseHeaders, 'content-encoding');
      const codings = parseContentEncoding(encodings, options.maxEncodings, current.href);
      const declaredLength = Number(headerValues(responseHeaders, 'content-length')[0] ?? Number.NaN);
      if (codings.length === 0 && Number.isFinite(declaredLength) && declaredLength > options.maxBodyBytes) {
        discard(response.body);
        throw new FetchError('too-large', `${current.href}: Content-Length ${declaredLength} exceeds ${options.maxBodyBytes}`);
      }
      const { body, wireBytes } = await readBody(response.body, codings, { maxBodyBytes: options.maxBodyBytes }, current.href);
      if (Number.isFinite(declaredLength) && wireBytes !== declaredLength) {
        throw new FetchError('truncated', `${current.href}: received ${wireBytes} of ${declaredLength} bytes`);
      }

      const contentType = headerValues(responseHeaders, 'content-type')[0];
      const sniff = sniffPayload(body, contentType);
      const page: SafeFetchedPage = {
        requestedUrl: url,
        finalUrl: current.href,
        redirects,
        exchange,
        body,
        contentType,
        fetchedAt: requestedAt.toISOString(),
        sniff,
        archivePolicy: robotsDecision,
        contentEncodings: codings,
        wireBytes,
      };
      if (response.statusCode < 200 || response.statusCode >= 300) throw new HttpStatusError(page);
      return page;
    }
  } catch (error) {
    throw toFetchFailure(error, current.href, deadline, callerSignal, options);
  } finally {
    agent.destroy().catch(() => undefined);
  }
}

// ---------------------------------------------------------------- URLs

/**
 * Parse and vet a URL we are about to fetch: http(s) only, no credentials, bounded length.
 * @example validateTargetUrl('http://127.1/', 4096).hostname === '127.0.0.1'
 */
export function validateTargetUrl(input: string, maxLength: number): URL {
  if (input.length > maxLength) throw new InvalidUrlError(`URL longer than ${maxLength} characters`);
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    throw new InvalidUrlError(`not a valid absolute URL: ${input.slice(0, 200)}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new InvalidUrlError(`scheme ${url.protocol} is not allowed (http and https only): ${input.slice(0, 200)}`, 'bad-scheme');
  }
  if (url.username !== '' || url.password !== '') {
    throw new InvalidUrlError(`URL must not carry credentials: ${url.protocol}//${url.host}${url.pathname}`);
  }
  if (url.hostname === '') throw new InvalidUrlError(`URL has no host: ${input.slice(0, 200)}`);
  if (url.href.length > maxLength) throw new InvalidUrlError(`URL longer than ${maxLength} characters once normalised`);
  url.hash = '';
  return url;
}

function resolveRedirect(location: string, base: URL, maxLength: number): URL {
  let absolute: string;
  try {
    absolute = new URL(location, base).href;
  } catch {
    throw new InvalidUrlError(`redirect from ${base.href} to an invalid URL: ${location.slice(0, 200)}`);
  }
  return validateTargetUrl(absolute, maxLength);
}

// ---------------------------------------------------------------- connecting

/**
 * An Agent whose connector resolves the host itself, checks every address and the port against the
 * policy, and only then dials, handing net.connect the vetted addresses (so it cannot resolve again).
 * `dialled` records origin -> remote address for the exchange record.
 */
function createGuardedAgent(options: ResolvedFetchOptions, policy: AddressPolicy, dialled: Map<string, string>): Agent {
  const connect: buildConnector.connector = (connectOptions, callback) => {
    const port = Number(connectOptions.port || (connectOptions.protocol === 'https:' ? 443 : 80));
    const hostname = connectOptions.hostname;
    vetAddresses(hostname, port, options, policy)
      .then((addresses) => {
        const first = addresses[0]!;
        const literal = isIP(hostname) !== 0;
        const connector = buildConnector({
          timeout: options.connectTimeoutMs,
          allowH2: false,
          ...(options.extraCaCerts.length > 0 ? { ca: [...rootCertificates, ...options.extraCaCerts] } : {}),
          // Hand net.connect the vetted addresses instead of letting it resolve (no second lookup).
          lookup: (_name: string, lookupOptions: { all?: boolean }, cb: (...args: unknown[]) => void) => {
            if (lookupOptions.all === true) cb(null, addresses);
            else cb(null, first.address, first.family);
          },
        } as buildConnector.BuildOptions);
        const target: buildConnector.Options = { ...connectOptions, hostname: literal ? first.address : hostname };
        if (connectOptions.protocol === 'https:' && !literal) target.servername = hostname;
        connector(target, (error, socket) => {
          if (error !== null) return callback(error, null);
          // Belt and braces: the peer we ended up connected to must pass the policy too.
          const remote = socket.remoteAddress;
          const verdict =
            remote === undefined
              ? { allowed: false as const, reason: 'unknown peer' }
              : policy.isAllowedHost(hostname)
                ? { allowed: true as const, reason: 'allow-listed' as const }
                : policy.check(remote);
          if (!verdict.allowed) {
            socket.destroy();
            return callback(new BlockedAddressError(`connected peer ${remote ?? '?'} refused: ${verdict.reason}`), null);
          }
          dialled.set(`${connectOptions.protocol}//${connectOptions.host ?? hostname}`, remote!);
          callback(null, socket);
        });
      })
      .catch((error: unknown) => callback(error instanceof Error ? error : new Error(String(error)), null));
  };

  return new Agent({
    connect,
    connections: 4,
    pipelining: 1,
    maxHeaderSize: options.maxHeaderBytes,
    headersTimeout: options.headersTimeoutMs,
    bodyTimeout: options.totalTimeoutMs,
  });
}

/**
 * Resolve (unless literal) and check every address. A name with any forbidden address is refused as
 * a whole: mixing public and private answers is a rebinding tell, and refusing is simpler than
 * trusting the OS to pick the right one.
 */
async function vetAddresses(hostname: string, port: number, options: ResolvedFetchOptions, policy: AddressPolicy): Promise<ResolvedAddress[]> {
  const hostAllowed = policy.isAllowedHost(hostname);
  let addresses: ResolvedAddress[];
  const family = isIP(hostname);
  if (family !== 0) {
    addresses = [{ address: hostname, family: family === 6 ? 6 : 4 }];
  } else {
    addresses = await resolveWithTimeout(hostname, options);
    if (addresses.length === 0) throw new FetchError('dns-failure', `${hostname} has no addresses`);
  }
  for (const { address } of addresses) {
    if (hostAllowed) continue;
    const verdict = policy.check(address);
    if (!verdict.allowed) {
      throw new BlockedAddressError(`${hostname} -> ${address} refused: ${verdict.reason}`);
    }
    if (verdict.reason !== 'allow-listed' && !options.allowedPorts.has(port)) {
      throw new BlockedAddressError(`${hostname}: port ${port} is not allowed (allowed: ${[...options.allowedPorts].join(', ')})`, 'blocked-port');
    }
  }
  return addresses;
}

async function resolveWithTimeout(hostname: string, options: ResolvedFetchOptions): Promise<ResolvedAddress[]> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    const message = `resolving ${hostname} took over ${options.connectTimeoutMs} ms`;
    timer = setTimeout(() => reject(new FetchError('dns-failure', message)), options.connectTimeoutMs);
  });
  try {
    return await Promise.race([options.lookup(hostname), timeout]);
  } catch (error) {
    if (error instanceof VerbatimError) throw error;
    throw new FetchError('dns-failure', `cannot resolve ${hostname}`, { cause: error });
  } finally {
    clearTimeout(timer);
  }
}

// ---------------------------------------------------------------- helpers

function pairRawHeaders(raw: Array<string | Buffer>): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  for (let i = 0; i + 1 < raw.length; i += 2) {
    pairs.push([latin1(raw[i]!), latin1(raw[i + 1]!)]);
  }
  return pairs;
}

function latin1(value: string | Buffer): string {
  return typeof value === 'string' ? value : value.toString('latin1');
}

function headerValues(headers: ReadonlyArray<[string, string]>, name: string): string[] {
  return headers.filter(([n]) => n.toLowerCase() === name).map(([, v]) => v);
}

/** Drop a body we will not read; the resulting abort error is expected, so swallow it. */
function discard(body: Dispatcher.ResponseData['body']): void {
  body.on('error', () => undefined);
  body.destroy();
}

function withAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

const CONNECT_ERROR_CODES = [
  'ECONNREFUSED',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EADDRNOTAVAIL',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'CERT_HAS_EXPIRED',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
];

/** Map whatever went wrong to a VerbatimError with a precise code. */
function toFetchFailure(
  error: unknown,
  url: string,
  deadline: AbortSignal,
  callerSignal: AbortSignal | undefined,
  options: ResolvedFetchOptions,
): VerbatimError {
  if (error instanceof VerbatimError) return error;
  const cause = { cause: error };
  if (deadline.aborted) return new FetchError('timeout', `${url}: fetch exceeded ${options.totalTimeoutMs} ms`, cause);
  if (callerSignal?.aborted === true) return new FetchError('timeout', `${url}: fetch aborted by the caller`, cause);
  const inner = findVerbatimCause(error);
  if (inner !== undefined) return inner;
  if (error instanceof undiciErrors.HeadersTimeoutError) {
    return new FetchError('timeout', `${url}: no response headers within ${options.headersTimeoutMs} ms`, cause);
  }
  if (error instanceof undiciErrors.BodyTimeoutError) return new FetchError('timeout', `${url}: body stalled`, cause);
  if (error instanceof undiciErrors.ConnectTimeoutError) {
    return new FetchError('timeout', `${url}: connect took over ${options.connectTimeoutMs} ms`, cause);
  }
  if (error instanceof undiciErrors.HeadersOverflowError) return new FetchError('too-large', `${url}: response headers too large`, cause);
  if (error instanceof undiciErrors.ResponseContentLengthMismatchError) {
    return new FetchError('truncated', `${url}: body shorter than its Content-Length`, cause);
  }
  if (error instanceof undiciErrors.SocketError || hasCode(error, ['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET'])) {
    return new FetchError('truncated', `${url}: connection closed before the response was complete`, cause);
  }
  if (hasCode(error, CONNECT_ERROR_CODES)) {
    return new FetchError('connect-failure', `${url}: cannot connect (${(error as { code: string }).code})`, cause);
  }
  if (error instanceof undiciErrors.UndiciError) return new FetchError('connect-failure', `${url}: ${error.message}`, cause);
  return new FetchError('connect-failure', `${url}: fetch failed`, cause);
}

function findVerbatimCause(error: unknown): VerbatimError | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth += 1) {
    if (current instanceof VerbatimError) return current;
    if (current instanceof AggregateError) {
      const found = current.errors.find((e) => e instanceof VerbatimError) as VerbatimError | undefined;
      if (found !== undefined) return found;
    }
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

function hasCode(error: unknown, codes: readonly string[]): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && codes.includes(code)) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}
