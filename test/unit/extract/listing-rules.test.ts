import { describe, expect, it } from 'vitest';
import { scanPage } from '../../../shared/extract/clean.ts';
import { extractDocument } from '../../../shared/extract/extract.ts';
import { parseHtml } from '../../../shared/extract/parse.ts';
import type { PageMetadata } from '../../../shared/extract/metadata.ts';
import { chooseBody, cleanRegion, listingUrl } from '../../../shared/extract/region.ts';
import { isHidden } from '../../../shared/extract/text.ts';

const words = (n: number, word = 'text'): string => Array.from({ length: n }, () => word).join(' ');
const extract = (html: string, url = 'https://example.com/topic/widgets') =>
  extractDocument({ bytes: new TextEncoder().encode(html), url });

/** A news river: each teaser an <article> whose <header> holds headline, blurb and byline. */
const teaser = (n: number): string => `<article class="river-item">
  <a href="/story-${n}" aria-hidden="true" tabindex="-1"><img src="/p${n}.jpg" alt=""></a>
  <header><h2><a href="/story-${n}">Headline number ${n} about the widget trade</a></h2>
    <p class="desc"><a href="/story-${n}" aria-hidden="true" tabindex="-1">Blurb${n} ${words(20, `blurb${n}`)}</a></p>
    <div class="aux"><a href="/author/${n}">Writer ${n}</a> <time>${n} days ago</time> <a href="/forum/${n}">${n}</a></div>
  </header></article>`;

