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

/**
 * The key under which captures of "the same page" are grouped: scheme and host lower-cased (the URL
 * parser does that), default port and fragment dropped.
 */
export function canonicalUrl(url: string | URL): string {
  const parsed = new URL(url);
  parsed.hash = '';
  return parsed.href;
}

function truncate(text: string): string {
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
