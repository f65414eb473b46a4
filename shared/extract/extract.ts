/**
 * Extraction: raw bytes in, clean article and metadata out. Mozilla Readability on jsdom is the core,
 * around it: one decode of the bytes, a cheap guard pass before jsdom, metadata with provenance read
 * from the pristine DOM, pre-cleaning of page furniture, a fallback for pages Readability reads only
 * in part (listings, forums, documentation), and DOMPurify on the stored HTML. One parse per page.
 */

import type { Readability } from '@mozilla/readability';
import { ExtractionError } from '../errors.ts';
import { type PageScan, removeBoilerplate, removeClassHidden, removeProductRails, scanPage } from './clean.ts';
import { decodePage } from './decode.ts';
import { isEmptyShell, readSignals } from './flags.ts';
import { assertWithinLimits, DEFAULT_GUARD_LIMITS, type GuardLimits } from './guards.ts';
import { cleanAuthors, collapse, readMetadata, type PageMetadata } from './metadata.ts';
import { PageIndex } from './metaindex.ts';
import { parseHtml } from './parse.ts';
import { readArticle, spareSectionHeadings } from './readability.ts';
import { ARTICLE_KEEP_RATIO, chooseBody, cleanRegion, listingUrl, mainRegion, MIN_READABLE_WORDS, SECTION_KEEP_RATIO, shareOfWords } from './region.ts';
import { sanitizeElement } from './sanitize.ts';
import { blockText, countWords, hasWords, showStyleHidden, STYLE_HIDDEN } from './text.ts';
import { dropInterfaceLines, dropMarquees, dropPostFurniture, dropRepeatedBlocks, dropRepeatedSections, dropTrailingBio, dropTrailingTeasers, trimBody } from './trim.ts';
import type { ExtractInput, ExtractedDocument, MetadataSource } from './types.ts';

export interface ExtractOptions {
  limits?: GuardLimits;
  /** Dates after this are not believed (defaults to the current time). */
  now?: Date;
  /** Tuning aid: sees both body candidates before one is chosen. */
  inspect?: (candidates: { readability: string | null; region: string | null; articleTyped: boolean; teasers?: number }) => void;
}

/** Extract the article from one page. Throws ExtractionError when no document can be produced. */
export function extractDocument(input: ExtractInput, options: ExtractOptions = {}): ExtractedDocument {
  const limits = options.limits ?? DEFAULT_GUARD_LIMITS;
  let decoded;
  try {
    decoded = decodePage(input.bytes, input.contentType);
  } catch (error) {
    throw new ExtractionError('extraction-failed', `could not decode ${input.url}`, { cause: error });
  }
  assertWithinLimits(decoded.text, input.url, limits);
  const html = slimMarkup(decoded.text);
  try {
    return extractFromHtml(html, input, decoded.charset, limits, options);
  } catch (error) {
    if (error instanceof ExtractionError) throw error;
    // jsdom's CSS parser throws on some declarations; the page is still readable without styles.
    const unstyled = stripStyles(html);
    try {
      return extractFromHtml(unstyled, input, decoded.charset, limits, options);
    } catch (retryError) {
      if (retryError instanceof ExtractionError) throw retryError;
      throw new ExtractionError('extraction-failed', `could not extract ${input.url}: ${describe(retryError)}`, { cause: retryError });
    }
  }
}

/** Fewer words than this in the region candidate, and Readability may loosen its rules on any page. */
const REGION_WORDS_WITHOUT_RETRY = 20;

function describe(error: unknown): string {
  return error instanceof Error ? error.message.slice(0, 200) : String(error).slice(0, 200);
}

/**
 * Empty what extraction never reads before jsdom parses it: script bodies (JSON-LD excepted), style
 * sheets and inline SVG. On script-heavy pages this is most of the bytes and of the parse.
 */