describe('teaser rivers on listing pages', () => {
  it('keeps the <header> of each teaser <article> in the region, with headline and blurb', () => {
    const document = parseHtml(`<body><header><nav><a href="/">Home</a></nav><p>${words(10, 'banner')}</p></header>`
      + `<main><h1>Widgets</h1>${[1, 2, 3, 4].map(teaser).join('')}</main></body>`, 'https://example.com/');
    const { text } = cleanRegion(document.body.cloneNode(true) as Element);
    expect(text).toContain('Headline number 3 about the widget trade');
    expect(text).not.toContain('banner');
  });

  it('still sheds the author box in the <header> of each forum reply <article>', () => {
    const reply = (n: number): string => `<article class="reply"><header>Posted by <a href="/users/${n}">member${n}</a>`
      + ` <div class="post-count">${n}00 posts</div></header><div class="content"><p>${words(40, `reply${n}`)}</p></div></article>`;
    const document = parseHtml(`<body><main><h1>Thread</h1>${[1, 2, 3, 4].map(reply).join('')}</main></body>`, 'https://example.com/');
    const { text } = cleanRegion(document.body.cloneNode(true) as Element);
    expect(text).toContain('reply3');
    expect(text).not.toContain('member3');
  });

  it('does not count the links a teaser card repeats to the same item as a menu of many links', () => {
    const card = (n: number): string => `<li class="card"><a href="/p/${n}"><img src="/i${n}.jpg" alt=""></a>`
      + `<a href="/p/${n}">Dark roast coffee ${n}</a> <a href="/p/${n}">Dark roast coffee ${n}</a><span>$1${n}.99</span></li>`;
    const document = parseHtml(`<body><main><ul class="grid">${Array.from({ length: 12 }, (_, n) => card(n)).join('')}</ul>`
      + `<p>${words(200, 'other')}</p></main></body>`, 'https://example.com/');
    const { text } = cleanRegion(document.body.cloneNode(true) as Element);
    expect(text).toContain('Dark roast coffee 7');
    expect(text).toContain('$17.99');
  });

  it('reads a card\'s name once where the card links to its item twice with the same words', () => {
    const card = (n: number): string => `<li class="card"><div class="media"><a href="/p/${n}">Blend ${n} whole bean</a></div>`
      + `<h3><a href="/p/${n}">Blend ${n} whole bean</a></h3><span>$1${n}.99</span></li>`;
    const document = parseHtml(`<body><main><h1>Coffee</h1><ul class="grid">${Array.from({ length: 8 }, (_, n) => card(n)).join('')}</ul></main></body>`, 'https://example.com/');
    const { text } = cleanRegion(document.body.cloneNode(true) as Element);
    expect(text.match(/Blend 5 whole bean/g)).toHaveLength(1);
    expect(text).toContain('$15.99');
  });

  it('keeps links with the same words to different places', () => {
    const row = (n: number): string => `<tr><td><a href="/a/${n}">Download</a></td><td>Release ${n}</td></tr>`;
    const document = parseHtml(`<body><main><table>${Array.from({ length: 4 }, (_, n) => row(n)).join('')}</table></main></body>`, 'https://example.com/');
    const { text } = cleanRegion(document.body.cloneNode(true) as Element);
    expect(text.match(/Download/g)).toHaveLength(4);
  });

  it('still prunes a menu of short links to different places', () => {
    const document = parseHtml(`<body><main><ul>${Array.from({ length: 12 }, (_, n) => `<li><a href="/c/${n}">Cat ${n}</a></li>`).join('')}</ul>`
      + `<p>${words(200, 'story')}</p></main></body>`, 'https://example.com/');
    const { text } = cleanRegion(document.body.cloneNode(true) as Element);
    expect(text).not.toContain('Cat 7');
    expect(text).toContain('story');
  });

  it('keeps a list of linked names written out as text (a paper\'s authors), not a menu beside it', () => {
    const paper = (n: number): string => `<dd><div class="title">Paper ${n} on learning widgets from few examples</div>`
      + `<div class="authors"><a href="/a/ada${n}">Ada Lovelace${n}</a>, <a href="/a/alan${n}">Alan Turing${n}</a>, `
      + `<a href="/a/grace${n}">Grace Hopper${n}</a> and <a href="/a/kurt${n}">Kurt Goedel${n}</a></div><p>${words(30, `abstract${n}`)}</p></dd>`;
    const menu = `<div class="sidebar-links">${Array.from({ length: 8 }, (_, n) => `<a href="/c/${n}">Cat ${n}</a>`).join(' ')}</div>`;
    const document = parseHtml(`<body><main><h1>Recent papers</h1>${menu}<dl>${[1, 2, 3, 4, 5].map(paper).join('')}</dl></main></body>`, 'https://example.com/list/recent');
    const { text } = cleanRegion(document.body.cloneNode(true) as Element);
    expect(text).toContain('Alan Turing3');
    expect(text).toContain('Kurt Goedel5');
    expect(text).not.toContain('Cat 6');
  });

  it('still prunes a lone line of linked names beside the text, as a page\'s furniture', () => {
    const document = parseHtml(`<body><main><h1>A story</h1><p>${words(200, 'story')}</p>`
      + '<div class="also">Also: <a href="/t/1">Widget makers</a>, <a href="/t/2">Gadget makers</a>, <a href="/t/3">Gizmo makers</a> and <a href="/t/4">Doohickey makers</a></div>'
      + '</main></body>', 'https://example.com/story/widgets-and-gadgets-today');
    const { text } = cleanRegion(document.body.cloneNode(true) as Element);
    expect(text).toContain('story');
    expect(text).not.toContain('Gizmo makers');
  });

  it('keeps the link lists that are most of the region: an index page of categories', () => {
    const group = (letter: string): string => `<div class="group"><h3>${letter}</h3><ul>`
      + Array.from({ length: 6 }, (_, n) => `<li><a href="/c/${letter}${n}">${letter}-type fitting ${n}</a></li>`).join('') + '</ul></div>';
    const document = parseHtml(`<body><main><h1>Fittings</h1><p>${words(20, 'intro')}</p>`
      + `${['A', 'B', 'C', 'D', 'E'].map(group).join('')}</main></body>`, 'https://example.com/');
    const { text } = cleanRegion(document.body.cloneNode(true) as Element);
    expect(text).toContain('C-type fitting 4');
    expect(text).toContain('intro');
  });

  it('treats a teaser link hidden from assistive technology and the tab order as visible', () => {
    const document = parseHtml(`<body><a href="/s" aria-hidden="true" tabindex="-1">Blurb</a><div aria-hidden="true">Icon</div></body>`, 'https://example.com/');
    const [link, icon] = [document.querySelector('a')!, document.querySelector('div')!];
    expect(isHidden(link)).toBe(false);
    expect(isHidden(icon)).toBe(true);
    const scan = scanPage(document);
    expect(scan.boilerplate).not.toContain(link);
    expect(scan.boilerplate).toContain(icon);
  });

  it('reads a teaser river end to end', () => {
    const page = `<html><head><title>Widgets</title></head><body><header><nav><a href="/">Home</a> <a href="/about">About</a></nav></header>`
      + `<main><h1>Widgets</h1>${Array.from({ length: 8 }, (_, n) => teaser(n)).join('')}</main>`
      + `<footer><p>Copyright ${words(8, 'legal')}</p></footer></body></html>`;
    const document = extract(page);
    expect(document.text).toContain('Headline number 5 about the widget trade');
    expect(document.text).toContain('blurb5');
  });
});

