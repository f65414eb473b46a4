/**
 * The second body candidate: the page's main region, cleaned of chrome and link lists, for pages
 * Readability reads only in part (listings, forums, documentation); and the choice between the two.
 */

import { isPost } from './clean.ts';
import type { PageMetadata } from './metadata.ts';
import { collapse } from './metahelpers.ts';
import { PageIndex, selector, type Selector } from './metaindex.ts';
import { blockText, countWords, elementsWhere, isHidden, isLinkedHeading } from './text.ts';
import { trimBody } from './trim.ts';

/** Where pages put their content, in order of trust; each must match exactly one element. */
export const REGION_SELECTORS: Selector[] = [
  selector('main', (f) => f.tag === 'main'),
  selector('[role="main"]', (f) => f.role === 'main'),
  selector('#main-content', (f) => f.hasId('main-content')),
  selector('#content', (f) => f.hasId('content')),
  selector('#main', (f) => f.hasId('main')),
  selector('.main-content', (f) => f.hasClass('main-content')),
  selector('.content', (f) => f.hasClass('content')),
];

/**
 * The part of the page that holds its content, before Readability narrows it down. `index` may be a page
 * index taken before furniture was removed: what it holds that has left the page since is passed over.
 */
export function mainRegion(document: Document, body: HTMLElement, index?: PageIndex, productTyped = false): Element {
  const bodyLength = (body.textContent ?? '').length;
  const current = index ?? new PageIndex(document);
  for (const query of REGION_SELECTORS) {
    const candidates = current.all(query).filter((facts) => !index || facts.element.isConnected);
    if (candidates.length !== 1) continue;
    const candidate = candidates[0]!.element;
    if ((candidate.textContent ?? '').length > bodyLength * 0.3) return candidate;
    // A shop's menus, footer and the policies it inlines in pop-ups can outweigh a product's page many
    // times over; the one main landmark that holds the product's name is still where the product is.
    if (productTyped && query === REGION_SELECTORS[0] && candidate.getElementsByTagName('h1').length > 0) return candidate;
  }
  return body;
}

/** Page chrome in the region: what CHROME_SELECTOR matches, tested directly (region-walks.test.ts checks both agree). */
export const CHROME_SELECTOR = 'nav, header, footer, aside, form, dialog, [role="navigation"], [role="banner"], [role="contentinfo"], [role="complementary"], [role="search"], [class*="sidebar" i], [id*="sidebar" i], [class*="menu" i], [id*="menu" i], script, style, noscript, template, svg, button, select';
export const HIDDEN_SELECTOR = '[hidden], [popover], [aria-hidden="true"], [style*="none" i]';
const CHROME_TAGS = new Set(['nav', 'header', 'footer', 'aside', 'form', 'dialog', 'script', 'style', 'noscript', 'template', 'svg', 'button', 'select']);
const CHROME_ROLES = new Set(['navigation', 'banner', 'contentinfo', 'complementary', 'search']);
const CHROME_LABEL = /sidebar|menu/i;

export function isChrome(element: Element): boolean {
  return CHROME_TAGS.has(element.localName) || CHROME_ROLES.has(element.getAttribute('role') ?? '')
    || CHROME_LABEL.test(element.getAttribute('class') ?? '') || CHROME_LABEL.test(element.getAttribute('id') ?? '');
}

/**
 * The page's footer where its markup names it by class or id only and not with <footer> or
 * role=contentinfo: chrome all the same. A page's footer is named footer first ("footer", "footer2",
 * "footer-links", "FooterUpper") or as the site's or page's ("site-footer", "SiteFooter"); a component
 * names its own footer after itself ("card__footer", "map-footer", "section-footer", "StickyFooterGallery"),
 * and that is part of the content.
 */
export function isPageFooter(element: Element): boolean {
  return namesPageFooter(element.getAttribute('class')) || namesPageFooter(element.getAttribute('id'));
}

const FOOTER_WORD = /footer/i;
const SITE_WORD = /^(site|page|global)$/;

function namesPageFooter(label: string | null): boolean {
  if (!label || !FOOTER_WORD.test(label)) return false;
  for (const token of label.split(/\s+/)) {
    // Words as the token spells them: "SiteFooter" and "site-footer" alike.
    const words = token.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase().split(/[\s_-]+/).filter(Boolean);
    if (words[0]?.startsWith('footer') || SITE_WORD.test(words[0] ?? '') && words[1]?.startsWith('footer')) return true;
  }
  return false;
}

/** Chrome by its class or id alone, not by its tag or role. */
function labelledChrome(element: Element): boolean {
  return !CHROME_TAGS.has(element.localName) && !CHROME_ROLES.has(element.getAttribute('role') ?? '');
}

