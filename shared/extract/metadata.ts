/**
 * Page metadata with provenance. Each field is taken from the most trusted source that has it:
 * JSON-LD, then OpenGraph/article meta, then other meta tags, then the visible DOM, then the URL.
 * Runs on the pristine DOM, before Readability rewrites it.
 */

import { dateFromUrl, isFuture, parseDate } from './dates.ts';
import { isArticleType, type JsonLdData, type JsonObject, namesOf, readJsonLd, stringField, typesOf, urlOf } from './jsonld.ts';
import { blockText } from './text.ts';
import type { MetadataSource } from './types.ts';

export interface Sourced<T> {
  value: T;
  source: MetadataSource;
}

export interface PageMetadata {
  title: Sourced<string> | null;
  authors: Sourced<string[]> | null;
  publishedAt: Sourced<string> | null;
  modifiedAt: Sourced<string> | null;
  siteName: Sourced<string> | null;
  lang: Sourced<string> | null;
  canonicalUrl: Sourced<string> | null;
  description: Sourced<string> | null;
  section: Sourced<string> | null;
  keywords: Sourced<string[]> | null;
  image: Sourced<string> | null;
  /** schema.org articleBody, when the page gives it: evidence for the main text. */
  articleBody: string | null;
  /** schema.org types seen on the page. */
  jsonLdTypes: string[];
  /** Open Graph type (article, website...). */
  ogType: string | null;
}

type MetaMap = Map<string, string[]>;

function readMeta(document: Document): MetaMap {
  const map: MetaMap = new Map();
  for (const meta of document.querySelectorAll('meta')) {
    const key = (meta.getAttribute('property') ?? meta.getAttribute('name') ?? meta.getAttribute('itemprop') ?? meta.getAttribute('http-equiv'))
      ?.trim().toLowerCase();
    const content = meta.getAttribute('content')?.trim();
    if (!key || !content) continue;
    const list = map.get(key);
    if (list) list.push(content);
    else map.set(key, [content]);
  }
  return map;
}

function first(meta: MetaMap, ...keys: string[]): string | null {
  for (const key of keys) {
    const value = meta.get(key)?.[0];
    if (value) return value;
  }
  return null;
}

function sourced<T>(value: T | null | undefined, source: MetadataSource): Sourced<T> | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' && !value.trim()) return null;
  if (Array.isArray(value) && value.length === 0) return null;
  return { value, source };
}

function pick<T>(...candidates: (Sourced<T> | null)[]): Sourced<T> | null {
  for (const candidate of candidates) if (candidate) return candidate;
  return null;
}

export function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * True when the node sits inside page furniture (comments, asides, footers...). A match on <body> or
 * <html> does not count: sites put page-type classes such as "comments-page" there.
 */
function within(node: Element, selector: string): boolean {
  const hit = node.closest(selector);
  return hit !== null && hit.tagName !== 'BODY' && hit.tagName !== 'HTML';
}

function absolute(url: string | null, base: string): string | null {
  if (!url) return null;
  try {
    return new URL(url, base).href;
  } catch {
    return null;
  }
}

