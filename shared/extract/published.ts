/**
 * Publication and modification dates: JSON-LD, then article/meta tags, then the visible dateline, then the
 * URL; the page's own offset kept, and nothing after `now` believed.
 */

import { dateFromUrl, isFuture, parseDate } from './dates.ts';
import { type JsonLdData, stringField } from './jsonld.ts';
import { collapse, type MetaMap, pick, type Sourced, sourced, within, SHOW_TEXT } from './metahelpers.ts';

const PUBLISHED_META = [
  'article:published_time', 'og:published_time', 'og:article:published_time', 'published_time', 'datepublished',
  'pubdate', 'publishdate', 'publish-date', 'publish_date', 'date', 'dc.date', 'dc.date.issued', 'dcterms.issued',
  'dcterms.created', 'dcterms.date', 'sailthru.date', 'parsely-pub-date', 'article.published', 'citation_publication_date',
  'citation_date', 'originalpublicationdate', 'published', 'article:published', 'publication_date', 'release_date', 'rnews:datepublished', 'displaydate', 'dc.date.created', 'datecreated',
];
/** Site-specific names for the publication date: `w-published-date`, `article.publishDate`... */
function isPublishedKey(key: string): boolean {
  return /publish|pub[-_.]?date/.test(key) && /date|time/.test(key) && !/modif|updat|expir|revis/.test(key);
}

const MODIFIED_META = ['article:modified_time', 'og:updated_time', 'datemodified', 'dc.date.modified', 'dcterms.modified', 'lastmod', 'last-modified'];

const DATE_CONTAINER = '[class*="date" i], [class*="time" i], [class*="byline" i], [class*="posted" i], [class*="publish" i], [class*="meta" i], [id*="date" i], [class*="author" i]';

/** The published and modified dates of a page, with their sources. */
export function readDates(document: Document, meta: MetaMap, ld: JsonLdData, url: string, now: Date):
  { published: Sourced<string> | null; modified: Sourced<string> | null } {
  const believable = (value: string | null): string | null => (value && !isFuture(value, now) ? value : null);

  const ldPublished = believable(parseDate(stringField(ld.main, 'datePublished') ?? stringField(ld.main, 'dateCreated'), { loose: true }))
    ?? believable(parseDate(ld.objects.map((o) => stringField(o, 'datePublished')).find(Boolean) ?? null, { loose: true }));
  const ldModified = believable(parseDate(stringField(ld.main, 'dateModified'), { loose: true }));

  const metaDate = (keys: string[]): Sourced<string> | null => {
    for (const key of keys) {
      for (const value of meta.get(key) ?? []) {
        const parsed = believable(parseDate(value, { loose: true }));
        if (parsed) return { value: parsed, source: key.includes(':') && !key.startsWith('dc') ? 'opengraph' : 'meta' };
      }
    }
    return null;
  };

  const structured = pick(sourced(ldPublished, 'jsonld'), metaDate(PUBLISHED_META), metaDate([...meta.keys()].filter(isPublishedKey)));
  const modified = pick(sourced(ldModified, 'jsonld'), metaDate(MODIFIED_META));
  const published = structured
    ? localDay(structured, sourced(believable(dateFromUrl(url)), 'url')) ?? savedNotPublished(structured, modified, document, believable) ?? structured
    : domDate(document, believable) ?? sourced(believable(dateFromUrl(url)), 'url');
  return { published, modified };
}

/**
 * A structured "published" date on the same day as the structured "modified" one is often the day the
 * CMS record was last saved, not the day the article first appeared. An earlier date the page itself
 * prints as its dateline is then the publication date.
 */
function savedNotPublished(structured: Sourced<string>, modified: Sourced<string> | null, document: Document,
  believable: (v: string | null) => string | null): Sourced<string> | null {
  if (!modified || structured.value.slice(0, 10) !== modified.value.slice(0, 10)) return null;
  const visible = domDate(document, believable);
  // More than a day apart: a local dateline and a UTC timestamp of the same moment differ by one.
  const day = (iso: string): number => Date.parse(`${iso.slice(0, 10)}T00:00:00Z`);
  return visible && day(structured.value) - day(visible.value) > 24 * 3600 * 1000 ? visible : null;
}

const UTC_TIME = /T\d{2}:\d{2}(?::\d{2})?(?:\+00:00|Z)$/;

/**
 * A machine date stated in UTC falls on the next or previous day for a page in another zone; the page's
 * own local date in its URL is then the one it was published on. (The visible dateline was tried too and
 * lost: it is as often the updated date.)
 */
function localDay(structured: Sourced<string>, local: Sourced<string> | null): Sourced<string> | null {
  if (!local || !UTC_TIME.test(structured.value) || UTC_TIME.test(local.value)) return null;
  const day = (iso: string): number => Date.parse(`${iso.slice(0, 10)}T00:00:00Z`);
  const gap = Math.abs(day(structured.value) - day(local.value));
  return gap === 24 * 3600 * 1000 ? local : null;
}

function domDate(document: Document, believable: (v: string | null) => string | null): Sourced<string> | null {
  const explicit = document.querySelector('[itemprop="datePublished"], time[itemprop="dateCreated"], time[pubdate], time[class*="publish" i], [class*="publish" i] time');
  if (explicit && !within(explicit, '[class*="comment" i], [class*="related" i], aside, footer')) {
    const value = believable(parseDate(explicit.getAttribute('datetime') ?? explicit.getAttribute('content') ?? explicit.textContent, { loose: true }));
    if (value) return { value, source: 'dom' };
  }
  const scope = document.querySelector('article, main, [role="main"]') ?? document;
  const times = [...scope.querySelectorAll('time')];
  if (scope !== document && times.length === 0) times.push(...document.querySelectorAll('time'));
  for (const time of times.slice(0, 5)) {
    if (within(time, '[class*="comment" i], [class*="related" i], aside, footer')) continue;
    const value = believable(parseDate(time.getAttribute('datetime') ?? time.textContent, { loose: true }));
    if (value) return { value, source: 'dom' };
  }
  for (const node of [...scope.querySelectorAll(DATE_CONTAINER)].slice(0, 30)) {
    if (within(node, '[class*="comment" i], [class*="related" i], aside, footer')) continue;
    const text = collapse(node.textContent ?? '');
    if (!text || text.length > 200) continue;
    const value = believable(parseDate(text, { loose: true }));
    if (value) return { value, source: 'dom' };
  }
  return datelineNearHeadline(document, believable);
}

/**
 * A short text near the headline that is a date: the visible dateline most pages print under the title,
 * or failing that just above it (a header block of date, then headline).
 */
function datelineNearHeadline(document: Document, believable: (v: string | null) => string | null): Sourced<string> | null {
  const heading = document.querySelector('h1');
  if (!heading) return null;
  const walker = document.createTreeWalker(document.body ?? document.documentElement, SHOW_TEXT);
  const scan = (step: () => Node | null, limit: number, maxLength: number): Sourced<string> | null => {
    walker.currentNode = heading;
    let seen = 0;
    for (let node = step(); node && seen < limit; node = step()) {
      const text = (node as Text).data.trim();
      if (!text) continue;
      seen += 1;
      const parent = node.parentElement;
      if (text.length > maxLength || !parent || parent.tagName === 'SCRIPT' || parent.tagName === 'STYLE') continue;
      const value = believable(parseDate(text, { loose: true }));
      if (value) return { value, source: 'dom' };
    }
    return null;
  };
  // Above the headline only a short text that is little more than a date: navigation lives there too.
  return scan(() => walker.nextNode(), 40, 120) ?? scan(() => walker.previousNode(), 8, 40);
}
