import { Readability } from '@mozilla/readability';
import { describe, expect, it } from 'vitest';
import { parseHtml } from '../../../shared/extract/parse.ts';
import { extractDocument } from '../../../shared/extract/extract.ts';
import { PageIndex } from '../../../shared/extract/metaindex.ts';
import { readArticle, readArticleTestHooks, spareSectionHeadings } from '../../../shared/extract/readability.ts';

const URL = 'https://news.example.org/2026/11/27/story';

/** Counts Readability's restores of the body (each a re-parse of its saved markup). */
function restoresOf(html: string): number {
  const document = parseHtml(html, URL);
  const body = document.body;
  let restores = 0;
  let proto = Object.getPrototypeOf(body);
  while (!Object.getOwnPropertyDescriptor(proto, 'innerHTML')) proto = Object.getPrototypeOf(proto);
  const accessor = Object.getOwnPropertyDescriptor(proto, 'innerHTML')!;
  Object.defineProperty(body, 'innerHTML', {
    configurable: true,
    get() {
      return accessor.get!.call(this);
    },
    set(value: string) {
      restores += 1;
      accessor.set!.call(this, value);
    },
  });
  new Readability(document).parse();
  return restores;
}

const sentence = 'A sentence of plain words that goes on for a while to make a paragraph. ';
const pages: Array<[string, string]> = [
  ['an article found at once', `<body><article><h1>Story</h1>${`<p>${sentence.repeat(6)}</p>`.repeat(8)}</article></body>`],
  // Under 500 characters however loose the rules: every attempt fails, the longest is kept.
  ['a short page (every attempt fails)', `<body><div class="content"><p>${sentence}</p><p>${sentence}</p></div><div class="sidebar"><p>${sentence}</p></div></body>`],
  // The text sits in "unlikely" containers (comment, sidebar, footer...): found once those are kept.
  ['content in unlikely containers', `<body><div class="comment-area">${`<p>${sentence.repeat(3)}</p>`.repeat(4)}</div><div class="sidebar">${`<p>${sentence.repeat(2)}</p>`.repeat(3)}</div></body>`],
  // Bylines found by rel, itemprop and class, one too long to count; empty blocks of breaks, rules and
  // white space (U+00A0 included) that Readability drops, beside blocks whose only text is deep inside.
  ['bylines and empty blocks', `<body><article><h1>Story</h1><div class="byline">By <span itemprop="name">Ann Lee</span></div>
    <a rel="author" href="/a">Bo Chan</a><span itemprop="author">  </span><p class="author-note">${sentence.repeat(3)}</p>
    <div><br><hr></div><div>\u00a0 \n</div><section><br><span></span></section><h2> </h2><header><div><span><b>deep</b></span></div></header>
    ${`<div><p>${sentence.repeat(5)}</p></div>`.repeat(6)}</article></body>`],
  // Blocks hidden by inline style, in any case, escaped, or not hidden at all.
  ['inline styles', `<body><article><h1>Story</h1>${`<p style="color: red">${sentence.repeat(5)}</p>`.repeat(5)}
    <div style="display:none"><p>${sentence.repeat(4)}</p></div><div style="VISIBILITY: Hidden"><p>${sentence.repeat(4)}</p></div>
    <div style="\\64 isplay: none"><p>${sentence.repeat(4)}</p></div><div style="--display: none; margin: 0"><p>${sentence.repeat(4)}</p></div>
    <div style="font: 12px serif"><p>${sentence.repeat(4)}</p></div></article></body>`],
  ['text split over negatively weighted blocks', `<body>${`<div class="footer-share widget"><p>${sentence}</p></div>`.repeat(9)}<footer><p>${sentence}</p></footer></body>`],
];

