/**
 * Pre-cleaning of page furniture Readability tends to keep: consent banners, newsletter and
 * reader-revenue boxes, share bars, related-article rails, comment sections. An element is removed only
 * when it is a small part of the page, so a wrapper that happens to carry such a class survives.
 *
 * Elements are classified in one pass, matching id and class against a few regular expressions
 * (attribute-substring CSS selectors cost far more in jsdom), over the page index the metadata readers
 * built when the page has not changed since.
 */

import { collapse } from './metahelpers.ts';
import type { ElementFacts, PageIndex } from './metaindex.ts';
import { countWords, isLinkedHeading, isRedundantLink, showStyleHidden, STYLE_HIDDEN } from './text.ts';

const BOILERPLATE = /cookie|consent|gdpr|newsletter|subscribe|signup|share|sharing|social|related|recommended|read-?more|more-stories|also-read|popular|trending|comments|comment-?list|wpdiscuz|\brespond\b|disqus|contribution|donat|advert|ad-slot|ad-container|promo|banner|breadcrumb|skip-link|sr-only|visually-hidden/i;
const CONSENT = /cookie|consent|gdpr|onetrust|^sp_message|\bcmp-/i;
const PAYWALL = /paywall|subscriber-only|premium-content|metered|piano-|regwall|tp-modal/i;
const COMMENTS = /comment|disqus/i;
/**
 * The reader-comment area of a blog or news page as comment systems name it (WordPress, Disqus,
 * wpDiscuz and the like), matched on whole class or id words.
 */
const COMMENT_SECTION = /(?:^|\s)(?:comments|comment-list|commentlist|comments-(?:area|section|wrapper|container|list)|entry-comments|article-comments|post-comments|disqus_thread|wpdiscuz\S*|respond|comment-respond)(?:\s|$)/i;

/**
 * Comment areas as blog and news comment systems name them (WordPress, Disqus, wpDiscuz), never forums.
 * Themes join the words with a hyphen, an underscore or nothing ("comment-list", "comments_list").
 */
const ARTICLE_COMMENTS = /(?:^|\s)(?:entry[-_]comments|comments?[-_]?list|comments[-_]area|article[-_]comments|disqus_thread|wpdiscuz\S*|comment[-_]respond)(?:\s|$)/i;

/**
 * The utility classes of CSS frameworks and shop themes that hide an element (Bootstrap's "d-none" and
 * "hide", Tailwind's and many themes' "hidden"): a script shows it, or never does (a variant's data, a
 * pop-up's contents). A responsive class beside it ("md:block", "d-lg-flex") shows it on wider screens.
 */
const HIDDEN_CLASS = /(?:^|\s)(?:hidden|hide|d-none|is-hidden)(?:\s|$)/i;
const SHOWN_ON_WIDE_SCREENS = /(?:^|\s)(?:(?:sm|md|lg|xl|2xl):(?:block|flex|grid|inline|inline-block|inline-flex|table|contents)|d-(?:sm|md|lg|xl|xxl)-(?:block|flex|grid|inline|inline-block|inline-flex|table))(?:\s|$)/i;
/**
 * What shops wrap around a product's own description, named as shop themes and review widgets name it:
 * customer reviews and ratings, customer questions, "you may also like" and upsell rails and carousels,
 * pop-up, drawer, popover and tooltip panels (size charts, cart, policies, a delivery estimate's small
 * print, closed until a reader opens them), legal small print. On other pages the same words can name the content (a
 * review article, a legal page), so these go only from pages that say they show one product.
 */
const PRODUCT_FURNITURE = /(?<!p)review|recommend|popover|tooltip|upsell|cross-?sell|modal|popup|drawer|disclaimer|legal|carousel|questions/i;
/**
 * The filter panels of a shop's category and search pages (brands, price bands, sizes, each a checkbox),
 * named as shop themes name them. A filter panel narrows the grid beside it and says nothing of its own.
 */
