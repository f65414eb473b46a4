import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodePage } from '../../../shared/extract/decode.ts';
import { parseHtml } from '../../../shared/extract/parse.ts';
import { readArticleTestHooks } from '../../../shared/extract/readability.ts';
import { PageIndex } from '../../../shared/extract/metaindex.ts';
import { removeBoilerplate, scanPage } from '../../../shared/extract/clean.ts';
import { CHROME_SELECTOR, HIDDEN_SELECTOR, isChrome, mainRegion, mayBeHidden, REGION_SELECTORS } from '../../../shared/extract/region.ts';
import { elementsWhere } from '../../../shared/extract/text.ts';

const PAGES = join(import.meta.dirname, '../../fixtures/pages');
const URL = 'https://news.example.org/story';

/** Markup that tries the edges of the selectors: case, quirks mode, roles, substrings, foreign elements. */
const EDGES = `<html class="Content"><body id="MAIN"><div class="cookie-consent"><div class="newsletter">n</div><p class="paywall">p</p></div>
  <aside class="related">a</aside><div role="dialog" data-paywall>d</div><div aria-modal="true" aria-hidden="TRUE">m</div><div hidden id="S:a">s</div>
  <math><style class="share">ms</style><aside>ma</aside></math><template><div class="share">t</div></template><script class="share"></script>
  <div id="Main-Content" class="CONTENT main-content x"><nav>n</nav><div class="SideBar-left">s</div><div id="topMENU">m</div>
  <div role="Navigation">r</div><div role="navigation">r</div><div role="search banner">r</div><main role="main">m</main>
  <svg><nav/><foreignObject><p hidden>h</p></foreignObject></svg><p style="DISPLAY: NONE">x</p><p aria-hidden="TRUE">a</p>
  <section class="contents">c</section><span class="content">c</span><template><nav>t</nav></template><select><option>o</select></div>
</body></html>`;

const documents = (): Array<[string, Document]> => [
  ...readdirSync(PAGES).map((name): [string, Document] => [name, parseHtml(decodePage(readFileSync(join(PAGES, name, 'source.html'))).text, URL)]),
  ['edge cases, quirks mode', parseHtml(EDGES, URL)],
  ['edge cases, standards mode', parseHtml(`<!doctype html>${EDGES}`, URL)],
];

describe('walks that stand in for querySelectorAll (same elements, same order)', () => {
  it.each(documents())('page chrome and hidden candidates: %s', (_name, document) => {
    expect(elementsWhere(document.body, isChrome)).toEqual([...document.body.querySelectorAll(CHROME_SELECTOR)]);
    expect(elementsWhere(document.body, mayBeHidden)).toEqual([...document.body.querySelectorAll(HIDDEN_SELECTOR)]);
  });

  it.each(documents())('main-region candidates: %s', (_name, document) => {
    const index = new PageIndex(document);
    for (const query of REGION_SELECTORS) {
      expect(index.all(query).map((facts) => facts.element)).toEqual([...document.querySelectorAll(query.css)]);
    }
  });

  it.each(documents())("Readability's element lookups by tag: %s", (_name, document) => {
    for (const tags of [['p'], ['h1', 'h2'], ['img', 'embed', 'object', 'iframe'], ['script', 'noscript'], ['DIV', 'Section'], ['nav', 'p']]) {
      expect(readArticleTestHooks.allNodesWithTag(document, tags)).toEqual([...document.querySelectorAll(tags.join(','))]);
    }
  });

  // Each document is parsed twice: the scan reveals streamed segments, moving them.
  it.each(documents().map(([name]) => name))('the furniture scan read from the page index: %s', (name) => {
    const [walked, indexed] = [0, 1].map(() => documents().find(([other]) => other === name)![1]);
    const byWalk = scanPage(walked!);
    const byIndex = scanPage(indexed!, new PageIndex(indexed!));
    const path = (element: Element): string => `${element.tagName}#${element.id}.${element.getAttribute('class')}@${[...element.ownerDocument.getElementsByTagName('*')].indexOf(element)}`;
    for (const key of ['boilerplate', 'consent', 'paywall'] as const) expect(byIndex[key].map(path)).toEqual(byWalk[key].map(path));
    expect(indexed!.documentElement.outerHTML).toBe(walked!.documentElement.outerHTML);
  });

  it.each(documents())('the main region from an index taken before furniture was removed: %s', (_name, document) => {
    const stale = new PageIndex(document);
    removeBoilerplate(scanPage(document, stale).boilerplate, (document.body.textContent ?? '').length, true);
    expect(mainRegion(document, document.body, stale)).toBe(mainRegion(document, document.body));
  });

  it('the main region passes over elements the index holds but the page has lost', () => {
    const document = parseHtml(`<body><div class="content newsletter"><p>${'sign up '.repeat(5)}</p></div>
      <div class="content"><p>${'words '.repeat(200)}</p></div></body>`, URL);
    const stale = new PageIndex(document);
    removeBoilerplate(scanPage(document, stale).boilerplate, document.body.textContent!.length, true);
    expect(document.querySelectorAll('.content')).toHaveLength(1);
    expect(mainRegion(document, document.body, stale)).toBe(document.querySelector('.content'));
  });

  it('the edge-case page exercises quirks mode and standards mode alike', () => {
    expect(parseHtml(EDGES, URL).compatMode).toBe('BackCompat');
    expect(parseHtml(`<!doctype html>${EDGES}`, URL).compatMode).toBe('CSS1Compat');
  });
});
