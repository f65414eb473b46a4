import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { removeBoilerplate, scanPage } from '../../../shared/extract/clean.ts';
import type { PageMetadata } from '../../../shared/extract/metadata.ts';
import { extractDocument } from '../../../shared/extract/extract.ts';
import { chooseBody } from '../../../shared/extract/region.ts';

const words = (n: number, word = 'text'): string => Array.from({ length: n }, () => word).join(' ');

/** Pre-clean a page as extraction does (`keepComments` on pages not typed as articles); the body's text after. */
function precleaned(html: string, keepComments: boolean): string {
  const dom = new JSDOM(html);
  try {
    const { document } = dom.window;
    const pageLength = (document.body.textContent ?? '').replace(/\s+/g, ' ').trim().length;
    removeBoilerplate(scanPage(document).boilerplate, pageLength, keepComments);
    return document.body.textContent ?? '';
  } finally {
    dom.window.close();
  }
}

/** Pre-cleaned as a page not typed as an article, whitespace collapsed. */
const cleanedText = (html: string): string => precleaned(html, true).replace(/\s+/g, ' ').trim();

describe('comment areas on pages not typed as articles', () => {
  it('drops the small comment area under each post of a Q&A page', () => {
    const post = (n: number): string => `<div class="post"><p>${words(150, `answer${n}`)}</p>`
      + `<div class="comments js-comments-container"><p>${words(20, `remark${n}`)}</p></div></div>`;
    const text = cleanedText(`<body><h1>Question</h1>${post(1)}${post(2)}${post(3)}</body>`);
    expect(text).toContain('answer1');
    expect(text).toContain('answer3');
    expect(text).not.toContain('remark');
  });

  it('keeps a forum thread whose posts sit in one #comments area', () => {
    const text = cleanedText(`<body><h1>Thread</h1><nav>${words(400, 'menu')}</nav>`
      + `<div id="comments"><p>${words(60, 'firstpost')}</p><p>${words(40, 'reply')}</p></div></body>`);
    expect(text).toContain('firstpost');
    expect(text).toContain('reply');
  });

  it('keeps the nested reply lists of a thread kept whole', () => {
    const reply = (n: number): string => `<li><p>${words(30, `reply${n}`)}</p><ol class="comments"><li>${words(10, `nested${n}`)}</li></ol></li>`;
    const text = cleanedText(`<body><p>${words(20, 'story')}</p><ol class="comments">${reply(1)}${reply(2)}${reply(3)}</ol></body>`);
    expect(text).toContain('nested1');
    expect(text).toContain('nested3');
  });
});

describe('comment areas on article pages', () => {
  /** Pre-clean a page as extraction does for an article-typed page; the body's text after. */
  const cleanedArticle = (html: string): string => precleaned(html, false);

  it('drops a blog comment thread even when it outweighs the article', () => {
    const text = cleanedArticle(`<body><h1>Story</h1><div class="entry-content"><p>${words(80, 'story')}</p></div>`
      + `<div id="comments" class="entry-comments"><ol class="comment-list"><li><p>${words(600, 'remark')}</p></li></ol></div></body>`);
    expect(text).toContain('story');
    expect(text).not.toContain('remark');
  });

  it('drops a comment list whose theme joins its class words with an underscore', () => {
    const text = cleanedArticle(`<body><h1>Story</h1><div class="entry-content"><p>${words(80, 'story')}</p></div>`
      + `<section id="comments"><ol class="list-plain comments_list"><li><p>${words(600, 'remark')}</p></li></ol></section></body>`);
    expect(text).toContain('story');
    expect(text).not.toContain('remark');
  });

  it('keeps a large bare #comments area, which forum software uses for the thread itself', () => {
    const text = cleanedArticle(`<body><h1>Thread</h1><p>${words(40, 'opening')}</p>`
      + `<section id="comments" class="DiscussionBoard"><p>${words(600, 'reply')}</p></section></body>`);
    expect(text).toContain('reply');
  });
});

