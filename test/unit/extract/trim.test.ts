import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { blockText, countWords, hasWords } from '../../../shared/extract/text.ts';
import { extractDocument } from '../../../shared/extract/extract.ts';
import { dropCaptions, dropInterfaceLines, dropMarquees, dropPermalinks, dropRepeatedSections, dropTablesOfContents, dropTrailingBio, dropTrailingFurniture } from '../../../shared/extract/trim.ts';

/** Run `check` on the body of a page made of `body`, closing the window afterwards. */
function withBody(body: string, check: (root: HTMLElement) => void): void {
  const dom = new JSDOM(`<body>${body}</body>`);
  try {
    check(dom.window.document.body);
  } finally {
    dom.window.close();
  }
}

/** The text of a block made of `body` after `drop` has run on it. */
function textAfterDropping(drop: (root: Element) => unknown, body: string): string {
  let text = '';
  withBody(`<div id="root">${body}</div>`, (page) => {
    const root = page.querySelector('#root')!;
    drop(root);
    text = blockText(root);
  });
  return text;
}

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
    withBody('<p>Before the photo.</p><figure><img src="a.jpg"><figcaption>A harbour at dawn. Photo: Jane Roe</figcaption></figure><p>After it.</p>', (root) => {
      expect(dropCaptions(root)).toBe(1);
      expect(blockText(root)).toBe('Before the photo.\n\nAfter it.');
    });
  });
});

describe('heading permalinks', () => {
  it('drops a heading\'s link to its own anchor and keeps its other links', () => {
    withBody('<h2>Basic tutorial<a class="headerlink" href="#basic" title="Link to this heading">¶</a></h2><p>Text with <a href="#fn1">a note</a>.</p>'
      + '<h3><a href="#when">When to use it</a> <a href="#when" aria-hidden="true">#</a></h3><h3>Ref<a href="/x#y">§</a></h3>', (root) => {
      expect(dropPermalinks(root)).toBe(2);
      expect(blockText(root)).toBe('Basic tutorial\n\nText with a note.\n\nWhen to use it\n\nRef§');
    });
  });
});

describe('trailing furniture', () => {
  const paragraphs = (n: number): string =>
    Array.from({ length: n }, (_, i) => `<p>Paragraph ${i} of the story tells the reader one more thing about the garden and its long history.</p>`).join('');
  const cut = (body: string): { cut: boolean; text: string } => {
    const dom = new JSDOM(`<body><div id="root">${body}</div></body>`);
    try {
      const root = dom.window.document.getElementById('root')!;
      const cut = dropTrailingFurniture(root);
      return { cut, text: blockText(root).replace(/\s+/g, ' ') };
    } finally {
      dom.window.close();
    }
  };

  it('drops an author box after the last paragraph, heading and all', () => {
    const { cut: done, text } = cut(`<article>${paragraphs(10)}<div><h3><span>About the Author</span></h3><p>Jane Doe writes about gardens.</p></div></article>`);
    expect(done).toBe(true);
    expect(text).toContain('Paragraph 9');
    expect(text).not.toContain('About the Author');
    expect(text).not.toContain('Jane Doe');
  });

  it('drops a reading list that follows its heading as bare text', () => {
    const { text } = cut(`${paragraphs(10)}<div>You might also like:<ul><li><a href="/a">Ten roses</a></li><li><a href="/b">Pruning</a></li></ul></div>`);
    expect(text).not.toContain('You might also like');
    expect(text).not.toContain('Ten roses');
  });

  it('drops a rail of other products that closes a shop page', () => {
    for (const title of ['Related products', 'Recently viewed', 'More like this', 'Customers also bought', 'Frequently bought together', 'Similar items']) {
      const { text } = cut(`${paragraphs(10)}<section><h2>${title}</h2><ul><li><a href="/p/1">Clay pot</a> $12</li><li><a href="/p/2">Watering can</a> $30</li></ul></section>`);
      expect(text).not.toContain(title);
      expect(text).not.toContain('Watering can');
    }
  });

  it('keeps such a heading early in the text, and a long section after it', () => {
    expect(cut(`${paragraphs(3)}<h2>Related reading</h2>${paragraphs(10)}`).cut).toBe(false);
    expect(cut(`${paragraphs(60)}<h2>More from the project</h2>${paragraphs(16)}`).cut).toBe(false);
  });

  it('reads the end of a long body back to where the share is settled, and still cuts there', () => {
    // Over a thousand words before the tail: the walk stops before reaching the body's start.
    const { cut: done, text } = cut(`${paragraphs(80)}<h2>Related articles</h2><ul><li><a href="/a">Ten roses</a></li><li><a href="/b">Pruning</a></li></ul>`);
    expect(done).toBe(true);
    expect(text).toContain('Paragraph 0 of');
    expect(text).toContain('Paragraph 79 of');
    expect(text).not.toContain('Ten roses');
    // A tail over its word limit is not cut, however long the body before it.
    expect(cut(`${paragraphs(80)}<h2>Related articles</h2>${paragraphs(16)}`).cut).toBe(false);
  });

  it('keeps a sentence that begins like a heading', () => {
    const body = `${paragraphs(10)}<p>Written by hand in 1850, the letter was found in a drawer by the gardener's grandson.</p>`;
    expect(cut(body).cut).toBe(false);
  });
});

