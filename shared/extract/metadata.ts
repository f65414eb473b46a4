/**
 * Page metadata with provenance. Each field is taken from the most trusted source that has it:
 * JSON-LD, then OpenGraph/article meta, then other meta tags, then the visible DOM, then the URL.
 * Runs on the pristine DOM, before Readability rewrites it.
 */

import { readAuthors } from './authors.ts';
import { type JsonLdData, type JsonObject, namesOf, readJsonLd, stringField, typesOf, urlOf } from './jsonld.ts';
import { type ElementFacts, hasToken, PageIndex, selector } from './metaindex.ts';
import { collapse, decodeEntities, first, H1, type MetaMap, norm, pick, readMeta, segments, type Sourced, sourced, TITLE, tokens } from './metahelpers.ts';
import { readDates } from './published.ts';

export { cleanAuthors } from './authors.ts';
export { collapse, decodeEntities, type Sourced } from './metahelpers.ts';

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
  /** How many JSON-LD objects are typed as a product (a listing states many). */
  jsonLdProducts: number;
  /** The longest description the page's JSON-LD products state: the shop's own account of the product. */
  productDescription: string | null;
  /** Open Graph type (article, website...). */
  ogType: string | null;
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
export function readMetadata(document: Document, url: string, now: Date = new Date(), index = new PageIndex(document)): PageMetadata {
  const meta = readMeta(index);
  const ld = readJsonLd(index, meta);
  const main = ld.main;

  const siteName = pick(
    sourced(first(meta, 'og:site_name'), 'opengraph'),
    sourced(nameOf(main?.['publisher'], ld), 'jsonld'),
    sourced(first(meta, 'application-name', 'twitter:site'), 'meta'),
  );
  const ogType = first(meta, 'og:type');
  const jsonLdTypes = [...new Set(ld.objects.flatMap(typesOf))];
  const products = ld.objects.filter((object) => typesOf(object).some((t) => PRODUCT_TYPE.test(t)));
  const articleTyped = (ogType !== null && /article/i.test(ogType)) || jsonLdTypes.some((t) => /(Article|BlogPosting)$/.test(t));
  const title = readTitle(index, meta, main, siteName?.value ?? null, articleTyped, url);
  const dates = readDates(index, meta, ld, url, now);

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

  const canonicalHref = index.first(CANONICAL)?.element.getAttribute('href') ?? null;
  return {
    title,
    authors: readAuthors(index, meta, ld, siteName?.value ?? null),
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
    jsonLdProducts: products.length,
    productDescription: longest(products.map((object) => stringField(object, 'description'))),
    ogType,
  };
}

const PRODUCT_TYPE = /^(Product|ProductGroup|ProductModel|IndividualProduct)$/;

function longest(texts: Array<string | null>): string | null {
  let best: string | null = null;
  for (const text of texts) if (text && (!best || text.length > best.length)) best = text;
  return best === null ? null : decodeEntities(best);
}

export const CANONICAL = selector('link[rel~="canonical" i]', (f) => f.tag === 'link' && hasToken(f.relFolded(true), 'canonical'));
export const H1_IN_MAIN = selector('article h1, main h1, [role="main"] h1',
  (f) => f.tag === 'h1' && f.hasAncestor((up) => up.tag === 'article' || up.tag === 'main' || up.role === 'main'));

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

/**
 * The headline without the site-name suffix. The page's own <h1> when it is the headline: on an
 * article, an <h1> sharing a third of its words with <title>/og:title (SEO titles are reworded); on other
 * pages only an <h1> that is a part of the title, since there the <h1> is usually a slogan or a section.
 * Two independent witnesses override that caution: an <h1> that another source states word for word
 * (og:title, twitter:title, the JSON-LD headline), and a URL slug written from the <h1> rather than from
 * the <title>. Otherwise the first part of <title> that is not the site name.
 */
