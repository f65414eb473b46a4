import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { blockText } from '../../../shared/extract/text.ts';
import { dropCaptions, dropPermalinks, dropTablesOfContents } from '../../../shared/extract/trim.ts';

/** The body's text after dropping tables of contents, for a page at https://example.com/guide. */
function afterDrop(body: string): string {
  const dom = new JSDOM(`<body>${body}</body>`, { url: 'https://example.com/guide' });
  try {
    const root = dom.window.document.body;
    dropTablesOfContents(root);
    return blockText(root).replace(/\s+/g, ' ');
  } finally {
    dom.window.close();
  }
}

const entries = (href: (n: number) => string): string =>
  [1, 2, 3, 4].map((n) => `<li><a href="${href(n)}">Section number ${n}</a></li>`).join('');

describe('in-page tables of contents', () => {
  it('drops a list of links to the page\'s own headings, with its title', () => {
    const text = afterDrop(`<p>Intro.</p><h3>Table of contents</h3><ul>${entries((n) => `#s${n}`)}</ul><h2 id="s1">Section number 1</h2><p>Body.</p>`);
    expect(text).toBe('Intro. Section number 1 Body.');
  });

  it('recognises entries written as links to the page itself with a fragment', () => {
    const text = afterDrop(`<div><p>Contents</p><ol>${entries((n) => `/guide#s${n}`)}</ol></div><p>Body.</p>`);
    expect(text).toBe('Body.');
  });

  it('keeps an index whose links lead to other pages (documentation chapters)', () => {
    const text = afterDrop(`<h2>Table of Contents</h2><ul>${entries((n) => `/chapter-${n}.html`)}</ul>`);
    expect(text).toContain('Table of Contents');
    expect(text).toContain('Section number 4');
  });

  it('keeps prose that links to a footnote', () => {
    const text = afterDrop('<p>A claim<a href="#fn1">1</a>, another<a href="#fn2">2</a> and a third<a href="#fn3">3</a>, all argued at length in this paragraph.</p>');
    expect(text).toContain('all argued at length');
  });
});

describe('figure captions', () => {
  it('leaves the caption out and keeps the text around the figure', () => {
    const dom = new JSDOM('<body><p>Before the photo.</p><figure><img src="a.jpg"><figcaption>A harbour at dawn. Photo: Jane Roe</figcaption></figure><p>After it.</p></body>');
    try {
      const root = dom.window.document.body;
      expect(dropCaptions(root)).toBe(1);
      expect(blockText(root)).toBe('Before the photo.\n\nAfter it.');
    } finally {
      dom.window.close();
    }
  });
});

describe('heading permalinks', () => {
  it('drops a heading\'s link to its own anchor and keeps its other links', () => {
    const dom = new JSDOM('<body><h2>Basic tutorial<a class="headerlink" href="#basic" title="Link to this heading">¶</a></h2><p>Text with <a href="#fn1">a note</a>.</p>'
      + '<h3><a href="#when">When to use it</a> <a href="#when" aria-hidden="true">#</a></h3><h3>Ref<a href="/x#y">§</a></h3></body>');
    try {
      const root = dom.window.document.body;
      expect(dropPermalinks(root)).toBe(2);
      expect(blockText(root)).toBe('Basic tutorial\n\nText with a note.\n\nWhen to use it\n\nRef§');
    } finally {
      dom.window.close();
    }
  });
});