export function slimMarkup(html: string): string {
  return html
    .replace(/(<script\b[^>]*>)([\s\S]*?)(<\/script\s*>)/gi, (whole, open: string, _body: string, close: string) =>
      (/ld\+json/i.test(open) ? whole : open + close))
    .replace(/(<style\b[^>]*>)[\s\S]*?(<\/style\s*>)/gi, '$1$2')
    .replace(/<svg\b[\s\S]*?<\/svg\s*>/gi, '')
    // An <iframe> holds raw text up to its end tag, and HTML has no self-closing tags: an `<iframe ... />`
    // (a tag manager's, in a <noscript> jsdom parses as markup) would swallow the rest of the page.
    .replace(/(<iframe\b[^>]*?)\s*\/>/gi, '$1></iframe>');
}

function stripStyles(html: string): string {
  return html
    .replace(/<style\b[\s\S]*?<\/style\s*>/gi, '')
    .replace(/\sstyle\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)/gi, '');
}

function parseUrl(url: string): string {
  try {
    return new URL(url).href;
  } catch {
    return 'http://localhost/';
  }
}

function extractFromHtml(
  html: string,
  input: ExtractInput,
  charset: ExtractedDocument['charset'],
  limits: GuardLimits,
  options: ExtractOptions,
): ExtractedDocument {
  const now = options.now ?? new Date();
  const pageUrl = parseUrl(input.url);
  const document = parseHtml(html, pageUrl);
  // One walk of the pristine page for the metadata readers, the furniture scan and the region lookup.
  const index = new PageIndex(document);
  const metadata = readMetadata(document, input.url, now, index);
  const articleTyped = isArticleTyped(metadata);
  const { scan, bodyText } = revealAndScan(document, index);
  const signals = readSignals(document, scan, html, bodyText, accessibleForFree(document));
  const productTyped = isProductTyped(metadata, scan, articleTyped);
  const discussion = !productTyped && isDiscussion(metadata, scan);
  const shop = !articleTyped && showsProducts(metadata, scan);
  const region = keepContent(document, scan, bodyText.length, { articleTyped, productTyped, shop, discussion }, index);
  // Readability rewrites the document, so the region candidate must be taken before it runs. On an
  // article-typed page it rarely wins: copy it only for other pages, and otherwise keep just a bound on
  // its words (removing elements never adds words) to tell afterwards whether it could have won.
  // A thread is all of its posts: where it also types itself as an article (forum software often does),
  // Readability's taking only the longest post is judged as on other pages. So is the choice on a page at
  // the address of a section, category or topic: many sites type every page as an article, fronts and topic
  // pages too, and there Readability's keeping one part of the page is no sign that the rest is furniture.
  // The region is seldom chosen even there, so it is still only bounded, and read again when it may win.
  const listing = listingUrl(input.url);
  const articleRules = articleTyped && !discussion;
  const choiceRules = articleRules && !listing;
  const copyRegion = region !== null && (!articleRules || options.inspect !== undefined);
  const regionCopy = copyRegion ? (region.cloneNode(true) as Element) : null;
  const regionWordBound = region && !copyRegion ? countWords(blockText(region)) : 0;

  let fallback = regionCopy ? cleanRegion(regionCopy, discussion) : null;
  // Readability's loosened retries (up to three more parses) look harder for an article its strict pass
  // missed. On a page that does not say it is an article, a short strict answer more often means there
  // is none, and what the loosened rules take is furniture; the region candidate reads such a page,
  // unless it has next to nothing to offer.
  const retry = articleTyped || !fallback || !hasWords(fallback.text, REGION_WORDS_WITHOUT_RETRY);
  // Section headings whose class says "header" are not the page's header Readability's rule takes them for.
  // A shop's headings so named title its panels (filters, a configurator's steps, a cart), not sections of text.
  if (!productTyped && !shop) spareSectionHeadings(index.elements);
  let article: ReturnType<Readability<Element>['parse']> = null;
  try {
    article = readArticle(document, {
      maxElemsToParse: limits.maxElements,
      serializer: (element) => element as Element,
    }, retry);
  } catch (error) {
    if (/Aborting parsing document/.test(describe(error))) {
      throw new ExtractionError('extraction-too-large', `${input.url} has too many elements for extraction`, { cause: error });
    }
    throw error;
  }

  if (article?.content) trimBody(article.content);
  const readable = article?.content ? { element: article.content, text: blockText(article.content) } : null;
  if (region && !copyRegion && regionMayWin(readable, regionWordBound, listing)) {
    // The same region again from a fresh parse of the same markup, prepared the same way.
    const fresh = parseHtml(html, pageUrl);
    const freshIndex = new PageIndex(fresh);
    const again = revealAndScan(fresh, freshIndex);
    const freshRegion = keepContent(fresh, again.scan, again.bodyText.length, { articleTyped, productTyped, shop, discussion }, freshIndex);
    fallback = freshRegion ? cleanRegion(freshRegion, discussion) : null;
  }
  options.inspect?.({ readability: readable?.text ?? null, region: fallback?.text ?? null, articleTyped, teasers: fallback?.teasers ?? 0 });
  const choice = chooseBody(readable, fallback, metadata, { articleTyped: choiceRules, productTyped, listing });

  // Blocks repeated once per variant or viewport, or a reply quoting an earlier post: the page's own
  // text once.
  if (choice && discussion && dropPostFurniture(choice.element) > 0) choice.text = blockText(choice.element);
  if (choice && (productTyped || discussion) && dropRepeatedBlocks(choice.element) > 0) choice.text = blockText(choice.element);
  // A section copied per breakpoint or carousel loop, once; control labels, sort bars, ad marks and
  // copyright lines alone in a paragraph, and a ticker's looped line, whichever candidate won.
  if (choice && dropRepeatedSections(choice.element) + dropInterfaceLines(choice.element) + dropMarquees(choice.element) > 0) choice.text = blockText(choice.element);
  // The author's bio after the text, known by the author's name (the same names the document states); a
  // thread has no bio, and a reply may open with the first poster's name.
  const authorNames = metadata.authors?.value.length ? metadata.authors.value
    : article?.byline ? cleanAuthors(article.byline, metadata.siteName?.value ?? null) : [];
  if (choice && !discussion && dropTrailingBio(choice.element, authorNames)) choice.text = blockText(choice.element);
  // Teasers of other stories after the text, taken in by Readability; on a listing's address they may be the
  // page, and a shop's cards beside its product are its rails' (removed with the product furniture).
  if (choice?.from === 'readability' && !discussion && !listing && !productTyped && dropTrailingTeasers(choice.element, articleTyped)) choice.text = blockText(choice.element);
  // A shop states its product's description in its JSON-LD. When the body holds little of it, the page
  // renders it where we do not read (a closed sheet or tab, a script's template): the statement is the
  // description, and it leads the text as it leads the page.
  const statedProduct = productTyped && metadata.productDescription ? paragraphsOf(metadata.productDescription) : null;
  if (choice && statedProduct && countWords(statedProduct) >= MIN_STATED_PRODUCT_WORDS && shareOfWords(statedProduct, choice.text) < 0.5) {
    choice.element.prepend(...statedProduct.split('\n\n').map((paragraph) => {
      const p = choice.element.ownerDocument.createElement('p');
      p.textContent = paragraph;
      return p;
    }));
    choice.text = blockText(choice.element);
  }
  let text = choice?.text ?? '';
  let cleanHtml = '';
  // schema.org articleBody is the publisher's own statement of the text: trusted over a body we read
  // only in part.
  const statedBody = metadata.articleBody ? paragraphsOf(metadata.articleBody) : null;
  if (statedBody && countWords(statedBody) >= 100 && countWords(text) < 0.6 * countWords(statedBody)) {
    text = statedBody;
    const container = document.createElement('div');
    for (const paragraph of statedBody.split('\n\n')) {
      const p = document.createElement('p');
      p.textContent = paragraph;
      container.append(p);
    }
    cleanHtml = sanitizeElement(container);
  } else if (choice) {
    cleanHtml = sanitizeElement(choice.element);
  }
  if (!text && statedBody) text = statedBody;

  const wordCount = countWords(text);
  const notArticle = signals.challenge || signals.cookieWall && wordCount < 150 || choice?.from !== 'readability' && !articleTyped || wordCount < 80 && !articleTyped;
  const kind: ExtractedDocument['kind'] = notArticle ? 'page' : 'article';
  const sources: ExtractedDocument['sources'] = {};
  const take = <T>(field: string, value: { value: T; source: MetadataSource } | null): T | null => {
    if (!value) return null;
    sources[field] = value.source;
    return value.value;
  };

  let authors = take('authors', metadata.authors) ?? [];
  if (!authors.length && article?.byline) {
    authors = cleanAuthors(article.byline, metadata.siteName?.value ?? null);
    if (authors.length) sources['authors'] = 'readability';
  }
  const publishedAt = take('publishedAt', metadata.publishedAt);
  const title = take('title', metadata.title) ?? (article?.title ? collapse(article.title) : null);
  if (!sources['title'] && title) sources['title'] = 'readability';
  const description = take('description', metadata.description) ?? (article?.excerpt ? collapse(article.excerpt) : null);

  return {
    url: input.url,
    kind,
    title,
    authors,
    publishedAt,
    modifiedAt: take('modifiedAt', metadata.modifiedAt),
    siteName: take('siteName', metadata.siteName) ?? (article?.siteName || null),
    lang: take('lang', metadata.lang) ?? (article?.lang || null),
    canonicalUrl: take('canonicalUrl', metadata.canonicalUrl),
    description,
    section: take('section', metadata.section),
    keywords: take('keywords', metadata.keywords) ?? [],
    image: take('image', metadata.image),
    excerpt: description,
    wordCount,
    text,
    html: cleanHtml,
    charset,
    flags: {
      paywall: signals.paywall,
      challenge: signals.challenge,
      cookieWall: signals.cookieWall,
      truncated: signals.paywall || signals.challenge || isEmptyShell(bodyText, metadata.description?.value ?? null),
      notArticle,
    },
    sources,
  };
}