/** Candidates for `isHidden`: what HIDDEN_SELECTOR matches. */
export function mayBeHidden(element: Element): boolean {
  return element.hasAttribute('hidden') || element.hasAttribute('popover') || element.getAttribute('aria-hidden') === 'true' || /none/i.test(element.getAttribute('style') ?? '');
}

/** Clean the region candidate in place; `discussion`: the page says it shows a thread (isDiscussion). */
export function cleanRegion(region: Element, discussion = false): { element: Element; text: string; teasers: number } {
  const total = (region.textContent ?? '').length;
  // Several <article>s in the region are a river of teasers, and a teaser's <header> holds its linked
  // headline and blurb: the listing's own text, not page chrome. (A forum post's <header> holds its
  // author box, without a headline.)
  const teasers = region.getElementsByTagName('article').length >= 3;
  for (const element of elementsWhere(region, (e) => isChrome(e) || isPageFooter(e))) {
    // Already gone with an ancestor removed before it (contains, not isConnected: the region may be a detached copy).
    if (!region.contains(element)) continue;
    // A <header> inside the content holds the headline; a huge "menu" class is a layout wrapper. A
    // landmark (nav, aside, footer) says what it is whatever its size: a mega-menu or an archive rail
    // can outweigh the text beside it.
    if (element.tagName === 'HEADER' && (element.querySelector('h1') || teasers && inArticle(element, region) && linkedHeadings(element) > 0)) continue;
    if ((element.textContent ?? '').length > total * 0.6 && !isLandmark(element)) continue;
    // A class that says "sidebar" or "menu" on the wrapper of the page's main landmark or headline names
    // the layout it sets out ("content-sidebar-wrap"), not a sidebar.
    if (labelledChrome(element) && element.querySelector('main, [role="main"], h1')) continue;
    // Forum software wraps a thread's posts in its moderation form (tick posts, then act on them): on a
    // thread, a form holding posts (<article>s, or marked as posts) is the thread, not a form to fill in.
    // (A search form around a shop's grid of <article> cards is not.)
    if (discussion && element.tagName === 'FORM' && elementsWhere(element, (e) => e.tagName === 'ARTICLE' || isPost(e)).length >= 2) continue;
    element.remove();
  }
  for (const element of elementsWhere(region, mayBeHidden)) {
    if (isHidden(element)) element.remove();
  }
  pruneLinkLists(region, total);
  dropRepeatedLinks(region);
  trimBody(region);
  return { element: region, text: blockText(region), teasers: linkedHeadings(region) };
}

/**
 * A card often links to its item twice with the same words (a picture's caption and the headline, or a
 * layout for small screens beside the one for large): a link that repeats the address and the text of the
 * link just before it is the same link shown again.
 */
function dropRepeatedLinks(region: Element): void {
  let lastHref: string | null = null;
  let lastText = '';
  for (const link of [...region.getElementsByTagName('a')]) {
    const href = link.getAttribute('href');
    const text = collapse(link.textContent ?? '');
    if (text && href && href === lastHref && text === lastText && !link.contains(region)) {
      link.remove();
      continue;
    }
    lastHref = href;
    lastText = text;
  }
}

/**
 * Headings that link elsewhere: the headlines of a listing's teasers. An article's own headings link
 * nowhere, and the rails of links beside it are pruned before this count.
 */
export function linkedHeadings(root: Element): number {
  let count = 0;
  for (const tag of ['h2', 'h3', 'h4']) {
    for (const heading of root.getElementsByTagName(tag)) {
      if (isLinkedHeading(heading)) count += 1;
    }
  }
  return count;
}

function inArticle(element: Element, region: Element): boolean {
  for (let up = element.parentElement; up && up !== region; up = up.parentElement) if (up.tagName === 'ARTICLE') return true;
  return false;
}

const LANDMARK_TAGS = new Set(['NAV', 'ASIDE', 'FOOTER']);
const LANDMARK_ROLES = new Set(['navigation', 'contentinfo', 'complementary']);

/** Page furniture by its markup's own account, unless it wraps the page's main region or headline. */
function isLandmark(element: Element): boolean {
  const landmark = LANDMARK_TAGS.has(element.tagName) || LANDMARK_ROLES.has(element.getAttribute('role') ?? '');
  return landmark && !element.querySelector('main, [role="main"], h1');
}

/** A price as shops print it: a currency sign or code by an amount. */
const PRICE = /[$€£¥₹]\s?\d|\d\s?(?:[€£]|zł|лв|kr\b)|\b(?:USD|EUR|GBP|CAD|AUD)\s?\d/;

/**
 * Linked names written out as a list in the text ("A, B and C") on this many lines of the region are a line
 * each item of a listing prints (a paper's authors, a card's contributors), not a menu. One or two such
 * lines ("Written by A, B and C", "Users browsing: ...", "See also: ...") are the page's furniture.
 */