const FACETS = /facet|filter|refinement/i;
const PRODUCT_ITEMTYPE = /schema\.org\/(Product|ProductGroup|ProductModel|IndividualProduct)\b/i;
/** A post of a discussion: forum software (XenForo, NodeBB, Stack Exchange) marks each one so. */
const POST_ITEMTYPE = /schema\.org\/(DiscussionForumPosting|Comment)\b/i;
/**
 * The anchor forum software gives each post, named by its number in the board's database (phpBB
 * "p2169826", vBulletin "post_10465146", SMF "msg4175227"); blogs' "post-12" is left out, as it names
 * one article of a list.
 */
const POST_ID = /^(p|post_?|msg_?)\d{3,}$/i;

/** An element forum software marks as one post (see POST_ITEMTYPE and POST_ID). */
export function isPost(element: Element): boolean {
  return POST_ITEMTYPE.test(element.getAttribute('itemtype') ?? '') || POST_ID.test(element.id);
}

/**
 * What forum software prints under or beside each post that the poster did not write for this thread: the
 * signature (phpBB, vBulletin, XenForo, Invision name it so), a Q&A site's user card ("post-signature"),
 * the poster's rank ("userTitle": "Senior Member") and statistics ("userExtras": joined, messages).
 */
const POSTER_FURNITURE = /signature|user-?title|user-?extras/i;

export interface PageScan {
  /** Candidates for removal before Readability. */
  boilerplate: Element[];
  /** Furniture of a product page (reviews, recommendations, pop-ups, legal small print): removed only there. */
  productFurniture: Element[];
  /** Elements a CSS utility class hides (see HIDDEN_CLASS), tab panels aside: removed only from shops' pages. */
  classHidden: Element[];
  /** Filter panels of a category or search page (facets, refinements): removed only where the page is not an article or a product. */
  facets: Element[];
  /** Elements whose microdata says they describe a product (schema.org Product and kin). */
  productScopes: Element[];
  /** How many elements' microdata or forum post anchor says they are a discussion post or a comment. */
  posts: number;
  /** Posters' signatures, ranks and statistics (see POSTER_FURNITURE): removed only where the page is a discussion. */
  posterFurniture: Element[];
  /** Consent banners and walls (outermost only). */
  consent: Element[];
  /** Elements that look like a paywall prompt. */
  paywall: Element[];
}

/**
 * React's streamed server rendering sends content late, in hidden `<div hidden id="S:n">` segments (n
 * in hex) that a script moves into a placeholder: `<template id="P:n">` for a segment, `<template
 * id="B:n">` for a Suspense boundary. Without scripts the segments stay hidden, and on such pages they
 * are often the whole article.
 */
const STREAMED_CONTENT = /^S:[0-9a-f]+$/;

/**
 * Tab and accordion panels (the WAI-ARIA disclosure patterns) are hidden until a reader opens them, but
 * their text is the page's own: a service page's FAQ answers, a pricing tab, a feature list. A panel names
 * its tab or button in aria-labelledby, and that control names the panel back in aria-controls; the pair
 * is what sets a panel apart from other hidden furniture. Menus use the same pattern and stay hidden.
 */
const MENU_LABEL = /menu|nav|dropdown|drawer|modal|popup|popover|dialog|search|cookie|consent/i;

/** What the scan reads of an element, as the page index holds it (null: no such attribute). */
type ScanFacts = Pick<ElementFacts, 'element' | 'tag' | 'id' | 'classAttr' | 'itemtype' | 'hidden' | 'popover' | 'role' | 'ariaHidden' | 'ariaModal' | 'dataPaywall' | 'style' | 'disclosureControls'>;

/**
 * Classify the body's elements in one pass. Streamed React content is put where its script would put
 * it, and visible, first: it is the page's text, not hidden furniture. `index`, a page index taken since
 * the last edit of the page, answers without reading the DOM again; without one the body is walked.
 */