/**
 * Noscript-only content revealed, then the page's furniture classified (before anything is removed), from
 * `index` unless the reveal changed the page.
 */
function revealAndScan(document: Document, index: PageIndex): { scan: PageScan; bodyText: string } {
  const body = document.body;
  const bodyText = collapse(body?.textContent ?? '');
  const revealed = body ? revealNoscriptContent(document, body, bodyText.length) : false;
  if (body) revealStyleHiddenContent(body, index, bodyText.length);
  return { scan: scanPage(document, revealed ? undefined : index), bodyText };
}

/** Furniture removed; the region holding the page's content (null without a body). */
function keepContent(document: Document, scan: PageScan, bodyLength: number, page: { articleTyped: boolean; productTyped: boolean; shop: boolean; discussion: boolean }, index: PageIndex): Element | null {
  const { articleTyped, productTyped } = page;
  if (productTyped) revealScriptShownContent(document);
  removeBoilerplate(scan.boilerplate, bodyLength, !articleTyped, !articleTyped);
  // The same signature, rank and statistics beside each of a poster's posts: the poster's, not the thread's text.
  if (page.discussion) removeBoilerplate(scan.posterFurniture, bodyLength, false);
  if (productTyped) {
    removeBoilerplate(scan.productFurniture, bodyLength, false);
    removeClassHidden(scan.classHidden);
    if (document.body) removeProductRails(document.body, bodyLength);
  } else if (!articleTyped) {
    if (page.shop) removeClassHidden(scan.classHidden);
    removeBoilerplate(scan.facets.filter(isFilterPanel), bodyLength, false);
    // A panel named as a pop-up (a cart drawer, a rewards or sign-up modal) outside the page's main
    // landmark is closed until a reader opens it: not the text of a page that is not an article.
    removeBoilerplate(scan.productFurniture.filter((element) => isPopUp(element) && !inMainLandmark(element)), bodyLength, false);
    // Customer reviews and ratings are the shoppers' words, not the page's, on a shop's category or home
    // page as on a product's. By class only: an id can be a heading's anchor ("#review-process" in a guide).
    removeBoilerplate(scan.productFurniture.filter((element) => REVIEWS.test(element.getAttribute('class') ?? '')), bodyLength, false);
  }
  return document.body ? mainRegion(document, document.body, index, productTyped) : null;
}

