/**
 * Authors as a clean list of people: from JSON-LD, author meta tags, byline markup, or the visible byline
 * near the headline; an organisation only when the page names no person.
 */

import { parseDate } from './dates.ts';
import { isArticleType, type JsonLdData, namesOf } from './jsonld.ts';
import { asciiLower, type ElementFacts, hasToken, type PageIndex, selector } from './metaindex.ts';
import { collapse, decodeEntities, H1, isLine, type MetaMap, norm, segments, type Sourced, spacedText, TITLE, textNodes, tokens, widestLine } from './metahelpers.ts';
import { blockText } from './text.ts';

const JOB_WORDS = /\b(?:editor|reporter|correspondent|writer|contributor|staff|director|manager|producer|columnist|analyst|founder|ceo|cto|specialist|journalist|senior|chief|head of|coordinator|strategist|consultant|expert|officer|president|intern|associate|freelance|photographer|author|team lead|reviewer|attorney|educators?|marketer|engineer|designer|developer|scientist|principal)\b/i;
/** "Podium Staff", "The Currency editors": a newsroom signing collectively, which is a byline, not a job title. */
const COLLECTIVE = /^(?:the\s+)?\p{Lu}[\p{L}\d&.'’ -]{1,40}\s(?:staff|team|editors|editorial team|newsroom|desk)$/iu;
/** A forum user name with digits in it ("JWoodguy13"), which is no date or count. */
const USER_NAME = /^\p{L}[\p{L}\d_.-]*\d[\p{L}\d_.-]*$/u;
/** Avatar initials ("NB") printed beside the name. */
const INITIALS = /^\p{Lu}{1,3}$/u;
const CREDENTIAL = /^(?:[A-Z][A-Z.]{1,6}|Ph\.?\s?D\.?|M\.?D\.?|Psy\.?D\.?|Ed\.?D\.?|Esq\.?|[A-Z]{1,5}-[A-Z]{1,5}(?: \d+)?)$/;
const NOT_A_NAME = /^(updated?|published|posted|view|read|more|share|follow|author|authors|admin|administrator|staff|guest|anonymous|unknown|home|menu|search|by|posts?|profile|contact|about|news|blog|sign in|log in|sign up|join|subscribe|register|mon|tue|wed|thu|fri|sat|sun)\b|\b(by|from|offline|online):?$/i;


/** Clean one byline into person names: no "By", no dates, no job titles, no site name. */
export function cleanAuthors(raw: string, siteName: string | null): string[] {
  let text = collapse(decodeEntities(raw))
    .replace(/^(?:written|posted|post|reported|published|reviewed|edited|words|story|text|photos?|article|recipe|review|(?:view\s+)?(?:all|more)\s+(?:posts|articles|stories))?\s*(?:by|von|par|por|di)\s*:?\s+/i, '')
    // "ByJane Doe" run together; case-sensitive so that "Parisa" keeps its "Par".
    .replace(/^authored\s+by\s*:?\s*/i, '')
    .replace(/^(?:[Bb]y|[Vv]on|[Pp]ar|[Pp]or|[Dd]i)(?=[A-Z][a-z])/, '')
    .replace(/^(?:author|authors|byline|written by|autor|auteur|contributors?)\s*[:\-–]\s*/i, '')
    .replace(/^(?:thread starter|original poster|started by)\s*:?\s+/i, '');
  // Cut at a date, an "Updated" note or a pipe.
  // A leading date ("Dec. 19, 2025 · Jane Doe") is skipped, not taken for the byline.
  // A second credit ("Reviewed by Dr X") belongs to someone else.
  text = text.replace(/[\s.,;]+(?:medically\s+|fact[- ]?)?(?:reviewed|checked|edited|illustrated|photographed)\s+by\b.*$/i, '');
  const pieces = text.split(/\s*[|•·⋅∙»]\s*|\s+(?:on|updated|published|posted)\s+(?=\w)|\s*\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2},?\s+\d{4}|\s*\b\d{1,2}\.?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?,?\s+\d{4}|\s*\d{1,2}[/.]\d{1,2}[/.]\d{2,4}|\s*\d{4}-\d{2}-\d{2}/i);
  const lead = pieces.findIndex((piece) => /\p{L}/u.test(piece) && !parseDate(piece, { loose: true }));
  text = lead > 0 && pieces.slice(0, lead).every((piece) => !/\p{L}{3}/u.test(piece.replace(/\b(?:jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)[a-z]*\b/gi, '')))
    ? pieces[lead]! : pieces[0] ?? '';
  text = text.replace(/\s+(?:in|for)\s+[A-Z][\w .-]*$/, (m) => (/\s(?:in|for)\s/.test(m) ? '' : m))
    // "Posted by David at December 16, 2025": the date is cut, its preposition left over.
    .replace(/\s+(?:at|on)$/, '');
  const names: string[] = [];
  for (const chunk of text.split(BETWEEN_NAMES)) {
    // "Jane Doe, Editor", "Jane Doe - Product marketer", "Jane DoeFounder at Acme" (a name box run together).
    const parts = chunk.split(/\s*,\s*|\s+[-–—]\s+/).map((p) => withoutRunOnRole(p.trim())).filter(Boolean);
    let current: string | null = null;
    let titled = false;
    for (const part of parts) {
      if (current && CREDENTIAL.test(part)) {
        current = `${current}, ${part}`;
        continue;
      }
      if (current) names.push(current);
      current = null;
      // "Jane Doe, Senior Editor, Personal Finance": what follows a job title is more of it.
      if (titled) continue;
      if (JOB_WORDS.test(part) && !COLLECTIVE.test(part)) {
        titled = true;
        continue;
      }
      if ((/\d/.test(part) && !USER_NAME.test(part)) || part.length > 60 || part.split(' ').length > 5) continue;
      if (/^https?:|@|\.com\b/i.test(part) || NOT_A_NAME.test(part) || INITIALS.test(part) || !/\p{L}/u.test(part)) continue;
      current = part.replace(/^[-–—:]\s*|\s*[-–—:]$/g, '');
    }
    if (current) names.push(current);
  }
  const site = siteName ? norm(siteName) : null;
  const seen = new Set<string>();
  // A newsroom credit beside a person's name is the publisher, not a second author; so is a title
  // with "The" ("Jane Doe, The Commercial Appeal"), which no person's name begins with.
  const people = names.filter((name) => !COLLECTIVE.test(name) && !/^(?:The|THE)\s+\p{Lu}/u.test(name));
  return (people.length ? people : names).map((name) => withoutTrailingSite(name, site)).filter((name) => {
    const key = norm(name);
    if (!key || seen.has(key) || (site && key === site && names.length > 1)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * "Jane Doe and John Roe": but not the "and" inside a job title ("Jane Doe, Privacy and Security Expert"),
 * whose words up to the next comma include a job word.
 */
const BETWEEN_NAMES = new RegExp(`\\s*(?:;|(?:&|\\band\\b)(?![^,;]*${JOB_WORDS.source})|\\bund\\b|\\bet\\b)\\s*`, 'i');

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

const BYLINE_CLASSES = ['byline__name', 'author-name', 'authorName', 'author__name', 'c-byline__author', 'article-author', 'post-author', 'entry-author', 'author-link'];

/** Author markup, most specific first. */
/** Explicit byline markup: microdata, rel="author" and the byline classes. */
const EXPLICIT_BYLINE_SELECTORS = [
  selector('[itemprop="author"]', (f) => f.itemprop === 'author'),
  selector('a[rel~="author"]', (f) => f.tag === 'a' && hasToken(f.relFolded(false), 'author')),
  selector('[rel="author"]', (f) => f.relFolded(false) === 'author'),
  // Each of these class names has "author" or "byline" in it, which rules out most elements cheaply.
  selector(BYLINE_CLASSES.map((name) => `.${name}`).join(', '),
    (f) => (f.classHas('author') || f.classHas('byline')) && BYLINE_CLASSES.some((name) => f.hasClass(name))),
];
/** Where bylines are looked for, most explicit first: then a generic class or a link to a profile page. */
export const BYLINE_SELECTORS = [
  ...EXPLICIT_BYLINE_SELECTORS,
  // `.byline` and the other class names here all pass the substring test.
  selector('.byline, .article-byline, .post-byline, [class*="byline" i]', (f) => f.classHas('byline')),
  selector('.author, [class*="author" i]:not([class*="authority" i])', (f) => f.hasClass('author') || (f.classHas('author') && !f.classHas('authority'))),
  // A link to the writer's profile page (WordPress's /author/jane-doe/), with no byline class around it.
  selector('a[href*="/author/" i], a[href*="/authors/" i]', (f) => f.tag === 'a' && f.href && /\/authors?\//.test(asciiLower(f.element.getAttribute('href')!))),
];
/** Bylines found here are not the article's: comments, related links, page furniture. */
export const NOT_BYLINE = selector('footer, nav, [class*="comment" i], aside, [itemtype*="schema.org/Comment" i]', (f) => isFurnitureBox(f, false));
/**
 * The same, for explicit byline markup (rel="author", itemprop="author", a byline class): an <aside> inside the
 * <article> is then the article's own margin, where templates print the byline beside the text. A generic
 * "author" class there is not enough: the margin also lists the authors of books or of forum posts.
 */
export const NOT_BYLINE_MARKUP = selector('footer, nav, [class*="comment" i], aside:not(article aside), [itemtype*="schema.org/Comment" i]',
  (f) => isFurnitureBox(f, true));

function isFurnitureBox(f: ElementFacts, articleMargin: boolean): boolean {
  return f.tag === 'footer' || f.tag === 'nav' || f.classHas('comment') || isCommentItem(f)
    || f.tag === 'aside' && !(articleMargin && f.hasAncestor((up) => up.tag === 'article'));
}
export const ITEM_NAME = selector('[itemprop="name"]', (f) => f.itemprop === 'name');
export const COMMENT_AUTHOR = selector('[itemtype*="schema.org/Comment" i] [itemprop="author"]', (f) => f.itemprop === 'author' && f.hasAncestor(isCommentItem));
export const DATA_AUTHOR = selector('[data-author], [data-author-username]', (f) => f.dataAuthor);
export const H1_IN_ARTICLE = selector('article h1, main h1', (f) => f.tag === 'h1' && f.hasAncestor((up) => up.tag === 'article' || up.tag === 'main'));

function isCommentItem(facts: ElementFacts): boolean {
  return facts.itemtype !== null && asciiLower(facts.itemtype).includes('schema.org/comment');
}

function withoutSiteName(names: string[], siteName: string | null): string[] {
  const unique = [...new Set(names)];
  if (!siteName || unique.length < 2) return unique;
  const site = norm(siteName);
  return unique.filter((name) => norm(name) !== site);
}

/** A byline that is the site's own name: the publisher credited, which a person named elsewhere outranks. */
function namesOnlySite(names: string[], siteName: string | null): boolean {
  const site = siteName ? norm(siteName) : '';
  return site !== '' && names.every((name) => norm(name) === site);
}

/** "Last, First" (citation meta) to "First Last". */
function citationName(value: string): string {
  const match = /^([^,]+),\s*([^,]+)$/.exec(value.trim());
  return match ? `${match[2]} ${match[1]}` : value.trim();
}

/** The page's authors, most trusted source first. */
export function readAuthors(index: PageIndex, meta: MetaMap, ld: JsonLdData, siteName: string | null): Sourced<string[]> | null {
  // An organisation (or the site) as author is kept only when the page names no person elsewhere.
  let organisation: Sourced<string[]> | null = null;
  if (ld.main) {
    const named = namesOf(ld.main['author'] ?? ld.main['creator'], ld.byId);
    const site = siteName ? norm(siteName) : null;
    const people = named.filter((n) => n.person && norm(n.name) !== site);
    const names = withoutSiteName(people.flatMap((n) => cleanAuthors(n.name, null)), siteName);
    if (names.length) return asPrinted(index, { value: names, source: 'jsonld' }, siteName);
    const organisations = named.map((n) => collapse(decodeEntities(n.name))).filter(Boolean);
    if (organisations.length) organisation = { value: [...new Set(organisations)], source: 'jsonld' };
  }
  // A paper's citation authors come before its Dublin Core creator, which is often the first author alone.
  for (const key of ['author', 'article:author', 'parsely-author', 'sailthru.author', 'citation_author', 'citation_authors', 'dc.creator', 'byl']) {
    const values = meta.get(key);
    if (!values) continue;
    const names = values
      .filter((v) => !/^https?:\/\//.test(v))
      .flatMap((v) => (key.startsWith('citation_') ? v.split(';').map(citationName).filter(Boolean) : cleanAuthors(v, siteName)));
    if (!names.length) continue;
    const credited = { value: withoutSiteName(names, siteName), source: key.startsWith('article:') ? 'opengraph' : 'meta' } as const;
    if (!namesOnlySite(credited.value, siteName)) return asPrinted(index, credited, siteName);
    organisation ??= credited;
  }
  const labelled = twitterLabelled(meta, /^(?:written by|author|by)$/i);
  const credited = labelled ? cleanAuthors(labelled, siteName) : [];
  if (credited.length) return asPrinted(index, { value: credited, source: 'meta' }, siteName);
  for (const byline of BYLINE_SELECTORS) {
    const nodes = index.all(byline).slice(0, 6);
    const names: string[] = [];
    const outside = EXPLICIT_BYLINE_SELECTORS.includes(byline) ? NOT_BYLINE_MARKUP : NOT_BYLINE;
    for (const facts of nodes) {
      if (index.within(facts.element, outside)) continue;
      // An author's microdata name, when it states one; a post whose author has none still counts, in order.
      const node = (facts.itemprop === 'author' ? index.first(ITEM_NAME, facts) ?? facts : facts).element;
      // First block only: a byline box often runs name and job title together without a space.
      // Microdata often states the name in a <meta content>, which has no text.
      const text = (node.tagName === 'META' ? node.getAttribute('content') ?? '' : firstLine(node)).trim();
      if (!text || text.length > 120) continue;
      for (const name of cleanAuthors(text, siteName)) if (!names.includes(name)) names.push(name);
      if (names.length) break;
    }
    if (names.length && !namesOnlySite(names, siteName)) return { value: names, source: 'dom' };
    if (names.length) organisation ??= { value: names, source: 'dom' };
    if (byline === BYLINE_SELECTORS[2]) {
      const poster = postAuthorAttribute(index);
      if (poster) return { value: [poster], source: 'dom' };
    }
  }
  const visible = bylineNearHeadline(index, siteName);
  if (visible.length) return { value: visible, source: 'dom' };
  // A thread whose every post is marked up as a Comment: the first one is the opening post.
  if (!ld.main || !isArticleType(ld.main)) {
    const opener = index.first(COMMENT_AUTHOR)?.element;
    const name = opener ? collapse(opener.getAttribute('content') ?? blockText(opener).split('\n')[0] ?? '') : '';
    if (name && name.length <= 60) return { value: [name], source: 'dom' };
    const poster = firstPoster(index);
    if (poster) return { value: [poster], source: 'dom' };
  }
  // Only where nothing else credits anyone: a dateline's neighbour is weaker evidence than any byline markup.
  const dated = organisation ? [] : bylineBesideDate(index, siteName);
  if (dated.length) return { value: dated, source: 'dom' };
  const owner = blogOwner(siteName) ?? blogOwner(index.first(TITLE)?.element.textContent ?? null);
  if (owner && !organisation) return { value: [owner], source: 'meta' };
  return organisation;
}

/**
 * A structured credit checked against the byline printed under the headline: structured data often names
 * the account that posted the article, or only the first of several writers.
 */
function asPrinted(index: PageIndex, stated: Sourced<string[]>, siteName: string | null): Sourced<string[]> {
  const printed = bylineUnderHeadline(index, siteName);
  const keys = stated.value.map(norm);
  // "Jane Doe in Features" printed for "Jane Doe" stated is the same credit, read less cleanly.
  const agrees = printed?.some((name) => keys.some((key) => norm(name).includes(key) || key.includes(norm(name))));
  if (printed && !agrees) return { value: printed, source: 'dom' };
  return { ...stated, value: withCoAuthors(index, stated.value, siteName) };
}

/** The names of a "By ..." line among the first few texts under the headline, when they are all capitalised names. */
function bylineUnderHeadline(index: PageIndex, siteName: string | null): string[] | null {
  const heading = (index.first(H1_IN_ARTICLE) ?? index.first(H1))?.element;
  if (!heading) return null;
  let seen = 0;
  for (const node of textNodes(index.document, heading)) {
    if (seen === 12) break;
    const parent = node.parentElement;
    if (!parent || heading.contains(node) || !node.data.trim()) continue;
    seen += 1;
    const text = collapse(parent.textContent ?? '');
    if (text.length > 120 || !BYLINE_TEXT.test(text)) continue;
    const names = cleanAuthors(text, siteName);
    return names.length && names.every((name) => LISTED_NAME.test(name)) ? names : null;
  }
  return null;
}

/** A lone structured author printed in a byline line with others ("Jane Doe, John Roe & Ann Poe"): the line is the whole list. */
function withCoAuthors(index: PageIndex, names: string[], siteName: string | null): string[] {
  if (names.length !== 1) return names;
  const key = norm(names[0]!);
  let seen = 0;
  for (const node of textNodes(index.document)) {
    if (seen === 3) break;
    const parent = node.parentElement;
    if (!parent || parent.tagName === 'SCRIPT' || !norm(node.data).includes(key)) continue;
    seen += 1;
    if (index.within(parent, NOT_BYLINE_TEXT)) continue;
    // The byline box: the widest ancestor that is still a short line or two.
    let box = parent;
    for (let up = parent.parentElement, level = 0; up && level < 3 && collapse(up.textContent ?? '').length <= 200; up = up.parentElement, level += 1) box = up;
    const line = blockText(box).split('\n').find((text) => norm(text).includes(key));
    // A list of names and nothing else: no title, job or site name run on with a dash or a pipe.
    if (!line || line.length > 200 || LIST_BREAK.test(line)) continue;
    const listed = cleanAuthors(line, siteName);
    const named = tokens(listed.join(' '));
    const whole = [...tokens(line)].every((word) => named.has(word) || LIST_FILLER.has(word));
    if (whole && listed.length > 1 && listed.every((name) => LISTED_NAME.test(name)) && listed.some((name) => norm(name).endsWith(key))) return listed;
  }
  return names;
}

const LIST_BREAK = /\s[-–—]\s|[|/·•]/;
/** Capitalised words, with short particles between ("Erik van Vulpen"): a person, not a headline. */
const LISTED_NAME = /^\p{Lu}[\p{L}'’.-]*(?:\s+(?:\p{Lu}[\p{L}'’.-]*|\p{Ll}{1,3}))*$/u;
/** Words a byline list may hold besides the names. */
const LIST_FILLER = new Set(['by', 'written', 'and', 'und', 'et', 'author', 'authors']);

/** The first line of a byline box; past a lone "By" label, the line after it. */
function firstLine(node: Element): string {
  const lines = blockText(node).split('\n').map((line) => line.trim()).filter(Boolean);
  return (lines[0] && BYLINE_LABEL.test(lines[0]) ? lines[1] : lines[0]) ?? '';
}

const POSTER_CLASSES = ['username', 'username-coloured', 'bigusername', 'PostUser-name'];
/** User-name classes of common forum software (phpBB, vBulletin, Flarum, XenForo). */
export const POSTER = selector(`${POSTER_CLASSES.map((name) => `.${name}`).join(', ')}, .postleft dt`,
  (f) => (f.classHas('user') && POSTER_CLASSES.some((name) => f.hasClass(name)))
    // FluxBB and PunBB print the poster as the term of the post's left-hand list, with no class of its own.
    || (f.tag === 'dt' && f.hasAncestor((up) => up.hasClass('postleft'))));
/** A user name here is not the opening poster's: page chrome, or a post quoted in another. */
export const NOT_POSTER = selector('header, nav, footer, aside, blockquote, [class*="quote" i]',
  (f) => f.tag === 'header' || f.tag === 'nav' || f.tag === 'footer' || f.tag === 'aside' || f.tag === 'blockquote' || f.classHas('quote'));

/** The first poster named on a forum page without author markup: the thread's opening post comes first. */
function firstPoster(index: PageIndex): string | null {
  for (const { element: node } of index.all(POSTER).slice(0, 5)) {
    if (index.within(node, NOT_POSTER)) continue;
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
function postAuthorAttribute(index: PageIndex): string | null {
  for (const { element: node } of index.all(DATA_AUTHOR).slice(0, 5)) {
    // A post's author attribute inside comments or page furniture is not the opening post's.
    if (index.within(node, NOT_BYLINE)) continue;
    const value = collapse(node.getAttribute('data-author') || node.getAttribute('data-author-username') || '');
    if (value && value.length <= 40 && !/^(?:\d+|true|false|null|undefined)$/i.test(value) && !/[<>{}=]/.test(value)) return value;
  }
  return null;
}

/** "By Jane Doe", "Written by Jane Doe and John Roe · Dec 12, 2025", "Started by jdoe, June 4": the rest is cut by cleanAuthors. */
export const BYLINE_TEXT = /^(?:(?:written|posted|article|words|story|started|authored|(?:view\s+)?(?:all|more)\s+(?:posts|articles|stories))\s+)?by\s*:?\s+(?=\S)/i;
/** "Written by Jane Doe", "Article by" as an author box at the end of an article prints it. */
const CREDIT_LINE = /^\s*(?:(?:(?:article|post|story)\s+)?written\s+by\b|(?:written|article|posted|words|(?:view\s+)?(?:all|more)\s+(?:posts|articles|stories))\s+by\b|(?:about the )?author\s*:?\s*$)/i;
// "Contributors:" only with its colon: the bare word is a menu item ("Contributors", "Advertise").
const BYLINE_LABEL = /^(?:(?:article|post|story)\s+written\s+|(?:article|written|posted|words|story)\s+)?by:?$|^(?:author|written by|posted by|thread starter|started by|original poster)\s*:?$|^contributors?\s*:$/i;

export const NOT_BYLINE_TEXT = selector('[class*="comment" i], aside, footer, nav',
  (f) => f.classHas('comment') || f.tag === 'aside' || f.tag === 'footer' || f.tag === 'nav');
// `header nav` is within `nav`.
export const NAV_OR_FOOTER = selector('nav, header nav, footer', (f) => f.tag === 'nav' || f.tag === 'footer');

/**
 * A visible "By Jane Doe" (or an "Article by" label followed by the name) in the few lines after the
 * headline: personal and company blogs print the byline without any author markup.
 */
function bylineNearHeadline(index: PageIndex, siteName: string | null): string[] {
  const heading = (index.first(H1_IN_ARTICLE) ?? index.first(H1))?.element;
  if (!heading) return [];
  // Sibling text nodes share a parent, whose text is read once.
  const texts = new Map<Element, string>();
  const textOf = (element: Element): string => {
    let text = texts.get(element);
    if (text === undefined) texts.set(element, (text = collapse(element.textContent ?? '')));
    return text;
  };
  let seen = 0;
  let labelled = false;
  for (const node of textNodes(index.document, heading)) {
    if (seen === 400) break;
    const parent = node.parentElement;
    if (!parent || parent.tagName === 'SCRIPT' || parent.tagName === 'STYLE' || !node.data.trim()) continue;
    seen += 1;
    // Past the lines under the headline, only an explicit credit: the author box closing the article.
    if (seen > 60 && !labelled && !CREDIT_LINE.test(node.data)) continue;
    const text = textOf(parent);
    if (text.length > 120 || index.within(parent, NOT_BYLINE_TEXT)) {
      labelled = false;
      continue;
    }
    if (labelled && text.split(' ').length <= 5 && looksLikeName(text)) {
      const names = cleanAuthors(text, siteName);
      if (names.length) return names;
    }
    labelled = BYLINE_LABEL.test(text);
    const names = bylineNames(parent, text, siteName);
    if (names.length) return names;
  }
  // A header block may print the byline above the headline; only an explicit "By" line is taken there.
  let back = 0;
  for (const node of textNodes(index.document, heading, true)) {
    if (back === 10) break;
    const parent = node.parentElement;
    const text = parent ? textOf(parent) : '';
    if (!parent || !text || parent.tagName === 'SCRIPT' || parent.tagName === 'STYLE') continue;
    back += 1;
    if (text.length > 120 || index.within(parent, NAV_OR_FOOTER)) continue;
    const names = bylineNames(parent, text, siteName);
    if (names.length) return names;
  }
  return [];
}

/** The names of a "By ..." line, or failing that its first link ("By <a>A. J. Neal</a> <a>View in digital edition</a>"). */
function bylineNames(element: Element, text: string, siteName: string | null): string[] {
  if (!BYLINE_TEXT.test(text) || CONSENT.test(text)) return [];
  const names = cleanAuthors(text, siteName).filter(looksLikeName);
  if (names.length) return names;
  const link = element.querySelector('a');
  return link ? cleanAuthors(link.textContent ?? '', siteName).filter(looksLikeName) : [];
}

/**
 * "By subscribing, you agree...", "By clicking Submit": a form's consent line opens with "By" and a verb in
 * -ing, which no writer's name or user name is followed by.
 */
const CONSENT = /^[Bb]y\s+\p{Ll}+ing\b(?=\s*[,\p{L}])/u;

const DATELINE_SEPARATOR = /\s[|·•]\s/;

/**
 * The meta line printed under the headline that pairs a name with the date, without a "By"
 * ("John Roe | Senior Writer | July 2, 2025", "2025-12-17 · Jane Doe"): the date marks the
 * line as the article's dateline, and the capitalised name beside it is the writer's.
 */
function bylineBesideDate(index: PageIndex, siteName: string | null): string[] {
  const heading = (index.first(H1_IN_ARTICLE) ?? index.first(H1))?.element;
  if (!heading) return [];
  let seen = 0;
  for (const node of textNodes(index.document, heading)) {
    if (seen === 6) break;
    const parent = node.parentElement;
    if (!parent || heading.contains(node) || !node.data.trim() || parent.tagName === 'SCRIPT' || parent.tagName === 'STYLE') continue;
    seen += 1;
    // The line: the widest of the text's next two ancestors that is still one short line, below the headline.
    const facts = index.factsOf(parent);
    if (!facts || !isLine(facts, 100)) continue;
    const text = spacedText(widestLine(facts, 2, 100, (up) => !up.element.contains(heading)).element);
    if (text.length > 100 || !DATELINE_SEPARATOR.test(text) || !parseDate(text, { loose: true })) continue;
    // A lone word beside the date ("Gardening · March 3") is a section far more often than a writer.
    const names = cleanAuthors(text, siteName);
    const site = siteName ? norm(siteName) : '';
    const named = names.every((name) => LISTED_NAME.test(name) && name.split(' ').length >= 2 && name.split(' ').length <= 4 && norm(name) !== site);
    // The first dateline is the article's; one further down is a teaser's or a comment's.
    return names.length && named ? names : [];
  }
  return [];
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
