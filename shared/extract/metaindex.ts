/**
 * The metadata readers' view of a page, read in one walk. jsdom matches a selector such as
 * `[class*="byline" i]` by testing it on every element of the document, so each whole-document query
 * costs a walk of the tree; the readers asked some twenty of them per page. Here the tree is walked
 * once, the few attributes the readers look at are read from each element, and every lookup is a test
 * written over those facts. Each test sits beside the CSS selector it stands for, and the unit tests
 * hold the two equal on every element of the fixture pages. Results keep document order. The index is a
 * snapshot: it holds while nothing edits the page, as during readMetadata and the furniture scan; the
 * region lookup, after furniture is removed, passes over the elements that have left the page.
 */

/** A CSS selector and the same test over an element's facts; the index runs the test. */
export interface Selector {
  readonly css: string;
  readonly test: (facts: ElementFacts) => boolean;
}

/** Shorthand for a Selector. */
export function selector(css: string, test: (facts: ElementFacts) => boolean): Selector {
  return { css, test };
}

/** ASCII whitespace, which separates the tokens of `class`, `rel` and `[attr~=value]`. */
const TOKEN_SEPARATOR = /[\t\n\f\r ]+/;
const XHTML = 'http://www.w3.org/1999/xhtml';

/** `[attr~="token"]`: one of the whitespace-separated words of the value. */
export function hasToken(value: string | null, token: string): boolean {
  return value !== null && value.split(TOKEN_SEPARATOR).includes(token);
}

/** The case folding of CSS's `i` flag and of quirks-mode class names: ASCII letters only. */
export function asciiLower(text: string): string {
  return /[A-Z]/.test(text) ? text.replace(/[A-Z]+/g, (letters) => letters.toLowerCase()) : text;
}

/** The attributes the readers look at, as the element states them (null when absent). */
export class ElementFacts {
  readonly element: Element;
  readonly parent: ElementFacts | null;
  /** The position of the element in document order, and the position after its last descendant. */
  readonly order: number;
  end: number;
  /** localName: a lower-case type selector matches it in any namespace. */
  readonly tag: string;
  readonly classAttr: string | null = null;
  readonly id: string | null = null;
  readonly itemprop: string | null = null;
  readonly itemtype: string | null = null;
  readonly rel: string | null = null;
  readonly role: string | null = null;
  readonly type: string | null = null;
  readonly href: boolean = false;
  readonly pubdate: boolean = false;
  readonly dataAuthor: boolean = false;
  readonly hidden: boolean = false;
  readonly popover: boolean = false;
  readonly ariaHidden: string | null = null;
  readonly ariaModal: string | null = null;
  /** aria-controls, kept only beside aria-expanded: a disclosure's control naming the panel it opens. */
  readonly disclosureControls: string | null = null;
  readonly dataPaywall: boolean = false;
  readonly style: string | null = null;
  private readonly quirks: boolean;
  private lowerClass: string | null | undefined;
  private classTokens: string[] | undefined;

  // No parameter properties: the extraction worker runs this file under Node's type stripping.
  constructor(element: Element, parent: ElementFacts | null, order: number, quirks: boolean) {
    this.element = element;
    this.parent = parent;
    this.order = order;
    this.end = order + 1;
    this.quirks = quirks;
    this.tag = element.localName;
    if (!element.hasAttributes()) return;
    for (const name of element.getAttributeNames()) {
      switch (name) {
        case 'class': this.classAttr = element.getAttribute(name); break;
        case 'id': this.id = element.getAttribute(name); break;
        case 'itemprop': this.itemprop = element.getAttribute(name); break;
        case 'itemtype': this.itemtype = element.getAttribute(name); break;
        case 'rel': this.rel = element.getAttribute(name); break;
        case 'role': this.role = element.getAttribute(name); break;
        case 'type': this.type = element.getAttribute(name); break;
        case 'href': this.href = true; break;
        case 'pubdate': this.pubdate = true; break;
        case 'data-author': case 'data-author-username': this.dataAuthor = true; break;
        case 'hidden': this.hidden = true; break;
        case 'popover': this.popover = true; break;
        case 'aria-hidden': this.ariaHidden = element.getAttribute(name); break;
        case 'aria-modal': this.ariaModal = element.getAttribute(name); break;
        case 'aria-controls': if (element.hasAttribute('aria-expanded')) this.disclosureControls = element.getAttribute(name); break;
        case 'data-paywall': this.dataPaywall = true; break;
        case 'style': this.style = element.getAttribute(name); break;
        default: break;
      }
    }
  }

  /** The class attribute folded as `[class*="x" i]` compares it. */
  get cls(): string | null {
    if (this.lowerClass === undefined) this.lowerClass = this.classAttr === null ? null : asciiLower(this.classAttr);
    return this.lowerClass;
  }