export function scanPage(document: Document, index?: PageIndex): PageScan {
  const scan: PageScan = { boilerplate: [], productFurniture: [], classHidden: [], facets: [], productScopes: [], posts: 0, posterFurniture: [], consent: [], paywall: [] };
  const body = document.body;
  if (!body) return scan;
  const reveals: Reveals = { streamed: [], disclosed: [], controlled: new Set(), buttons: [] };
  const root = index?.factsOf(body);
  if (index && root) {
    // Document order: an element's descendants are the next ones, up to its `end`.
    let consentEnd = -1;
    for (let i = root.order + 1; i < root.end;) {
      const facts = index.elements[i]!;
      if (skipped(facts)) {
        i = facts.end;
        continue;
      }
      const inConsent = i < consentEnd;
      if (classify(facts, inConsent, scan, reveals) && !inConsent) consentEnd = facts.end;
      i += 1;
    }
  } else {
    const visit = (parent: Element, inConsent: boolean): void => {
      for (let element = parent.firstElementChild; element; element = element.nextElementSibling) {
        const facts: ScanFacts = {
          element, tag: element.localName, id: element.getAttribute('id'), classAttr: element.getAttribute('class'), itemtype: element.getAttribute('itemtype'),
          hidden: element.hasAttribute('hidden'), popover: element.hasAttribute('popover'), role: element.getAttribute('role'), ariaHidden: element.getAttribute('aria-hidden'),
          ariaModal: element.getAttribute('aria-modal'), dataPaywall: element.hasAttribute('data-paywall'), style: element.getAttribute('style'),
          disclosureControls: element.hasAttribute('aria-expanded') ? element.getAttribute('aria-controls') : null,
        };
        if (!skipped(facts)) visit(element, classify(facts, inConsent, scan, reveals));
      }
    };
    visit(body, false);
  }
  for (const element of reveals.streamed) revealStreamed(document, element);
  for (const element of reveals.disclosed) revealPanel(element);
  for (const button of reveals.buttons) if (isDisclosureTitle(button)) readAsText(button);
  return scan;
}

/** Scripts, style sheets, templates and SVG: never furniture, and not entered. */
function skipped(facts: ScanFacts): boolean {
  // An HTML element's tagName is its upper-cased local name; a foreign <script> or <style> is not skipped.
  return facts.tag === 'svg' || (SKIPPED_HTML.has(facts.tag) && facts.element.tagName !== facts.tag);
}

const SKIPPED_HTML = new Set(['script', 'style', 'template']);

/** Hidden content the scan shows, and the ids of the panels that disclosure controls seen so far open. */
interface Reveals {
  streamed: Element[];
  disclosed: Element[];
  controlled: Set<string>;
  /** Every <button> outside a consent banner: the titles of disclosures among them are read as text. */
  buttons: Element[];
}

