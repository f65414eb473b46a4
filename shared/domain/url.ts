/** Validation and canonicalisation of the URLs archivists submit. */

import { InvalidUrlError } from '../errors.ts';

export const MAX_URL_LENGTH = 4096;

/**
 * Parse a submitted URL, or throw InvalidUrlError saying what is wrong with it.
 * @example validateSubmittedUrl('https://example.com/a#top').href === 'https://example.com/a#top'
 */
export function validateSubmittedUrl(input: unknown): URL {
  if (typeof input !== 'string' || input.trim() === '') throw new InvalidUrlError('"url" must be a non-empty string');
  if (input.length > MAX_URL_LENGTH) throw new InvalidUrlError(`url is longer than ${MAX_URL_LENGTH} characters`);
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    throw new InvalidUrlError(`"${truncate(input)}" is not an absolute URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new InvalidUrlError(`scheme "${url.protocol}" is not allowed: only http and https URLs can be captured`, 'bad-scheme');
  }
  if (url.username || url.password) throw new InvalidUrlError('URLs with credentials (user:password@) are not accepted');
  if (!url.hostname) throw new InvalidUrlError(`"${truncate(input)}" has no host`);
  return url;
}

/** Query parameters that only track the reader: dropped, so a shared link finds the same captures. */
const TRACKING_PARAMS = new Set(['fbclid', 'gclid', 'dclid', 'gbraid', 'wbraid', 'msclkid', 'yclid', 'igshid', 'mc_cid', 'mc_eid', '_ga', '_gl', 'ocid', 'cmpid']);

function isTrackingParam(name: string): boolean {
  const lower = name.toLowerCase();
  return lower.startsWith('utm_') || TRACKING_PARAMS.has(lower);
}

/**
 * The key under which captures of "the same page" are grouped (and Memento matches an original URL):
 * scheme and host lower-cased and the default port dropped (the URL parser does that), fragment dropped,
 * tracking parameters (`utm_*`, `fbclid`, `gclid`...) dropped, the remaining parameters kept in order,
 * and one trailing slash dropped from a non-root path (news sites serve `/a` and `/a/` as one page).
 * @example canonicalUrl('HTTPS://Example.COM:443/news/a/?utm_source=x&id=2#top') === 'https://example.com/news/a?id=2'
 */
export function canonicalUrl(url: string | URL): string {
  const parsed = new URL(url);
  parsed.hash = '';
  const kept = parsed.search
    .slice(1)
    .split('&')
    .filter((pair) => pair !== '' && !isTrackingParam(safeDecode(pair.split('=')[0] ?? '')));
  // Assigning '' also drops a bare trailing '?'.
  parsed.search = kept.length ? `?${kept.join('&')}` : '';
  if (parsed.pathname.length > 1 && parsed.pathname.endsWith('/')) parsed.pathname = parsed.pathname.slice(0, -1);
  return parsed.href;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

function truncate(text: string): string {
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