const MIN_ENUMERATIONS = 5;
/** What sets off the items of a list written out as text: a comma or a semicolon, with "and" before the last. */
const SEPARATOR = /^\s*(?:[,;]|,?\s*and|&)\s*$/i;

const HEADINGS = new Set(['H2', 'H3', 'H4', 'H5', 'H6']);
const LINK_CONTAINERS = new Set(['UL', 'OL', 'DL', 'DIV', 'SECTION', 'TABLE', 'P', 'SPAN', 'TD', 'LI']);

/**
 * When link lists hold this share of the region's text they are what the page shows (an index, a category
 * page, a river of teasers), not furniture beside its text.
 */
const LINK_LIST_PAGE = 0.5;

/**
 * Remove blocks that are mostly links (menus, tag clouds, "more stories" rails) in one bottom-up pass:
 * each element's text and link-text lengths are summed from its children, never recomputed. None goes
 * when together they hold most of the region's text (LINK_LIST_PAGE).
 */
function pruneLinkLists(region: Element, total: number): void {
  const doomed: Element[] = [];
  // Link lists set off by commas, and how many lines of linked names written out as a list the region has.
  const enumerated: Element[] = [];
  let enumerations = 0;
  // A teaser card links to its item two or three times (picture, headline, button) where a menu links
  // to a new place each time: a link to the same address as the link before it is not counted again.
  let lastHref: string | null = null;
  // Returns [text length, linked text length, links, linked headings, prices outside links, text in doomed blocks, list separators].
  const walk = (element: Element, inLink: boolean): [number, number, number, number, number, number, number] => {
    let text = 0;
    let linked = 0;
    let links = 0;
    let headlines = 0;
    let prices = 0;
    let pruned = 0;
    let separators = 0;
    let ownSeparators = 0;
    let ownLinks = 0;
    const isLink = element.tagName === 'A';
    for (let child = element.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === 3) {
        const data = (child as Text).data;
        const length = data.trim().length;
        text += length;
        if (inLink || isLink) linked += length;
        else if (length > 0 && length < 40 && PRICE.test(data)) prices += 1;
        else if (length > 0 && SEPARATOR.test(data)) {
          separators += 1;
          ownSeparators += 1;
        }
      } else if (child.nodeType === 1) {
        if ((child as Element).tagName === 'A') ownLinks += 1;
        const [t, l, n, h, p, d, c] = walk(child as Element, inLink || isLink);
        text += t;
        linked += l;
        links += n;
        headlines += h;
        prices += p;
        pruned += d;
        separators += c;
      }
    }
    if (isLink) {
      const href = element.getAttribute('href');
      const placeholder = !href || href === '#' || href.startsWith('javascript:');
      if (placeholder || href !== lastHref) links += 1;
      lastHref = placeholder ? null : href;
    }
    if ((links > 0 || inLink) && HEADINGS.has(element.tagName)) headlines += 1;
    // Menus are many short links; a listing's links are headlines and stay, however short (a grid of
    // category names, each a linked heading: menus seldom put their links in headings).
    // A shop's grid of products is short linked names too, each with its price beside the link: menus
    // carry no prices. Nor do they set their links off with commas: see MIN_ENUMERATIONS.
    if (ownLinks >= 3 && ownSeparators * 2 >= ownLinks) enumerations += 1;
    if (links >= 3 && text > 0 && linked / text > 0.7 && linked / links < 30 && headlines * 2 < links && prices * 3 < links && text < total * 0.5 && LINK_CONTAINERS.has(element.tagName)) {
      (separators * 2 < links ? doomed : enumerated).push(element);
      pruned = text;
    }
    return [text, linked, links, headlines, prices, pruned, separators];
  };
  const [text, , , , , pruned] = walk(region, false);
  if (pruned >= text * LINK_LIST_PAGE) return;
  for (const element of doomed) element.remove();
  if (enumerations < MIN_ENUMERATIONS) for (const element of enumerated) element.remove();
}

export interface BodyChoice {
  element: Element;
  text: string;
  from: 'readability' | 'region';
}

/**
 * Readability's article when it plausibly holds the content; the cleaned main region when Readability
 * found nothing or only a fragment of a page that is not an article.
 */
/** Below this many words Readability's text is a fragment whenever the region holds more. */
export const MIN_READABLE_WORDS = 40;
/** On an article-typed page, the region wins when Readability kept less than this share of its words. */
export const ARTICLE_KEEP_RATIO = 0.2;

/** How much more of the stated name and description a product page's candidate must hold to win outright. */
const STATED_MARGIN = 0.2;