/**
 * A filter panel is a column of checkboxes, each with a short label (a brand, a price band): a class that
 * says "filter" or "facet" without them is a content wrapper's (a feature row, a sortable grid).
 */
function isFilterPanel(element: Element): boolean {
  let boxes = 0;
  for (const input of element.getElementsByTagName('input')) if (/^(checkbox|radio)$/i.test(input.getAttribute('type') ?? '')) boxes += 1;
  return boxes >= 3 && collapse(element.textContent ?? '').length < boxes * 40;
}

/** A stated product description shorter than this is a tagline, not a description the body could miss. */
const MIN_STATED_PRODUCT_WORDS = 30;

const POP_UP = /modal|popup|drawer|dialog/i;
/** Review widgets as shop themes name them ("reviews", "yotpo-review", "review-carousel"), not a "preview". */
const REVIEWS = /(?<!p)review/i;

/**
 * Some shops send the product hidden by an inline `display: none` that a script lifts once it has run
 * (an age or region gate, a deferred block). When every <h1> sits in such a block it is the page's
 * content, not a closed panel: show it (the outermost hider of each headline, unless it is a pop-up).
 */
function revealScriptShownContent(document: Document): void {
  const hiders = new Set<Element>();
  for (const heading of document.getElementsByTagName('h1')) {
    let hider: Element | null = null;
    for (let up = heading.parentElement; up && up !== document.body; up = up.parentElement) {
      if (STYLE_HIDDEN.test(up.getAttribute('style') ?? '')) hider = up;
    }
    if (!hider || isPopUp(hider)) return;
    hiders.add(hider);
  }
  for (const hider of hiders) showStyleHidden(hider);
}

