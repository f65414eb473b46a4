/**
 * Mozilla Readability, with its retries, its element lookups and its per-element tests made cheap.
 *
 * The tests it asks of every element it walks (visible? a byline? empty?) and its style clean are
 * replaced by functions that give the same answers while reading less of the page; each says below what
 * it stands in for, and `test/unit/extract/readability.test.ts` holds each, and whole articles, equal to
 * stock Readability's.
 *
 * Readability keeps the page's body as an HTML string and, whenever an attempt finds under 500 characters,
 * parses that string back into the body (`page.innerHTML = pageCacheHtml`) and tries again with looser
 * rules, up to three times, and a fourth time after the last attempt although nothing reads the body
 * then. Each restore is a full fragment parse, as dear as parsing the page (a fifth of all pages retry;
 * restores were a tenth of extraction's CPU on the dev corpus). Here the first restore parses as before,
 * and keeps a copy of the result: later restores clone that copy (a third of the price of parsing), the
 * last one moves it in, and the one after the last attempt is skipped. The DOM each attempt sees is the
 * same as before, node for node, so the result is too.
 */

import { Readability } from '@mozilla/readability';
import { elementsWhere } from './text.ts';

type Options = ConstructorParameters<typeof Readability<Element>>[1];
type Article = ReturnType<Readability<Element>['parse']>;

/** The Readability internals used here (Readability.js 0.6). */
interface ReadabilityInternals {
  _flags: number;
  FLAG_CLEAN_CONDITIONALLY: number;
  REGEXPS: { byline: RegExp };
  PRESENTATIONAL_ATTRIBUTES: string[];
  DEPRECATED_SIZE_ATTRIBUTE_ELEMS: string[];
  _getAllNodesWithTag(node: ParentNode, tagNames: string[]): ArrayLike<Element>;
  _isProbablyVisible(node: Element): boolean;
  _isValidByline(node: Element, matchString: string): boolean;
  _isElementWithoutContent(node: Element): boolean;
  _cleanStyles(node: Element | null): void;
}

/**
 * Readability's `_getAllNodesWithTag` is `node.querySelectorAll(tagNames.join(','))`, called for every
 * paragraph and candidate it cleans; jsdom's selector engine pays a setup cost on each call that these
 * do not (two to five times cheaper). Same elements, same order, as a static list.
 */
function allNodesWithTag(node: ParentNode, tagNames: string[]): Element[] {
  // One tag: jsdom filters by name without leaving its own tree, and only the matches get wrappers.
  if (tagNames.length === 1) return Array.from((node as Element).getElementsByTagName(tagNames[0]!));
  const names = new Set(tagNames.map((name) => name.toLowerCase()));
  return elementsWhere(node, (element) => names.has(element.localName));
}

/**
 * Readability's `_isValidByline`, asked of every element it walks, reads the element's whole text before
 * its attribute and class tests, which almost every element fails: the text is read only when they pass.
 */
function isValidByline(this: ReadabilityInternals, node: Element, matchString: string): boolean {
  const itemprop = node.getAttribute('itemprop');
  if (node.getAttribute('rel') !== 'author' && !itemprop?.includes('author') && !this.REGEXPS.byline.test(matchString)) {
    return false;
  }
  const bylineLength = node.textContent!.trim().length;
  return bylineLength > 0 && bylineLength < 100;
}

/**
 * Readability's `_isElementWithoutContent`, asked of every div, section, header and heading: it joins the
 * element's whole text to learn whether any of it is not white space, which the first such text node
 * answers. (`\S` is exactly what `trim()` keeps.)
 */
function isElementWithoutContent(node: Element): boolean {
  if (node.nodeType !== ELEMENT_NODE || hasVisibleText(node)) return false;
  const count = node.children.length;
  return count === 0 || count === node.getElementsByTagName('br').length + node.getElementsByTagName('hr').length;
}

function hasVisibleText(node: Node): boolean {
  for (let child = node.firstChild; child; child = child.nextSibling) {
    if (child.nodeType === TEXT_NODE ? /\S/.test((child as Text).data) : child.firstChild !== null && hasVisibleText(child)) return true;
  }
  return false;
}

/**
 * Readability's `_cleanStyles` asks every element of the article to remove each of a dozen presentational
 * attributes, a lookup each, though most elements carry one or two attributes or none: here the element's
 * own attributes are read once and those named are removed. The same attributes go.
 */
function cleanStyles(this: ReadabilityInternals, element: Element | null): void {
  if (!element || element.tagName.toLowerCase() === 'svg') return;
  if (element.hasAttributes()) {
    const sized = this.DEPRECATED_SIZE_ATTRIBUTE_ELEMS.includes(element.tagName);
    for (const name of element.getAttributeNames()) {
      if (this.PRESENTATIONAL_ATTRIBUTES.includes(name) || (sized && (name === 'width' || name === 'height'))) element.removeAttribute(name);
    }
  }
  for (let child = element.firstElementChild; child; child = child.nextElementSibling) this._cleanStyles(child);
}

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;

/**
 * `new Readability(document, options).parse()`, with cheap retries. When its strict pass finds under 500
 * characters, Readability loosens its rules and parses again, up to three times. With `retry: false` the
 * strict pass's answer stands (and the body's markup is never saved for the retries).
 */