describe('choosing between Readability and the main region', () => {
  const metadata = {} as PageMetadata;
  const body = (text: string) => ({ element: {} as Element, text });

  it('takes the region when Readability kept much more than the pruned region (a mega-menu)', () => {
    const choice = chooseBody(body(`${words(300, 'menu')} ${words(250)}`), body(words(250)), metadata, { articleTyped: false });
    expect(choice?.from).toBe('region');
  });

  it('keeps Readability on an article page even when the region is shorter', () => {
    const choice = chooseBody(body(words(600)), body(words(250)), metadata, { articleTyped: true });
    expect(choice?.from).toBe('readability');
  });

  // A service page: intro, features and plans as sibling sections; Readability keeps the features.
  const sections = [`${words(60, 'intro')}.`, `${words(100, 'features')}.`, `${words(60, 'plans')}.`];

  it('takes the region on a page that is not an article when Readability kept one of its sections', () => {
    const choice = chooseBody(body(sections[1]!), body(sections.join('\n\n')), metadata, { articleTyped: false });
    expect(choice?.from).toBe('region');
  });

  it('knows that section where Readability reads as paragraphs the lines the region reads as one (<br>)', () => {
    const asLines = `${words(50, 'features')}\n\n${words(50, 'features')}.`;
    const choice = chooseBody(body(asLines), body(sections.join('\n\n')), metadata, { articleTyped: false });
    expect(choice?.from).toBe('region');
  });

  it('keeps Readability at that share when its text is not a part of the region', () => {
    const choice = chooseBody(body(`${words(100, 'story')}.`), body(sections.join('\n\n')), metadata, { articleTyped: false });
    expect(choice?.from).toBe('readability');
  });

  it('keeps Readability when the two are of like length', () => {
    const choice = chooseBody(body(words(300)), body(words(250)), metadata, { articleTyped: false });
    expect(choice?.from).toBe('readability');
  });
});

describe('the region candidate', () => {
  it('sheds navigation, headers and footers when cleaned as a detached copy, as it is before Readability runs', async () => {
    const { parseHtml } = await import('../../../shared/extract/parse.ts');
    const { cleanRegion } = await import('../../../shared/extract/region.ts');
    const document = parseHtml(`<body><nav>${words(30, 'menu')}</nav><header><p>${words(10, 'banner')}</p></header>
      <div class="content"><p>${words(200, 'story')}</p></div><footer>${words(30, 'legal')}</footer></body>`, 'https://example.com/');
    const copy = document.body.cloneNode(true) as Element;
    const { text } = cleanRegion(copy);
    expect(text).toContain('story');
    expect(text).not.toMatch(/menu|banner|legal/);
  });

  it('sheds a navigation landmark that outweighs the content (a mega-menu) but keeps one wrapping <main>', async () => {
    const { parseHtml } = await import('../../../shared/extract/parse.ts');
    const { cleanRegion } = await import('../../../shared/extract/region.ts');
    const megaMenu = parseHtml(`<body><nav><ul><li><a href="/a">Product</a><p>${words(900, 'feature')}</p></li></ul></nav>`
      + `<div><p>${words(150, 'story')}</p></div></body>`, 'https://example.com/');
    const cleaned = cleanRegion(megaMenu.body.cloneNode(true) as Element).text;
    expect(cleaned).toContain('story');
    expect(cleaned).not.toContain('feature');

    const wrapper = parseHtml(`<body><nav class="layout"><main><p>${words(300, 'story')}</p></main></nav></body>`, 'https://example.com/');
    expect(cleanRegion(wrapper.body.cloneNode(true) as Element).text).toContain('story');
  });
});

describe("Readability's loosened retries", () => {
  const sentence = 'A sentence of plain words that goes on for a while to make a paragraph. ';
  const page = (head: string): string => `<html><head><title>Opening hours</title>${head}</head><body>`
    + '<main><h1>Opening hours</h1><p>The library opens at nine every weekday and closes at six.</p><p>On Saturdays it opens at ten and closes at four; on Sundays it stays closed.</p></main>'
    + `<div class="sidebar">${`<p>${sentence.repeat(4)}</p>`.repeat(5)}</div></body></html>`;
  const extract = (head: string) => extractDocument({ bytes: Buffer.from(page(head)), url: 'https://library.example.org/hours' });

  it('are not run on a page that does not say it is an article: its short main text is not traded for the sidebar', () => {
    const document = extract('');
    expect(document.text).toContain('The library opens at nine');
    expect(document.kind).toBe('page');
  });

  it('still look further on an article-typed page whose strict pass found little', () => {
    expect(extract('<meta property="og:type" content="article">').text).toContain('A sentence of plain words');
  });

  it('still look further on any page whose region candidate has next to nothing to offer', () => {
    // The one <main> is mostly a menu: once that is cleaned away, the region holds two words.
    const menu = '<a href="/section">Section link</a> '.repeat(60);
    const html = `<html><head><title>Notes</title></head><body><main><nav>${menu}</nav><p>Members only.</p></main>`
      + `<div class="sidebar">${`<p>${sentence.repeat(4)}</p>`.repeat(5)}</div></body></html>`;
    const document = extractDocument({ bytes: Buffer.from(html), url: 'https://library.example.org/notes' });
    expect(document.text).toContain('A sentence of plain words');
  });
});