/** Sort one element into the scan; true when its descendants are inside a consent banner. */
function classify(facts: ScanFacts, inConsent: boolean, scan: PageScan, reveals: Reveals): boolean {
  const { element, hidden } = facts;
  const id = facts.id ?? '';
  const className = facts.classAttr ?? '';
  const label = id || className ? `${id} ${className}` : '';
  if (facts.tag === 'button' && !inConsent) reveals.buttons.push(element);
  if (hidden && STREAMED_CONTENT.test(id)) {
    reveals.streamed.push(element);
    return inConsent;
  }
  // The WAI-ARIA disclosure pattern: a button with aria-expanded names the panel it opens in aria-controls,
  // and the panel need not name it back. The control comes before its panel in the page.
  if (facts.disclosureControls && !MENU_LABEL.test(label)) {
    for (const controlled of facts.disclosureControls.trim().split(/\s+/)) reveals.controlled.add(controlled);
  }
  if ((hidden || facts.ariaHidden === 'true' || facts.style !== null && STYLE_HIDDEN.test(facts.style))
    && (isDisclosurePanel(element, label, facts.role)
      || !MENU_LABEL.test(label) && (wrapsDisclosurePanel(element) || isDetailsContent(element) || openedByControl(element, reveals.controlled) || answersQuestion(element)))
    // A collapsed panel kept in the layout (visibility: hidden, height animated from 0) is as closed as one
    // taken out of it, and is opened by the same controls.
    || facts.style !== null && VISIBILITY_HIDDEN.test(facts.style) && !MENU_LABEL.test(label)
      && (answersQuestion(element) || isDisclosurePanel(element, label, facts.role) || openedByControl(element, reveals.controlled))) {
    reveals.disclosed.push(element);
    return inConsent;
  }
  let consent = inConsent;
  // A popover (the HTML attribute) is hidden until a control opens it: a menu, a card, a prompt.
  const structural = (facts.tag === 'aside' && element.tagName === 'ASIDE') || (facts.tag === 'dialog' && closedDialog(element)) || hidden || facts.popover
    || facts.role === 'dialog'
    || facts.ariaModal === 'true' || facts.ariaHidden === 'true' && !isRedundantLink(element);
  if (structural || (label && namesBoilerplate(label))) scan.boilerplate.push(element);
  else if (label && PRODUCT_FURNITURE.test(label)) scan.productFurniture.push(element);
  else if (label && FACETS.test(label)) scan.facets.push(element);
  if (className && HIDDEN_CLASS.test(className) && !SHOWN_ON_WIDE_SCREENS.test(className) && facts.role !== 'tabpanel' && !element.hasAttribute('aria-labelledby') && !reveals.controlled.has(id)) {
    scan.classHidden.push(element);
  }
  if (label && POSTER_FURNITURE.test(label)) scan.posterFurniture.push(element);
  if (facts.itemtype !== null && PRODUCT_ITEMTYPE.test(facts.itemtype)) scan.productScopes.push(element);
  else if (facts.itemtype !== null && POST_ITEMTYPE.test(facts.itemtype) || POST_ID.test(id)) scan.posts += 1;
  if (label) {
    if (!inConsent && CONSENT.test(label)) {
      scan.consent.push(element);
      consent = true;
    }
    if (PAYWALL.test(label)) scan.paywall.push(element);
  }
  if (facts.dataPaywall) scan.paywall.push(element);
  return consent;
}

/**
 * Class words that say what a container has, lacks or hides ("has-comments", "no-share", "hide-read-more-ad")
 * are modifiers of the container, which is then the page's content: they do not name it furniture.
 */
const MODIFIER_WORDS = /(?:^|\s)(?:has|with|without|no|hide)[-_]\S*/gi;

function namesBoilerplate(label: string): boolean {
  if (!BOILERPLATE.test(label)) return false;
  MODIFIER_WORDS.lastIndex = 0;
  return !MODIFIER_WORDS.test(label) || BOILERPLATE.test(label.replace(MODIFIER_WORDS, ' '));
}

/**
 * A hidden tab or accordion panel: a tabpanel, or labelled by a control that names it back in
 * aria-controls. Not inside a consent banner, whose settings dialogs are built the same way.
 */
function isDisclosurePanel(element: Element, label: string, role: string | null): boolean {
  if (MENU_LABEL.test(label)) return false;
  return (role === 'tabpanel' || namedByItsControl(element)) && !insideConsent(element);
}

/**
 * Collapse components (Chakra UI's, for one) hide a wrapper around the panel and animate its height, the
 * panel inside staying visible: the wrapper of one panel named by its control is the panel's hider.
 */
function wrapsDisclosurePanel(element: Element): boolean {
  const panel = element.firstElementChild;
  if (!panel || panel !== element.lastElementChild) return false;
  return isDisclosurePanel(panel, labelOf(panel), panel.getAttribute('role'));
}