/**
 * Whether the region candidate of an article-typed page could beat Readability's text, given an upper
 * bound on the region's words: chooseBody's rule for article-typed pages, or at a section's address its
 * rules for other pages, which keep a section below SECTION_KEEP_RATIO at most.
 */
function regionMayWin(readable: { text: string } | null, regionWordBound: number, listing: boolean): boolean {
  if (!readable) return true;
  const words = countWords(readable.text);
  return words < MIN_READABLE_WORDS || words < (listing ? SECTION_KEEP_RATIO : ARTICLE_KEEP_RATIO) * regionWordBound;
}

/** Plain text from articleBody: entities and stray tags some publishers leave in, paragraphs kept. */
function paragraphsOf(body: string): string {
  return body
    .replace(/<[^>]{1,200}>/g, ' ')
    .split(/\n\s*\n|\r\n|\n/)
    .map((line) => collapse(line))
    .filter(Boolean)
    .join('\n\n');
}

/**
 * Some apps (Flarum forums, for one) serve their server-rendered content only inside <noscript>. When
 * that is most of the page, turn those <noscript>s into plain <div>s so the content is read.
 */
function revealNoscriptContent(document: Document, body: HTMLElement, bodyLength: number): boolean {
  const noscripts = [...body.getElementsByTagName('noscript')];
  if (noscripts.length === 0) return false;
  const hidden = noscripts.reduce((sum, element) => sum + collapse(element.textContent ?? '').length, 0);
  if (hidden < 200 || hidden < bodyLength * 0.5) return false;
  for (const element of noscripts) {
    const div = document.createElement('div');
    div.append(...element.childNodes);
    element.replaceWith(div);
  }
  return true;
}

/**
 * Some shops and apps ship their content inside `style="display:none"` wrappers that a script shows once
 * it has run (an access-lock app, a lazily hydrated results river). When such wrappers hold most of the
 * page's text they are its content, not a closed menu: show the sizeable ones, never a pop-up. The style edit
 * leaves the page's elements as they are, so `index` still holds.
 */
