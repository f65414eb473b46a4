import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { cleanAuthors, readMetadata } from '../../../shared/extract/metadata.ts';

const now = new Date('2026-01-01T00:00:00Z');

function metadataOf(html: string, url = 'https://example.com/post') {
  const dom = new JSDOM(html, { url });
  try {
    return readMetadata(dom.window.document, url, now);
  } finally {
    dom.window.close();
  }
}

describe('authors without author markup', () => {
  it('reads a visible "By" line under the headline', () => {
    const meta = metadataOf('<body><article><h1>Scaling tests in Go</h1><p>Intro text.</p><div><p>By <!-- -->Jane Doe</p><p>Co-founder</p></div></article></body>');
    expect(meta.authors).toEqual({ value: ['Jane Doe'], source: 'dom' });
  });

  it('takes the name after an "Article by:" label', () => {
    const meta = metadataOf('<body><h1>Sleep tips for babies</h1><div class="info"><p class="label">Article by:</p><a class="info-name" href="#a">Cara Smith</a></div></body>');
    expect(meta.authors?.value).toEqual(['Cara Smith']);
  });

  it('names the owner of a "Jane Doe\'s blog" site', () => {
    const meta = metadataOf('<head><title>Preparing a transition | Colin Black&#39;s blog</title></head><body><h1>Preparing a transition</h1><p>Text.</p></body>');
    expect(meta.authors).toEqual({ value: ['Colin Black'], source: 'meta' });
  });

  it('reads a microdata author name stated in <meta content>', () => {
    const meta = metadataOf('<body><div itemscope itemtype="https://schema.org/DiscussionForumPosting"><h1>RC1 is out</h1><div itemprop="author" itemscope itemtype="https://schema.org/Person"><meta itemprop="name" content="julian"></div></div></body>');
    expect(meta.authors?.value).toEqual(['julian']);
  });

  it('takes the opening poster from data-author, not a replier marked up as a Comment', () => {
    const meta = metadataOf(`<body><h1>Is this right?</h1>
      <article class="message" data-author="paulb203"><p>Question</p></article>
      <article class="message" data-author="phinds" itemscope itemtype="https://schema.org/Comment"><section itemprop="author" itemscope itemtype="https://schema.org/Person"><a class="username">phinds</a></section><p>Answer</p></article></body>`);
    expect(meta.authors?.value).toEqual(['paulb203']);
  });

  it('skips a leading date in a byline and keeps "Par" inside a name', () => {
    expect(cleanAuthors('Dec. 19, 2025 · Niko Matsakis', null)).toEqual(['Niko Matsakis']);
    expect(cleanAuthors('Parisa Ostovari', null)).toEqual(['Parisa Ostovari']);
    expect(cleanAuthors('ByJane Doe', null)).toEqual(['Jane Doe']);
  });
});

describe('publication date as the page states it', () => {
  it('keeps the local date of the URL over a UTC timestamp one day later', () => {
    const html = '<head><meta property="article:published_time" content="2025-12-19T02:41:41+00:00"></head><body><h1>Day eighteen</h1></body>';
    expect(metadataOf(html, 'https://example.com/2025/12/18/day-eighteen/').publishedAt?.value).toBe('2025-12-18');
  });

  it('keeps a UTC timestamp that agrees with the URL', () => {
    const html = '<head><meta property="article:published_time" content="2025-12-18T12:00:00+00:00"></head><body><h1>Day eighteen</h1></body>';
    expect(metadataOf(html, 'https://example.com/2025/12/18/day-eighteen/').publishedAt?.value).toBe('2025-12-18T12:00:00+00:00');
  });

  it('reads the question date of a Q&A page, not the edit date', () => {
    const html = '<body><main><h1>Why is except: pass bad?</h1><time datetime="2018-05-21T20:37:55">edited</time><time itemprop="dateCreated" datetime="2014-02-04T21:00:00">asked</time></main></body>';
    expect(metadataOf(html).publishedAt?.value).toBe('2014-02-04T21:00:00');
  });
});

describe('title without page furniture', () => {
  it('prefers og:title when it is a shorter piece of <title>', () => {
    const meta = metadataOf('<head><title>Engora Data Blog: Small adventures with small models</title><meta property="og:title" content="Small adventures with small models"></head><body><h1 class="title">Engora Data Blog</h1></body>');
    expect(meta.title?.value).toBe('Small adventures with small models');
  });

  it('ignores a heading that only links home, and a "Thread:" prefix', () => {
    const meta = metadataOf('<head><title>Thread: Which host to buy from? / Hosting Forums</title></head><body><h1><a href="/">Hosting Central</a></h1></body>', 'https://forum.example.com/showthread.php?t=1');
    expect(meta.title?.value).toBe('Which host to buy from?');
  });
});
