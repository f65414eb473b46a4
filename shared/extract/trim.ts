/**
 * Trimming of a body candidate to the text a reader reads as the page's own: in-page tables of
 * contents, figure captions and headings' permalink marks leave it.
 */

import { collapse } from './metahelpers.ts';
import { BLOCK, countWords, elementsWhere, isHidden, SKIP } from './text.ts';

/** Trim a body candidate in place (Readability's article or the cleaned main region). */
export function trimBody(root: Element): void {
  dropTablesOfContents(root);
  dropCaptions(root);
  dropPermalinks(root);
  dropTrailingFurniture(root);
}

const HEADING_TAGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);

/** The mark of a heading's link to itself: Sphinx and MkDocs print ¶, others §, #, a link symbol or nothing. */
export const PERMALINK_MARK = /^[\s¶§#🔗⚓]*$/u;

/**
 * A heading's link to its own anchor ("Logging HOWTO¶") is a control for copying a URL, not words of
 * the heading; left in, every heading of a documentation page ends in a stray mark.
 */
export function dropPermalinks(root: Element): number {
  let dropped = 0;
  for (const heading of elementsWhere(root, (element) => HEADING_TAGS.has(element.localName))) {
    for (const link of [...heading.getElementsByTagName('a')]) {
      if (!link.getAttribute('href')?.startsWith('#') || !PERMALINK_MARK.test(link.textContent ?? '')) continue;
      link.remove();
      dropped += 1;
    }
  }
  return dropped;
}

/**
 * Headings that open what a site appends after the text: the author box and its kin ("About the author",
 * "Written by", "Reviewed by"), reading lists ("Related articles", "More from ...", "You may also
 * like") and a shop's rails of other products ("Related products", "Recently viewed"), which pages that
 * do not type themselves as products close with too. Matched on the whole start of a short paragraph,
 * never on words inside the text.
 */
const TRAILING_FURNITURE = new RegExp('^(?:' + [
  'about the (?:authors?|writer|contributors?)\\b', 'written by\\b', 'reviewed by\\b', 'author bio(?:graphy)?\\b', 'more about the author\\b',
  'learn more about our contributors\\b',
  'related (?:articles|posts|reading|stories|content|guides|resources|topics)\\b', 'more from\\b',
  'you (?:may|might) (?:also )?(?:like|enjoy|be interested)\\b', 'recommended (?:reading|for you|articles|posts)\\b',
  'more (?:guides|articles|stories|posts)(?:\\s*:?$|\\s+(?:from|on|about|like)\\b)', 'keep reading\\b', 'further reading\\b',
  'explore more\\b', 'popular (?:posts|articles)\\b', 'other (?:articles|posts)\\b',
  'related (?:products|items)\\b', 'similar (?:products|items)\\b', 'recently viewed\\b', 'more like this\\b',
  'customers (?:also|who)\\b', 'frequently bought together\\b',
].join('|') + ')', 'i');
/** Longest a furniture heading runs (words): a title, not a sentence that mentions an author. */
const FURNITURE_HEADING_WORDS = 10;
/**
 * How much a trailing cut may take: appended furniture is short next to the text, and a longer run after
 * such a heading is more likely a section of the page's own (a listing's "More from the project").
 */
const TRAILING_SHARE = 0.3;
const TRAILING_WORDS = 250;
/**
 * Words before the tail that settle its share: more than TRAILING_SHARE's complement of a full tail, so
 * that TRAILING_SHARE holds for any tail of TRAILING_WORDS or fewer.
 */
const LEAD_ENOUGH = Math.ceil(TRAILING_WORDS * (1 - TRAILING_SHARE) / TRAILING_SHARE) + 1;

/**
 * Cut the body at a furniture heading in its last part (see TRAILING_FURNITURE): the heading and
 * everything after it leave. Readability keeps such boxes when their markup does not name them, and
 * the text after the last paragraph is where sites put them. Returns whether it cut.
 */
export function dropTrailingFurniture(root: Element): boolean {
  return cutAtTrailing(root, (text) => TRAILING_FURNITURE.test(text) && countWords(text) <= FURNITURE_HEADING_WORDS);
}

/** What may follow an author's name at the start of a bio: "Jane Doe is ...", "Jane Doe's ...", "Jane Doe, ...". */
const BIO_AFTER_NAME = /^\s*(?:(?:is|was|has|holds|writes|covers|serves)\b|['’]s\b|[,(])/i;
/**
 * What may follow the author's first name alone at the start of a bio ("Jane is a garden writer", "Jane
 * started the blog in 2010"): a first name also opens sentences of the text, so only the phrases that
 * present a person.
 */
const BIO_AFTER_FIRST_NAME = /^(?:\s+(?:(?:is|was) an?\b|has (?:written|been|worked|spent)\b|(?:started|founded|joined|lives|writes|covers|loves|enjoys|specializes|specialises|graduated|teaches)\b)|['’]s (?:passion|work|writing|background|expertise|career)\b)/i;
/** What a bio may open with before the name: a parenthesis or an asterisk ("(Jane Doe is ...)", "*Jane Doe, MD, is ..."). */
const BIO_LEAD = /^[(*]+\s*/;

/**
 * Cut the body at the author's bio when it closes the text: a paragraph in the body's last part that
 * starts with the name of one of the page's authors (known from its metadata or byline), alone or as
 * the subject of a sentence, or with the first name of a full name as the subject of a sentence that
 * presents a person. Sites print the bio after the article with no heading that names it; an author box
 * shows the name alone, above the bio. Returns whether it cut.
 */
export function dropTrailingBio(root: Element, authors: readonly string[]): boolean {
  const all = authors.map((name) => name.trim().toLowerCase()).filter((name) => name !== '');
  // A one-word name ("Admin", a first name) is too likely to open a sentence of the text: alone only.
  const names = all.filter((name) => name.split(/\s+/).length >= 2);
  const firstNames = names.map((name) => name.split(/\s+/)[0]!);
  // A name alone is the author box's, over the bio: a first name alone too (the box's display name). Not a
  // handle written in lower case ("janed42"): forum software heads each reply with the poster's handle.
  const single = authors.map((name) => name.trim()).filter((name) => name !== '' && !/\s/.test(name) && name !== name.toLowerCase()).map((name) => name.toLowerCase());
  if (all.length === 0) return false;
  return cutAtTrailing(root, (paragraph) => {
    const text = paragraph.replace(BIO_LEAD, '');
    const lower = text.toLowerCase();
    if (single.includes(lower) || firstNames.includes(lower)) return true;
    return names.some((name) => lower.startsWith(name) && (lower.length === name.length || BIO_AFTER_NAME.test(text.slice(name.length))))
      || firstNames.some((name) => lower.startsWith(name) && BIO_AFTER_FIRST_NAME.test(text.slice(name.length)));
  });
}

/**
 * Cut `root` at the first paragraph in its last part (TRAILING_SHARE and TRAILING_WORDS) that `matches`:
 * that paragraph and everything after it leave.
 */
function cutAtTrailing(root: Element, matches: (text: string) => boolean): boolean {
  // Paragraphs as blockText splits them, read back from the body's end: only those of the last
  // TRAILING_WORDS words may be cut at (the tail), and those only where the words before them are many
  // enough (TRAILING_SHARE). The walk stops once the words before the tail decide that.
  const tail: Array<{ start: Node; text: string; words: number }> = [];
  let after = 0;
  let lead = 0;
  let inLead = false;
  let decided = false;
  let current = '';
  let start: Node | null = null;
  const flush = (): void => {
    if (start) {
      const words = countWords(current);
      if (!inLead && after + words <= TRAILING_WORDS) {
        tail.push({ start, text: current, words });
        after += words;
      } else {
        inLead = true;
        lead += words;
        decided = lead >= LEAD_ENOUGH;
      }
    }
    current = '';
    start = null;
  };
  const visit = (node: Node): void => {
    for (let child = node.lastChild; child && !decided; child = child.previousSibling) {
      if (child.nodeType === 3) {
        // Read backwards, the last blank-free text node met is the paragraph's first.
        if ((child as Text).data.trim()) start = child;
        current = (child as Text).data + current;
        continue;
      }
      if (child.nodeType !== 1) continue;
      const element = child as Element;
      if (SKIP.has(element.tagName) || isHidden(element)) continue;
      if (BLOCK.has(element.tagName)) {
        flush();
        visit(element);
        flush();
      } else {
        visit(element);
        if (element.tagName === 'BR' || element.tagName === 'TD' || element.tagName === 'TH') current = ' ' + current;
      }
    }
  };
  visit(root);
  if (!decided) flush();
  // Past LEAD_ENOUGH words before the tail, every tail paragraph has far more than its share before it.
  const words = decided ? Infinity : lead + after;
  let before = lead;
  let cut: { start: Node; text: string } | undefined;
  for (let i = tail.length - 1; i >= 0 && !cut; before += tail[i]!.words, i -= 1) {
    const fits = words === Infinity || before >= words * (1 - TRAILING_SHARE);
    if (fits && matches(collapse(tail[i]!.text))) cut = tail[i];
  }
  if (!cut) return false;
  // From the heading's outermost element that starts with it, then every later node up to the root.
  let from: Node = cut.start;
  while (from.parentNode && from.parentNode !== root && firstContent(from.parentNode) === from) from = from.parentNode;
  for (let node: Node | null = from; node && node !== root; node = node.parentNode) {
    while (node.nextSibling) node.nextSibling.remove();
  }
  from.parentNode?.removeChild(from);
  return true;
}

/** A node's first child that is not blank text or a comment. */
function firstContent(parent: Node): Node | null {
  for (let child = parent.firstChild; child; child = child.nextSibling) {
    if (child.nodeType === 1 || child.nodeType === 3 && (child as Text).data.trim()) return child;
  }
  return null;
}

/**
 * Figure captions and photo credits describe an image, not the text: main-text conventions (the
 * evaluation sets' among them) leave them out.
 */
export function dropCaptions(root: Element): number {
  const captions = [...root.getElementsByTagName('figcaption')];
  for (const caption of captions) caption.remove();
  return captions.length;
}

/**
 * In-page tables of contents: lists of links to the page's own headings. They repeat the headings
 * that follow and are navigation, not text, so they leave the body (a documentation index that links
 * to other pages is content and stays).
 */

const CONTAINERS = new Set(['UL', 'OL', 'NAV', 'DIV', 'SECTION', 'DETAILS', 'TABLE', 'ASIDE', 'P']);
const TOC_TITLE = /^(table of contents?|contents|in this (article|post|guide|page)|on this page|jump to|quick links)\b/i;

/** Remove the in-page tables of contents under `root` (one bottom-up walk); returns how many. */
export function dropTablesOfContents(root: Element): number {
  const page = withoutHash(root.ownerDocument.URL);
  const isFragment = (href: string | null): boolean => {
    if (!href || !href.includes('#') || href.endsWith('#')) return false;
    if (href.startsWith('#')) return true;
    try {
      return withoutHash(new URL(href, root.ownerDocument.baseURI).href) === page;
    } catch {
      return false;
    }
  };
  const doomed: Element[] = [];
  // Returns [text length, length of text inside fragment links, fragment links].
  const walk = (element: Element, inFragment: boolean): [number, number, number] => {
    const fragmentLink = element.tagName === 'A' && isFragment(element.getAttribute('href'));
    const inside = inFragment || fragmentLink;
    let text = 0;
    let linked = 0;
    let links = fragmentLink ? 1 : 0;
    const before = doomed.length;
    for (let child = element.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === 3) {
        const length = (child as Text).data.trim().length;
        text += length;
        if (inside) linked += length;
      } else if (child.nodeType === 1) {
        const [t, l, n] = walk(child as Element, inside);
        text += t;
        linked += l;
        links += n;
      }
    }
    if (links >= 3 && text > 0 && linked / text > 0.8 && CONTAINERS.has(element.tagName) && element !== root) {
      doomed.length = before; // the outermost list goes whole
      doomed.push(element);
    }
    return [text, linked, links];
  };
  walk(root, false);
  for (const element of doomed) {
    const title = element.previousElementSibling;
    if (title && TOC_TITLE.test((title.textContent ?? '').trim()) && (title.textContent ?? '').length < 60) title.remove();
    element.remove();
  }
  return doomed.length;
}

function withoutHash(url: string): string {
  const hash = url.indexOf('#');
  return hash < 0 ? url : url.slice(0, hash);
}

/**
 * Remove each block (one holding no other block) whose text repeats an earlier block's. Product pages
 * render the same description, feature list or spec table once per variant, viewport or tab, hidden by
 * scripts and styles we do not run; a reader sees it once. Returns how many went.
 */
export function dropRepeatedBlocks(root: Element): number {
  const seen = new Set<string>();
  const doomed: Element[] = [];
  // Returns whether the subtree holds a block; blocks are judged bottom-up, in document order.
  const walk = (element: Element): boolean => {
    let hasBlock = false;
    for (let child = element.firstElementChild; child; child = child.nextElementSibling) {
      if (walk(child)) hasBlock = true;
    }
    if (!BLOCK.has(element.tagName)) return hasBlock;
    if (!hasBlock && element !== root) {
      const key = collapse(element.textContent ?? '').toLowerCase();
      if (key && seen.has(key)) doomed.push(element);
      else if (key) seen.add(key);
    }
    return true;
  };
  walk(root);
  for (const element of doomed) element.remove();
  return doomed.length;
}

/**
 * The furniture forum software prints around each post, each as a paragraph of its own: vote and like
 * counts, post numbers, the poster's post count and join date, edit notes, reply and quote buttons, a
 * quote's expander, the calls to sign in or ask under a thread. Alone in a paragraph, none is a line a
 * poster wrote.
 */
const POST_FURNITURE = new RegExp([
  /^[#+-]?\d[\d,.]*[km]?$/, // a vote or like count, a post number
  /^\d[\d,.]*[km]?\s*(likes?|repl(y|ies)|posts?|votes?|points?|answers?|helpful votes?|(silver|bronze|gold) badges?)$/,
  /^(posts|messages|reputation|joined|registered|likes received|trophy points|best answers|points|location)\s*:\s*[\d,./-]*$/,
  /^(reply( with quote)?|quote|multi-?quote|report|share|like|permalink|add a comment \|?|ask question|explore related questions|start asking to get answers|sorted by: reset to default|see similar questions with these tags\.?)$/,
  /^(click to (expand|shrink)|jump to latest|go to topic listing|recommended posts|featured replies|similar threads|print view|post reply|sort by( date| votes)*)\W*$/,
  /^(create an account or sign in to comment|register a new account|sign in now|already have an account\? sign in here\.)$/,
  /^last edited\b.{0,60}$|\(see edit history\)$/,
].map((pattern) => pattern.source).join('|'), 'i');

/** The poster's statistics as forum software lists them, a label (<dt>) and its value (<dd>). */
const POSTER_STAT = /^(joined|registered|member since|messages|posts|reaction score|likes received|trophy points|points|solutions|best answers|reputation|location)\s*:?$/i;

/**
 * Remove post furniture from a discussion's body (paragraphs outside tables and code: a leaf block, or a
 * run of inline content between the blocks of its parent, as the text reads them); returns how many.
 */
export function dropPostFurniture(root: Element): number {
  return dropParagraphs(root, (text) => POST_FURNITURE.test(text), (element, doomed) => {
    if (element.tagName !== 'DT' || !POSTER_STAT.test((element.textContent ?? '').trim())) return;
    doomed.push(element);
    if (element.nextElementSibling?.tagName === 'DD') doomed.push(element.nextElementSibling);
  });
}

/**
 * Lines of a page's interface that stand alone in a paragraph: the labels of a shop's controls drawn as
 * links ("Add to cart", "Quick view", "Compare") and of a listing's sort and filter bar ("Sort by: Newest",
 * "Filters"), the marks of ad slots ("Advertisement"), a skip link, a loading placeholder, a reading-time
 * estimate, a caption toggle, and the site's copyright line. None is a sentence the page's author wrote,
 * and alone in a paragraph none is part of one. So with a template's placeholder text ("Lorem ipsum dolor
 * sit amet..."), left in a block the page never filled: typesetters' dummy Latin, not the page's words.
 */
const INTERFACE_LINE = new RegExp([
  /^(add to (cart|bag|basket|compare|wish ?list|favou?rites|watchlist)|quick (view|shop|add)|(choose|select) options|view (full )?details|shop now|buy now|more info|notify me|compare)\W*$/,
  /^(advertisements?|sponsored|story continues below advertisement|(advertisement\W+)?continue reading below)\W*$/,
  /^(skip to (main )?(content|navigation)|loading(\.\.\.|…)?|\d+\s*min(ute)?s?\.? read|toggle caption)\W*$/,
  /^(sort( by)?\s*:?(\s*(featured|best selling|relevance|newest|price.{0,20}|most popular|top rated|date.{0,12}|name.{0,10}|alphabetically.{0,10}))?|filters?|filter by|refine by|view as)\W*$/,
  /^((copyright\s*)?(©|\(c\))\s*(\d{4}|copyright)|copyright \d{4}\b).{0,200}$/,
  /^.{0,200}\ball rights reserved\W*$/,
  /^lorem ipsum\b.*$/,
].map((pattern) => pattern.source).join('|'), 'i');

/** Remove the interface lines (see INTERFACE_LINE) from a body's paragraphs; returns how many. */
export function dropInterfaceLines(root: Element): number {
  return dropParagraphs(root, (text) => INTERFACE_LINE.test(text));
}

/**
 * Remove the paragraphs of `root` whose text `matches` (outside tables and code: a leaf block, or a run
 * of inline content between the blocks of its parent, as the text reads them), and any leaf block
 * `alsoDrop` adds; returns how many went.
 */
function dropParagraphs(root: Element, matches: (text: string) => boolean, alsoDrop?: (element: Element, doomed: Node[]) => void): number {
  const doomed: Node[] = [];
  const isFurniture = (text: string): boolean => matches(collapse(text));
  // Returns whether the subtree holds a block.
  const walk = (element: Element): boolean => {
    if (element.tagName === 'TABLE' || element.tagName === 'PRE') return true;
    let hasBlock = false;
    let run: Node[] = [];
    const endRun = (): void => {
      if (run.length > 0 && isFurniture(run.map(inlineText).join(''))) doomed.push(...run);
      run = [];
    };
    for (let child = element.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === 1 && walk(child as Element)) {
        hasBlock = true;
        endRun();
      } else if (child.nodeType === 1 || child.nodeType === 3) {
        run.push(child);
      }
    }
    if (hasBlock) endRun();
    if (!BLOCK.has(element.tagName)) return hasBlock;
    if (!hasBlock && element !== root) {
      if (isFurniture(element.textContent ?? '')) doomed.push(element);
      else alsoDrop?.(element, doomed);
    }
    return true;
  };
  walk(root);
  for (const node of doomed) node.parentNode?.removeChild(node);
  return doomed.length;
}

/** The text an inline node adds to its paragraph: none from controls, scripts and hidden elements. */
function inlineText(node: Node): string {
  if (node.nodeType === 3) return (node as Text).data;
  const element = node as Element;
  return SKIP.has(element.tagName) || isHidden(element) ? '' : element.textContent ?? '';
}

/**
 * How many times in a row a line must be printed to be a loop, not a reader's text: a ticker or marquee
 * clones its line to fill the strip it scrolls. A reader's list seldom says the same thing twice
 * running, let alone eight times.
 */
const MARQUEE_REPEATS = 8;
/** A line a ticker loops is a call to action or a slogan of a few words, not a sentence. */
const LOOPED_WORDS = { min: 2, max: 6 };
const SENTENCE_END = /[.!?…:;]["'’”)]*$/u;
/** A paragraph that is one phrase printed MARQUEE_REPEATS times or more (the phrase is tested as a looped line). */
const LOOPED_PHRASE = new RegExp(`^(.{2,60}?)(?:\\s*\\1){${MARQUEE_REPEATS - 1},}$`, 'su');
/** Longer paragraphs are not tested for a looped phrase: a marquee's strip is short. */
const LOOP_TEST_LENGTH = 3000;

/**
 * Remove the loops of a ticker or marquee: a run of MARQUEE_REPEATS or more leaf blocks in a row that say
 * the same short line, and a leaf block that repeats one such line over and over. Returns how many went.
 */
export function dropMarquees(root: Element): number {
  const leaves: Array<{ element: Element; text: string }> = [];
  // Returns whether the subtree holds a block.
  const walk = (element: Element): boolean => {
    if (SKIP.has(element.tagName) || element.tagName === 'PRE' || element.tagName === 'TABLE') return BLOCK.has(element.tagName);
    let hasBlock = false;
    for (let child = element.firstElementChild; child; child = child.nextElementSibling) {
      if (walk(child)) hasBlock = true;
    }
    if (!BLOCK.has(element.tagName)) return hasBlock;
    if (!hasBlock && element !== root) {
      const text = collapse(element.textContent ?? '');
      if (text) leaves.push({ element, text });
    }
    return true;
  };
  walk(root);
  const doomed: Element[] = [];
  for (let i = 0; i < leaves.length;) {
    let j = i + 1;
    while (j < leaves.length && leaves[j]!.text === leaves[i]!.text) j += 1;
    if (j - i >= MARQUEE_REPEATS && isLoopedLine(leaves[i]!.text)) {
      for (let k = i; k < j; k += 1) doomed.push(leaves[k]!.element);
    } else {
      for (let k = i; k < j; k += 1) if (isLoopedPhrase(leaves[k]!.text)) doomed.push(leaves[k]!.element);
    }
    i = j;
  }
  for (const element of doomed) element.remove();
  return doomed.length;
}

function isLoopedLine(line: string): boolean {
  const words = countWords(line);
  return words >= LOOPED_WORDS.min && words <= LOOPED_WORDS.max && !SENTENCE_END.test(line.trim());
}

function isLoopedPhrase(text: string): boolean {
  if (text.length > LOOP_TEST_LENGTH) return false;
  const match = LOOPED_PHRASE.exec(text);
  return match !== null && isLoopedLine(match[1]!);
}

/** Fewer words than this, a repeat can be a reader's line (a spec, a label, a card's price), not a copy. */
const MIN_REPEATED_SECTION_WORDS = 20;

/**
 * Remove each section (an element holding blocks) whose text repeats an earlier section's, word for word,
 * at some length. Site builders render a landing page's sections once per breakpoint, and carousels clone
 * their slides to loop; a reader sees each once. Returns how many went.
 */
export function dropRepeatedSections(root: Element): number {
  // A copy carries its heading: without a heading printed twice there is nothing to look for, and most
  // bodies are spared building every element's text.
  const headings = new Set<string>();
  let repeated = false;
  for (const heading of elementsWhere(root, (element) => /^H[1-6]$/.test(element.tagName))) {
    const text = collapse(heading.textContent ?? '').toLowerCase();
    if (headings.has(text)) {
      repeated = true;
      break;
    }
    headings.add(text);
  }
  if (!repeated) return 0;
  const keys = new Map<Element, string>();
  // Bottom-up: a section's text from its children's. A copy carries its heading; a run without one (a
  // plan's features, a card's swatches) and code a page may well show twice on purpose.
  const textOf = (element: Element): Section => {
    const section: Section = { text: '', block: false, heading: /^H[1-6]$/.test(element.tagName), code: element.tagName === 'PRE' };
    for (let child = element.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === 3) section.text += child.nodeValue ?? '';
      else if (child.nodeType === 1 && !SKIP.has((child as Element).tagName)) {
        const inner = textOf(child as Element);
        const isBlock = inner.block || BLOCK.has((child as Element).tagName);
        section.block ||= isBlock;
        section.heading ||= inner.heading;
        section.code ||= inner.code;
        section.text += isBlock ? ` ${inner.text} ` : inner.text;
      }
    }
    section.text = collapse(section.text);
    if (section.block && section.heading && !section.code && countWords(section.text) >= MIN_REPEATED_SECTION_WORDS) {
      keys.set(element, section.text.toLowerCase());
    }
    return section;
  };
  textOf(root);
  const seen = new Set<string>();
  const doomed: Element[] = [];
  // Top-down, so a repeated section goes whole; a wrapper reads as its only child, not as a repeat of it.
  const walk = (element: Element, parentKey: string | undefined): void => {
    const key = keys.get(element);
    if (key !== undefined && key !== parentKey && element !== root) {
      if (seen.has(key)) {
        doomed.push(element);
        return;
      }
      seen.add(key);
    }
    for (let child = element.firstElementChild; child; child = child.nextElementSibling) walk(child, key ?? parentKey);
  };
  walk(root, undefined);
  for (const element of doomed) element.remove();
  return doomed.length;
}

interface Section { text: string; block: boolean; heading: boolean; code: boolean }

/** Longest a teaser card runs (words): a headline and a blurb, where a section of the text runs longer. */
const TEASER_WORDS = 120;
/** Fewest cards that make a rail of teasers; one or two linked headings can be the text's own. */
const MIN_RAIL_CARDS = 3;
/** Most of the body a rail may hold: beyond it the run of cards is the page's own list (a listicle, an index). */
const RAIL_SHARE = 0.5;
/** Text after a rail that does not stop it from closing the body: a label, a date, a stray link. */
const RAIL_TAIL_WORDS = 15;
/** Longest title of a rail (words): "More stories", "Also in the news", "Good articles to read together". */
const RAIL_TITLE_WORDS = 8;

/**
 * Cut the rail of teasers that closes an article's body: the cards of other stories a site appends after
 * the text ("Also in the news", "Recent posts"), which Readability takes in when they share the text's
 * container. A card is another story's headline as a link with a short blurb, or an excerpt in an <article>
 * of its own where `storyPage` (typed as an article) says the page is one story; a list of bare links is not a card,
 * as pages list their sources and further reading so. A rail is a run of at least MIN_RAIL_CARDS cards
 * (in rows too) with nothing but a few words after it, and at most RAIL_SHARE of the body. A short title
 * just before the rail goes with it. Returns whether it cut.
 */
export function dropTrailingTeasers(root: Element, storyPage: boolean): boolean {
  const total = countWords(root.textContent ?? '');
  if (total === 0) return false;
  const words = new Map<Element, number>();
  const wordsOf = (element: Element): number => {
    let count = words.get(element);
    if (count === undefined) {
      count = countWords(element.textContent ?? '');
      words.set(element, count);
    }
    return count;
  };
  // Cards a block holds when it is a card or a group of cards (rows of a grid), else -1.
  const cardsIn = (element: Element): number => {
    if (wordsOf(element) === 0) return 0;
    if (isTeaserCard(element, wordsOf(element), storyPage)) return 1;
    let cards = 0;
    let children = 0;
    for (let child = element.firstElementChild; child; child = child.nextElementSibling) {
      const inner = cardsIn(child);
      if (inner < 0) return -1;
      cards += inner;
      children += 1;
    }
    return children > 0 && cards > 0 ? cards : -1;
  };
  let parent: Element = root;
  for (;;) {
    // The run of card blocks that ends `parent`, a few trailing words aside.
    const run: Element[] = [];
    let cards = 0;
    let tail = 0;
    let last: Element | null = null;
    for (let child = parent.lastElementChild; child; child = child.previousElementSibling) {
      const count = wordsOf(child);
      const inner = cardsIn(child);
      if (run.length === 0 && inner < 0 && count > 0 && tail + count <= RAIL_TAIL_WORDS) {
        tail += count;
        continue;
      }
      if (inner < 0) {
        last = child;
        break;
      }
      run.push(child);
      cards += inner;
    }
    const railWords = run.reduce((sum, element) => sum + wordsOf(element), 0);
    if (cards >= MIN_RAIL_CARDS && railWords <= total * RAIL_SHARE) {
      for (const element of run) element.remove();
      if (last && wordsOf(last) <= RAIL_TITLE_WORDS && !last.querySelector('img, picture, video')) last.remove();
      return true;
    }
    // Not here: the body's end may be deeper, in the last block that holds text.
    if (!last || run.length > 0 || cards > 0) return false;
    parent = last;
  }
}

const TEASER_HEADING = /^H[2-6]$/;
/** The end of an excerpt a listing cuts short. */
const EXCERPT_END = /(?:\.\.\.|…)\s*$/;

/**
 * A teaser card: another story's headline linked to it, with a short blurb, or on a page typed as a story an
 * <article> of its own that ends in an excerpt cut short ("..."). Forum software puts each post in an
 * <article> too, and some threads type themselves as articles: a post is not cut short. A heading that
 * links within the page (an accordion's toggle, a permalink) is the text's own.
 */
function isTeaserCard(element: Element, words: number, storyPage: boolean): boolean {
  if (words > TEASER_WORDS) return false;
  if (element.tagName === 'ARTICLE') return storyPage && EXCERPT_END.test(element.textContent ?? '');
  // One headline that is a link as a whole (a heading with a link in its words is the text's own); a row
  // of two short cards holds two, and is read as a group of cards.
  const headings = TEASER_HEADING.test(element.tagName) ? [element] : element.querySelectorAll('h2, h3, h4, h5, h6');
  let linked = 0;
  for (const heading of headings) {
    const link = heading.parentElement?.closest('a') ?? heading.getElementsByTagName('a')[0];
    if (!link || !linksElsewhere(link.getAttribute('href'))) continue;
    if (link.contains(heading) || countWords(link.textContent ?? '') >= 0.8 * countWords(heading.textContent ?? '')) linked += 1;
  }
  return linked === 1;
}

function linksElsewhere(href: string | null): boolean {
  return href !== null && href !== '' && !href.startsWith('#') && !/^javascript:/i.test(href);
}
