import { describe, expect, it } from 'vitest';
import { removeBoilerplate, scanPage } from '../../../shared/extract/clean.ts';
import { extractDocument } from '../../../shared/extract/extract.ts';
import { parseHtml } from '../../../shared/extract/parse.ts';

const words = (n: number, word = 'text'): string => Array.from({ length: n }, () => word).join(' ');
const sentences = (n: number, word: string): string => Array.from({ length: n }, () => `The ${word} was read by many people today.`).join(' ');

/** A page rendered by React's streaming server: the article arrives late, in a hidden boundary div. */
const streamedPage = `<html><head><title>Streamed</title></head><body>
  <header><a href="/">Home</a></header>
  <main><template id="B:0"></template><p>Loading...</p></main>
  <footer><p>${words(12, 'legal')}</p></footer>
  <div hidden id="S:0"><article><h1>A streamed story</h1>
    <p>${sentences(20, 'story')}</p><p>${sentences(20, 'report')}</p></article></div>
</body></html>`;

describe('streamed React content', () => {
  it('reads the article a streaming server sent in a hidden boundary div', () => {
    const document = extractDocument({ bytes: new TextEncoder().encode(streamedPage), url: 'https://example.com/story' });
    expect(document.text).toContain('The story was read by many people today.');
    expect(document.text).toContain('The report was read by many people today.');
  });

  it('puts the boundary where its placeholder was, visible', () => {
    const document = parseHtml(streamedPage, 'https://example.com/story');
    const scan = scanPage(document);
    const boundary = document.getElementById('S:0')!;
    expect(boundary.hasAttribute('hidden')).toBe(false);
    expect(boundary.parentElement?.tagName).toBe('MAIN');
    expect(document.getElementById('B:0')).toBeNull();
    expect(scan.boilerplate).not.toContain(boundary);
  });

  it('moves a segment numbered in hex to its P: placeholder', () => {
    const document = parseHtml(`<body><main><p>${words(20, 'intro')}</p><template id="P:1f"></template></main>`
      + `<div hidden id="S:1f"><p>${words(20, 'section')}</p></div></body>`, 'https://example.com/');
    scanPage(document);
    const segment = document.getElementById('S:1f')!;
    expect(segment.hasAttribute('hidden')).toBe(false);
    expect(segment.parentElement?.tagName).toBe('MAIN');
  });

  it('still treats other hidden elements as furniture', () => {
    const document = parseHtml(`<body><div hidden id="S-menu"><p>${words(5, 'menu')}</p></div><p>${words(50)}</p></body>`, 'https://example.com/');
    const scan = scanPage(document);
    expect(scan.boilerplate.map((element) => element.id)).toContain('S-menu');
  });
});

/** A service page whose plans sit in an accordion: each answer hidden until its button is pressed. */
const accordionPage = (panelLabel: string): string => `<html><head><title>Our services</title></head><body>
  <header><nav><a href="/">Home</a> <a href="/about">About</a></nav></header>
  <main><h1>Our services</h1><p>${sentences(6, 'service')}</p>
    <h2><button id="q1" aria-controls="a1" aria-expanded="false">Audit</button></h2>
    <div id="a1" class="${panelLabel}" role="region" aria-labelledby="q1" aria-hidden="true"><p>${sentences(4, 'audit')}</p></div>
    <h2><button id="q2" aria-controls="a2" aria-expanded="false">Tax</button></h2>
    <div id="a2" class="${panelLabel}" aria-labelledby="q2" hidden><p>${sentences(4, 'tax')}</p></div>
    <h2><button id="q3" aria-controls="a3" aria-expanded="false">Payroll</button></h2>
    <div id="a3" class="${panelLabel}" role="region" aria-labelledby="q3" style="display: none;"><p>${sentences(4, 'payroll')}</p></div>
    <div class="cmp-tabs"><button role="tab" aria-selected="true">Plans</button>
      <div role="tabpanel" class="${panelLabel}" aria-hidden="true"><p>${sentences(4, 'plan')}</p></div></div>
  </main>
  <div id="m1" aria-labelledby="q1" aria-hidden="true"><p>${words(8, 'unrelated')}</p></div>
</body></html>`;