describe('trailing author bio', () => {
  const story = Array.from({ length: 12 }, (_, i) => `<p>Paragraph ${i} of the story tells the reader one more thing about the garden and its long history.</p>`).join('');
  const bio = '<p>Jane Doe is a garden writer based in Leeds who has covered roses for ten years.</p>';
  const textAfter = (body: string, authors: string[]): string => {
    const dom = new JSDOM(`<body><div id="root">${body}</div></body>`);
    try {
      const root = dom.window.document.getElementById('root')!;
      dropTrailingBio(root, authors);
      return blockText(root);
    } finally {
      dom.window.close();
    }
  };

  it('drops the bio that follows the text, known by the author\'s name', () => {
    const page = `<html><head><title>Roses</title><meta name="author" content="Jane Doe"></head><body><article><h1>Roses</h1>${story}${bio}</article></body></html>`;
    const document = extractDocument({ bytes: new TextEncoder().encode(page), url: 'https://example.com/roses' });
    expect(document.authors).toEqual(['Jane Doe']);
    expect(document.text).toContain('Paragraph 11');
    expect(document.text).not.toContain('garden writer based in Leeds');
  });

  it('drops a bio that opens with the author\'s first name and presents a person, or in parentheses', () => {
    expect(textAfter(`${story}<p>Jane is a garden writer based in Leeds.</p>`, ['Jane Doe'])).not.toContain('garden writer');
    expect(textAfter(`${story}<p>Jane started this blog in 2010 to share her roses.</p>`, ['Jane Doe'])).not.toContain('this blog');
    expect(textAfter(`${story}<p>(Jane Doe is a garden writer based in Leeds.)</p>`, ['Jane Doe'])).not.toContain('garden writer');
    expect(textAfter(`${story}<p>*Jane Doe, MD, is a physician in Leeds.</p>`, ['Jane Doe'])).not.toContain('physician');
  });

  it('drops an author box that shows the name alone above the bio', () => {
    const box = '<p>Webmaster</p><p>Keeps the site running and answers the mail.</p>';
    expect(textAfter(`${story}${box}`, ['Webmaster'])).not.toContain('answers the mail');
    expect(textAfter(`${story}<p>Jane</p><p>Grows roses in Leeds.</p>`, ['Jane Doe'])).not.toContain('Grows roses');
  });

  it('keeps a reply headed by the poster\'s handle in lower case', () => {
    expect(textAfter(`${story}<p>janed42</p><p>Thanks, the roses took in the end.</p>`, ['janed42'])).toContain('roses took');
  });

  it('keeps a sentence that opens with the first name but does not present the author', () => {
    expect(textAfter(`${story}<p>Jane is already planning next year's beds.</p>`, ['Jane Doe'])).toContain('next year');
    expect(textAfter(`${story}<p>Janet is a neighbour who grows tulips.</p>`, ['Jane Doe'])).toContain('tulips');
  });

  it('keeps the name where the text itself begins with it, and a one-word name', () => {
    expect(textAfter(`${bio}${story}`, ['Jane Doe'])).toContain('garden writer');
    expect(textAfter(`${story}<p>Jane is a garden writer.</p>`, ['Jane'])).toContain('garden writer');
    expect(textAfter(`${story}<p>Jane Doesburg planted the first roses here.</p>`, ['Jane Doe'])).toContain('first roses');
  });
});