  /** `[class*="x" i]`: `part` is lower case. */
  classHas(part: string): boolean {
    return this.cls?.includes(part) ?? false;
  }

  /** `.name`: a class token, compared without ASCII case in quirks mode, as browsers do. */
  hasClass(name: string): boolean {
    if (this.classAttr === null) return false;
    this.classTokens ??= (this.quirks ? this.cls! : this.classAttr).split(TOKEN_SEPARATOR);
    return this.classTokens.includes(this.quirks ? asciiLower(name) : name);
  }

  /** `#name`: the id, compared without ASCII case in quirks mode, as browsers do. */
  hasId(name: string): boolean {
    if (this.id === null) return false;
    return this.quirks ? asciiLower(this.id) === asciiLower(name) : this.id === name;
  }

  /**
   * The rel attribute as `[rel...]` compares it: without ASCII case under the `i` flag, and on an HTML
   * element also without it (rel is one of HTML's case-insensitive attributes).
   */
  relFolded(flagI: boolean): string | null {
    if (this.rel === null) return null;
    return flagI || this.element.namespaceURI === XHTML ? asciiLower(this.rel) : this.rel;
  }

  /** True when an element above this one (not itself) passes `test`. */
  hasAncestor(test: (facts: ElementFacts) => boolean): boolean {
    for (let up = this.parent; up; up = up.parent) if (test(up)) return true;
    return false;
  }
}

/** Every element of a page with its facts, in document order. */
export class PageIndex {
  readonly elements: ElementFacts[] = [];
  private readonly byElement = new Map<Element, ElementFacts>();
  private readonly withinMemo = new Map<Selector, Map<ElementFacts, boolean>>();
  readonly document: Document;

  constructor(document: Document) {
    this.document = document;
    const root = document.documentElement;
    if (!root) return;
    const quirks = document.compatMode === 'BackCompat';
    // Preorder without recursion: a malformed page can nest deeper than the stack.
    let parent: ElementFacts | null = null;
    let element: Element | null = root;
    while (element) {
      const facts: ElementFacts = new ElementFacts(element, parent, this.elements.length, quirks);
      this.elements.push(facts);
      this.byElement.set(element, facts);
      const child: Element | null = element.firstElementChild;
      if (child) {
        parent = facts;
        element = child;
        continue;
      }
      element = null;
      for (let done: ElementFacts | null = facts; done; done = done.parent) {
        done.end = this.elements.length;
        const next = done.order === 0 ? null : done.element.nextElementSibling;
        if (next) {
          parent = done.parent;
          element = next;
          break;
        }
      }
    }
  }

  /** The facts of `element`, if the index holds it. */
  factsOf(element: Element): ElementFacts | null {
    return this.byElement.get(element) ?? null;
  }

  /** `querySelector`: the first match in document order, below `scope` when given. */
  first(query: Selector, scope?: ElementFacts): ElementFacts | null {
    const end = scope ? scope.end : this.elements.length;
    for (let i = scope ? scope.order + 1 : 0; i < end; i += 1) {
      const facts = this.elements[i]!;
      if (query.test(facts)) return facts;
    }
    return null;
  }

  /** `querySelectorAll`: every match in document order, below `scope` when given. */
  all(query: Selector, scope?: ElementFacts): ElementFacts[] {
    const found: ElementFacts[] = [];
    const end = scope ? scope.end : this.elements.length;
    for (let i = scope ? scope.order + 1 : 0; i < end; i += 1) {
      const facts = this.elements[i]!;
      if (query.test(facts)) found.push(facts);
    }
    return found;
  }

  /**
   * True when the element sits inside page furniture matching `query` (comments, asides, footers...).
   * A match on <body> or <html> does not count: sites put page-type classes such as "comments-page" there.
   */
  within(element: Element, query: Selector): boolean {
    const start = this.byElement.get(element);
    if (!start) return withinSelector(element, query.css);
    let memo = this.withinMemo.get(query);
    if (!memo) this.withinMemo.set(query, (memo = new Map()));
    // The nearest match decides, as closest() finds it; what is learnt holds for every element passed on the way.
    const passed: ElementFacts[] = [];
    let inside = false;
    for (let facts: ElementFacts | null = start; facts; facts = facts.parent) {
      const known = memo.get(facts);
      if (known !== undefined) {
        inside = known;
        break;
      }
      passed.push(facts);
      if (query.test(facts)) {
        inside = facts.element.tagName !== 'BODY' && facts.element.tagName !== 'HTML';
        break;
      }
    }
    for (const facts of passed) memo.set(facts, inside);
    return inside;
  }
}

/** within() for an element the index does not hold, by the selector itself. */
function withinSelector(node: Element, css: string): boolean {
  const hit = node.closest(css);
  return hit !== null && hit.tagName !== 'BODY' && hit.tagName !== 'HTML';
}
