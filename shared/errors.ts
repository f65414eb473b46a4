/**
 * The small error taxonomy of Verbatim. Every error a use case can raise on purpose carries a stable,
 * machine-readable `code` (stored on failed captures and returned by the API) and a human message that
 * names the offending URL or id. Anything else reaching the edge is an internal error and is never exposed.
 */

export type FailureCode =
  | 'bad-url'
  | 'bad-scheme'
  | 'blocked-address'
  | 'blocked-port'
  | 'dns-failure'
  | 'connect-failure'
  | 'timeout'
  | 'too-large'
  | 'too-many-redirects'
  | 'too-many-encodings'
  | 'bad-encoding'
  | 'truncated'
  | 'http-4xx'
  | 'http-5xx'
  | 'http-status'
  | 'not-html'
  | 'robots-disallowed'
  | 'noarchive'
  | 'extraction-failed'
  | 'extraction-timeout'
  | 'extraction-too-large'
  | 'storage-failed'
  | 'abandoned'
  | 'internal';

export class VerbatimError extends Error {
  override readonly name: string = 'VerbatimError';
  readonly code: FailureCode;

  constructor(code: FailureCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

/** The submitted URL is not one we can archive (syntax, scheme, credentials, length). */
export class InvalidUrlError extends VerbatimError {
  override readonly name: string = 'InvalidUrlError';
  constructor(message: string, code: 'bad-url' | 'bad-scheme' = 'bad-url') {
    super(code, message);
  }
}

/** The fetcher refused to connect: the address or port is not allowed (SSRF guard). */
export class BlockedAddressError extends VerbatimError {
  override readonly name: string = 'BlockedAddressError';
  constructor(message: string, code: 'blocked-address' | 'blocked-port' = 'blocked-address') {
    super(code, message);
  }
}

/** A fetch failed: network error, limit hit, HTTP error status, or a body cut short. */
export class FetchError extends VerbatimError {
  override readonly name: string = 'FetchError';
}

/** The page is not something we extract (not HTML, robots policy, noarchive). */
export class NotArticleError extends VerbatimError {
  override readonly name: string = 'NotArticleError';
}

/** Extraction could not produce a document (parse failure, guard tripped, deadline). */
export class ExtractionError extends VerbatimError {
  override readonly name: string = 'ExtractionError';
}

/** A record or object that should exist does not. */
export class NotFoundError extends Error {
  override readonly name: string = 'NotFoundError';
}

/** Stored bytes no longer match their recorded digest. */
export class IntegrityError extends Error {
  override readonly name: string = 'IntegrityError';
}

/** Reduce any thrown value to a code and message safe to store and show. */
export function toFailure(error: unknown): { code: FailureCode; message: string } {
  if (error instanceof VerbatimError) return { code: error.code, message: error.message };
  return { code: 'internal', message: 'internal error' };
}