/** Read all metadata from a parsed page. `now` bounds dates: nothing after it is believed. */
export function readMetadata(document: Document, url: string, now: Date = new Date()): PageMetadata {
  const meta = readMeta(document);
  const ld = readJsonLd(document);
  const main = ld.main;

  const siteName = pick(
    sourced(first(meta, 'og:site_name'), 'opengraph'),
    sourced(nameOf(main?.['publisher'], ld), 'jsonld'),
    sourced(first(meta, 'application-name', 'twitter:site'), 'meta'),
  );
  const ogType = first(meta, 'og:type');
  const jsonLdTypes = [...new Set(ld.objects.flatMap(typesOf))];
  const articleTyped = (ogType !== null && /article/i.test(ogType)) || jsonLdTypes.some((t) => /(Article|BlogPosting)$/.test(t));
  const title = readTitle(document, meta, main, siteName?.value ?? null, articleTyped);
  const dates = readDates(document, meta, ld, url, now);

  const keywordsRaw = meta.get('article:tag') ?? (first(meta, 'keywords', 'news_keywords') ? [first(meta, 'keywords', 'news_keywords')!] : null);
  const ldKeywords = main ? main['keywords'] : undefined;
  const keywords = pick(
    sourced(splitKeywords(keywordsRaw), keywordsRaw === meta.get('article:tag') ? 'opengraph' : 'meta'),
    sourced(splitKeywords(Array.isArray(ldKeywords) ? ldKeywords.filter((k): k is string => typeof k === 'string') : typeof ldKeywords === 'string' ? [ldKeywords] : null), 'jsonld'),
  );

  const htmlLang = document.documentElement?.getAttribute('lang')?.trim();
  const lang = pick(
    sourced(htmlLang ? htmlLang : null, 'dom'),
    sourced(first(meta, 'content-language', 'language', 'dc.language'), 'meta'),
    sourced(stringField(main, 'inLanguage'), 'jsonld'),
    sourced(first(meta, 'og:locale')?.replace('_', '-') ?? null, 'opengraph'),
  );

  const canonicalHref = document.querySelector('link[rel~="canonical" i]')?.getAttribute('href') ?? null;
  return {
    title,
    authors: readAuthors(document, meta, ld, siteName?.value ?? null),
    publishedAt: dates.published,
    modifiedAt: dates.modified,
    siteName,
    lang,
    canonicalUrl: pick(sourced(absolute(canonicalHref, url), 'dom'), sourced(absolute(first(meta, 'og:url'), url), 'opengraph')),
    description: pick(
      sourced(first(meta, 'og:description'), 'opengraph'),
      sourced(first(meta, 'description', 'twitter:description'), 'meta'),
      sourced(stringField(main, 'description'), 'jsonld'),
    ),
    section: pick(
      sourced(first(meta, 'article:section'), 'opengraph'),
      sourced(stringField(main, 'articleSection'), 'jsonld'),
      sourced(first(meta, 'parsely-section', 'section', 'category'), 'meta'),
    ),
    keywords,
    image: pick(
      sourced(absolute(first(meta, 'og:image', 'og:image:url', 'og:image:secure_url'), url), 'opengraph'),
      sourced(absolute(urlOf(main?.['image']), url), 'jsonld'),
      sourced(absolute(first(meta, 'twitter:image', 'twitter:image:src'), url), 'meta'),
    ),
    // A forum posting's articleBody is its first post only, not the thread.
    articleBody: main && typesOf(main).some((t) => /(Article|BlogPosting)$/.test(t)) ? stringField(main, 'articleBody') : null,
    jsonLdTypes,
    ogType,
  };
}

function nameOf(value: unknown, ld: JsonLdData): string | null {
  const names = namesOf(value, ld.byId);
  return names[0]?.name.trim() || null;
}

function splitKeywords(values: string[] | null): string[] | null {
  if (!values) return null;
  const out = new Set<string>();
  for (const value of values) {
    for (const part of value.split(/[,;]/)) {
      const keyword = collapse(part);
      if (keyword && keyword.length < 80) out.add(keyword);
    }
  }
  return out.size ? [...out] : null;
}

// ---------------------------------------------------------------- title

const TITLE_SEPARATOR = /\s+[|\-–—:·•»/]\s+|\s*[|•»·]\s*/;

function segments(title: string): string[] {
  return title.split(TITLE_SEPARATOR).map(collapse).filter(Boolean);
}