describe('tab and accordion panels', () => {
  it('reads the hidden panels a tab or accordion button controls', () => {
    const document = extractDocument({ bytes: new TextEncoder().encode(accordionPage('accordion-panel')), url: 'https://example.com/services' });
    expect(document.text).toContain('The audit was read by many people today.');
    expect(document.text).toContain('The tax was read by many people today.');
    expect(document.text).toContain('The plan was read by many people today.');
    // Closed by an inline style, as accordion scripts leave a panel, rather than by markup.
    expect(document.text).toContain('The payroll was read by many people today.');
  });

  it('reads a panel whose collapse wrapper, not the panel, carries the hiding style', () => {
    const page = accordionPage('accordion-panel').replace(
      `<div id="a3" class="accordion-panel" role="region" aria-labelledby="q3" style="display: none;"><p>${sentences(4, 'payroll')}</p></div>`,
      `<div class="collapse" style="overflow:hidden;display:none;height:0px"><div id="a3" class="accordion-panel" role="region" aria-labelledby="q3"><p>${sentences(4, 'payroll')}</p></div></div>`,
    );
    expect(page).toContain('class="collapse"');
    const document = extractDocument({ bytes: new TextEncoder().encode(page), url: 'https://example.com/services' });
    expect(document.text).toContain('The payroll was read by many people today.');
  });

  it('leaves a hidden wrapper of a panel no control names hidden', () => {
    const page = accordionPage('accordion-panel').replace(
      `<div id="a3" class="accordion-panel" role="region" aria-labelledby="q3" style="display: none;"><p>${sentences(4, 'payroll')}</p></div>`,
      `<div class="collapse" style="display:none"><div id="a9" class="accordion-panel" aria-labelledby="q3"><p>${sentences(4, 'payroll')}</p></div></div>`,
    );
    const document = extractDocument({ bytes: new TextEncoder().encode(page), url: 'https://example.com/services' });
    expect(document.text).not.toContain('The payroll was read by many people today.');
  });

  it('reads a panel its disclosure button names in aria-controls, though the panel does not name it back', () => {
    const page = (buttonClass: string): string => `<html><head><title>Retirement</title></head><body><main><h1>Plan your retirement</h1>
      <p>${sentences(10, 'plan')}</p><h2>Questions</h2>
      <h3><a class="${buttonClass}" href="#" aria-controls="content-1" aria-expanded="false">How much do I need?</a></h3>
      <div class="answer" id="content-1" aria-hidden="true"><p>${sentences(3, 'saver')}</p></div>
    </main></body></html>`;
    const read = (buttonClass: string): string => extractDocument({ bytes: new TextEncoder().encode(page(buttonClass)), url: 'https://example.com/retire' }).text;
    expect(read('accordion-head')).toContain('The saver was read by many people today.');
    expect(read('menu-toggle')).not.toContain('The saver was read by many people today.');
    // The same without a page index, as after a reveal that edits the page.
    const document = parseHtml(page('accordion-head'), 'https://example.com/retire');
    scanPage(document);
    expect(document.getElementById('content-1')!.hasAttribute('aria-hidden')).toBe(false);
  });

  it('reads a panel collapsed by visibility: hidden that its button opens, but not a menu so collapsed', () => {
    const page = (panelClass: string): string => `<html><head><title>Certificate</title></head><body><main><h1>Project management certificate</h1>
      <p>${sentences(10, 'course')}</p><h2>Required courses</h2>
      <div class="accordion"><button id="t1" aria-expanded="false" aria-controls="c1"><h3>Project basics</h3></button>
        <div id="c1" class="${panelClass}" role="region" style="overflow: hidden; height: 0px; visibility: hidden;"><p>${sentences(3, 'syllabus')}</p></div></div>
    </main></body></html>`;
    const read = (panelClass: string): string => extractDocument({ bytes: new TextEncoder().encode(page(panelClass)), url: 'https://example.com/certificate' }).text;
    expect(read('accordion__content')).toContain('The syllabus was read by many people today.');
    expect(read('dropdown-menu')).not.toContain('The syllabus was read by many people today.');
  });

  it('leaves the panels of a consent banner hidden', () => {
    const page = accordionPage('accordion-panel').replace('<main>', '<div id="cookie-settings"><main>').replace('</main>', '</main></div>');
    const document = parseHtml(page, 'https://example.com/services');
    scanPage(document);
    expect(document.getElementById('a2')!.hasAttribute('hidden')).toBe(true);
  });

  it('leaves hidden elements that no control names, and menu panels, as furniture', () => {
    const document = parseHtml(accordionPage('dropdown-menu'), 'https://example.com/services');
    const scan = scanPage(document);
    expect(scan.boilerplate.map((element) => element.id)).toEqual(expect.arrayContaining(['a1', 'a2', 'm1']));
    expect(document.getElementById('a1')!.getAttribute('aria-hidden')).toBe('true');
  });
});

