import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readability } from '@mozilla/readability';
import { JSDOM, VirtualConsole } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { decodePage } from '../../../shared/extract/decode.ts';
import { parseHtml } from '../../../shared/extract/parse.ts';

const PAGES = join(import.meta.dirname, '../../fixtures/pages');
const quiet = new VirtualConsole();

function readability(document: Document): unknown {
  return new Readability(document).parse();
}

/** Pages Readability reads in different ways: fixtures, plus generated shapes it treats specially. */
const pages: Array<[string, string]> = [
  ...readdirSync(PAGES).map((name): [string, string] => [name, decodePage(readFileSync(join(PAGES, name, 'source.html'))).text]),
  ['relative links and a fragment', `<html><head><title>T</title></head><body><article><h1>Heading</h1>
    ${'<p>Plenty of words in this paragraph, with a <a href="/other">relative link</a> and a <a href="#note">fragment</a>. </p>'.repeat(12)}
    <img src="pic.jpg"><noscript><img src="lazy.jpg"></noscript></article></body></html>`],
  ['a base element', `<html><head><base href="/docs/"><title>B</title></head><body><div class="content">
    ${'<p>Another long paragraph of words, this one linking <a href="page.html">a page</a> relative to the base. </p>'.repeat(12)}
    </div></body></html>`],
];

describe('parseHtml (one shared jsdom window)', () => {
  it.each(pages)('gives Readability the same result as a fresh JSDOM: %s', (_name, html) => {
    const url = 'https://news.example.org/2026/11/27/story?id=3';
    const fresh = new JSDOM(html, { url, virtualConsole: quiet });
    const expected = readability(fresh.window.document);
    fresh.window.close();
    expect(expected).not.toBeNull();
    expect(readability(parseHtml(html, url))).toEqual(expected);
  });

  it("gives each document its own page's URL", () => {
    const first = parseHtml('<a href="x">x</a>', 'https://a.example/one/page');
    const second = parseHtml('<base href="/root/"><a href="y">y</a>', 'https://b.example/two/page');
    expect(first.URL).toBe('https://a.example/one/page');
    expect(first.querySelector('a')!.href).toBe('https://a.example/one/x');
    expect(second.baseURI).toBe('https://b.example/root/');
    expect(second.querySelector('a')!.href).toBe('https://b.example/root/y');
    // The first document is untouched by the second.
    expect(first.baseURI).toBe('https://a.example/one/page');
  });

  it("does not let the page's named elements stand in for the document's own properties", () => {
    // In a browser (and a fresh JSDOM) <img name="body"> makes document.body that image ("DOM clobbering").
    // An archived page is data: its names must not change what the extractor reads.
    const html = '<head><title>Real title</title></head><body><img name="body"><form name="title"></form><img name="clobbered" id="x"><p>text</p></body>';
    const fresh = new JSDOM(html, { virtualConsole: quiet });
    expect(fresh.window.document.body.tagName).toBe('IMG');
    fresh.window.close();
    const document = parseHtml(html, 'https://a.example/');
    expect(document.body.tagName).toBe('BODY');
    expect(document.title).toBe('Real title');
    expect('clobbered' in document).toBe(false);
    expect(Object.keys(document)).not.toContain('x');
  });

  it('parses <noscript> content as markup, as a default JSDOM does', () => {
    const document = parseHtml('<body><noscript><p>shown without scripts</p></noscript></body>', 'https://a.example/');
    expect(document.querySelector('noscript p')?.textContent).toBe('shown without scripts');
  });
});