function revealStyleHiddenContent(body: HTMLElement, index: PageIndex, bodyLength: number): void {
  const root = index.factsOf(body);
  if (!root || bodyLength < 500) return;
  const hidden: Array<{ element: Element; length: number }> = [];
  let total = 0;
  // Document order: an element's descendants are the next ones, up to its `end`; only the outermost count.
  for (let i = root.order + 1; i < root.end;) {
    const facts = index.elements[i]!;
    if (facts.style !== null && STYLE_HIDDEN.test(facts.style) && facts.element.isConnected && !isPopUp(facts.element)) {
      const length = collapse(facts.element.textContent ?? '').length;
      hidden.push({ element: facts.element, length });
      total += length;
      i = facts.end;
      continue;
    }
    i += 1;
  }
  if (total < bodyLength * 0.5) return;
  for (const { element, length } of hidden) if (length >= bodyLength * 0.05) showStyleHidden(element);
}

/** Inside <main> or role=main: where a page puts its own content, whatever a panel there is named. */
function inMainLandmark(element: Element): boolean {
  for (let up = element.parentElement; up; up = up.parentElement) {
    if (up.localName === 'main' || up.getAttribute('role') === 'main') return true;
  }
  return false;
}

/** A dialog, modal, pop-up or drawer: closed until the reader opens it, whatever it holds. */
function isPopUp(element: Element): boolean {
  return element.getAttribute('role') === 'dialog' || element.getAttribute('aria-modal') === 'true'
    || POP_UP.test(`${element.id} ${element.getAttribute('class') ?? ''}`);
}

function accessibleForFree(document: Document): boolean | null {
  // Not querySelectorAll('script[type*="ld+json" i]'): jsdom's selector engine would test every element.
  for (const script of document.getElementsByTagName('script')) {
    if (!/ld\+json/i.test(script.getAttribute('type') ?? '')) continue;
    const match = /"isAccessibleForFree"\s*:\s*"?(true|false)"?/i.exec(script.textContent ?? '');
    if (match) return match[1]!.toLowerCase() === 'true';
  }
  return null;
}

/**
 * A page that says it shows one product: a product in its JSON-LD (a few at most: a ProductGroup and its
 * variants; a listing states one per item), a product Open Graph type (not product.group, which shop
 * platforms give their collections), or one product microdata scope. Never an article: a review of a
 * product states the product too.
 */
function isProductTyped(metadata: PageMetadata, scan: PageScan, articleTyped: boolean): boolean {
  if (articleTyped || metadata.jsonLdTypes.some((t) => /^(CollectionPage|SearchResultsPage)$/.test(t))) return false;
  if (metadata.jsonLdProducts >= 1 && metadata.jsonLdProducts <= 3) return true;
  if (metadata.ogType && /product(?![.:]group)|(^|:)item$/i.test(metadata.ogType)) return true;
  const scopes = scan.productScopes;
  return scopes.length > 0 && scopes.every((scope) => scope === scopes[0] || scopes[0]!.contains(scope));
}

/**
 * A shop's page: one that states products at all (in its JSON-LD or microdata, or the Open Graph type shop
 * platforms give their collections), whether one or a grid of them.
 */
function showsProducts(metadata: PageMetadata, scan: PageScan): boolean {
  return metadata.jsonLdProducts > 0 || scan.productScopes.length > 0 || metadata.ogType !== null && /product/i.test(metadata.ogType);
}

/**
 * A page that says it shows a discussion: a forum thread or Q&A page in its JSON-LD, or posts marked up as
 * such or anchored by forum software's post ids (two or more make a thread).
 */
export function isDiscussion(metadata: PageMetadata, scan: PageScan): boolean {
  return scan.posts >= 2 || metadata.jsonLdTypes.some((t) => /^(DiscussionForumPosting|QAPage)$/.test(t));
}

function isArticleTyped(metadata: PageMetadata): boolean {
  if (metadata.ogType && /article/i.test(metadata.ogType)) return true;
  return metadata.jsonLdTypes.some((t) => /(Article|BlogPosting)$/.test(t));
}

