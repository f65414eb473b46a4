/** Turn listing/export query parameters into one CaptureQuery, or explain what is wrong with them. */

import type { CaptureQuery } from '../ports.ts';

export class BadQueryError extends Error {
  override readonly name = 'BadQueryError';
}

const DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?$/;

export const CAPTURE_QUERY_HELP =
  'select with one of: url=URL; site=HOST (with optional from/to); author=NAME; from/to (capture dates); ' +
  'publishedFrom/publishedTo (publication dates); or nothing for the most recent captures';

/**
 * @example parseCaptureQuery({ site: 'example.com', from: '2024-01-01' }) // { by: 'site', site: 'example.com', from: '2024-01-01' }
 */
export function parseCaptureQuery(params: Record<string, string | undefined>): CaptureQuery {
  const given = (name: string) => {
    const value = params[name]?.trim();
    return value ? value : undefined;
  };
  const date = (name: string) => {
    const value = given(name);
    if (value && !DATE.test(value)) throw new BadQueryError(`"${name}" must be a date (YYYY-MM-DD) or an ISO 8601 date-time`);
    if (value && value.includes('T')) return new Date(value).toISOString();
    return value;
  };
  const range = (fromName: string, toName: string) => {
    const from = date(fromName);
    const to = date(toName);
    if (from && to && from > to) throw new BadQueryError(`"${fromName}" is after "${toName}"`);
    return { ...(from ? { from } : {}), ...(to ? { to } : {}) };
  };

  const url = given('url');
  const site = given('site');
  const author = given('author');
  const captured = range('from', 'to');
  const published = range('publishedFrom', 'publishedTo');
  const selectors = [url, site, author, Object.keys(published).length ? 'published' : undefined].filter(Boolean);
  if (selectors.length > 1) throw new BadQueryError(`combine at most one selector: ${CAPTURE_QUERY_HELP}`);
  if (Object.keys(captured).length && (url || author || Object.keys(published).length)) {
    throw new BadQueryError(`from/to combine only with site or alone: ${CAPTURE_QUERY_HELP}`);
  }
  if (url) return { by: 'url', url };
  if (site) return { by: 'site', site, ...captured };
  if (author) return { by: 'author', author };
  if (Object.keys(published).length) return { by: 'published', ...published };
  return { by: 'captured', ...captured };
}