describe('disclosure titles drawn as buttons', () => {
  /** A service page whose FAQ titles are <button>s, each before its answer. */
  const faqPage = (title: (question: string, n: number) => string): string => `<html><head><title>Rentals</title></head><body>
    <header><nav><button aria-expanded="false" aria-controls="nav-panel">Our services</button><div id="nav-panel"><a href="/a">A</a></div></nav></header>
    <main><h1>Equipment rentals</h1><p>${sentences(8, 'rental')}</p><h2>Questions</h2>
      ${['How long can I rent for?', 'Do you deliver the machines?', 'Is insurance included with rentals?'].map((question, n) =>
        `<div class="item">${title(question, n)}<div id="panel-${n}"><p>${sentences(2, `answer${n}`)}</p></div></div>`).join('')}
      <button class="cta">Get a quote</button>
    </main></body></html>`;
  const read = (title: (question: string, n: number) => string): string =>
    extractDocument({ bytes: new TextEncoder().encode(faqPage(title)), url: 'https://example.com/rentals' }).text;

  it('reads the question of a title button inside a heading, holding a heading, or naming its panel', () => {
    const inHeading = read((question, n) => `<h3><button aria-expanded="true" aria-controls="panel-${n}">${question}</button></h3>`);
    const holdingHeading = read((question) => `<button class="row"><h3>${question}</h3></button>`);
    const namingPanel = read((question, n) => `<button aria-controls="panel-${n}"><span>${question.replace('?', '')}</span></button>`);
    const bareQuestion = read((question) => `<button class="row">${question}</button>`);
    for (const text of [inHeading, holdingHeading, bareQuestion]) {
      expect(text).toContain('How long can I rent for?');
      expect(text).toContain('Is insurance included with rentals?');
    }
    expect(namingPanel).toContain('Do you deliver the machines');
    expect(inHeading).toContain('The answer1 was read by many people today.');
  });

  it('leaves a call to action, a menu toggle, a share button and a statement that names no panel as controls', () => {
    const text = read((question, n) => n === 0
      ? `<button class="share-toggle" aria-controls="panel-0">Share this page</button>`
      : `<button class="row">${question.replace('?', '')}</button>`);
    expect(text).not.toContain('Share this page');
    expect(text).not.toContain('How long can I rent for');
    expect(text).not.toContain('Get a quote');
    expect(text).not.toContain('Our services');
  });
});

describe('FAQ answers hidden without ARIA', () => {
  const page = (answerStyle: string, question: string): string => `<html><head><title>Pet cover</title></head><body><main>
    <h1>Compare pet insurance</h1><p>${sentences(8, 'plan')}</p><h2>FAQs</h2>
    <div class="faq"><div class="row" style="cursor:pointer"><div>${question}</div></div>
      <div style="${answerStyle}"><div><p>${sentences(3, 'policy')}</p></div></div></div>
  </main></body></html>`;
  const read = (answerStyle: string, question: string): string =>
    extractDocument({ bytes: new TextEncoder().encode(page(answerStyle, question)), url: 'https://example.com/pet-insurance' }).text;

  it('reads the hidden block right after a question as its answer, closed by display or visibility', () => {
    expect(read('visibility:hidden', 'What is pet insurance?')).toContain('The policy was read by many people today.');
    expect(read('height:0;display:none', 'What is pet insurance?')).toContain('The policy was read by many people today.');
  });

  it('leaves a hidden block after a line that asks nothing hidden', () => {
    expect(read('visibility:hidden', 'Pet insurance explained')).not.toContain('The policy was read by many people today.');
  });
});

