/**
 * What the safe fetcher adds on top of the `PageFetcher` port: the sniffed payload kind, the archive
 * policy decision (robots.txt, X-Robots-Tag, meta robots) and an error that keeps the HTTP response.
 */

import { FetchError, NotArticleError } from '../errors.ts';
import type { FetchedPage } from '../ports.ts';

/** What the payload really is, whatever the server claims. */
export interface SniffResult {
  kind: 'html' | 'xhtml' | 'pdf' | 'image' | 'text' | 'binary' | 'other';
  /** Only HTML/XHTML go to extraction; everything else is kept raw and marked. */
  isHtml: boolean;
  /** The declared MIME essence (lower-case, no parameters), if any. */
  declared: string | undefined;
  reason: string;
}

/** Whether we may archive a page, and why: recorded on the capture either way. */
export interface ArchiveDecision {
  allowed: boolean;
  /** Set when refused. */
  code?: 'robots-disallowed' | 'noarchive';
  /** Which rule decided. 'policy-off' means the deployment ignores robots rules (what was seen is in reason). */
  source: 'robots.txt' | 'x-robots-tag' | 'meta-robots' | 'policy-off' | 'none';
  reason: string;
}

/** A `FetchedPage` with the extra facts the safe fetcher established. */
export interface SafeFetchedPage extends FetchedPage {
  sniff: SniffResult;
  archivePolicy: ArchiveDecision;
  /** Content codings removed, in the order the server listed them (e.g. ['gzip']). */
  contentEncodings: string[];
  /** Bytes received on the wire for the final body, before decoding. */
  wireBytes: number;
}

/**
 * The server answered with an error status (4xx/5xx, or a 3xx we cannot follow). The full response is
 * kept on `page`, so a caller may still archive what the server said.
 */
export class HttpStatusError extends FetchError {
  override readonly name = 'HttpStatusError';
  readonly page: SafeFetchedPage;

  constructor(page: SafeFetchedPage) {
    const status = page.exchange.status;
    const code = status >= 500 && status < 600 ? 'http-5xx' : status >= 400 && status < 500 ? 'http-4xx' : 'http-status';
    super(code, `${page.finalUrl} answered HTTP ${status}`);
    this.page = page;
  }
}

/** robots.txt or a noarchive directive forbids the capture; `decision` says which and why. */
export class ArchiveRefusedError extends NotArticleError {
  override readonly name = 'ArchiveRefusedError';
  readonly decision: ArchiveDecision;

  constructor(url: string, decision: ArchiveDecision & { code: 'robots-disallowed' | 'noarchive' }) {
    super(decision.code, `${url}: ${decision.reason}`);
    this.decision = decision;
  }
}
