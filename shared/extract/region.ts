/**
 * The second body candidate: the page's main region, cleaned of chrome and link lists, for pages
 * Readability reads only in part (listings, forums, documentation); and the choice between the two.
 */

import type { PageMetadata } from './metadata.ts';
import { PageIndex, selector, type Selector } from './metaindex.ts';
import { blockText, countWords, elementsWhere, isHidden } from './text.ts';
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
export function mainRegion(document: Document, body: HTMLElement, index?: PageIndex): Element {
  const bodyLength = (body.textContent ?? '').length;
  const current = index ?? new PageIndex(document);
  for (const query of REGION_SELECTORS) {
    const candidates = current.all(query).filter((facts) => !index || facts.element.isConnected);
    if (candidates.length !== 1) continue;
    const candidate = candidates[0]!.element;
    if ((candidate.textContent ?? '').length > bodyLength * 0.3) return candidate;
  }
  return body;
}

/** Page chrome in the region: what CHROME_SELECTOR matches, tested directly (region-walks.test.ts checks both agree). */
export const CHROME_SELECTOR = 'nav, header, footer, aside, form, dialog, [role="navigation"], [role="banner"], [role="contentinfo"], [role="complementary"], [role="search"], [class*="sidebar" i], [id*="sidebar" i], [class*="menu" i], [id*="menu" i], script, style, noscript, template, svg, button, select';
export const HIDDEN_SELECTOR = '[hidden], [aria-hidden="true"], [style*="none" i]';
const CHROME_TAGS = new Set(['nav', 'header', 'footer', 'aside', 'form', 'dialog', 'script', 'style', 'noscript', 'template', 'svg', 'button', 'select']);
const CHROME_ROLES = new Set(['navigation', 'banner', 'contentinfo', 'complementary', 'search']);
const CHROME_LABEL = /sidebar|menu/i;

export function isChrome(element: Element): boolean {
  return CHROME_TAGS.has(element.localName) || CHROME_ROLES.has(element.getAttribute('role') ?? '')
    || CHROME_LABEL.test(element.getAttribute('class') ?? '') || CHROME_LABEL.test(element.getAttribute('id') ?? '');
}

/** Candidates for `isHidden`: what HIDDEN_SELECTOR matches. */
export function mayBeHidden(element: Element): boolean {
  return element.hasAttribute('hidden') || element.getAttribute('aria-hidden') === 'true' || /none/i.test(element.getAttribute('style') ?? '');
}

export function cleanRegion(region: Element): { element: Element; text: string } {
  const total = (region.textContent ?? '').length;
  for (const element of elementsWhere(region, isChrome)) {
    // Already gone with an ancestor removed before it (contains, not isConnected: the region may be a detached copy).
    if (!region.contains(element)) continue;
    // A <header> inside the content holds the headline; a huge "menu" class is a layout wrapper. A
    // landmark (nav, aside, footer) says what it is whatever its size: a mega-menu or an archive rail
    // can outweigh the text beside it.
    if (element.tagName === 'HEADER' && element.querySelector('h1')) continue;
    if ((element.textContent ?? '').length > total * 0.6 && !isLandmark(element)) continue;
    element.remove();
  }
  for (const element of elementsWhere(region, mayBeHidden)) {
    if (isHidden(element)) element.remove();
  }
  pruneLinkLists(region, total);
  trimBody(region);
  return { element: region, text: blockText(region) };
}

const LANDMARK_TAGS = new Set(['NAV', 'ASIDE', 'FOOTER']);
const LANDMARK_ROLES = new Set(['navigation', 'contentinfo', 'complementary']);

/** Page furniture by its markup's own account, unless it wraps the page's main region or headline. */
function isLandmark(element: Element): boolean {
  const landmark = LANDMARK_TAGS.has(element.tagName) || LANDMARK_ROLES.has(element.getAttribute('role') ?? '');
  return landmark && !element.querySelector('main, [role="main"], h1');
}

const LINK_CONTAINERS = new Set(['UL', 'OL', 'DL', 'DIV', 'SECTION', 'TABLE', 'P', 'SPAN', 'TD', 'LI']);

/**
 * Remove blocks that are mostly links (menus, tag clouds, "more stories" rails) in one bottom-up pass:
 * each element's text and link-text lengths are summed from its children, never recomputed.
 */
function pruneLinkLists(region: Element, total: number): void {
  const doomed: Element[] = [];
  const walk = (element: Element, inLink: boolean): [number, number, number] => {
    let text = 0;
    let linked = 0;
    let links = 0;
    const isLink = element.tagName === 'A';
    for (let child = element.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === 3) {
        const length = (child as Text).data.trim().length;
        text += length;
        if (inLink || isLink) linked += length;
      } else if (child.nodeType === 1) {
        const [t, l, n] = walk(child as Element, inLink || isLink);
        text += t;
        linked += l;
        links += n;
      }
    }
    if (isLink) links += 1;
    // Menus are many short links; a listing's links are headlines and stay.
    if (links >= 3 && text > 0 && linked / text > 0.7 && linked / links < 30 && text < total * 0.5 && LINK_CONTAINERS.has(element.tagName)) {
      doomed.push(element);
    }
    return [text, linked, links];
  };
  walk(region, false);
  for (const element of doomed) element.remove();
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
  let words = 0;
  let shared = 0;
  for (const paragraph of readable.split('\n\n')) {
    const count = countWords(paragraph);
    words += count;
    if (inRegion.has(paragraph)) shared += count;
  }
  return words > 0 && shared >= 0.9 * words;
}

export function chooseBody(
  readable: { element: Element; text: string } | null,
  fallback: { element: Element; text: string } | null,
  metadata: PageMetadata,
  articleTyped: boolean,
): BodyChoice | null {
  if (!readable) return fallback ? { ...fallback, from: 'region' } : null;
  if (!fallback) return { ...readable, from: 'readability' };
  const readableWords = countWords(readable.text);
  const regionWords = countWords(fallback.text);
  const ratio = regionWords ? readableWords / regionWords : 1;
  const threshold = articleTyped ? ARTICLE_KEEP_RATIO : keptSection(readable.text, fallback.text) ? SECTION_KEEP_RATIO : 0.4;
  if (readableWords < MIN_READABLE_WORDS && regionWords > readableWords || ratio < threshold) return { ...fallback, from: 'region' };
  // The region is the page's content with its menus and link lists pruned; a Readability article
  // much longer than it has kept such furniture (a mega-menu, a filter panel) that the region shed.
  if (!articleTyped && regionWords >= 200 && ratio > 1.5) return { ...fallback, from: 'region' };
  void metadata;
  return { ...readable, from: 'readability' };
}
