import { describe, expect, it } from 'vitest';
import * as authors from '../../../shared/extract/authors.ts';
import { decodePage } from '../../../shared/extract/decode.ts';
import * as jsonld from '../../../shared/extract/jsonld.ts';
import * as metadata from '../../../shared/extract/metadata.ts';
import * as metahelpers from '../../../shared/extract/metahelpers.ts';
import { PageIndex, type Selector } from '../../../shared/extract/metaindex.ts';
import { parseHtml } from '../../../shared/extract/parse.ts';
import * as published from '../../../shared/extract/published.ts';
import { loadPageFixtures } from '../../helpers/fixtures-pages.ts';

function isSelector(value: unknown): value is Selector {
  return typeof value === 'object' && value !== null && typeof (value as Selector).css === 'string' && typeof (value as Selector).test === 'function';
}

/** Every selector the metadata readers run through the index. */
const SELECTORS: Selector[] = [authors, jsonld, metadata, metahelpers, published]
  .flatMap((module) => Object.values(module))
  .flatMap((value) => (Array.isArray(value) ? value : [value]))
  .filter(isSelector);

/** Cases where a selector's meaning is easy to get wrong: letter case, quirks mode, namespaces, tokens. */
const EDGE_BODY = `
  <div class="Author">A</div><div class="AUTHOR byline">B</div><p class="authorName">C</p><p class="AUTHORNAME">D</p>
  <span class="USERNAME">E</span><span class="PostUser-name">F</span><span class="postuser-name">G</span>
  <div class="author authority">H</div><div class="co-authority">I</div><div class="\tauthor\n">J</div>
  <div class="İtem-byline">L</div><div class="">M</div>
  <a rel="Author" href="/a">N</a><a rel="me author">O</a><div rel="AUTHOR">P</div><div rel="author">Q</div>
  <link rel="CANONICAL stylesheet" href="/c"><link rel="canonical-ish" href="/d">
  <svg><a rel="Author"></a><g class="Byline"></g><title>svg title</title></svg>
  <span itemprop="Author">R</span><span itemprop="author name">S</span><span itemprop="author"><b itemprop="name">T</b></span>
  <div itemscope itemtype="https://Schema.org/Comment"><span itemprop="author">U</span></div>
  <time pubdate>2020-01-01</time><div class="Publish"><span><time>2020-01-02</time></span></div>
  <time class="PUBLISHED">2020-01-03</time><time itemprop="dateCreated">2020-01-04</time><b itemprop="datePublished">x</b>
  <div role="Main"><h1>Role Main</h1></div><main><h1>In main</h1></main><article><h1>In article</h1></article>
  <div id="PostDate">1 Jan 2020</div><div class="post-meta">2 Jan 2020</div>
  <script type="application/LD+JSON">{}</script><script type="text/json">{}</script>
  <footer><div class="byline">V</div></footer><aside class="x"><span class="username">W</span></aside>
  <blockquote><span class="username">X</span></blockquote><div class="bbQuote"><span class="username">Y</span></div>
  <div class="Related-stories"><time>2020-01-05</time></div>
  <h1><span class="label">Solved</span><sup>1</sup><span class="LABEL-append">x</span><i class="badge-new">n</i>Heading</h1>
  <h1><a href="/">Logo</a></h1><a name="top">no href</a>
  <template><div class="author">Z</div></template>
  <div data-author="jdoe">post</div><div data-author-username="">post</div>`;

const EDGE_PAGES: { name: string; html: string }[] = [
  { name: 'standards mode', html: `<!doctype html><html><head><title>T</title></head><body class="comments-page">${EDGE_BODY}</body></html>` },
  { name: 'quirks mode', html: `<html><head><title>T</title></head><body class="comment-list">${EDGE_BODY}</body></html>` },
];

const PAGES = [
  ...EDGE_PAGES,
  ...loadPageFixtures().map((fixture) => ({ name: fixture.slug, html: decodePage(fixture.bytes, fixture.contentType).text })),
];

function withinByClosest(element: Element, css: string): boolean {
  const hit = element.closest(css);
  return hit !== null && hit.tagName !== 'BODY' && hit.tagName !== 'HTML';
}

describe('the metadata page index', () => {
  it('finds the selectors the readers use', () => {
    expect(SELECTORS.length).toBeGreaterThanOrEqual(20);
  });

  it('sees quirks mode only on a page without a doctype', () => {
    expect(parseHtml(EDGE_PAGES[0]!.html, 'https://example.com/').compatMode).toBe('CSS1Compat');
    expect(parseHtml(EDGE_PAGES[1]!.html, 'https://example.com/').compatMode).toBe('BackCompat');
  });

  for (const page of PAGES) {
    it(`answers every selector as querySelectorAll does on ${page.name}`, () => {
      const document = parseHtml(page.html, 'https://example.com/page');
      const index = new PageIndex(document);
      expect(index.elements.map((facts) => facts.element)).toEqual([...document.querySelectorAll('*')]);
      for (const query of SELECTORS) {
        expect(index.all(query).map((facts) => facts.element), query.css).toEqual([...document.querySelectorAll(query.css)]);
        expect(index.first(query)?.element ?? null, query.css).toBe(document.querySelector(query.css));
      }
    });

    it(`answers scoped queries and within() as the DOM does on ${page.name}`, () => {
      const document = parseHtml(page.html, 'https://example.com/page');
      const index = new PageIndex(document);
      const scopes = [published.MAIN, metahelpers.H1, authors.BYLINE_SELECTORS[0]!].flatMap((query) => index.all(query).slice(0, 3));
      for (const scope of scopes) {
        for (const query of SELECTORS) {
          expect(index.all(query, scope).map((facts) => facts.element), query.css).toEqual([...scope.element.querySelectorAll(query.css)]);
        }
      }
      const furniture = [authors.NOT_BYLINE, authors.NOT_POSTER, authors.NOT_BYLINE_TEXT, authors.NAV_OR_FOOTER, published.NOT_DATELINE];
      // Every third element, in an order that meets ancestors both before and after their descendants.
      const sample = index.elements.filter((_, i) => i % 3 === 0);
      for (const facts of [...sample.slice().reverse(), ...sample]) {
        for (const query of furniture) {
          expect(index.within(facts.element, query), query.css).toBe(withinByClosest(facts.element, query.css));
        }
      }
    });
  }
});