function readTitle(index: PageIndex, meta: MetaMap, main: JsonObject | null, siteName: string | null, articleTyped: boolean, url: string): Sourced<string> | null {
  const docTitle = collapse(index.first(TITLE)?.element.textContent ?? '');
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
  // A part that spells the host's name ("Plannerly | A to-do list", "Boardly • View topic - ...") is
  // the site's name wherever it stands, even when no meta tag names the site.
  const host = hostName(url);
  if (host) for (const part of parts) if (spellsHost(part, host)) siteNames.add(norm(part));
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
  const scoped = index.first(H1_IN_MAIN);
  const headings = scoped ? [scoped] : index.all(H1).slice(0, 4);
  const ogWords = tokens(ogTitle ?? '');
  const witnesses = [first(meta, 'og:title'), first(meta, 'twitter:title'), ldHeadline]
    .flatMap((text) => (text ? headlineForms(collapse(decodeEntities(text)), siteName) : []));
  const slug = slugWords(url);
  for (const heading of headings) {
    if (linksHome(index, heading)) continue;
    let text = headingText(index, heading).replace(THREAD_PREFIX, '');
    if (text.includes(' | ')) text = collapse(text.split(' | ')[0]!);
    text = withoutSiteSuffix(text, siteName);
    const key = norm(text);
    if (!key || text.length > 250 || siteNames.has(key)) continue;
    // Stated twice, by the heading and by a meta tag, it is the headline, even a one-word one ("Science").
    if (witnesses.includes(key)) return { value: text, source: 'dom' };
    if (key.split(' ').length < 2) continue;
    if (chosen && slug && slugShare(text, slug) >= slugShare(chosen.value, slug) + 0.3) return { value: text, source: 'dom' };
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

/** The keys a meta headline may give the <h1> as: whole, its first part, or without the site's name. */
function headlineForms(text: string, siteName: string | null): string[] {
  return [norm(text), norm(segments(text)[0] ?? ''), norm(withoutSiteSuffix(text, siteName))].filter(Boolean);
}

/** The site's name as its host spells it: "plannerly" for www.plannerly.com and for plannerly.co.uk. */
function hostName(url: string): string | null {
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return null;
  }
  const labels = host.split('.').filter((label) => label && label !== 'www');
  if (labels.length < 2) return null;
  const country = labels.length >= 3 && labels.at(-1)!.length === 2 && /^(?:co|com|org|net|ac|gov|edu)$/.test(labels.at(-2)!);
  return labels.at(country ? -3 : -2)!;
}

/** "Plannerly", "PLANNERLY.com" and "Plan-nerly" spell the host plannerly: letters and digits only, case aside. */
function spellsHost(text: string, host: string): boolean {
  const letters = text.normalize('NFKD').toLowerCase().replace(/[^0-9a-z]/g, '');
  return letters === host || letters === `${host}com`;
}

/** The words of the URL's last path segment ("/blog/best-trails-in-houston/" -> best, trails, in, houston). */
function slugWords(url: string): Set<string> | null {
  let path: string;
  try {
    path = decodeURIComponent(new URL(url).pathname);
  } catch {
    return null;
  }
  const last = path.split('/').filter(Boolean).at(-1);
  const words = last ? tokens(last.replace(/\.\w+$/, '')) : null;
  return words && words.size >= 2 ? words : null;
}

const FUNCTION_WORDS = new Set(['the', 'a', 'an', 'of', 'and', 'or', 'for', 'to', 'in', 'on', 'at', 'by', 'with']);

/** The share of a headline's content words that its URL slug repeats: slugs are written from the headline. */
function slugShare(text: string, slug: Set<string>): number {
  const words = [...tokens(text)].filter((word) => !FUNCTION_WORDS.has(word));
  return words.length ? words.filter((word) => slug.has(word)).length / words.length : 0;
}

/** Inside a headline, not part of it: forum prefix labels ("News", "Solved"), a dateline, footnote marks. */
export const HEADING_FURNITURE = selector(
  'time, sup, [class~="label" i], [class*="label--" i], [class~="label-append" i], [class*="badge" i], [class*="prefix" i]',
  (f) => f.tag === 'time' || f.tag === 'sup' || hasToken(f.cls, 'label') || f.classHas('label--') || hasToken(f.cls, 'label-append')
    || f.classHas('badge') || f.classHas('prefix'),
);
export const LINK = selector('a[href]', (f) => f.tag === 'a' && f.href);

function headingText(index: PageIndex, facts: ElementFacts): string {
  const heading = facts.element;
  if (!index.first(HEADING_FURNITURE, facts)) return collapse(heading.textContent ?? '').replace(PERMALINK_TAIL, '');
  // The copy is outside the page, so the index does not hold its elements.
  const copy = heading.cloneNode(true) as Element;
  for (const node of copy.querySelectorAll(HEADING_FURNITURE.css)) node.remove();
  return collapse(copy.textContent ?? '').replace(PERMALINK_TAIL, '');
}

/** A heading's link to itself, printed as a mark after its words ("Logging HOWTO¶"). */
const PERMALINK_TAIL = /\s*[¶§🔗⚓]$/u;

/** "Headline – Site": some pages print the site's name in the <h1> too. */
function withoutSiteSuffix(text: string, siteName: string | null): string {
  const parts = segments(text);
  if (!siteName || parts.length < 2 || norm(parts[parts.length - 1]!) !== norm(siteName)) return text;
  const cut = text.lastIndexOf(parts[parts.length - 1]!);
  return collapse(text.slice(0, cut).replace(/[\s|\-–—:·•»/]+$/, ''));
}

/** A heading that is only a link to the site's home page: the site's logo, not the page's headline. */
function linksHome(index: PageIndex, facts: ElementFacts): boolean {
  const heading = facts.element;
  const links = index.all(LINK, facts);
  if (links.length !== 1) return false;
  const link = links[0]!.element;
  if (collapse(link.textContent ?? '') !== collapse(heading.textContent ?? '')) return false;
  try {
    const target = new URL(link.getAttribute('href')!, heading.ownerDocument.baseURI);
    return target.pathname === '/' || target.pathname === '' || /^\/(?:index\.\w+)?$/.test(target.pathname);
  } catch {
    return false;
  }
}