/**
 * The content of a <details>, HTML's own disclosure widget: a closed one shows its summary and the reader
 * opens the rest, so content the page also marks hidden (for its own animation) is the panel's text.
 */
function isDetailsContent(element: Element): boolean {
  const details = element.parentElement;
  return details?.tagName === 'DETAILS' && !MENU_LABEL.test(labelOf(details));
}

/** A panel a disclosure control before it opens (see classify), outside a consent banner's settings. */
function openedByControl(element: Element, controlled: Set<string>): boolean {
  return element.id !== '' && controlled.has(element.id) && !insideConsent(element);
}

/** A <dialog> is not shown until a script opens it (its `open` attribute): a form, a notice, a video box. */
function closedDialog(element: Element): boolean {
  return element.tagName === 'DIALOG' && !element.hasAttribute('open');
}

function namedByItsControl(element: Element): boolean {
  const labelledBy = element.getAttribute('aria-labelledby');
  if (!element.id || !labelledBy) return false;
  // getElementById, not a selector query: jsdom answers it from its id map.
  const control = element.ownerDocument.getElementById(labelledBy.trim().split(/\s+/)[0]!);
  if (!control || control.contains(element) || MENU_LABEL.test(labelOf(control))) return false;
  return (control.getAttribute('aria-controls') ?? '').split(/\s+/).includes(element.id);
}

/**
 * CONSENT also takes AEM's "cmp-" component classes, which mark every accordion on such sites: the
 * consent-platform names are matched here instead. A walk up from each candidate panel only.
 */
const CONSENT_PLATFORM = /cookie|consent|gdpr|onetrust|didomi|usercentrics|cookiebot/i;

function insideConsent(element: Element): boolean {
  for (let up = element.parentElement; up; up = up.parentElement) {
    if (CONSENT_PLATFORM.test(labelOf(up))) return true;
  }
  return false;
}

/** An element's id and class words, as the furniture patterns read them. */
function labelOf(element: Element): string {
  return `${element.id} ${element.getAttribute('class') ?? ''}`;
}

const SUBHEADING = /^H[2-6]$/;
/** Words a disclosure's title runs to: a title or a question, not a control's one-word label nor a paragraph. */
const TITLE_WORDS = { min: 2, max: 30 };

/**
 * An accordion's or a FAQ's title drawn as a <button> (the WAI-ARIA accordion pattern puts the button in
 * a heading; others put a heading in the button, or name the panel in aria-controls): the page's text, its
 * question or section title, though both candidates drop buttons as controls. A question ending in "?" is
 * such a title too. A menu's or a pop-up's toggle, one word or a paragraph long, is not.
 */
function isDisclosureTitle(button: Element): boolean {
  const label = labelOf(button);
  // A share or newsletter button is furniture the scan has listed: read as text, it would outlive its removal.
  if (!button.isConnected || button.hasAttribute('aria-haspopup') || MENU_LABEL.test(label) || namesBoilerplate(label)) return false;
  const text = collapse(button.textContent ?? '');
  const words = text.split(' ').length;
  if (!text || words < TITLE_WORDS.min || words > TITLE_WORDS.max) return false;
  if (titlesSection(button)) return true;
  const controls = button.getAttribute('aria-controls')?.trim().split(/\s+/)[0];
  const panel = controls ? button.ownerDocument.getElementById(controls) : null;
  if (panel && !panel.contains(button) && !MENU_LABEL.test(labelOf(panel)) && !inChrome(button)) return true;
  return words >= 3 && text.endsWith('?') && !inChrome(button);
}

/** A button in a heading, or holding one: the title of the section it opens. */
function titlesSection(button: Element): boolean {
  const parent = button.parentElement;
  return parent !== null && SUBHEADING.test(parent.tagName) || button.querySelector('h2, h3, h4, h5, h6') !== null;
}