describe('interface lines', () => {
  const textAfter = (body: string): string => textAfterDropping(dropInterfaceLines, body);

  it('drops control labels, sort and filter bars, ad marks, reading times and copyright lines alone in a paragraph', () => {
    const body = '<p>Skip to main content</p><p>5 min read</p><div><span>Filters</span></div><p>Sort by: Best Selling</p><ul><li><h3>Garden trowel</h3><span>$12</span>'
      + '<div><a href="/cart">Add to Cart</a></div><div><a href="/compare">Compare</a></div><a href="#">Quick View</a></li></ul>'
      + '<p>Advertisement</p><p>A sturdy trowel for every bed.</p><p>Loading...</p><footer><p>© 2025 Example Tools Ltd. All rights reserved.</p></footer>';
    expect(textAfter(body)).toBe('Garden trowel\n\n$12\n\nA sturdy trowel for every bed.');
  });

  it('drops a template\'s placeholder text, and keeps a sentence that quotes it', () => {
    const body = '<h2>Our ranking</h2><p>The insurers are ranked by premium growth.</p><div class="card"><h3>Lorem ipsum</h3>'
      + '<p>Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore.</p></div>'
      + '<p>Designers call the dummy text lorem ipsum.</p>';
    expect(textAfter(body)).toBe('Our ranking\n\nThe insurers are ranked by premium growth.\n\nDesigners call the dummy text lorem ipsum.');
  });

  it('keeps the same words inside a sentence, and a table\'s cells', () => {
    const body = '<p>Add to cart the trowel and the gloves, then compare prices.</p><p>Copyright law protects the design.</p><p>Sort by colour before you plant.</p>'
      + '<table><tr><td>Compare</td><td>Yes</td></tr></table>';
    const text = textAfter(body);
    expect(text).toContain('Add to cart the trowel');
    expect(text).toContain('Copyright law');
    expect(text).toContain('Sort by colour');
    expect(text).toContain('Compare');
  });

  it('leaves the page\'s text through extraction without the shop\'s buttons', () => {
    const items = Array.from({ length: 6 }, (_, i) => `<p>Paragraph ${i} describes the trowel's forged blade and ash handle in some detail for the reader.</p>`).join('');
    const page = `<html><head><title>Trowel</title></head><body><article><h1>Trowel</h1>${items}<p><a href="/cart">Add to cart</a></p><p>Sponsored</p></article></body></html>`;
    const document = extractDocument({ bytes: new TextEncoder().encode(page), url: 'https://example.com/trowel' });
    expect(document.text).toContain('Paragraph 5');
    expect(document.text).not.toContain('Add to cart');
    expect(document.text).not.toContain('Sponsored');
  });
});

describe('JSON left in the page', () => {
  const state = '{"widgetId":"GridWidget","items":["A100","B200"],"offset":0,"limit":20,"prime":true,"labels":{"clear":"Clear filters"}}';

  it('drops a paragraph that is a JSON document, a script\'s state in a hidden block', () => {
    withBody(`<p>Headphones for every ear.</p><div class="grid-state">${state}</div>`, (root) => {
      expect(blockText(root)).toBe('Headphones for every ear.');
    });
  });

  it('keeps JSON a code block shows, and prose in braces', () => {
    withBody(`<pre><code>${state}</code></pre><p><code>{"retries": 3}</code></p><p>{"So": it began}</p>`, (root) => {
      const text = blockText(root);
      expect(text).toContain('"widgetId":"GridWidget"');
      expect(text).toContain('{"retries": 3}');
      expect(text).toContain('{"So": it began}');
    });
  });
});