export function readArticle(document: Document, options: Options, retry = true): Article {
  const reader = new Readability<Element>(document, options);
  const internals = reader as unknown as ReadabilityInternals;
  internals._getAllNodesWithTag = allNodesWithTag;
  internals._isValidByline = isValidByline;
  internals._isElementWithoutContent = isElementWithoutContent;
  internals._cleanStyles = cleanStyles;
  const isProbablyVisible = internals._isProbablyVisible;
  // Readability reads `node.style` of every element it walks, and jsdom builds a CSS declaration object
  // for each. Unless the style attribute names display or visibility (or escapes a character, which could
  // spell them), both are empty: only its attribute tests can say "hidden", and they are asked directly
  // (the same answer, without the object).
  internals._isProbablyVisible = function (this: ReadabilityInternals, node: Element): boolean {
    if (mayHideByStyle(node.getAttribute('style'))) return isProbablyVisible.call(this, node);
    return !node.hasAttribute('hidden') && (node.getAttribute('aria-hidden') !== 'true' || isFallbackImage(node));
  };
  const body = document.body;
  const innerHTML = body ? findAccessor(body, 'innerHTML') : undefined;
  if (!body || !innerHTML?.get || !innerHTML.set) return reader.parse();

  let pristine: Element | null = null;
  Object.defineProperty(body, 'innerHTML', {
    configurable: true,
    get(this: Element) {
      return retry ? innerHTML.get!.call(this) : '';
    },
    set(this: Element, html: string) {
      // No rule left to loosen (none may be), so no attempt follows this restore, and nothing reads the body after it.
      if (!retry) internals._flags = 0;
      if (internals._flags === 0) return;
      if (pristine === null) {
        innerHTML.set!.call(this, html);
        pristine = this.cloneNode(true) as Element;
        return;
      }
      // Only the last rule left to loosen: the last restore, which may have the copy itself.
      const last = internals._flags === internals.FLAG_CLEAN_CONDITIONALLY;
      this.replaceChildren(...(last ? pristine : (pristine.cloneNode(true) as Element)).childNodes);
    },
  });
  try {
    return reader.parse();
  } finally {
    delete (body as { innerHTML?: string }).innerHTML;
  }
}

function mayHideByStyle(style: string | null): boolean {
  return style !== null && (style.includes('\\') || /display|visibility/i.test(style));
}

/** Readability keeps aria-hidden Wikimedia math images ("fallback-image"); SVG classNames are not strings. */
function isFallbackImage(node: Element): boolean {
  const className = node.className as unknown;
  return typeof className === 'string' && className.includes('fallback-image');
}

function findAccessor(object: object, name: string): PropertyDescriptor | undefined {
  for (let proto = Object.getPrototypeOf(object); proto; proto = Object.getPrototypeOf(proto)) {
    const descriptor = Object.getOwnPropertyDescriptor(proto, name);
    if (descriptor) return descriptor;
  }
  return undefined;
}

/** Internals exposed for tests only. */
export const readArticleTestHooks = { allNodesWithTag, isElementWithoutContent, mayHideByStyle, cleanStyles };

/** Readability's own unlikely-candidate names, read from the library so that they stay its. */
const { unlikelyCandidates: UNLIKELY, okMaybeItsACandidate: MAYBE_CANDIDATE } =
  (Readability.prototype as unknown as { REGEXPS: { unlikelyCandidates: RegExp; okMaybeItsACandidate: RegExp } }).REGEXPS;
const HEADER_WORD = /header/i;
const HEADER_WORDS = /header/gi;
const HEADINGS = new Set(['h2', 'h3', 'h4', 'h5', 'h6']);

/**
 * Readability removes, as an unlikely candidate, any element whose class says "header", meaning the page's
 * header; but a heading so named is a section's header ("header-anchor-post" on a newsletter platform,
 * "module_header" in a page builder, "accordion-header"), the title of the text under it. Such headings lose
 * the class words that say "header" (and only those: a heading also named "related" or "sidebar" is left to
 * the rule; nor the <h1>, which Readability's title rules weigh). `elements`: the page index's facts;
 * elements that have left the page are passed over.
 * Returns how many were spared.
 */
export function spareSectionHeadings(elements: ReadonlyArray<{ element: Element; tag: string; classAttr: string | null }>): number {
  let spared = 0;
  for (const facts of elements) {
    if (!HEADINGS.has(facts.tag) || facts.classAttr === null || !HEADER_WORD.test(facts.classAttr)) continue;
    const heading = facts.element;
    const className = heading.getAttribute('class') ?? '';
    const label = `${className} ${heading.id}`;
    if (!heading.isConnected || !UNLIKELY.test(label) || MAYBE_CANDIDATE.test(label)) continue;
    const kept = className.split(/\s+/).filter((token) => token && !HEADER_WORD.test(token));
    // What the rule would still read without the word "header": "related-header" names a rail's heading.
    if (UNLIKELY.test(`${className.replace(HEADER_WORDS, ' ')} ${heading.id}`)) continue;
    heading.setAttribute('class', kept.join(' '));
    spared += 1;
  }
  return spared;
}