/** Inside the page's navigation, header or footer, where a toggle opens a menu whatever it is called. */
function inChrome(element: Element): boolean {
  for (let up = element.parentElement; up; up = up.parentElement) {
    if (up.localName === 'nav' || up.localName === 'header' || up.localName === 'footer' || /^(navigation|banner|contentinfo)$/.test(up.getAttribute('role') ?? '')) return true;
  }
  return false;
}

/** A disclosure's title as text: a heading keeps its contents, and a title standing alone becomes a paragraph. */
function readAsText(button: Element): void {
  if (titlesSection(button)) {
    button.replaceWith(...button.childNodes);
    return;
  }
  const paragraph = button.ownerDocument.createElement('p');
  paragraph.append(...button.childNodes);
  button.replaceWith(paragraph);
}

/** An inline style that hides its element but keeps its box: a collapsed panel animated open by a script. */
const VISIBILITY_HIDDEN = /visibility\s*:\s*hidden/i;
const VISIBILITY_HIDDEN_DECLARATION = /visibility\s*:\s*hidden\s*(?:!important)?\s*;?/gi;

/**
 * A FAQ's answer, hidden until its question is clicked, where the page marks neither with ARIA: the hidden
 * block comes right after a question (a line of a few words ending in "?") and holds text of its own.
 */
function answersQuestion(element: Element): boolean {
  const question = element.previousElementSibling;
  if (!question || !element.textContent?.trim()) return false;
  const text = collapse(question.textContent ?? '');
  const words = text.split(' ').length;
  if (!text.endsWith('?') || words < TITLE_WORDS.min || words > TITLE_WORDS.max || inChrome(element)) return false;
  // A menu's toggle may be worded as a question too: not where the pair, the question or its control is named a menu.
  const parent = element.parentElement;
  if (parent && MENU_LABEL.test(labelOf(parent))) return false;
  for (const part of [question, ...question.getElementsByTagName('*')]) {
    if (MENU_LABEL.test(labelOf(part))) return false;
  }
  return true;
}

/** Show a disclosure panel as an opened one is shown; Readability drops what is marked hidden. */
function revealPanel(element: Element): void {
  element.removeAttribute('hidden');
  element.removeAttribute('aria-hidden');
  element.removeAttribute('inert');
  showStyleHidden(element);
  const style = element.getAttribute('style');
  if (style && VISIBILITY_HIDDEN.test(style)) element.setAttribute('style', style.replace(VISIBILITY_HIDDEN_DECLARATION, ''));
}

/**
 * Show a streamed segment, moved to its placeholder. The script that maps segments to boundaries is not
 * kept, so a boundary is taken to have its segment's number (as React numbers them on simple pages);
 * without a placeholder the segment is shown where it is.
 */
function revealStreamed(document: Document, element: Element): void {
  element.removeAttribute('hidden');
  const n = element.id.slice(2);
  const placeholder = document.getElementById(`P:${n}`) ?? document.getElementById(`B:${n}`);
  if (placeholder?.tagName !== 'TEMPLATE' || element.contains(placeholder)) return;
  placeholder.replaceWith(element);
}

/**
 * "banner" and "promo" name ad slots on a news page, and on a company or product site the hero and
 * offer panels that are its text ("hero-banner", "promo-services"). Where the page is not an article, such
 * a panel that carries a heading of its own is read as a section: ad slots and cookie bars have none. On
 * a page typed as an article it must also hold prose (see isProseSection).
 */
const HERO_WORD = /banner|promo/i;
const HERO_WORDS = /banner|promo/gi;

/** Fewest words of paragraphs that make a banner or promo panel a section of an article-typed page's text. */
const HERO_PROSE_WORDS = 40;

/**
 * A banner or promo panel that reads as a section of the text: a heading of its own that links nowhere (a
 * teaser's headline links to its story) over paragraphs of prose. Sites whose every page is typed as an
 * article (a company's service pages) lay their text out in such panels; an ad slot or a sign-up promo
 * carries a line or two.
 */