describe('content shown by script', () => {
  it('shows a display:none wrapper that holds most of the page, as its script would', () => {
    const card = (n: number): string => `<li><h3><a href="/p/${n}">Product ${n}</a></h3><p>${words(12, `feature${n}`)}</p><span>$${n}.99</span></li>`;
    const page = `<html><head><title>Coffee</title></head><body><header><a href="/">Shop</a></header><main>`
      + `<div class="lock-content" style="display:none;"><h1>Coffee</h1><ul>${Array.from({ length: 12 }, (_, n) => card(n)).join('')}</ul></div>`
      + `</main><footer>${words(10, 'legal')}</footer></body></html>`;
    const document = extract(page, 'https://example.com/collections/coffee');
    expect(document.text).toContain('Product 7');
    expect(document.text).toContain('feature7');
  });

  it('leaves a small hidden panel hidden', () => {
    const page = `<html><head><title>Story</title></head><body><main><h1>Story</h1><p>${words(300, 'story')}</p>`
      + `<div class="drawer" style="display:none"><p>${words(30, 'drawer')}</p></div></main></body></html>`;
    expect(extract(page).text).not.toContain('drawer');
  });
});

describe('category grids of linked headings', () => {
  it('keeps a grid of short category names, each a linked heading, that looks like a menu by its link lengths', () => {
    const tile = (n: number): string => `<article class="tile"><div><h3><a href="/parts/${n}">Phone ${n} Parts</a></h3></div></article>`;
    const document = parseHtml(`<body><main><h1>Parts</h1><section><div class="grid">${Array.from({ length: 16 }, (_, n) => tile(n)).join('')}</div></section>`
      + `<p>${words(150, 'intro')}</p></main></body>`, 'https://example.com/');
    const { text } = cleanRegion(document.body.cloneNode(true) as Element);
    expect(text).toContain('Phone 9 Parts');
  });
});

describe('choosing the region on listing pages', () => {
  const metadata = {} as PageMetadata;
  const body = (text: string, teasers = 0) => ({ element: {} as Element, text, teasers });

  it('tells a section or category URL from a story URL', () => {
    expect(listingUrl('https://example.com/')).toBe(true);
    expect(listingUrl('https://example.com/sections/science/')).toBe(true);
    expect(listingUrl('https://example.com/category/science')).toBe(true);
    expect(listingUrl('https://example.com/2025/10/21/beats-gain-walmart-exclusive-colors')).toBe(false);
    expect(listingUrl('https://example.com/news/story-123456')).toBe(false);
  });

  it('takes the region of a listing with many teaser headlines over the one block Readability kept', () => {
    const choice = chooseBody(body(words(300)), body(words(600), 12), metadata, { articleTyped: true, listing: true });
    expect(choice?.from).toBe('region');
  });

  it('keeps Readability when the URL is a story, or the region has few teaser headlines', () => {
    expect(chooseBody(body(words(300)), body(words(600), 12), metadata, { articleTyped: true, listing: false })?.from).toBe('readability');
    expect(chooseBody(body(words(300)), body(words(600), 2), metadata, { articleTyped: true, listing: true })?.from).toBe('readability');
  });

  it('reads a section front typed as an article as its whole river of teasers', () => {
    const sentences = Array.from({ length: 12 }, () => 'The lead, as editors say, was read by many people, today and yesterday.').join(' ');
    const lead = `<div class="lead"><h2><a href="/story-lead">The lead story of the day</a></h2><p>${sentences}</p><p>${sentences}</p><p>${sentences}</p></div>`;
    const item = (n: number): string => `<div class="item"><h3><a href="/story-${n}">Headline number ${n} in the river</a></h3>`
      + `<p>${words(25, `blurb${n}`)}</p></div>`;
    const page = `<html><head><title>Science</title><meta property="og:type" content="article"></head><body>`
      + `<main><h1>Science</h1>${lead}<section class="river">${Array.from({ length: 10 }, (_, n) => item(n)).join('')}</section></main></body></html>`;
    const document = extract(page, 'https://example.com/sections/science/');
    expect(document.text).toContain('The lead, as editors say');
    expect(document.text).toContain('blurb8');
  });
});