describe('readArticle (Readability with cheap retries and lookups)', () => {
  it.each(pages)('gives the same article as Readability itself: %s', (_name, html) => {
    const expected = new Readability(parseHtml(html, URL)).parse();
    const document = parseHtml(html, URL);
    const actual = readArticle(document, {});
    expect(actual).toEqual(expected);
  });

  it("answers Readability's empty-element test as Readability does, on every element of every page", () => {
    const original = (Readability.prototype as unknown as { _isElementWithoutContent(node: Element): boolean })._isElementWithoutContent;
    for (const [, html] of pages) {
      const document = parseHtml(html, URL);
      const elements = [...document.querySelectorAll('*')];
      const answers = elements.map((element) => readArticleTestHooks.isElementWithoutContent(element));
      expect(answers).toEqual(elements.map((element) => original.call(Readability.prototype, element)));
      expect(answers).toContain(true);
    }
  });

  it('builds a CSS declaration only for style attributes that could hide an element', () => {
    const document = parseHtml('<p>x</p>', URL);
    const styles = ['color: red', 'margin:0;padding:0', 'font: 12px Displayed', 'display: none', 'DISPLAY:NONE', 'visibility: hidden',
      '\\64 isplay: none', 'displa\\79: none', '--x: 1; display: var(--x)', 'content-visibility: hidden'];
    const hiding = styles.filter((style) => {
      const element = document.createElement('div');
      element.setAttribute('style', style);
      const hides = element.style.display === 'none' || element.style.visibility === 'hidden';
      // Whatever the attribute, a style judged unable to hide must leave both properties empty.
      if (!readArticleTestHooks.mayHideByStyle(style)) expect([element.style.display, element.style.visibility]).toEqual(['', '']);
      return hides;
    });
    expect(hiding).toEqual(expect.arrayContaining(['display: none', 'DISPLAY:NONE', 'visibility: hidden']));
    expect(styles.filter((style) => !readArticleTestHooks.mayHideByStyle(style))).toEqual(['color: red', 'margin:0;padding:0']);
    expect(readArticleTestHooks.mayHideByStyle(null)).toBe(false);
  });

  it("removes the attributes Readability's style clean removes, on every page", () => {
    const readability = Readability.prototype as unknown as { _cleanStyles(node: Element): void };
    const tables = '<table align="center" width="10" bgcolor="red" class="t"><tr><td width="3" valign="top" style="x">c</td></tr></table>';
    for (const [, html] of [...pages, ['presentational attributes', `<body><div align="left" border="1" id="d"><hr width="50%" height="2">${tables}<img width="5" vspace="2"><svg width="1" style="s"></svg></div></body>`]]) {
      const expected = parseHtml(html!, URL);
      readability._cleanStyles.call(readability, expected.body);
      const actual = parseHtml(html!, URL);
      readArticleTestHooks.cleanStyles.call(Object.assign(Object.create(readability), { _cleanStyles: readArticleTestHooks.cleanStyles }), actual.body);
      expect(actual.body.outerHTML).toBe(expected.body.outerHTML);
    }
  });

  it('covers pages that retry once, several times and until every rule is loosened', () => {
    const counts = pages.map(([, html]) => restoresOf(html));
    expect(counts[0]).toBe(0);
    expect(counts).toContain(4);
    expect(counts.some((count) => count >= 1 && count < 4)).toBe(true);
  });

  it("with retries off, keeps the strict pass's answer", () => {
    // The text sits in "unlikely" containers: only the loosened retries take it.
    const html = pages[2]![1];
    const loosened = readArticle(parseHtml(html, URL), {});
    expect(loosened?.textContent?.length).toBeGreaterThan(500);
    const document = parseHtml(html, URL);
    const strict = readArticle(document, {}, false);
    expect(strict?.textContent?.length ?? 0).toBeLessThan(500);
    expect(Object.getOwnPropertyDescriptor(document.body, 'innerHTML')).toBeUndefined();
  });

  it('leaves the body as it found it: no own innerHTML property afterwards', () => {
    const document = parseHtml(pages[1]![1], URL);
    readArticle(document, {});
    expect(Object.getOwnPropertyDescriptor(document.body, 'innerHTML')).toBeUndefined();
    document.body.innerHTML = '<p>set through the prototype again</p>';
    expect(document.body.textContent).toBe('set through the prototype again');
  });
});

describe('section headings named "header"', () => {
  /** A newsletter post whose section headings carry the platform's "header-anchor-post" class. */
  const post = (headingClass: string): string => `<html><head><title>Notes on tools</title>
    <script type="application/ld+json">{"@type":"NewsArticle","headline":"Notes on tools"}</script></head><body>
    <article><h1>Notes on tools</h1>
      ${['Why we write', 'What we use', 'Where it goes next'].map((title, n) =>
        `<h2 class="${headingClass}">${title}</h2><p>${sentence.repeat(6)}</p><p>${sentence.repeat(5)} Part ${n}.</p>`).join('')}
    </article></body></html>`;
  const read = (headingClass: string): string =>
    extractDocument({ bytes: new TextEncoder().encode(post(headingClass)), url: 'https://letters.example.com/p/notes-on-tools' }).text;

  it('keeps the section headings Readability would take for the page header', () => {
    const text = read('header-anchor-post');
    expect(text).toContain('Why we write');
    expect(text).toContain('Where it goes next');
  });

  it('spares only section headings that the word "header" alone names unlikely', () => {
    const document = parseHtml(`<body><h1 class="piece-header">Title</h1><h2 class="header-anchor-post">Kept</h2><h3 class="related-header">Rail</h3>
      <h2 class="sidebar-widget header">Widget</h2><div class="site-header">Masthead</div></body>`, URL);
    expect(spareSectionHeadings(new PageIndex(document).elements)).toBe(1);
    expect(document.querySelector('h2')!.getAttribute('class')).toBe('');
    expect(document.querySelector('h3')!.getAttribute('class')).toBe('related-header');
    expect(document.querySelector('div')!.getAttribute('class')).toBe('site-header');
    // The page's own title is left to Readability's title rules.
    expect(document.querySelector('h1')!.getAttribute('class')).toBe('piece-header');
  });
});