function isProseSection(element: Element): boolean {
  const heading = element.querySelector('h2, h3');
  if (!heading || isLinkedHeading(heading)) return false;
  let words = 0;
  for (const paragraph of element.getElementsByTagName('p')) words += countWords(paragraph.textContent ?? '');
  return words >= HERO_PROSE_WORDS;
}

/** "Read more" as class and id words name it: a control, a rail of links to other stories, or the text an expander folds. */
const READ_MORE = /read-?more/i;
const READ_MORE_WORDS = /read-?more/gi;
/** Fewest words, and most of them that may be link text, of the prose a read-more expander folds away. */
const FOLDED_PROSE_WORDS = 25;
const FOLDED_PROSE_LINKED = 0.2;

/**
 * The text a "read more" expander folds away (a category's introduction, an answer cut after its first
 * lines) is the page's own prose: a read-more control is a word or two, and a read-more rail is links to
 * other stories. Only where "read more" is the label's one furniture word.
 */
function isFoldedProse(element: Element, label: string): boolean {
  if (!READ_MORE.test(label) || BOILERPLATE.test(label.replace(READ_MORE_WORDS, ' '))) return false;
  const words = countWords(element.textContent ?? '');
  if (words < FOLDED_PROSE_WORDS) return false;
  let linked = 0;
  for (const link of element.getElementsByTagName('a')) linked += countWords(link.textContent ?? '');
  return linked <= words * FOLDED_PROSE_LINKED;
}

/** A label that is furniture only by its banner or promo words. */
function heroLabel(label: string): boolean {
  return HERO_WORD.test(label) && !BOILERPLATE.test(label.replace(HERO_WORDS, ' ')) && !CONSENT_PLATFORM.test(label);
}

/**
 * Remove furniture found by `scanPage`, in place. `pageLength` is the length of the body's text;
 * `keepHeroes` (pages not typed as articles) keeps banner and promo panels that are sections; without it,
 * only those that hold a section's prose stay.
 */
export function removeBoilerplate(candidates: Element[], pageLength: number, keepComments: boolean, keepHeroes = false): number {
  let removed = 0;
  const limit = Math.max(400, pageLength * 0.4);
  const threads: Element[] = [];
  const perPostComments = keepComments && outermostCommentSections(candidates) >= 2;
  // Parents come before their descendants: a kept section's own promo parts (its text, its link) stay with it.
  const heroes: Element[] = [];
  for (const element of candidates) {
    if (!element.isConnected) continue;
    const tag = element.tagName;
    if (tag === 'BODY' || tag === 'HTML' || tag === 'MAIN' || tag === 'ARTICLE') continue;
    const label = labelOf(element);
    // Hidden headings and banners often carry the headline; keep anything holding the <h1>.
    if (element.getElementsByTagName('h1').length > 0) continue;
    if (heroLabel(label)) {
      if (heroes.some((hero) => hero.contains(element))) continue;
      if (keepHeroes ? element.querySelector('h1, h2, h3') : isProseSection(element)) {
        heroes.push(element);
        continue;
      }
    }
    if (isFoldedProse(element, label)) continue;
    const length = (element.textContent ?? '').length;
    if (COMMENT_SECTION.test(label) && keepComments) {
      // Parents come before their descendants: the nested lists of a thread kept whole stay with it.
      if (!perPostComments || threads.some((thread) => thread.contains(element)) || !isSmallPart(element, pageLength)) {
        threads.push(element);
        continue;
      }
    } else if (keepComments && COMMENTS.test(label)) {
      continue;
    } else if (ARTICLE_COMMENTS.test(label)) {
      // Under an article the comment area of a blog or news CMS is the readers', however long the
      // thread: size is no sign of a wrapper here (a long thread under a short post is where it
      // matters most). Bare "comments" is left to the size rule: forum software uses it for the thread.
      element.remove();
      removed += 1;
      continue;
    }
    // A modal dialog is closed until a reader opens it, and then it hides the page: a shop's policies
    // or terms can outweigh the page they are linked from, so size says nothing of what it is here.
    if (length > limit && !(keepHeroes && isModalDialog(element))) continue;
    element.remove();
    removed += 1;
  }
  return removed;
}

