/**
 * Publication and modification dates: JSON-LD, then article/meta tags, then the visible dateline, then the
 * URL; the page's own offset kept, and nothing after `now` believed.
 */

import { BYLINE_SELECTORS, BYLINE_TEXT } from './authors.ts';
import { dateFromUrl, isFuture, parseDate } from './dates.ts';
import { type JsonLdData, stringField } from './jsonld.ts';
import { asciiLower, type ElementFacts, type PageIndex, selector } from './metaindex.ts';
import { collapse, H1, LINE_ELEMENTS, type MetaMap, pick, type Sourced, sourced, spacedText, textNodes, widestLine } from './metahelpers.ts';

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
/** A platform's own date tag (`ms.date`, `cludo:date`, `gsa_date`): the one date it states for the page. */
function isPlatformDateKey(key: string): boolean {
  return /^[a-z]+[.:_-]date$/.test(key) && !/modif|updat|expir|revis|last|copyright|valid|start|end|event|birth|release/.test(key)
    && !PUBLISHED_META.includes(key);
}

const MODIFIED_META = ['article:modified_time', 'og:updated_time', 'datemodified', 'dc.date.modified', 'dcterms.modified', 'lastmod', 'last-modified'];

const DATE_CLASS = /date|time|byline|posted|publish|meta|author/;
export const DATE_CONTAINER = selector(
  '[class*="date" i], [class*="time" i], [class*="byline" i], [class*="posted" i], [class*="publish" i], [class*="meta" i], [id*="date" i], [class*="author" i]',
  (f) => (f.cls !== null && DATE_CLASS.test(f.cls)) || (f.id !== null && asciiLower(f.id).includes('date')),
);
/** Microdata or markup that names its date as the publication date. */
export const EXPLICIT_DATE = selector(
  '[itemprop="datePublished"], time[itemprop="dateCreated"], time[pubdate], time[class*="publish" i], [class*="publish" i] time',
  (f) => f.itemprop === 'datePublished'
    || (f.tag === 'time' && (f.itemprop === 'dateCreated' || f.pubdate || f.classHas('publish') || f.hasAncestor((up) => up.classHas('publish')))),
);
export const MAIN = selector('article, main, [role="main"]', (f) => f.tag === 'article' || f.tag === 'main' || f.role === 'main');
export const TIME = selector('time', (f) => f.tag === 'time');
/** Dates found here are not the article's. */
export const NOT_DATELINE = selector('[class*="comment" i], [class*="related" i], aside, footer',
  (f) => f.classHas('comment') || f.classHas('related') || f.tag === 'aside' || f.tag === 'footer');

/** The published and modified dates of a page, with their sources. */
export function readDates(index: PageIndex, meta: MetaMap, ld: JsonLdData, url: string, now: Date):
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

  // Site-specific keys are read earliest first: a page that states several ("published-time" and
  // "published-date") stamps one of them when it is rendered, never before it first appeared.
  const keys = [...meta.keys()];
  const structured = pick(sourced(ldPublished, 'jsonld'), metaDate(PUBLISHED_META), earliest(keys.filter(isPublishedKey).map((key) => metaDate([key]))),
    metaDate(keys.filter(isPlatformDateKey)));
  const modified = pick(sourced(ldModified, 'jsonld'), metaDate(MODIFIED_META));
  const published = originallyPublished(index, believable) ?? (structured
    ? localDay(structured, sourced(believable(dateFromUrl(url)), 'url')) ?? savedNotPublished(structured, modified, index, believable)
      ?? earlierDateline(structured, index, believable) ?? structured
    // A page that states only when it was last modified (a service or product page) is dated by that.
    : domDate(index, believable) ?? sourced(believable(dateFromUrl(url)), 'url') ?? modified ?? lastUpdatedNote(index, believable));
  return { published, modified };
}

function earliest(dates: (Sourced<string> | null)[]): Sourced<string> | null {
  const day = (iso: string): number => Date.parse(`${iso.slice(0, 10)}T00:00:00Z`);
  return dates.reduce<Sourced<string> | null>((best, date) => (date && (!best || day(date.value) < day(best.value)) ? date : best), null);
}

/** Marked-up notes about the publication ("PublishDateDisclaimer", "publish-info"). */
export const PUBLISH_NOTE = selector('[class*="publish" i]', (f) => f.classHas('publish'));
const ORIGINALLY = /\b(?:originally|first)\s+(?:published|posted)\b/i;

/**
 * "This article was originally published on 26 Sep 2019 but has been regularly updated": the page's own
 * word on when it first appeared outranks every other date it states, which are those of its updates.
 */