describe('pages typed as articles at a section address', () => {
  const item = (n: number): string => `<div class="teaser"><span class="when">${n} days ago</span> `
    + `<a href="/news/story-about-widgets-number-${n}-and-more">Widget makers report record number ${n} of orders</a>`
    + `<div class="summary">Summary ${n} ${words(20, `gist${n}`)}</div></div>`;
  // An intro Readability takes for the article, and a river of teasers without headings beside it.
  const page = `<html><head><title>Widgets</title><meta property="og:type" content="article"></head><body>`
    + `<header><nav><a href="/">Home</a></nav></header><main><h1>Widgets</h1>`
    + `<div class="intro">${'<p>The widget desk follows the trade, its makers, its buyers and, above all, its prices. </p>'.repeat(14)}</div>`
    + `<div class="river">${Array.from({ length: 12 }, (_, n) => item(n)).join('')}</div></main>`
    + `<footer><p>${words(10, 'legal')}</p></footer></body></html>`;

  it('reads the whole topic page, not only the part Readability kept, when the address is a section\'s', () => {
    const document = extract(page, 'https://example.com/topic/widgets');
    expect(document.text).toContain('The widget desk follows the trade');
    expect(document.text).toContain('gist7');
  });

  it('still trusts Readability\'s part on the same page at a story\'s address', () => {
    const document = extract(page, 'https://example.com/news/widget-makers-report-record-orders-this-year');
    expect(document.text).toContain('The widget desk follows the trade');
    expect(document.text).not.toContain('gist7');
  });
});

describe('page furniture named by class on listing and shop pages', () => {
  const cards = (n: number): string => Array.from({ length: n }, (_, i) => `<div class="card"><h2><a href="/item-${i}">Walnut side table number ${i}</a></h2>`
    + `<p>${words(12, `detail${i}`)}</p><div class="card__footer">Ships in ${i + 2} days</div></div>`).join('');

  it('sheds the page footer that a class names, but keeps each card\'s own footer', () => {
    const document = parseHtml(`<body><main><h1>Side tables</h1>${cards(6)}</main>`
      + `<div class="site-footer"><p>${words(30, 'imprint')}</p></div><div class="FooterUpper"><p>${words(20, 'sitemapnote')}</p></div></body>`, 'https://example.com/');
    const { text } = cleanRegion(document.body.cloneNode(true) as Element);
    expect(text).toContain('Walnut side table number 4');
    expect(text).toContain('Ships in 5 days');
    expect(text).not.toContain('imprint');
    expect(text).not.toContain('sitemapnote');
  });

  it('keeps a section footer and a sticky-footer layout wrapper', () => {
    const document = parseHtml(`<body><div class="sticky-footer"><main><h1>Side tables</h1>${cards(4)}`
      + `<div id="section-footer"><p>${words(15, 'footnote')}</p></div></main></div><div class="site-footer"><p>${words(5, 'imprint')}</p></div></body>`, 'https://example.com/');
    const { text } = cleanRegion(document.body.cloneNode(true) as Element);
    expect(text).toContain('Walnut side table number 3');
    expect(text).toContain('footnote');
  });

  it('keeps the content of a wrapper whose class says sidebar but which holds the main landmark', () => {
    const teaser = (i: number): string => `<article class="entry"><header class="entry-header"><h2 class="entry-title">`
      + `<a href="/recipe-${i}">Crispy roasted chickpeas, version ${i}</a></h2></header></article>`;
    const document = parseHtml(`<body><div class="site-header"><p>${words(120, 'masthead')}</p></div>`
      + `<div class="content-sidebar-wrap"><main class="content">${Array.from({ length: 8 }, (_, i) => teaser(i)).join('')}</main>`
      + `<aside class="sidebar"><p>${words(20, 'aboutme')}</p></aside></div></body>`, 'https://example.com/');
    const { text } = cleanRegion(document.body.cloneNode(true) as Element);
    expect(text).toContain('Crispy roasted chickpeas, version 6');
    expect(text).not.toContain('aboutme');
  });

  it('drops customer review widgets from a shop category page that is not an article', () => {
    const product = (i: number): string => `<li class="product"><h3><a href="/p/${i}">Merino crew sock ${i}</a></h3><span class="price">$1${i}.00</span></li>`;
    const review = (i: number): string => `<div class="review-card"><p>Reviewer${i} says: ${words(25, `praise${i}`)}</p></div>`;
    const page = `<html><head><title>Socks</title></head><body><main><h1>Socks</h1>`
      + `<p>${words(60, 'socks')} Our socks are knitted from merino wool and cotton for every season.</p>`
      + `<ul class="grid">${Array.from({ length: 10 }, (_, i) => product(i)).join('')}</ul>`
      + `<section class="reviews-section"><h2>What customers say</h2>${Array.from({ length: 4 }, (_, i) => review(i)).join('')}</section>`
      + `</main></body></html>`;
    const document = extract(page, 'https://example.com/collections/socks');
    expect(document.text).toContain('Merino crew sock 7');
    expect(document.text).not.toContain('praise2');
  });
});