/** A WAI-ARIA modal dialog (role dialog or alertdialog that declares itself modal), or a closed <dialog>. */
function isModalDialog(element: Element): boolean {
  return /^(alert)?dialog$/.test(element.getAttribute('role') ?? '') && element.getAttribute('aria-modal') === 'true' || closedDialog(element);
}

/**
 * Where a page is not known to be an article its comment area may be the thread itself (a forum whose
 * posts sit in #comments), so a comment area goes only where there are several and each is small: the
 * comments under each post of a Q&A page.
 */
function outermostCommentSections(candidates: Element[]): number {
  const outermost: Element[] = [];
  for (const element of candidates) {
    if (!COMMENT_SECTION.test(labelOf(element))) continue;
    if (!outermost.some((section) => section.contains(element))) outermost.push(element);
  }
  return outermost.length;
}

function isSmallPart(element: Element, pageLength: number): boolean {
  return collapsedLength(element) <= pageLength * 0.15;
}

function collapsedLength(element: Element): number {
  return (element.textContent ?? '').replace(/\s+/g, ' ').length;
}

/**
 * Remove what a hiding class hides (see HIDDEN_CLASS) from a shop's page: a theme's data for every
 * variant, an "added to cart" pop-up's upsells, a collection's quick-view panels. Hidden is hidden whatever
 * its size, but an element holding the <h1> is the product itself, waiting for a script. Other pages hide
 * by class what a script reveals as the reader scrolls, and is their text. Returns how many went.
 */
export function removeClassHidden(elements: Element[]): number {
  let removed = 0;
  for (const element of elements) {
    if (!element.isConnected || element.getElementsByTagName('h1').length > 0) continue;
    element.remove();
    removed += 1;
  }
  return removed;
}

/** How shops title the rails of other products they put beside the one on sale. */
const RAIL_TITLE = /^(you (may|might) also (like|love)|customers (also|who) (bought|viewed)|people (also|who) (viewed|bought)|(also|recently) viewed|similar (items|products)|related (items|products)|more (from|by) (this|the) (seller|brand)|explore related|frequently bought together|complete the look|shop the look|more to explore|more from\b|often (viewed|bought) (together|with)|better together|pairs well with|similar styles)/i;
const SUBHEADINGS = ['h2', 'h3', 'h4', 'h5', 'h6'];

/**
 * Remove the rails of other products on a product page ("you may also like", "frequently bought
 * together"), found by their titles: each title goes with the largest block around it that holds no
 * other heading of its rank or above, no <h1>, and at most half the page. Returns how many went.
 */
export function removeProductRails(body: Element, pageLength: number): number {
  let removed = 0;
  for (let rank = 0; rank < SUBHEADINGS.length; rank += 1) {
    for (const heading of [...body.getElementsByTagName(SUBHEADINGS[rank]!)]) {
      if (!heading.isConnected || !RAIL_TITLE.test((heading.textContent ?? '').trim())) continue;
      let rail: Element = heading;
      for (let up = heading.parentElement; up && up !== body && up.tagName !== 'MAIN'; up = up.parentElement) {
        if (up.getElementsByTagName('h1').length > 0 || collapsedLength(up) > pageLength * 0.5) break;
        if (SUBHEADINGS.slice(0, rank + 1).reduce((sum, tag) => sum + up!.getElementsByTagName(tag).length, 0) > 1) break;
        rail = up;
      }
      rail.remove();
      removed += 1;
    }
  }
  return removed;
}