function originallyPublished(index: PageIndex, believable: (v: string | null) => string | null): Sourced<string> | null {
  for (const facts of index.all(PUBLISH_NOTE).slice(0, 10)) {
    // A note is a line or two: a wrapper with "publish" in its class holds the whole article.
    if (facts.end - facts.order > 24) continue;
    const text = collapse(facts.element.textContent ?? '');
    const note = text.length <= 250 ? ORIGINALLY.exec(text) : null;
    if (!note) continue;
    const value = believable(parseDate(text.slice(note.index + note[0].length), { loose: true }));
    if (value) return { value, source: 'dom' };
  }
  return null;
}

/**
 * A structured "published" date on the same day as the structured "modified" one is often the day the
 * CMS record was last saved, not the day the article first appeared. An earlier date the page itself
 * prints as its dateline is then the publication date.
 */
function savedNotPublished(structured: Sourced<string>, modified: Sourced<string> | null, index: PageIndex,
  believable: (v: string | null) => string | null): Sourced<string> | null {
  if (!modified || structured.value.slice(0, 10) !== modified.value.slice(0, 10)) return null;
  // The structured date is known to be a save, so a printed day even one before it is the earlier event;
  // a timestamp with its zone one day before may be the same moment, stated in local time.
  const visible = domDate(index, believable);
  return earlier(visible, structured, visible && ZONED.test(visible.value) ? 2 : 1);
}

/**
 * The dateline printed just under the headline, when it is earlier than the structured "published" date:
 * the article was out by then, and the structured date is a later re-publication or save.
 */
function earlierDateline(structured: Sourced<string>, index: PageIndex, believable: (v: string | null) => string | null): Sourced<string> | null {
  const heading = index.first(H1)?.element;
  return heading ? earlier(dateText(index, heading, 'next', 10, 60, believable), structured) : null;
}

/** `visible` when it is `days` or more before `structured`; by default two, as a local dateline and a UTC timestamp of the same moment differ by one. */
function earlier(visible: Sourced<string> | null, structured: Sourced<string>, days = 2): Sourced<string> | null {
  const day = (iso: string): number => Date.parse(`${iso.slice(0, 10)}T00:00:00Z`);
  return visible && day(structured.value) - day(visible.value) >= days * 24 * 3600 * 1000 ? visible : null;
}

const ZONED = /T\d{2}:\d{2}(?::\d{2})?[+-]\d{2}:\d{2}$/;
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

const LAST_UPDATED = /^(?:page\s+)?last\s+(?:updated|modified|reviewed)\b/i;

/** "Last updated: November 13, 2025", which reference and government pages print at the foot of the text. */
function lastUpdatedNote(index: PageIndex, believable: (v: string | null) => string | null): Sourced<string> | null {
  for (const node of textNodes(index.document)) {
    const text = node.data.trim();
    if (text.length > 60 || !LAST_UPDATED.test(text)) continue;
    const value = believable(parseDate(text, { loose: true }));
    if (value) return { value, source: 'dom' };
  }
  return null;
}

function domDate(index: PageIndex, believable: (v: string | null) => string | null): Sourced<string> | null {
  const explicit = index.first(EXPLICIT_DATE)?.element;
  if (explicit && !index.within(explicit, NOT_DATELINE)) {
    const value = believable(parseDate(explicit.getAttribute('datetime') ?? explicit.getAttribute('content') ?? explicit.textContent, { loose: true }));
    if (value) return { value, source: 'dom' };
  }
  const byline = bylineDate(index, believable);
  if (byline) return byline;
  // The article's own times and date-like boxes, or failing an article element the whole page's.
  const scope: ElementFacts | undefined = index.first(MAIN) ?? undefined;
  const times = index.all(TIME, scope);
  if (scope && times.length === 0) times.push(...index.all(TIME));
  for (const { element: time } of times.slice(0, 5)) {
    if (index.within(time, NOT_DATELINE)) continue;
    const value = believable(parseDate(time.getAttribute('datetime') ?? time.textContent, { loose: true }));
    if (value) return { value, source: 'dom' };
  }
  // The dateline printed straight under the headline outranks a date box further on (a teaser's, a card's).
  const heading = index.first(H1)?.element;
  const underHeadline = heading ? dateText(index, heading, 'next', 3, 60, believable) : null;
  if (underHeadline) return underHeadline;
  for (const { element: node } of index.all(DATE_CONTAINER, scope).slice(0, 30)) {
    if (index.within(node, NOT_DATELINE)) continue;
    const text = spacedText(node);
    if (!text || text.length > 200) continue;
    const value = believable(parseDate(text, { loose: true }));
    if (value) return { value, source: 'dom' };
  }
  return datelineNearHeadline(index, believable);
}