describe('sections repeated per breakpoint or carousel loop', () => {
  const slide = '<div class="slide"><h2>Plan together on one canvas</h2><p>Bring every team into one shared space where ideas, plans and decisions stay side by side and anyone can pick up the work.</p></div>';
  const occurrences = (text: string, needle: string): number => text.split(needle).length - 1;
  const textAfter = (body: string): string => textAfterDropping(dropRepeatedSections, body);

  it('reads a landing page section once where the page renders it once per breakpoint', () => {
    const intro = Array.from({ length: 6 }, (_, i) => `<p>Point ${i}: our studio plans, builds and runs websites for small firms, from the first sketch to the daily care.</p>`).join('');
    const page = `<html><head><title>Studio</title></head><body><main><h1>Our studio</h1>${intro}<div class="desktop">${slide}</div><div class="tablet">${slide}</div><div class="phone">${slide}</div></main></body></html>`;
    const document = extractDocument({ bytes: new TextEncoder().encode(page), url: 'https://example.com/' });
    expect(document.text).toContain('Point 5');
    expect(occurrences(document.text ?? '', 'Plan together on one canvas')).toBe(1);
  });

  it('keeps repeated runs without a heading, repeated code and short repeats, and a wrapper around its only section', () => {
    const features = '<ul><li>Unlimited boards for every member of the team</li><li>Version history kept for ninety days</li><li>Priority support from our staff by mail and chat</li></ul>';
    const code = '<div><h3>Response</h3><pre>{ "id": "abc", "object": "charge", "amount": 1099, "currency": "usd", "status": "succeeded", "paid": true, "refunded": false, "captured": true }</pre></div>';
    const card = '<div><h3>Monitor arm</h3><p>For monitors up to 20 lbs</p></div>';
    const text = textAfter(`<div>${features}</div><div>${features}</div>${code}${code}${card}${card}<section><div>${slide}</div></section>`);
    expect(occurrences(text, 'Version history')).toBe(2);
    expect(occurrences(text, '"charge"')).toBe(2);
    expect(occurrences(text, 'Monitor arm')).toBe(2);
    expect(occurrences(text, 'Plan together on one canvas')).toBe(1);
  });
});

describe('a rail of teasers closing an article', () => {
  const story = Array.from({ length: 16 }, (_, i) => `<p>Paragraph ${i} tells how the harbour town rebuilt its sea wall after the winter storms, stone by stone.</p>`).join('');
  const card = (n: number, href = `/news/other-story-${n}`): string => `<div><h3><a href="${href}">Other story ${n} in the news</a></h3><p>Blurb ${n}: the ferry company, the council and the fishermen's cooperative met again this week to settle the timetable for the winter crossings, and agreed on two sailings a day until the spring...</p><p>Dec ${n}, 2025</p></div>`;
  const page = (after: string): string => `<html><head><title>Sea wall</title><meta property="og:type" content="article"></head><body>`
    + `<article><h1>The sea wall rebuilt</h1><div class="body">${story}<h2>Also in the news</h2><div><div>${after}</div></div></div></article></body></html>`;
  const extract = (html: string): string => extractDocument({ bytes: new TextEncoder().encode(html), url: 'https://example.com/2025/12/harbour-town-rebuilds-its-sea-wall' }).text ?? '';

  it('cuts the linked headlines of other stories, and their title, after the text', () => {
    const text = extract(page(`${card(1)}${card(2)}</div><div>${card(3)}${card(4)}`));
    expect(text).toContain('Paragraph 15');
    expect(text).not.toContain('Other story');
    expect(text).not.toContain('Blurb');
    expect(text).not.toContain('Also in the news');
  });

  it('keeps two linked headlines, and headings that link within the page', () => {
    expect(extract(page(`${card(1)}${card(2)}`))).toContain('Other story 2');
    expect(extract(page(`${card(1, '#q1')}${card(2, '#q2')}${card(3, '#q3')}`))).toContain('Other story 3');
  });
});

