import { describe, expect, it } from 'vitest';
import { extractDocument } from '../../../shared/extract/extract.ts';

const sentences = (n: number, word: string): string => Array.from({ length: n }, () => `The ${word} rattles when the engine idles in the cold.`).join(' ');
const extract = (html: string, url = 'https://forum.example/threads/rattle.42/') => extractDocument({ bytes: new TextEncoder().encode(html), url });

const threadLd = `<script type="application/ld+json">${JSON.stringify({ '@context': 'https://schema.org', '@type': 'DiscussionForumPosting', headline: 'Rattle at idle' })}</script>`;

/** A thread of three posts; the third quotes the first, as forum software renders a quote. */
const thread = (head: string, postAttributes = ''): string => `<html><head><title>Rattle at idle</title>${head}</head><body>
  <main><h1>Rattle at idle</h1>
    <article class="message"${postAttributes}><div class="author">alice</div><div class="body"><p>${sentences(6, 'heat shield')}</p></div></article>
    <article class="message"${postAttributes}><div class="author">bob</div><div class="userinfo"><div>Posts: 1,204</div><div>Joined: 2019-03-02</div></div>
      <div class="body"><p>${sentences(5, 'exhaust clamp')}</p><table><tr><td>1200</td><td>rpm</td></tr></table></div>
      <div class="controls"><div>12 likes</div><div>Reply with quote</div><div>#2</div></div></article>
    <article class="message"${postAttributes}><div class="author">carol</div><div class="body">
      <blockquote><div class="attribution">alice said:</div><p>${sentences(6, 'heat shield')}</p></blockquote>
      <p>${sentences(4, 'bracket')}</p></div></article>
  </main></body></html>`;

const count = (text: string, needle: string): number => text.split(needle).length - 1;