/** Byline boxes found here are not the article's; an article's own <footer> is, where templates print "By" and the date. */
export const NOT_BYLINE_BOX = selector('[class*="comment" i], [class*="related" i], aside, footer:not(article footer)',
  (f) => f.classHas('comment') || f.classHas('related') || f.tag === 'aside' || (f.tag === 'footer' && !f.hasAncestor((up) => up.tag === 'article')));

const PROFILE_LABEL = /^(?:joined|member since|registered)\b/i;
const NOT_BYLINE_DATE = /\b(?:joined|member since|registered|updated|modified|reviewed|edited)\b/i;

/**
 * The date printed in the byline box, beside the author's name ("Written by Jane Doe" over "April 8, 2024",
 * "Started by jdoe, June 04, 2024"): the date of the piece that person wrote, wherever the box sits.
 */
function bylineDate(index: PageIndex, believable: (v: string | null) => string | null): Sourced<string> | null {
  const headline = index.first(H1);
  const heading = headline?.element ?? null;
  let tried = 0;
  for (const byline of BYLINE_SELECTORS) {
    for (const facts of index.all(byline)) {
      if (tried === 6) break;
      if (index.within(facts.element, NOT_BYLINE_BOX)) continue;
      // A byline in another <article> than the headline's is a teaser card's.
      let article = facts.parent;
      while (article && article.tag !== 'article') article = article.parent;
      if (headline && article && (headline.order < article.order || headline.order >= article.end)) continue;
      tried += 1;
      // The box: the widest ancestor that is still a line or two.
      const box = widestLine(facts, 3, 200);
      if (box.end - box.order > LINE_ELEMENTS) continue;
      const text = spacedText(box.element);
      // A poster's profile ("Joined: Jul 24, 2017") dates the account; an "Updated" line is read by the rules for it.
      const value = text.length <= 250 && !NOT_BYLINE_DATE.test(text) ? believable(parseDate(text, { loose: true })) : null;
      if (value) return { value, source: 'dom' };
    }
  }
  // A byline printed as plain text under the headline, or from the top of a page without one.
  let seen = 0;
  for (const node of textNodes(index.document, heading)) {
    if (seen === 40) break;
    const text = collapse(node.data);
    if (!text) continue;
    seen += 1;
    if (text.length > 120 || !BYLINE_TEXT.test(text)) continue;
    const value = believable(parseDate(text, { loose: true }));
    if (value) return { value, source: 'dom' };
  }
  return null;
}

/**
 * A short text near the headline that is a date: the visible dateline most pages print under the title,
 * or failing that just above it (a header block of date, then headline).
 */
function datelineNearHeadline(index: PageIndex, believable: (v: string | null) => string | null): Sourced<string> | null {
  const heading = index.first(H1)?.element;
  // A page without an <h1> (a forum thread, a page builder's styled <p>) is read from the top, as the text above a headline is.
  if (!heading) return dateText(index, null, 'next', 60, 40, believable);
  // Above the headline only a short text that is little more than a date: navigation lives there too.
  return dateText(index, heading, 'next', 40, 120, believable) ?? dateText(index, heading, 'previous', 8, 40, believable);
}

/**
 * The first of `limit` texts past the headline (in document order or against it), or from the top of a page
 * without one, that is no longer than `maxLength` and is a date.
 */
function dateText(index: PageIndex, heading: Element | null, direction: 'next' | 'previous', limit: number, maxLength: number,
  believable: (v: string | null) => string | null): Sourced<string> | null {
  let seen = 0;
  let label = '';
  for (const node of textNodes(index.document, heading, direction === 'previous')) {
    if (seen === limit) break;
    const text = node.data.trim();
    if (!text) continue;
    seen += 1;
    const parent = node.parentElement;
    // Going forward, the text before a date is its label: a poster's "Joined" dates the account, not the post.
    const profile = direction === 'next' && PROFILE_LABEL.test(label);
    label = text;
    // The headline's own words are no dateline ("2024.4.4 -> 2024.5.0 upgrade issue").
    if (profile || heading?.contains(node) || text.length > maxLength || !parent || parent.tagName === 'SCRIPT' || parent.tagName === 'STYLE') continue;
    const value = believable(parseDate(text, { loose: true }));
    if (value) return { value, source: 'dom' };
  }
  return null;
}