describe('other stories\' <article>s closing an article', () => {
  const story = Array.from({ length: 16 }, (_, i) => `<p>Paragraph ${i} tells how the harbour town rebuilt its sea wall after the winter storms, stone by stone.</p>`).join('');
  const teaser = (n: number): string => `<article><p>Section ${n}</p><p>Item ${n}: the ferry company, the council and the fishermen's cooperative met again this week to settle the timetable for the winter cro...</p></article>`;
  const page = (head: string): string => `<html><head><title>Sea wall</title>${head}</head><body><div><article><h1>The sea wall rebuilt</h1>${story}</article>`
    + `<div><p>More news</p></div><div>${teaser(1)}${teaser(2)}${teaser(3)}${teaser(4)}</div></div></body></html>`;
  const extract = (html: string): string => extractDocument({ bytes: new TextEncoder().encode(html), url: 'https://example.com/2025/12/harbour-town-rebuilds-its-sea-wall' }).text ?? '';

  it('cuts them on a page typed as an article', () => {
    const text = extract(page('<meta property="og:type" content="article">'));
    expect(text).toContain('Paragraph 15');
    expect(text).not.toContain('Item 1');
  });

  it('keeps them where the page does not say it is one story: they may be a thread\'s posts', () => {
    expect(extract(page(''))).toContain('Item 4');
  });

  it('keeps <article>s that are not cut short, as a thread typed as an article puts its posts', () => {
    const thread = page('<meta property="og:type" content="article">').replace(/cro\.\.\./g, 'crossings.');
    expect(extract(thread)).toContain('Item 4');
  });
});

describe('ticker and marquee loops', () => {
  const textAfter = (body: string): string => textAfterDropping(dropMarquees, body);
  const story = '<p>Our studio designs packaging for cosmetics brands, from the first sketch to the printed box.</p>';

  it('drops a line a ticker clones eight times in a row, and a phrase looped inside one paragraph', () => {
    const ticker = `<ul class="ticker">${Array.from({ length: 8 }, () => '<li><p>Book your spot today</p></li>').join('')}</ul>`;
    const strip = `<p>${Array.from({ length: 12 }, () => 'Book Now *').join('')}</p>`;
    const text = textAfter(`${story}${ticker}${strip}`);
    expect(text).toContain('Our studio designs packaging');
    expect(text).not.toContain('Book your spot today');
    expect(text).not.toContain('Book Now');
  });

  it('keeps a line repeated a few times, as a pricing grid or a list repeats it', () => {
    const grid = Array.from({ length: 5 }, () => '<li>Free custom domain</li>').join('');
    const text = textAfter(`${story}<ul>${grid}</ul><p>Try it for free Try it for free Try it for free</p>`);
    expect(text.split('Free custom domain').length - 1).toBe(5);
    expect(text).toContain('Try it for free Try it for free');
  });
});

describe('word counts', () => {
  it('counts each text as the scorer does, counted afresh or remembered', () => {
    const long = 'word '.repeat(300);
    const other = 'ab '.repeat(500);
    // Same length, different words: the remembered count of one is never the other's.
    expect(other.length).toBe(long.length);
    expect(countWords(long)).toBe(300);
    expect(countWords(other)).toBe(500);
    expect(countWords(long.replace(/word $/, 'w-x '))).toBe(301);
    expect(countWords(long)).toBe(300);
  });

  it('tells "at least N words" as the full count does', () => {
    fc.assert(fc.property(fc.string({ maxLength: 80 }), fc.integer({ min: -1, max: 20 }), (text, least) => {
      expect(hasWords(text, least)).toBe(countWords(text) >= least);
    }));
  });
});