function norm(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

function tokens(text: string): Set<string> {
  return new Set(norm(text).split(' ').filter(Boolean));
}

/**
 * The headline without the site-name suffix. The page's own <h1> when it is the headline: on an
 * article, an <h1> sharing a third of its words with <title>/og:title (SEO titles are reworded); on other
 * pages only an <h1> that is a part of the title, since there the <h1> is usually a slogan or a section.
 * Otherwise the first part of <title> that is not the site name.
 */
function readTitle(document: Document, meta: MetaMap, main: JsonObject | null, siteName: string | null, articleTyped: boolean): Sourced<string> | null {
  const docTitle = collapse(document.querySelector('title')?.textContent ?? '');
  const ogTitle = first(meta, 'og:title', 'twitter:title');
  const ldHeadline = stringField(main, 'headline');
  const base = docTitle || ogTitle || ldHeadline || '';
  const parts = segments(base);
  const siteNames = new Set<string>();
  if (siteName) siteNames.add(norm(siteName));
  if (parts.length > 1) {
    const last = parts[parts.length - 1]!;
    if (last.split(' ').length <= 4) siteNames.add(norm(last));
  }
  let chosen: Sourced<string> | null = null;
  if (parts.length) {
    let text = parts[0]!;
    if (siteNames.has(norm(text)) && parts.length > 1) text = parts.slice(1).reduce((a, b) => (b.length > a.length ? b : a));
    chosen = { value: text, source: docTitle ? 'dom' : ogTitle ? 'opengraph' : 'jsonld' };
    // og:title is the headline alone; when it is a shorter piece of <title>, the rest is furniture.
    const og = ogTitle ? segments(collapse(decodeEntities(ogTitle)))[0] ?? '' : '';
    if (og && docTitle && norm(og).length < norm(docTitle).length && norm(docTitle).includes(norm(og)) && norm(og).split(' ').length >= 2) {
      chosen = { value: og, source: 'opengraph' };
    }
  }
  if (chosen) chosen = { ...chosen, value: chosen.value.replace(THREAD_PREFIX, '') };

  const reference = new Set([...tokens(base), ...tokens(ogTitle ?? ''), ...tokens(ldHeadline ?? '')]);
  const partKeys = new Set(parts.map(norm));
  const scoped = document.querySelector('article h1, main h1, [role="main"] h1');
  const headings = scoped ? [scoped] : [...document.getElementsByTagName('h1')].slice(0, 4);
  const ogWords = tokens(ogTitle ?? '');
  for (const heading of headings) {
    if (linksHome(heading)) continue;
    let text = headingText(heading).replace(THREAD_PREFIX, '');
    if (text.includes(' | ')) text = collapse(text.split(' | ')[0]!);
    text = withoutSiteSuffix(text, siteName);
    const key = norm(text);
    if (!key || key.split(' ').length < 2 || text.length > 250 || siteNames.has(key)) continue;
    const words = tokens(text);
    let shared = 0;
    for (const word of words) if (reference.has(word)) shared += 1;
    const overlap = words.size ? shared / words.size : 0;
    // Nothing in common with og:title: the site's name or a section, printed as the page heading.
    if (ogWords.size && ![...words].some((word) => ogWords.has(word)) && !partKeys.has(key)) continue;
    if (partKeys.has(key) || !chosen || overlap >= (articleTyped ? 0.34 : 0.8)) return { value: text, source: 'dom' };
    break;
  }
  return chosen;
}

const THREAD_PREFIX = /^(?:thread|topic|re)\s*:\s+/i;

/** Inside a headline, not part of it: forum prefix labels ("News", "Solved"), a dateline, footnote marks. */
const HEADING_FURNITURE = 'time, sup, [class~="label" i], [class*="label--" i], [class~="label-append" i], [class*="badge" i], [class*="prefix" i]';

function headingText(heading: Element): string {
  if (!heading.querySelector(HEADING_FURNITURE)) return collapse(heading.textContent ?? '');
  const copy = heading.cloneNode(true) as Element;
  for (const node of copy.querySelectorAll(HEADING_FURNITURE)) node.remove();
  return collapse(copy.textContent ?? '');
}

/** "Headline – Site": some pages print the site's name in the <h1> too. */
function withoutSiteSuffix(text: string, siteName: string | null): string {
  const parts = segments(text);
  if (!siteName || parts.length < 2 || norm(parts[parts.length - 1]!) !== norm(siteName)) return text;
  const cut = text.lastIndexOf(parts[parts.length - 1]!);
  return collapse(text.slice(0, cut).replace(/[\s|\-–—:·•»/]+$/, ''));
}

/** A heading that is only a link to the site's home page: the site's logo, not the page's headline. */
function linksHome(heading: Element): boolean {
  const links = heading.querySelectorAll('a[href]');
  if (links.length !== 1) return false;
  const link = links[0]!;
  if (collapse(link.textContent ?? '') !== collapse(heading.textContent ?? '')) return false;
  try {
    const base = heading.ownerDocument.location?.href ?? undefined;
    const target = new URL(link.getAttribute('href')!, base);
    return target.pathname === '/' || target.pathname === '' || /^\/(?:index\.\w+)?$/.test(target.pathname);
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------- authors

const JOB_WORDS = /\b(editor|reporter|correspondent|writer|contributor|staff|director|manager|producer|columnist|analyst|founder|ceo|cto|specialist|journalist|senior|chief|head of|coordinator|strategist|consultant|expert|officer|president|intern|associate|freelance|photographer|author|team lead|reviewer|attorney|educators?|marketer|engineer|designer|developer|scientist)\b/i;
/** "Podium Staff", "The Currency editors": a newsroom signing collectively, which is a byline, not a job title. */
const COLLECTIVE = /^(?:the\s+)?\p{Lu}[\p{L}\d&.'’ -]{1,40}\s(?:staff|team|editors|editorial team|newsroom|desk)$/iu;
/** A forum user name with digits in it ("JWoodguy13"), which is no date or count. */
const USER_NAME = /^\p{L}[\p{L}\d_.-]*\d[\p{L}\d_.-]*$/u;
/** Avatar initials ("NB") printed beside the name. */
const INITIALS = /^\p{Lu}{1,3}$/u;
const CREDENTIAL = /^(?:[A-Z][A-Z.]{1,6}|Ph\.?\s?D\.?|M\.?D\.?|Psy\.?D\.?|Ed\.?D\.?|Esq\.?|[A-Z]{1,5}-[A-Z]{1,5}(?: \d+)?)$/;
const NOT_A_NAME = /^(updated?|published|posted|view|read|more|share|follow|author|authors|admin|administrator|staff|guest|anonymous|unknown|home|menu|search|by|posts?|profile|contact|about|news|blog|sign in|log in|sign up|join|subscribe|register|mon|tue|wed|thu|fri|sat|sun)\b|\b(by|from|offline|online):?$/i;

/** Decode the few HTML entities publishers leave inside JSON-LD and meta strings. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|amp|quot|apos|lt|gt|nbsp);/gi, (whole, code: string) => {
    const lower = code.toLowerCase();
    if (lower.startsWith('#x')) return String.fromCodePoint(parseInt(lower.slice(2), 16));
    if (lower.startsWith('#')) return String.fromCodePoint(parseInt(lower.slice(1), 10));
    return ({ amp: '&', quot: '"', apos: "'", lt: '<', gt: '>', nbsp: ' ' } as Record<string, string>)[lower] ?? whole;
  });
}

/** Clean one byline into person names: no "By", no dates, no job titles, no site name. */
export function cleanAuthors(raw: string, siteName: string | null): string[] {
  let text = collapse(decodeEntities(raw))
    .replace(/^(?:written|posted|post|reported|published|reviewed|edited|words|story|text|photos?|article|recipe|review)?\s*(?:by|von|par|por|di)\s*:?\s+/i, '')
    // "ByJane Doe" run together; case-sensitive so that "Parisa" keeps its "Par".
    .replace(/^authored\s+by\s*:?\s*/i, '')
    .replace(/^(?:[Bb]y|[Vv]on|[Pp]ar|[Pp]or|[Dd]i)(?=[A-Z][a-z])/, '')
    .replace(/^(?:author|authors|byline|written by|autor|auteur)\s*[:\-–]\s*/i, '')
    .replace(/^(?:thread starter|original poster|started by)\s*:?\s+/i, '');
  // Cut at a date, an "Updated" note or a pipe.
  // A leading date ("Dec. 19, 2025 · Jane Doe") is skipped, not taken for the byline.
  // A second credit ("Reviewed by Dr X") belongs to someone else.
  text = text.replace(/[\s.,;]+(?:medically\s+|fact[- ]?)?(?:reviewed|checked|edited|illustrated|photographed)\s+by\b.*$/i, '');
  const pieces = text.split(/\s*[|•·»]\s*|\s+(?:on|updated|published|posted)\s+(?=\w)|\s*\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2},?\s+\d{4}|\s*\b\d{1,2}\.?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?,?\s+\d{4}|\s*\d{1,2}[/.]\d{1,2}[/.]\d{2,4}|\s*\d{4}-\d{2}-\d{2}/i);
  const lead = pieces.findIndex((piece) => /\p{L}/u.test(piece) && !parseDate(piece, { loose: true }));
  text = lead > 0 && pieces.slice(0, lead).every((piece) => !/\p{L}{3}/u.test(piece.replace(/\b(?:jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)[a-z]*\b/gi, '')))
    ? pieces[lead]! : pieces[0] ?? '';
  text = text.replace(/\s+(?:in|for)\s+[A-Z][\w .-]*$/, (m) => (/\s(?:in|for)\s/.test(m) ? '' : m));
  const names: string[] = [];
  for (const chunk of text.split(/\s*(?:;|&|\band\b|\bund\b|\bet\b)\s*/i)) {
    // "Jane Doe, Editor", "Jane Doe - Product marketer", "Jane DoeFounder at Acme" (a name box run together).
    const parts = chunk.split(/\s*,\s*|\s+[-–—]\s+/).map((p) => withoutRunOnRole(p.trim())).filter(Boolean);
    let current: string | null = null;
    for (const part of parts) {
      if (current && CREDENTIAL.test(part)) {
        current = `${current}, ${part}`;
        continue;
      }
      if (current) names.push(current);
      current = null;
      if ((JOB_WORDS.test(part) && !COLLECTIVE.test(part)) || (/\d/.test(part) && !USER_NAME.test(part)) || part.length > 60 || part.split(' ').length > 5) continue;
      if (/^https?:|@|\.com\b/i.test(part) || NOT_A_NAME.test(part) || INITIALS.test(part) || !/\p{L}/u.test(part)) continue;
      current = part.replace(/^[-–—:]\s*|\s*[-–—:]$/g, '');
    }
    if (current) names.push(current);
  }
  const site = siteName ? norm(siteName) : null;
  const seen = new Set<string>();
  // A newsroom credit beside a person's name is the publisher, not a second author.
  const people = names.filter((name) => !COLLECTIVE.test(name));
  return (people.length ? people : names).map((name) => withoutTrailingSite(name, site)).filter((name) => {
    const key = norm(name);
    if (!key || seen.has(key) || (site && key === site && names.length > 1)) return false;
    seen.add(key);
    return true;
  });
}

/** "Mateusz HabernyFounder at Oakywood": a name and the job title under it, read without a space between. */
function withoutRunOnRole(part: string): string {
  const glued = /(?<=\p{Ll})(?=\p{Lu})/u.exec(part);
  // Only after a whole name of two words or more: "EdTech Content writer" is a job title alone.
  if (!glued || !/\s/.test(part.slice(0, glued.index))) return part;
  const rest = part.slice(glued.index);
  return JOB_WORDS.test(rest) || /\sat\s/.test(rest) ? part.slice(0, glued.index) : part;
}

/** "Brian Truitt USA TODAY": a byline that runs the publication's name on after the person's. */
function withoutTrailingSite(name: string, site: string | null): string {
  if (!site) return name;
  const key = norm(name);
  if (!key.endsWith(` ${site}`)) return name;
  const kept = name.split(/\s+/).slice(0, -site.split(' ').length).join(' ').replace(/[\s/|,–—-]+$/, '');
  return kept || name;
}

const BYLINE_SELECTORS = [
  '[itemprop="author"]',
  'a[rel~="author"]',
  '[rel="author"]',
  '.byline__name, .author-name, .authorName, .author__name, .c-byline__author, .article-author, .post-author, .entry-author, .author-link',
  '.byline, .article-byline, .post-byline, [class*="byline" i]',
  '.author, [class*="author" i]:not([class*="authority" i])',
];

function withoutSiteName(names: string[], siteName: string | null): string[] {
  const unique = [...new Set(names)];
  if (!siteName || unique.length < 2) return unique;
  const site = norm(siteName);
  return unique.filter((name) => norm(name) !== site);
}

/** "Last, First" (citation meta) to "First Last". */
function citationName(value: string): string {
  const match = /^([^,]+),\s*([^,]+)$/.exec(value.trim());
  return match ? `${match[2]} ${match[1]}` : value;
}

function readAuthors(document: Document, meta: MetaMap, ld: JsonLdData, siteName: string | null): Sourced<string[]> | null {
  // An organisation (or the site) as author is kept only when the page names no person elsewhere.
  let organisation: Sourced<string[]> | null = null;
  if (ld.main) {
    const named = namesOf(ld.main['author'] ?? ld.main['creator'], ld.byId);
    const site = siteName ? norm(siteName) : null;
    const people = named.filter((n) => n.person && norm(n.name) !== site);
    const names = withoutSiteName(people.flatMap((n) => cleanAuthors(n.name, null)), siteName);
    if (names.length) return { value: names, source: 'jsonld' };
    const organisations = named.map((n) => collapse(decodeEntities(n.name))).filter(Boolean);
    if (organisations.length) organisation = { value: [...new Set(organisations)], source: 'jsonld' };
  }
  for (const key of ['author', 'article:author', 'parsely-author', 'sailthru.author', 'dc.creator', 'byl', 'citation_author']) {
    const values = meta.get(key);
    if (!values) continue;
    const names = values
      .filter((v) => !/^https?:\/\//.test(v))
      .flatMap((v) => (key === 'citation_author' ? [citationName(v)] : cleanAuthors(v, siteName)));
    if (names.length) return { value: withoutSiteName(names, siteName), source: key.startsWith('article:') ? 'opengraph' : 'meta' };
  }
  const labelled = twitterLabelled(meta, /^(?:written by|author|by)$/i);
  const credited = labelled ? cleanAuthors(labelled, siteName) : [];
  if (credited.length) return { value: credited, source: 'meta' };
  for (const selector of BYLINE_SELECTORS) {
    const nodes = [...document.querySelectorAll(selector)].slice(0, 6);
    const names: string[] = [];
    for (const found of nodes) {
      if (within(found, 'footer, nav, [class*="comment" i], aside, [itemtype*="schema.org/Comment" i]')) continue;
      // An author's microdata name, when it states one; a post whose author has none still counts, in order.
      const node = found.matches('[itemprop="author"]') ? found.querySelector('[itemprop="name"]') ?? found : found;
      // First block only: a byline box often runs name and job title together without a space.
      // Microdata often states the name in a <meta content>, which has no text.
      const text = (node.tagName === 'META' ? node.getAttribute('content') ?? '' : firstLine(node)).trim();
      if (!text || text.length > 120) continue;
      for (const name of cleanAuthors(text, siteName)) if (!names.includes(name)) names.push(name);
      if (names.length) break;
    }
    if (names.length) return { value: names, source: 'dom' };
    if (selector === BYLINE_SELECTORS[2]) {
      const poster = postAuthorAttribute(document);
      if (poster) return { value: [poster], source: 'dom' };
    }
  }
  const visible = bylineNearHeadline(document, siteName);
  if (visible.length) return { value: visible, source: 'dom' };
  // A thread whose every post is marked up as a Comment: the first one is the opening post.
  if (!ld.main || !isArticleType(ld.main)) {
    const opener = document.querySelector('[itemtype*="schema.org/Comment" i] [itemprop="author"]');
    const name = opener ? collapse(opener.getAttribute('content') ?? blockText(opener).split('\n')[0] ?? '') : '';
    if (name && name.length <= 60) return { value: [name], source: 'dom' };
    const poster = firstPoster(document);
    if (poster) return { value: [poster], source: 'dom' };
  }
  const owner = blogOwner(siteName) ?? blogOwner(document.querySelector('title')?.textContent ?? null);
  if (owner && !organisation) return { value: [owner], source: 'meta' };
  return organisation;
}

/** The first line of a byline box; past a lone "By" label, the line after it. */
function firstLine(node: Element): string {
  const lines = blockText(node).split('\n').map((line) => line.trim()).filter(Boolean);
  return (lines[0] && BYLINE_LABEL.test(lines[0]) ? lines[1] : lines[0]) ?? '';
}

/** User-name classes of common forum software (phpBB, vBulletin, Flarum, XenForo). */
const POSTER = '.username, .username-coloured, .bigusername, .PostUser-name';

/** The first poster named on a forum page without author markup: the thread's opening post comes first. */
function firstPoster(document: Document): string | null {
  for (const node of [...document.querySelectorAll(POSTER)].slice(0, 5)) {
    if (within(node, 'header, nav, footer, aside, blockquote, [class*="quote" i]')) continue;
    const name = collapse(node.textContent ?? '');
    if (name && name.length <= 40 && !NOT_A_NAME.test(name)) return name;
  }
  return null;
}

/** Twitter's label/data pairs (`twitter:label1` "Written by", `twitter:data1` "Jane Doe"), as SEO plugins print them. */
function twitterLabelled(meta: MetaMap, label: RegExp): string | null {
  for (let i = 1; i <= 4; i += 1) {
    const name = meta.get(`twitter:label${i}`)?.[0];
    if (name && label.test(name.trim())) return meta.get(`twitter:data${i}`)?.[0] ?? null;
  }
  return null;
}

/**
 * The poster of the first post on a forum or Q&A page, which forum software states in a data attribute
 * of the post (`data-author`, `data-author-username`) rather than in author markup.
 */
function postAuthorAttribute(document: Document): string | null {
  for (const node of [...document.querySelectorAll('[data-author], [data-author-username]')].slice(0, 5)) {
    if (within(node, '[class*="comment" i], aside, footer, nav, [itemtype*="schema.org/Comment" i]')) continue;
    const value = collapse(node.getAttribute('data-author') || node.getAttribute('data-author-username') || '');
    if (value && value.length <= 40 && !/^(?:\d+|true|false|null|undefined)$/i.test(value) && !/[<>{}=]/.test(value)) return value;
  }
  return null;
}

/** "By Jane Doe", "Written by Jane Doe and John Roe · Dec 12, 2025", "Started by jdoe, June 4": the rest is cut by cleanAuthors. */
const BYLINE_TEXT = /^(?:(?:written|posted|article|words|story|started|authored)\s+)?by\s*:?\s+(?=\S)/i;
const BYLINE_LABEL = /^(?:(?:article|written|posted|words|story)\s+)?by:?$|^(?:author|written by|posted by|thread starter|started by|original poster)\s*:?$/i;

/**
 * A visible "By Jane Doe" (or an "Article by" label followed by the name) in the few lines after the
 * headline: personal and company blogs print the byline without any author markup.
 */
function bylineNearHeadline(document: Document, siteName: string | null): string[] {
  const heading = document.querySelector('article h1, main h1') ?? document.querySelector('h1');
  const view = document.defaultView;
  if (!view) return [];
  const walker = document.createTreeWalker(document.body ?? document.documentElement, view.NodeFilter.SHOW_TEXT);
  if (heading) walker.currentNode = heading;
  let seen = 0;
  let labelled = false;
  for (let node = walker.nextNode(); node && seen < (heading ? 60 : 0); node = walker.nextNode()) {
    const parent = node.parentElement;
    if (!parent || parent.tagName === 'SCRIPT' || parent.tagName === 'STYLE') continue;
    const text = collapse(parent.textContent ?? '');
    if (!text) continue;
    seen += 1;
    if (text.length > 120 || within(parent, '[class*="comment" i], aside, footer, nav')) {
      labelled = false;
      continue;
    }
    if (labelled && text.split(' ').length <= 5 && /^\p{Lu}/u.test(text)) {
      const names = cleanAuthors(text, siteName);
      if (names.length) return names;
    }
    labelled = BYLINE_LABEL.test(text);
    const names = bylineNames(parent, text, siteName);
    if (names.length) return names;
  }
  // A header block may print the byline above the headline; only an explicit "By" line is taken there.
  if (heading) {
    walker.currentNode = heading;
    for (let node = walker.previousNode(), back = 0; node && back < 10; node = walker.previousNode()) {
      const parent = node.parentElement;
      const text = collapse(parent?.textContent ?? '');
      if (!parent || !text || parent.tagName === 'SCRIPT' || parent.tagName === 'STYLE') continue;
      back += 1;
      if (text.length > 120 || within(parent, 'nav, header nav, footer')) continue;
      const names = bylineNames(parent, text, siteName);
      if (names.length) return names;
    }
  }
  return [];
}

/** The names of a "By ..." line, or failing that its first link ("By <a>A. J. Neal</a> <a>View in digital edition</a>"). */
function bylineNames(element: Element, text: string, siteName: string | null): string[] {
  if (!BYLINE_TEXT.test(text)) return [];
  const names = cleanAuthors(text, siteName).filter(looksLikeName);
  if (names.length) return names;
  const link = element.querySelector('a');
  return link ? cleanAuthors(link.textContent ?? '', siteName).filter(looksLikeName) : [];
}

/** A capitalised name ("A. J. Neal") or a one-word user name; not the rest of a sentence that began "By". */
function looksLikeName(name: string): boolean {
  return /^\p{Lu}/u.test(name) || !/\s/.test(name);
}

/** "Jane Doe's blog" as a site name: the site owner writes its posts. */
function blogOwner(name: string | null): string | null {
  if (!name) return null;
  const parts = segments(collapse(decodeEntities(name)));
  for (const part of parts.slice(-2).reverse()) {
    const match = /^(\p{Lu}[\p{L}.-]*(?:\s+\p{Lu}[\p{L}.-]*){0,3})['’]s?\s+(?:blog|weblog|website|homepage|home page|site|notes|journal|newsletter)$/u.exec(part);
    if (match) return match[1]!;
  }
  return null;
}

// ---------------------------------------------------------------- dates

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

function readDates(document: Document, meta: MetaMap, ld: JsonLdData, url: string, now: Date):
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
  const view = document.defaultView;
  if (!view) return null;
  const walker = document.createTreeWalker(document.body ?? document.documentElement, view.NodeFilter.SHOW_TEXT);
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
