/** Plain text from a DOM subtree: paragraphs separated by blank lines, whitespace collapsed inside them. */

export const BLOCK = new Set([
  'P', 'DIV', 'SECTION', 'ARTICLE', 'MAIN', 'HEADER', 'FOOTER', 'ASIDE', 'NAV', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6',
  'UL', 'OL', 'LI', 'DL', 'DT', 'DD', 'BLOCKQUOTE', 'PRE', 'TABLE', 'THEAD', 'TBODY', 'TFOOT', 'TR', 'FIGURE',
  'FIGCAPTION', 'ADDRESS', 'DETAILS', 'SUMMARY', 'FORM', 'FIELDSET', 'HR', 'CAPTION', 'CENTER', 'OPTION',
]);
export const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'svg', 'IFRAME', 'OBJECT', 'EMBED', 'SELECT', 'BUTTON', 'INPUT', 'TEXTAREA']);

const TEXT_NODE = 3;
const ELEMENT_NODE = 1;

/** True for elements the page hides from readers by markup alone (no CSS engine needed). */
export function isHidden(element: Element): boolean {
  // A popover (the HTML attribute) stays hidden until a control opens it.
  if (element.hasAttribute('hidden') || element.hasAttribute('popover')) return true;
  if (element.getAttribute('aria-hidden') === 'true' && !isRedundantLink(element)) return true;
  const style = element.getAttribute('style');
  return style !== null && /display\s*:\s*none|visibility\s*:\s*hidden/i.test(style);
}

/**
 * A link hidden from assistive technology and taken out of the tab order: the redundant second link of a
 * teaser card (its blurb or picture, beside the headline link), hidden from screen readers only.
 */
export function isRedundantLink(element: Element): boolean {
  return element.localName === 'a' && element.getAttribute('tabindex') === '-1';
}

/** An inline style that hides its element (a closed panel, or content waiting for a script). */
export const STYLE_HIDDEN = /display\s*:\s*none/i;
const DISPLAY_NONE = /display\s*:\s*none\s*(?:!important)?\s*;?/gi;

/** Show an element its inline style hides (`display: none`), as the script that would show it does. */
export function showStyleHidden(element: Element): void {
  const style = element.getAttribute('style');
  if (style) element.setAttribute('style', style.replace(DISPLAY_NONE, ''));
}

/** What JSON is made of once its strings are taken out: numbers, literals and punctuation. */
const JSON_STRING = /"(?:[^"\\]|\\.)*"/g;
const JSON_REST = /^(?:[\s\d.,:{}[\]+-]|true|false|null|e|E)*$/;

/**
 * A paragraph that is a JSON document: the state or settings a script reads from the page (a widget's
 * configuration in a hidden block), never prose. Starts and ends as an object or array, has a
 * `"key":` pair, and holds nothing but strings, numbers and punctuation.
 */
export function isJsonShaped(text: string): boolean {
  const first = text[0];
  const last = text[text.length - 1];
  if (!(first === '{' && last === '}' || first === '[' && last === ']') || !text.includes('":')) return false;
  return JSON_REST.test(text.replace(JSON_STRING, ''));
}

/** Code blocks: JSON there is an example the page shows, not a script's data. */
const CODE = new Set(['PRE', 'CODE']);

/** Text of `root` with block boundaries as blank lines; a JSON document left in the page is not text. */
export function blockText(root: Node): string {
  const paragraphs: string[] = [];
  let current = '';
  // Inside a code block, and whether the paragraph being gathered holds text from one.
  let inCode = 0;
  let codeText = false;
  const flush = (): void => {
    const text = current.replace(/\s+/g, ' ').trim();
    if (text && (codeText || !isJsonShaped(text))) paragraphs.push(text);
    current = '';
    codeText = false;
  };
  const visit = (node: Node): void => {
    for (let child = node.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === TEXT_NODE) {
        current += (child as Text).data;
        if (inCode > 0) codeText = true;
        continue;
      }
      if (child.nodeType !== ELEMENT_NODE) continue;
      const element = child as Element;
      const tag = element.tagName;
      if (SKIP.has(tag) || isHidden(element)) continue;
      if (tag === 'BR') {
        current += '\n';
        continue;
      }
      if (tag === 'TD' || tag === 'TH') {
        current += ' ';
        visit(element);
        current += ' ';
        continue;
      }
      const code = CODE.has(tag);
      if (code) inCode += 1;
      if (BLOCK.has(tag)) {
        flush();
        visit(element);
        flush();
      } else {
        visit(element);
      }
      if (code) inCode -= 1;
    }
  };
  visit(root);
  flush();
  return paragraphs.join('\n\n');
}

/**
 * Descendants of `root` (not `root` itself) that pass `test`, in document order, as a static list: what
 * `querySelectorAll` returns, in one walk. jsdom's selector engine matches every element against every
 * selector of a list and lowercases attribute values for `i` matches; on a whole page a walk testing
 * tag names and attributes directly is several times cheaper.
 */
export function elementsWhere(root: ParentNode, test: (element: Element) => boolean): Element[] {
  const found: Element[] = [];
  const visit = (parent: ParentNode): void => {
    for (let element = parent.firstElementChild; element; element = element.nextElementSibling) {
      if (test(element)) found.push(element);
      if (element.firstElementChild) visit(element);
    }
  };
  visit(root);
  return found;
}

/** Number of words in a text, counted as the evaluation and most readers do (runs of letters/digits). */
export function countWords(text: string): number {
  // The candidates' texts are counted again by each rule that weighs them: the last few counts are kept.
  const known = COUNTED.indexOf(text);
  if (known >= 0) return COUNTS[known]!;
  const matches = text.match(WORD_RUNS);
  const count = matches ? matches.length : 0;
  if (text.length >= MEMO_LENGTH) {
    COUNTED[next] = text;
    COUNTS[next] = count;
    next = (next + 1) % COUNTED.length;
  }
  return count;
}

const WORD_RUNS = /[\p{L}\p{N}_]+/gu;
/** Shorter texts are counted afresh: cheaper than looking them up. */
const MEMO_LENGTH = 200;
const COUNTED: string[] = ['', '', '', ''];
const COUNTS: number[] = [0, 0, 0, 0];
let next = 0;

/** Whether `text` holds at least `least` words, read only as far as it takes to tell. */
export function hasWords(text: string, least: number): boolean {
  if (least <= 0) return true;
  const runs = new RegExp(WORD_RUNS.source, 'gu');
  let found = 0;
  while (runs.exec(text) !== null) if (++found >= least) return true;
  return false;
}

/** A heading that is or holds a link: a teaser's headline, linking to its story. */
export function isLinkedHeading(heading: Element): boolean {
  return heading.getElementsByTagName('a').length > 0 || heading.parentElement?.closest('a') != null;
}