describe('discussion threads', () => {
  it('keeps a quoted post once on a page whose JSON-LD says it is a forum thread', () => {
    const { text } = extract(thread(threadLd));
    expect(count(text, 'The heat shield rattles')).toBe(6);
    expect(text).toContain('The bracket rattles');
    expect(text).toContain('The exhaust clamp rattles');
  });

  it('takes posts marked up in microdata as the same evidence', () => {
    const { text } = extract(thread('', ' itemscope itemtype="https://schema.org/DiscussionForumPosting"'));
    expect(count(text, 'The heat shield rattles')).toBe(6);
  });

  it('takes the numbered anchors forum software gives its posts as the same evidence, not a blog list\'s', () => {
    let n = 0;
    const anchored = (prefix: string): string => thread('').replace(/<article class="message"/g, () => `<article class="message" id="${prefix}${20417 + n++}"`);
    expect(count(extract(anchored('p')).text, 'The heat shield rattles')).toBe(6);
    expect(count(extract(anchored('post-')).text, 'The heat shield rattles')).toBe(12);
  });

  it('drops the counters and buttons around a post, not numbers inside its tables', () => {
    const { text } = extract(thread(threadLd));
    for (const furniture of ['Posts: 1,204', '12 likes', 'Reply with quote', '#2']) expect(text).not.toContain(furniture);
    expect(text).toContain('1200');
    expect(extract(thread('')).text).toContain('12 likes');
  });

  it('drops a post number printed inline beside a post\'s blocks, the poster\'s listed statistics and a quote\'s expander', () => {
    const furnished = thread(threadLd)
      .replace('<div class="author">alice</div>', '<div class="author">alice<dl><dt>Joined</dt><dd>Jun 29, 2016</dd><dt>Messages</dt><dd>1,204</dd></dl></div>')
      .replace('<div class="author">carol</div>', '<div class="meta"><span class="n">#3</span><ul><li>Bookmark this post</li></ul></div><div class="author">carol</div>')
      .replace('</blockquote>', '<div class="expander">Click to expand...</div></blockquote>');
    const { text } = extract(furnished);
    for (const furniture of ['Joined', 'Jun 29, 2016', '1,204', '#3', 'Click to expand']) expect(text).not.toContain(furniture);
    expect(text).toContain('Bookmark this post');
    expect(text).toContain('The bracket rattles');
  });

  it('leaves a repeat alone on a page with no sign of a discussion', () => {
    const { text } = extract(thread(''));
    expect(count(text, 'The heat shield rattles')).toBe(12);
  });

  it('drops posters\' signatures and ranks on a discussion page, and only there', () => {
    const signed = thread(threadLd)
      .replace(/<div class="author">(\w+)<\/div>/g, '<div class="author">$1<h5 class="userTitle">Seasoned garage veteran</h5></div>')
      .replace(/<\/article>/g, '<div class="message-signature"><p>My rig: a 1998 wagon, two carburettors and a prayer.</p></div></article>');
    const { text } = extract(signed);
    expect(text).not.toContain('My rig');
    expect(text).not.toContain('Seasoned garage veteran');
    expect(text).toContain('The bracket rattles');
    expect(text).toContain('carol');
    const plain = extract(signed.replace(threadLd, '')).text;
    expect(plain).toContain('My rig');
    expect(plain).toContain('Seasoned garage veteran');
  });

  it('reads every post of a thread the page also types as an article, where Readability keeps the first', () => {
    const reply = (n: number, word: string): string => `<div class="reply"><div class="meta"><a href="/u/${n}">user${n}</a> <time>March 2025</time></div>
      <div class="userContent"><p>Thanks for the news about the ${word}, I agree with it.</p></div></div>`;
    const html = (head: string): string => `<html><head><title>Rattle at idle</title><meta property="og:type" content="article">${head}</head><body>
      <nav><a href="/">Forum</a> <a href="/latest">Latest</a></nav>
      <main><h1>Rattle at idle</h1><div class="discussion"><div class="item-body"><p>${sentences(10, 'heat shield')}</p><p>${sentences(10, 'exhaust clamp')}</p></div></div>
      <h2>Replies</h2><ul class="replies">${['bracket', 'gasket', 'manifold', 'flange', 'mount', 'hanger', 'muffler', 'pipe', 'tip', 'shield'].map((w, i) => `<li>${reply(i, w)}</li>`).join('')}</ul></main>
      </body></html>`;
    // At a story's address: at a section's, an article type is not trusted whatever the page is.
    const url = 'https://forum.example/threads/rattle-at-idle-on-cold-mornings.42/';
    expect(extract(html(threadLd), url).text).toContain('the news about the manifold');
    expect(extract(html(''), url).text).not.toContain('the news about the manifold');
  });

  it('reads a thread whose posts sit in the forum\'s moderation form, and only on a discussion page', async () => {
    const { parseHtml } = await import('../../../shared/extract/parse.ts');
    const { cleanRegion } = await import('../../../shared/extract/region.ts');
    const page = parseHtml(`<body><form action="/search"><input name="q"><p>Search the forum by keyword</p></form>
      <div class="topic-header"><p>${sentences(12, 'gasket')}</p></div>
      <form action="/moderate" method="post"><article><p>${sentences(8, 'heat shield')}</p></article>
      <article><p>${sentences(8, 'exhaust clamp')}</p></article></form></body>`, 'https://forum.example/threads/rattle.42/');
    const { text } = cleanRegion(page.body.cloneNode(true) as Element, true);
    expect(text).toContain('The heat shield rattles');
    expect(text).toContain('The exhaust clamp rattles');
    expect(text).not.toContain('Search the forum');
    // Elsewhere a form around <article>s is a search form over a grid of cards: furniture, as before.
    expect(cleanRegion(page.body.cloneNode(true) as Element).text).not.toContain('The heat shield rattles');
  });
});

describe('capture quality', () => {
  const description = sentences(3, 'heat shield');
  const page = (body: string): string => `<html><head><title>Rattle at idle</title><meta property="og:description" content="${description}"></head><body>${body}</body></html>`;

  it('flags an app shell whose body holds less than the description it states as truncated', () => {
    const shell = extract(page('<section id="splash"><div class="dots"></div></section><section id="main"></section><noscript>Enable JavaScript</noscript>'));
    expect(shell.flags.truncated).toBe(true);
    expect(shell.flags.paywall).toBe(false);
  });

  it('leaves a page that holds its content unflagged, however short', () => {
    expect(extract(page(`<main><p>${sentences(4, 'heat shield')}</p></main>`)).flags.truncated).toBe(false);
    expect(extract(`<html><head><title>Short</title></head><body><p>Coming soon.</p></body></html>`).flags.truncated).toBe(false);
  });
});
