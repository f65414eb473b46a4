import { describe, expect, it } from 'vitest';
import { cleanAuthors, readMetadata } from '../../../shared/extract/metadata.ts';
import { parseHtml } from '../../../shared/extract/parse.ts';

const now = new Date('2026-01-01T00:00:00Z');

/** Documents are parsed as extraction parses them: on the shared window, with no `defaultView`. */
function metadataOf(html: string, url = 'https://example.com/post') {
  return readMetadata(parseHtml(html, url), url, now);
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

  it('reads JSON-LD that a meta tag named script:ld+json carries (a Remix meta descriptor)', () => {
    const ld = JSON.stringify({ '@context': 'https://schema.org', '@type': 'Article', headline: 'Full EVs explained', datePublished: '2025-11-17T09:00:00-05:00' }).replace(/"/g, '&quot;');
    const meta = metadataOf(`<head><meta name="script:ld+json" content="${ld}"></head><body><h1>Full EVs explained</h1><p>Text.</p></body>`);
    expect(meta.publishedAt).toEqual({ value: '2025-11-17T09:00:00-05:00', source: 'jsonld' });
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

describe('title witnessed by a second source', () => {
  it('takes an <h1> that a meta headline states word for word, even a one-word one', () => {
    const section = metadataOf('<head><title>Science News: Space, Climate and Health Stories | Daily Wire</title><meta property="og:title" content="Science"></head>'
      + '<body><main><h1>Science</h1><p>Latest stories.</p></main></body>', 'https://news.example.com/hub/science');
    expect(section.title).toEqual({ value: 'Science', source: 'dom' });
    const reworded = metadataOf('<head><title>Paid Leave Rules Explained | Payroll Blog</title><meta property="og:title" content="Read more on the payroll blog">'
      + '<script type="application/ld+json">{"@type":"BlogPosting","headline":"Time-off policies that work"}</script></head>'
      + '<body><article><h1>Time-off policies that work</h1><p>Text.</p></article></body>', 'https://example.com/blog/pto');
    expect(reworded.title?.value).toBe('Time-off policies that work');
  });

  it('takes the <h1> of a non-article page when the URL slug repeats it and not the <title>', () => {
    const meta = metadataOf('<head><title>Backpacking Backpacks for Overnight &amp; Multiday | Trailhouse</title></head>'
      + '<body><main><h1>Backpacking Packs</h1><p>42 results</p></main></body>', 'https://shop.example.com/c/backpacking-packs');
    expect(meta.title).toEqual({ value: 'Backpacking Packs', source: 'dom' });
  });

  it('reads a part of <title> that spells the host as the site name, wherever it stands', () => {
    const home = metadataOf('<head><title>Plannerly | A to-do list for your whole week</title></head><body><p>Plan it.</p></body>', 'https://www.plannerly.com/');
    expect(home.title?.value).toBe('A to-do list for your whole week');
    const topic = metadataOf('<head><title>Boardly • View topic - Season opener: the league is back!</title></head><body><p>Post.</p></body>', 'https://forum.boardly.net/viewtopic.php?t=7');
    expect(topic.title?.value).toBe('Season opener: the league is back!');
  });
});

describe('datelines and publication dates the page states', () => {
  it('reads a dateline printed just above the headline', () => {
    const html = '<body><main><div><p>February 4, 2025 - 11 minutes</p><h1>Cloud computing next year</h1><p>Body text.</p></div></main></body>';
    expect(metadataOf(html).publishedAt).toEqual({ value: '2025-02-04', source: 'dom' });
  });

  it('reads a site-specific publication-date meta tag', () => {
    const html = '<head><meta name="w-published-date" content="2025-05-27T06:03:43.274Z"></head><body><h1>Moving legal work in-house</h1></body>';
    expect(metadataOf(html).publishedAt?.value).toBe('2025-05-27T06:03:43+00:00');
  });

  it('prefers the printed dateline to a structured date that is only the last save', () => {
    const ld = '{"@type":"BlogPosting","headline":"Yoga class prices","datePublished":"Jun 24, 2025","dateModified":"2025-06-24"}';
    const html = `<head><script type="application/ld+json">${ld}</script></head><body><h1>Yoga class prices</h1><div class="text__date">August 25, 2024</div></body>`;
    expect(metadataOf(html).publishedAt).toEqual({ value: '2024-08-25', source: 'dom' });
  });

  it('keeps the structured date when the article was updated after it first appeared', () => {
    const ld = '{"@type":"BlogPosting","headline":"Yoga class prices","datePublished":"2024-06-24","dateModified":"2025-06-24"}';
    const html = `<head><script type="application/ld+json">${ld}</script></head><body><h1>Yoga class prices</h1><div class="text__date">Updated June 24, 2025</div></body>`;
    expect(metadataOf(html).publishedAt).toEqual({ value: '2024-06-24', source: 'jsonld' });
  });

  it('prefers a dateline under the headline that is earlier than the structured date, which is then a re-publication', () => {
    const ld = '{"@type":"Article","headline":"Foundational fitness","datePublished":"Jun 12, 2025"}';
    const html = `<head><script type="application/ld+json">${ld}</script></head><body><h1>Foundational fitness</h1><p>November 2, 2022</p><p>Body text.</p></body>`;
    expect(metadataOf(html).publishedAt).toEqual({ value: '2022-11-02', source: 'dom' });
  });

  it('reads no dateline in the headline itself or in a sentence under it', () => {
    const headline = '<head><meta property="article:published_time" content="2024-05-03T08:45:44+00:00"></head><body><h1>2024.4.4 to 2024.5.0 upgrade stuck</h1><p>May 3, 2024</p></body>';
    const sentence = '<head><meta property="article:published_time" content="2025-03-01T16:35:52"></head><body><h1>Vanilla is closed</h1><p>On 2 Dec 2024, I received this message from the vendor\'s director of engineering:</p></body>';
    expect(metadataOf(headline).publishedAt?.value).toBe('2024-05-03T08:45:44+00:00');
    expect(metadataOf(sentence).publishedAt?.value).toBe('2025-03-01T16:35:52');
  });

  it('reads a date box whose parts are printed without spaces between them', () => {
    const html = '<body><article><div class="dateline-wrapper"><a href="/c/health">Mental Health</a><span>DECEMBER 22, 2022</span><span>Updated: JANUARY 02, 2026</span></div><h1>Ten ways to rest</h1></article></body>';
    expect(metadataOf(html).publishedAt).toEqual({ value: '2022-12-22', source: 'dom' });
  });

  it('reads the first short dateline of a page that has no <h1>', () => {
    const html = `<body><div class="nav"><a href="/">Home</a><a href="/forum">Forum</a></div><table><tr><td>30th March 2025, 16:26</td><td>#1</td></tr>
      <tr><td><a class="bigusername">microfast</a></td><td><strong>Wrong refresh rate</strong><p>The card reports 60 Hz since the update on 2nd April 2025.</p></td></tr></table></body>`;
    expect(metadataOf(html).publishedAt).toEqual({ value: '2025-03-30T16:26:00', source: 'dom' });
  });

  it('dates a page that states only its last modification by that', () => {
    const html = '<head><meta property="article:modified_time" content="2023-03-22T17:52:04+00:00"></head><body><h1>Security consulting</h1><p>Our services.</p></body>';
    expect(metadataOf(html, 'https://example.com/services/consulting/').publishedAt).toEqual({ value: '2023-03-22T17:52:04+00:00', source: 'opengraph' });
  });

  it('dates a page without other dates by the "Last updated" note at the foot of its text', () => {
    const html = `<body><h1>Menu</h1><div><h2>Webcams</h2><p>Views of the valley, refreshed every minute.</p>${'<p>More about the cameras.</p>'.repeat(50)}
      <p style="text-align:right">Last updated: November 13, 2025</p></div></body>`;
    expect(metadataOf(html).publishedAt).toEqual({ value: '2025-11-13', source: 'dom' });
  });

  it('reads a post time on a page whose <body> class names comments', () => {
    const html = '<body class="single-page comments-page"><div role="main"><h1>Hair follicles grown in the lab</h1><p>submitted <time datetime="2025-03-04T18:58:32+00:00">17 hours ago</time> by <a class="author">InsaneSnow45</a></p></div></body>';
    expect(metadataOf(html).publishedAt?.value).toBe('2025-03-04T18:58:32+00:00');
  });
});

describe('publication dates beside the byline, in notes and in meta tags', () => {
  const body = '<p>A paragraph of the article.</p>'.repeat(60);

  it('reads the date in the byline box closing an article, but not a poster\'s join date', () => {
    const closing = `<body><article><h1>How apps are made</h1>${body}<div><p>Written by <a href="/blog/author/jane-doe">Jane Doe</a></p><p>April 8, 2024</p></div></article></body>`;
    expect(metadataOf(closing).publishedAt).toEqual({ value: '2024-04-08', source: 'dom' });
    const profile = `<body><h1>Selling a house</h1>${body}<dl class="postprofile"><dt class="author">changingtimes</dt><dd>Joined: Mon Jul 24, 2017 9:28 am</dd></dl></body>`;
    expect(metadataOf(profile).publishedAt).toBeNull();
  });

  it('reads the byline and date an article prints in its own <footer>, not a teaser card\'s', () => {
    const html = `<body><article><div class="content">${body}</div><footer><span class="article-date"><time datetime="2025-08-12T11:15:06Z">August 12, 2025</time></span>
      <span class="article-author">By <span itemprop="author">The Diggs Team</span></span></footer></article></body>`;
    expect(metadataOf(html).publishedAt).toEqual({ value: '2025-08-12', source: 'dom' });
    const card = `<body><main><article><h1>The bottleneck method</h1>${body}</article><article><h2>Another paper</h2><div><a rel="author" href="/u/x">Xinyin Ma</a> 21 Nov 2025</div></article></main></body>`;
    expect(metadataOf(card).publishedAt).toBeNull();
  });

  it('reads a "Started by" line before a clock in the page header', () => {
    const html = `<body><div class="user"><time datetime="2025-12-05T12:16:19Z">December 05, 2025, 07:16:19 AM</time></div>
      <div id="display_head"><h2>How is everyone using AI?</h2><p>Started by Biology Forums, June 04, 2024, 11:23:55 AM</p></div>${body}</body>`;
    expect(metadataOf(html).publishedAt).toEqual({ value: '2024-06-04T11:23:00', source: 'dom' });
  });

  it('reads the dateline straight under the headline before the date box of a card further on', () => {
    const html = `<body><main><h1>Big data in retail</h1><p>September 12, 2025</p><p>|</p><p>14 min read</p>${body}
      <div class="card"><h3>Invoice scanning</h3><p class="PostCard_dateReadText">May 8, 2024 | 12 min read</p></div></main></body>`;
    expect(metadataOf(html).publishedAt).toEqual({ value: '2025-09-12', source: 'dom' });
  });

  it('takes a printed day one day before a structured date that is only the last save, not the same moment in local time', () => {
    const ld = '{"@type":"Article","headline":"Meals on a budget","datePublished":"2025-11-13","dateModified":"2025-11-13"}';
    const html = `<head><script type="application/ld+json">${ld}</script></head><body><h1>Meals on a budget</h1><div>Page updated:</div><div>12 November 2025</div>${body}</body>`;
    expect(metadataOf(html).publishedAt).toEqual({ value: '2025-11-12', source: 'dom' });
    const saved = '{"@type":"Article","headline":"Backpacking gear","datePublished":"2025-12-23T00:57:30+00:00","dateModified":"2025-12-23T00:57:32+00:00"}';
    const local = `<head><script type="application/ld+json">${saved}</script></head><body><h1>Backpacking gear</h1><time datetime="2025-12-22T19:57:30-05:00">December 22, 2025</time>${body}</body>`;
    expect(metadataOf(local).publishedAt).toEqual({ value: '2025-12-23T00:57:30+00:00', source: 'jsonld' });
  });

  it('reads no earlier dateline from the join date under a thread title', () => {
    const ld = '{"@type":"DiscussionForumPosting","headline":"EUV progress","datePublished":"2025-12-18T23:25:38+00:00"}';
    const html = `<head><script type="application/ld+json">${ld}</script></head><body><h1>EUV progress</h1><span>Thread starter</span><a href="/members/1">beijingwalker</a><dl><dt>Joined</dt><dd>Nov 4, 2011</dd></dl>${body}</body>`;
    expect(metadataOf(html).publishedAt).toEqual({ value: '2025-12-18T23:25:38+00:00', source: 'jsonld' });
  });

  it('believes an "originally published" note over the dates of later updates', () => {
    const html = `<body><main><h1>Are rocks alive?</h1><time datetime="2022-09-30T11:07:00">30 Sep 2022</time>${body}</main>
      <p class="PublishDateDisclaimer">This article was originally published on 26 Sep 2019 at 4:12pm but has been regularly updated.</p></body>`;
    expect(metadataOf(html).publishedAt).toEqual({ value: '2019-09-26T16:12:00', source: 'dom' });
  });

  it('reads the earliest of several site-specific publication meta tags, and a platform\'s own date tag', () => {
    const several = '<head><meta name="published-time" content="2025-12-09T08:45:32.183Z"><meta name="published-date" content="2021-02-16"></head><body><h1>Workplace study</h1></body>';
    expect(metadataOf(several).publishedAt).toEqual({ value: '2021-02-16', source: 'meta' });
    const platform = `<head><meta name="ms.date" content="2025-03-06T00:00:00Z"></head><body><main><h1>Functions overview</h1><p>Last updated on <time datetime="2025-03-25T22:04:00.000Z">2025-03-25</time></p></main></body>`;
    expect(metadataOf(platform).publishedAt).toEqual({ value: '2025-03-06T00:00:00+00:00', source: 'meta' });
  });
});

describe('headlines without labels or site names', () => {
  it('drops a forum prefix label and a dateline from the <h1>', () => {
    const meta = metadataOf('<head><title>News - Digital cameras in 2024 | Cameraderie</title></head><body><h1><span class="label label--green">News</span><span class="label-append">&nbsp;</span>Digital cameras in 2024</h1></body>');
    expect(meta.title?.value).toBe('Digital cameras in 2024');
    const dated = metadataOf('<head><title>Preparing a transition | Colin Black&#39;s blog</title></head><body><h1><a href="/p"><time datetime="2025-12-18">Dec 18 2025</time> Preparing a transition</a></h1></body>');
    expect(dated.title?.value).toBe('Preparing a transition');
  });

  it('drops the permalink mark a documentation heading ends with', () => {
    const meta = metadataOf('<head><title>Logging HOWTO — Python 3 documentation</title></head><body><h1>Logging HOWTO<a class="headerlink" href="#logging-howto" title="Link to this heading">¶</a></h1></body>');
    expect(meta.title?.value).toBe('Logging HOWTO');
  });

  it('drops the site name printed after the headline in the <h1>', () => {
    const meta = metadataOf('<head><title>Best art exhibitions 2025 – Artlyst</title><meta property="og:site_name" content="Artlyst"></head><body><h1>Best art exhibitions 2025 – Artlyst</h1></body>');
    expect(meta.title?.value).toBe('Best art exhibitions 2025');
  });
});

describe('bylines as pages print them', () => {
  it('reads the "Written by" label SEO plugins give Twitter cards', () => {
    const meta = metadataOf('<head><meta name="twitter:label1" content="Written by"><meta name="twitter:data1" content="Tyler Brown"></head><body><h1>Local movers</h1></body>');
    expect(meta.authors).toEqual({ value: ['Tyler Brown'], source: 'meta' });
  });

  it('keeps a collective newsroom byline, which is no job title', () => {
    expect(cleanAuthors('Podium Staff', null)).toEqual(['Podium Staff']);
    expect(cleanAuthors('Senior Staff Writer', null)).toEqual([]);
  });

  it('drops avatar initials, a reviewer credit and the publication run on after the name', () => {
    expect(cleanAuthors('NB', null)).toEqual([]);
    expect(cleanAuthors('Shelby Loos, DVM. Reviewed by Molly Price, DVM', null)).toEqual(['Shelby Loos, DVM']);
    expect(cleanAuthors('Brian Truitt USA TODAY', 'USA TODAY')).toEqual(['Brian Truitt']);
  });

  it('reads a "by:" line that runs on into the date, or a byline whose name is its first link', () => {
    const dated = metadataOf('<body><h1>Mini inference engine</h1><p>by: <!-- -->Ziyi Xu<!-- -->, <!-- -->Dec 17, 2025</p></body>');
    expect(dated.authors?.value).toEqual(['Ziyi Xu']);
    const linked = metadataOf('<body><h1>Selecting DC motors</h1><p>By <a href="/c/ajn">A. J. Neal</a> <a href="/digital">View In Digital Edition</a></p></body>');
    expect(linked.authors?.value).toEqual(['A. J. Neal']);
  });

  it('takes the first microdata author in page order, a user name with digits included', () => {
    const meta = metadataOf(`<body><h1>Beginner woodworking projects</h1>
      <div itemprop="author" itemscope itemtype="https://schema.org/Person"><span class="username" itemprop="name">JWoodguy13</span></div>
      <div itemprop="author" itemscope itemtype="https://schema.org/Person"><meta itemprop="name" content="Tony B"></div></body>`);
    expect(meta.authors?.value).toEqual(['JWoodguy13']);
  });

  it('names the first poster of a forum thread that has no author markup', () => {
    const meta = metadataOf('<body><h1>Turning off all LEDs</h1><div class="post"><dl class="postprofile"><dt><a href="/u/1" class="username">b.scherer</a></dt></dl><p>How do I do that?</p></div><div class="post"><a class="username" href="/u/2">helper</a></div></body>');
    expect(meta.authors?.value).toEqual(['b.scherer']);
  });

  it('names the first poster of a FluxBB thread, printed as the term of the post\'s left-hand list', () => {
    const meta = metadataOf(`<body><h1>Disk image grew</h1>
      <div class="blockpost"><h2><span>#1</span> <a href="#p1">2025-11-01 15:14:37</a></h2><div class="postbody"><div class="postleft"><dl><dt><strong>tux42</strong></dt><dd class="usertitle"><strong>Member</strong></dd></dl></div><div class="postright"><p>Why did it grow?</p></div></div></div>
      <div class="blockpost"><div class="postbody"><div class="postleft"><dl><dt><strong>helper</strong></dt></dl></div><div class="postright"><p>Firmware.</p></div></div></div></body>`);
    expect(meta.authors?.value).toEqual(['tux42']);
  });
});

describe('names beside job titles', () => {
  it('cuts a job title run on after a full name, or set off by a dash, and drops a newsroom credit beside a person', () => {
    expect(cleanAuthors('Mateusz HabernyFounder at Oakywood', null)).toEqual(['Mateusz Haberny']);
    expect(cleanAuthors('Eliz - Product marketer', null)).toEqual(['Eliz']);
    expect(cleanAuthors('EdTech Content writer', null)).toEqual([]);
    expect(cleanAuthors('David Jackson, FullStack Editorial Team', null)).toEqual(['David Jackson']);
  });

  it('reads the name after a lone "By" line in a byline box', () => {
    const meta = metadataOf('<body><h1>Top eLearning companies</h1><div class="author-name"><div>By </div><a href="/authors/sk">Sofia Kondrat</a></div><div class="author-title">EdTech Content writer</div></body>');
    expect(meta.authors?.value).toEqual(['Sofia Kondrat']);
  });
});

describe('bylines around the headline', () => {
  it('cuts a day-first date from a byline box', () => {
    expect(cleanAuthors('Andrew Gerrand 4 August 2010', null)).toEqual(['Andrew Gerrand']);
  });

  it('reads a "Written by" line printed just above the headline', () => {
    const meta = metadataOf('<body><main><div class="hero"><p>Written by <a href="/a/jd">Jane Doe</a></p><h1>How apps are made</h1><p>Body.</p></div></main></body>');
    expect(meta.authors?.value).toEqual(['Jane Doe']);
  });

  it('takes no author from a form\'s consent line ("By subscribing, you agree...")', () => {
    const meta = metadataOf('<body><main><h1>Standing desks on sale</h1><p>Pick a frame and a top.</p><form><p>By subscribing, you agree to receive our emails.</p><button>Sign me up</button></form></main></body>');
    expect(meta.authors).toBeNull();
  });
});

describe('a name printed beside the dateline, without "By"', () => {
  it('reads the name that shares the line under the headline with the date', () => {
    const meta = metadataOf('<body><main><h1>Moving the archive to new storage</h1><div class="meta"><span>2025-12-17</span> <span>·</span> <a title="Jane Doe">Jane Doe</a></div><p>The pilot is over.</p></main></body>');
    expect(meta.authors).toEqual({ value: ['Jane Doe'], source: 'dom' });
  });

  it('cuts the job title and the date from "Name | Job | Date"', () => {
    const meta = metadataOf('<body><header><h1>How clinics use software</h1><p>John Roe | Senior Writer | July 2, 2025</p></header><p>Body.</p></body>');
    expect(meta.authors?.value).toEqual(['John Roe']);
  });

  it('takes no section name that sits beside the date', () => {
    const meta = metadataOf('<body><main><h1>Ten tips for spring</h1><p>Gardening · March 3, 2025</p><p>Body text.</p></main></body>');
    expect(meta.authors).toBeNull();
  });
});

describe('bylines in the article\'s own margin', () => {
  it('reads a byline printed in an <aside> inside the <article>, but not one in the page\'s sidebar', () => {
    const inArticle = metadataOf('<body><main><article><h1>Best science fiction of the year</h1><aside class="meta"><address><a rel="author" href="/profile/jd">Jane Doe</a></address></aside><p>Body.</p></article></main></body>');
    expect(inArticle.authors).toEqual({ value: ['Jane Doe'], source: 'dom' });
    const sidebar = metadataOf('<body><main><article><h1>Best science fiction of the year</h1><p>Body.</p></article></main><aside><a rel="author" href="/profile/jr">John Roe</a></aside></body>');
    expect(sidebar.authors).toBeNull();
  });

  it('does not take a generic "author" class in the article\'s margin, where books and their authors are listed', () => {
    const meta = metadataOf('<body><main><article><h1>Award-winning novels</h1><aside><h3 class="author">by Ann Poe</h3><h3 class="author">by Bo Lee</h3></aside><p>Body.</p></article></main></body>');
    expect(meta.authors).toBeNull();
  });
});

describe('author box closing the article', () => {
  it('reads a "Written by" credit far below the headline, but not a sentence that starts with "By"', () => {
    const body = Array.from({ length: 80 }, (_, i) => `<p>Paragraph ${i} of the article.</p>`).join('');
    const meta = metadataOf(`<body><article><h1>Why cheap SEO does not work</h1>${body}<p>By The Numbers we mean data.</p><h3>Written by John Crenshaw</h3><p>John writes about search.</p></article></body>`);
    expect(meta.authors?.value).toEqual(['John Crenshaw']);
  });

  it('takes the name after a "Contributors:" label, but not the menu item "Contributors"', () => {
    const meta = metadataOf('<body><main><h1>Houseplants for dim rooms</h1><p>They thrive in low light.</p><div class="tags"><div><strong>Contributors:</strong> Janet Doe</div></div><p>Body.</p></main></body>');
    expect(meta.authors?.value).toEqual(['Janet Doe']);
    const menu = metadataOf('<body><main><h1>Houseplants for dim rooms</h1><p>Body.</p><ul><li><a href="/c">Contributors</a></li><li><a href="/ads">Advertise</a></li></ul></main></body>');
    expect(menu.authors).toBeNull();
  });

  it('takes the name after an "Article written by:" heading closing the article', () => {
    const body = Array.from({ length: 80 }, (_, i) => `<p>Paragraph ${i} of the article.</p>`).join('');
    const meta = metadataOf(`<body><article><h1>Weight-loss drugs explained</h1>${body}<h2>Article written by:</h2><div><img src="a.jpg" alt=""><p>Ann Poe, MD</p></div></article></body>`);
    expect(meta.authors?.value).toEqual(['Ann Poe, MD']);
  });

  it('takes a lower-case user name after a "Thread starter" label', () => {
    const meta = metadataOf('<body><h1>Beginner projects</h1><ul><li><span>Thread starter</span> <a href="/m/1">sean_g</a></li></ul></body>');
    expect(meta.authors?.value).toEqual(['sean_g']);
  });
});

describe('publishers and titles beside the author', () => {
  it('keeps reading past an author meta tag that only names the site, to the person the page credits', () => {
    const meta = metadataOf('<head><meta property="og:site_name" content="One Tree Planted"><meta name="author" content="One Tree Planted"></head><body><h1>Why forests matter</h1><p class="byline">By Meaghan Weeden</p></body>');
    expect(meta.authors).toEqual({ value: ['Meaghan Weeden'], source: 'dom' });
  });

  it('still credits the site when the page names no person', () => {
    const meta = metadataOf('<head><meta property="og:site_name" content="Rapid7"><meta name="author" content="Rapid7"></head><body><h1>Patch Tuesday</h1><p>Text.</p></body>');
    expect(meta.authors).toEqual({ value: ['Rapid7'], source: 'meta' });
  });

  it('drops a publication beginning "The" beside the people who wrote', () => {
    expect(cleanAuthors('Manoj Jain and Jagpreet Chhatwal, The Commercial Appeal', null)).toEqual(['Manoj Jain', 'Jagpreet Chhatwal']);
  });

  it('keeps a job title whole across its commas and its "and"', () => {
    expect(cleanAuthors('Writer, Hardware', null)).toEqual([]);
    expect(cleanAuthors('Brett Cruz, Privacy and Digital Security Expert', null)).toEqual(['Brett Cruz']);
    expect(cleanAuthors('Jane Doe and John Roe', null)).toEqual(['Jane Doe', 'John Roe']);
  });

  it('cuts a byline at a dot-operator separator and after the preposition of a cut date', () => {
    expect(cleanAuthors('By Chris McNamara ⋅ Founder and Editor-in-Chief ⋅ Updated December 1, 2025', null)).toEqual(['Chris McNamara']);
    expect(cleanAuthors('Posted by David at December 16, 2025 11:15 AM', null)).toEqual(['David']);
    expect(cleanAuthors('Audiophile On', null)).toEqual(['Audiophile On']);
  });

  it('reads a link to the writer\'s profile page as a byline, ahead of a site that credits itself', () => {
    const meta = metadataOf(`<head><meta property="og:site_name" content="Acme"><meta name="author" content="Acme"></head><body><h1>Wrap-up</h1>
      <nav><a href="/authors/site-admin/">Site Admin</a></nav><div class="meta"><a href="https://example.com/blog/authors/jane-doe"><img alt=""></a><a href="/blog/authors/jane-doe">Jane Doe</a></div></body>`);
    expect(meta.authors).toEqual({ value: ['Jane Doe'], source: 'dom' });
  });

  it('reads an "All articles by" link as a byline', () => {
    const meta = metadataOf('<body><h1>HR shared services explained</h1><p>Intro.</p><button><span>All articles by Elliot Raba</span></button></body>');
    expect(meta.authors?.value).toEqual(['Elliot Raba']);
  });
});

describe('co-authors that structured data leaves out', () => {
  it('reads every citation author of a paper, not only its Dublin Core creator', () => {
    const meta = metadataOf(`<head><meta name="DC.Creator" content="Ann Poe"><meta name="DC.Contributor" content="Bo Lind">
      <meta name="citation_authors" content="Ann Poe"><meta name="citation_authors" content="Lind, Bo"></head><body><h1>Sleep and exercise</h1></body>`);
    expect(meta.authors).toEqual({ value: ['Ann Poe', 'Bo Lind'], source: 'meta' });
  });

  it('widens a lone structured author to the byline line that lists co-authors', () => {
    const meta = metadataOf(`<head><meta name="author" content="Jane Doe"></head><body><h1>Free certificates</h1>
      <div class="byline">Written by <a href="/a/jane">Jane Doe</a>, <a href="/a/john">Dr John van Roe</a> &amp; <a href="/a/ann">Ann Poe</a></div></body>`);
    expect(meta.authors?.value).toEqual(['Jane Doe', 'Dr John van Roe', 'Ann Poe']);
  });

  it('prefers the byline printed under the headline to a structured author who is someone else', () => {
    const ld = '{"@type":"Article","headline":"Rental cars","author":{"@type":"Person","name":"KatieS"}}';
    const meta = metadataOf(`<head><script type="application/ld+json">${ld}</script></head><body><article><h1>Rental cars</h1>
      <p>by <a class="author-link" href="/authors/aoife-oriordan/"><span>Aoife O'Riordan</span></a></p><p>Body.</p></article></body>`);
    expect(meta.authors).toEqual({ value: ["Aoife O'Riordan"], source: 'dom' });
  });

  it('keeps the structured author when the printed byline names the same person less cleanly', () => {
    const meta = metadataOf('<head><meta name="author" content="Natalia Keogan"></head><body><h1>Festival guide</h1><p>By Natalia Keogan in Festivals, Events</p></body>');
    expect(meta.authors).toEqual({ value: ['Natalia Keogan'], source: 'meta' });
  });

  it('keeps a lone structured author whose line adds a job title, a site name or a headline', () => {
    const job = metadataOf('<head><meta name="author" content="Chris Radich"></head><body><h1>Agents</h1><p>Chris Radich, VP for customer success, UiPath</p></body>');
    const site = metadataOf('<head><meta name="author" content="Gabriel Gonzalez"></head><body><h1>USB commands</h1><p>Gabriel Gonzalez - Cyber Security</p></body>');
    const headline = metadataOf('<head><meta name="author" content="lowjhg"></head><body><h1>Scenic Turkish and French sights with lowjhg</h1></body>');
    expect([job, site, headline].map((meta) => meta.authors?.value)).toEqual([['Chris Radich'], ['Gabriel Gonzalez'], ['lowjhg']]);
  });
});