describe('banner and promo panels', () => {
  // A company page: a hero banner and offer cards named "promo", an ad slot and a cookie banner.
  const page = `<body><main><h1>Consulting</h1><p>${sentences(30, 'intro')}</p>
    <section class="hero-banner"><h2>Grow faster</h2><p>${sentences(3, 'hero')}</p></section>
    <a class="promo-card" href="/audit"><h3>Audit</h3><div class="promo-card__desc">${sentences(2, 'audit')}</div></a>
    <div class="ad-banner"><p>${words(8, 'advert')}</p></div>
    <div class="cookie-banner"><h2>Cookies</h2><p>${words(8, 'cookie')}</p></div>
  </main></body>`;
  const cleaned = (notArticle: boolean): string => {
    const document = parseHtml(page, 'https://example.com/consulting');
    const pageLength = (document.body.textContent ?? '').length;
    removeBoilerplate(scanPage(document).boilerplate, pageLength, notArticle, notArticle);
    return document.body.textContent ?? '';
  };

  it('keeps those holding a heading, with their own promo parts, where the page is not an article', () => {
    const text = cleaned(true);
    expect(text).toContain('The hero was read');
    expect(text).toContain('The audit was read');
    expect(text).not.toContain('advert');
    expect(text).not.toContain('cookie cookie');
  });

  it('removes them on an article page', () => {
    const text = cleaned(false);
    expect(text).not.toContain('The hero was read');
    expect(text).not.toContain('The audit was read');
  });

  it('keeps a banner section of prose on an article page, not a promo teaser whose heading links away', () => {
    // Sites that type every page as an article (a company's service pages) lay their text out in banners.
    const article = `<body><main><h1>Short-term rentals</h1><p>${sentences(30, 'intro')}</p>
      <div class="banner"><div class="banner-layers"><h2>How renting works</h2><p>${sentences(3, 'rental')}</p><p>${sentences(3, 'delivery')}</p></div></div>
      <div class="promo"><h3><a href="/other-story">Another story</a></h3><p>${sentences(3, 'teaser')}</p><p>${sentences(3, 'blurb')}</p></div>
    </main></body>`;
    const document = parseHtml(article, 'https://example.com/services/rentals');
    removeBoilerplate(scanPage(document).boilerplate, (document.body.textContent ?? '').length, false, false);
    const text = document.body.textContent ?? '';
    expect(text).toContain('The rental was read');
    expect(text).toContain('The delivery was read');
    expect(text).not.toContain('The teaser was read');
  });
});

describe('read-more panels', () => {
  it('keeps the prose a read-more expander folds away, not a read-more rail of links or its control', () => {
    const page = `<body><main><h1>Mesh chairs</h1>
      <div class="read-more__text"><p>${sentences(4, 'introduction')}</p></div>
      <a class="read-more-button" href="#more">Read more about this category of chairs</a>
      <div class="read-more-posts"><a href="/a">First other story</a> <a href="/b">Second other story</a> <a href="/c">Third other story</a>
        <a href="/d">Fourth other story</a> <a href="/e">Fifth other story</a> <a href="/f">Sixth other story</a> <a href="/g">Seventh other story</a>
        <a href="/h">Eighth other story</a> <a href="/i">Ninth other story</a> <a href="/j">Tenth other story</a></div>
      <div class="grid"><p>${sentences(6, 'chair')}</p></div>
    </main></body>`;
    const document = parseHtml(page, 'https://example.com/chairs/mesh/');
    removeBoilerplate(scanPage(document).boilerplate, (document.body.textContent ?? '').length, true, true);
    const text = document.body.textContent ?? '';
    expect(text).toContain('The introduction was read');
    expect(text).not.toContain('Read more about this category');
    expect(text).not.toContain('other story');
  });

  it('still removes read-more prose whose label also names other furniture', () => {
    const page = `<body><main><h1>Story</h1><p>${sentences(8, 'story')}</p>
      <div class="newsletter-read-more"><p>${sentences(4, 'signup')}</p></div></main></body>`;
    const document = parseHtml(page, 'https://example.com/story');
    removeBoilerplate(scanPage(document).boilerplate, (document.body.textContent ?? '').length, true, true);
    expect(document.body.textContent).not.toContain('The signup was read');
  });
});