/** The share of `stated`'s words (counted with repeats) that `text` holds. */
export function shareOfWords(stated: string, text: string): number {
  const want = new Map<string, number>();
  let total = 0;
  for (const word of stated.toLowerCase().match(WORD) ?? []) {
    want.set(word, (want.get(word) ?? 0) + 1);
    total += 1;
  }
  if (total === 0) return 0;
  let found = 0;
  for (const word of text.toLowerCase().match(WORD) ?? []) {
    const left = want.get(word);
    if (left) {
      want.set(word, left - 1);
      found += 1;
    }
  }
  return found / total;
}

const WORD = /[\p{L}\p{N}_]+/gu;

/** A region with this many linked headlines is a listing's river of teasers. */
export const MIN_TEASERS = 6;
/** On a listing, the region wins when Readability kept less than this share of its words. */
export const LISTING_KEEP_RATIO = 0.7;

/**
 * Whether a URL has the shape of a front, section, category or search page rather than of one story: an
 * empty path, or a last segment too short to be a headline slug, with no long numeric story id.
 */
export function listingUrl(url: string): boolean {
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    return false;
  }
  if (/\d{5,}/.test(path)) return false;
  const segments = path.split('/').filter(Boolean);
  const last = (segments.at(-1) ?? '').replace(/\.(html?|php|aspx?)$/i, '');
  return last.split(/[-_]+/).length < 4;
}

/**
 * On a page that is not an article, the region wins below this share when Readability's text is one
 * part of it: a marketing or service page is a run of sibling sections (offer, features, plans, FAQ) and
 * Readability keeps the one that scores best.
 */
export const SECTION_KEEP_RATIO = 0.65;

/**
 * Whether Readability's text is a part of the region's, paragraph for paragraph (90% of its words).
 * When it is not, the two candidates read different parts of the page and the region may be the wrong one.
 */
function keptSection(readable: string, region: string): boolean {
  const inRegion = new Set(region.split('\n\n'));
  // Lines broken only by <br> read as paragraphs in one candidate and as one paragraph in the other.
  const flatRegion = region.replace(/\s+/g, ' ');
  let words = 0;
  let shared = 0;
  for (const paragraph of readable.split('\n\n')) {
    const count = countWords(paragraph);
    words += count;
    if (inRegion.has(paragraph) || flatRegion.includes(paragraph.replace(/\s+/g, ' '))) shared += count;
  }
  return words > 0 && shared >= 0.9 * words;
}

/** What the page says of itself that the choice weighs. */
export interface PageEvidence {
  /** Typed as an article (JSON-LD Article kin, og:type article). */
  articleTyped: boolean;
  /** Says it shows one product (see isProductTyped in extract.ts). */
  productTyped?: boolean;
  /** Has the URL of a front, section or category page (listingUrl). */
  listing?: boolean;
}

export function chooseBody(
  readable: { element: Element; text: string } | null,
  fallback: { element: Element; text: string; teasers?: number } | null,
  metadata: PageMetadata,
  page: PageEvidence,
): BodyChoice | null {
  const { articleTyped, productTyped = false, listing = false } = page;
  if (!readable) return fallback ? { ...fallback, from: 'region' } : null;
  if (!fallback) return { ...readable, from: 'readability' };
  if (productTyped) {
    // A shop states its product's name and description in the page's metadata: of two candidates, one
    // that holds clearly more of that statement has the product, the other a variant table or a rail.
    const stated = metadata.description?.value ?? '';
    const inReadable = shareOfWords(stated, readable.text);
    const inRegion = shareOfWords(stated, fallback.text);
    if (inRegion > inReadable + STATED_MARGIN) return { ...fallback, from: 'region' };
    if (inReadable > inRegion + STATED_MARGIN) return { ...readable, from: 'readability' };
  }
  const readableWords = countWords(readable.text);
  const regionWords = countWords(fallback.text);
  const ratio = regionWords ? readableWords / regionWords : 1;
  // On a listing Readability keeps one block of teasers (a lead story, a featured row) out of many.
  if (listing && (fallback.teasers ?? 0) >= MIN_TEASERS && ratio < LISTING_KEEP_RATIO) return { ...fallback, from: 'region' };
  const threshold = articleTyped ? ARTICLE_KEEP_RATIO : keptSection(readable.text, fallback.text) ? SECTION_KEEP_RATIO : 0.4;
  if (readableWords < MIN_READABLE_WORDS && regionWords > readableWords || ratio < threshold) return { ...fallback, from: 'region' };
  // The region is the page's content with its menus and link lists pruned; a Readability article
  // much longer than it has kept such furniture (a mega-menu, a filter panel) that the region shed.
  if (!articleTyped && regionWords >= 200 && ratio > 1.5) return { ...fallback, from: 'region' };
  return { ...readable, from: 'readability' };
}