describe('popovers', () => {
  it('leaves out a popover, which stays hidden until a control opens it', () => {
    const { text } = extractDocument({ url: 'https://example.com/story', bytes: new TextEncoder().encode(`<html><head><title>Story</title></head><body>
      <article><h1>Story</h1><p>${sentences(12, 'story')}</p>
      <div popover id="install"><p>Install the app on your home screen for push notifications, badges and more.</p></div>
      <p>${sentences(12, 'report')}</p></article></body></html>`) });
    expect(text).toContain('The report was read');
    expect(text).not.toContain('Install the app');
  });
});

describe('a self-closed iframe', () => {
  it('does not swallow the page after it', () => {
    const page = `<html><head><title>Hosting</title></head><body>
      <noscript><iframe src="https://tags.example/ns.html" height="0" width="0" style="display:none" /></noscript>
      <main><h1>Hosting for every app</h1><p>${sentences(12, 'server')}</p></main></body></html>`;
    const document = extractDocument({ bytes: new TextEncoder().encode(page), url: 'https://example.com/' });
    expect(document.text).toContain('The server was read by many people today.');
  });
});

describe('the content of a <details>', () => {
  /** A service page's FAQ: each answer in a <details>, marked aria-hidden by the page's own script. */
  const faqPage = (detailsClass: string): string => `<html><head><title>CDN</title></head><body><main><h1>Our CDN</h1>
    <p>${sentences(10, 'network')}</p><h2>Questions</h2>
    <details class="${detailsClass}"><summary><h4>Is it fast?</h4></summary><div class="content" aria-hidden="true"><p>${sentences(3, 'answer')}</p></div></details>
    <details class="${detailsClass}"><summary><h4>Is it safe?</h4></summary><div class="content" aria-hidden="true"><p>${sentences(3, 'reply')}</p></div></details>
  </main></body></html>`;

  it('is read, as a reader who opens it reads it', () => {
    const document = extractDocument({ bytes: new TextEncoder().encode(faqPage('faq')), url: 'https://example.com/cdn' });
    expect(document.text).toContain('The answer was read by many people today.');
    expect(document.text).toContain('The reply was read by many people today.');
  });

  it('stays hidden in a menu built on <details>', () => {
    const document = extractDocument({ bytes: new TextEncoder().encode(faqPage('nav-dropdown')), url: 'https://example.com/cdn' });
    expect(document.text).not.toContain('The answer was read by many people today.');
  });
});

describe('a closed <dialog>', () => {
  const page = (dialog: string): string => `<html><head><title>WAF</title></head><body><main><h1>Our firewall</h1>
    <p>${sentences(12, 'firewall')}</p><p>${sentences(8, 'rule')}</p>
    ${dialog}<div><h2>Talk to an expert</h2><p>First name: *</p><p>Last name: *</p><p>Work email: *</p><p>${sentences(2, 'form')}</p></div></dialog>
  </main></body></html>`;

  it('is furniture: nothing in it is shown until a script opens it', () => {
    const document = extractDocument({ bytes: new TextEncoder().encode(page('<dialog>')), url: 'https://example.com/waf' });
    expect(document.text).toContain('The firewall was read');
    expect(document.text).not.toContain('Talk to an expert');
    expect(document.text).not.toContain('The form was read');
  });

  it('is read when the page opens it', () => {
    const document = extractDocument({ bytes: new TextEncoder().encode(page('<dialog open>')), url: 'https://example.com/waf' });
    expect(document.text).toContain('The form was read');
  });
});

describe('class words that modify a container', () => {
  it('does not take a teaser grid for furniture when its class only says it hides an ad ("hide-read-more-ad")', () => {
    const document = parseHtml(`<body><main><div id="grid" class="summary-grid hide-read-more-ad"><p>${words(30, 'teaser')}</p></div>`
      + `<div id="rail" class="read-more"><p>${words(5, 'rail')}</p></div><div id="both" class="has-comments share-bar"><p>share</p></div></main></body>`, 'https://example.com/');
    const ids = scanPage(document).boilerplate.map((element) => element.id);
    expect(ids).not.toContain('grid');
    expect(ids).toEqual(expect.arrayContaining(['rail', 'both']));
  });
});
