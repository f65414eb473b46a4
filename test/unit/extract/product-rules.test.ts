import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { removeProductRails } from '../../../shared/extract/clean.ts';
import { extractDocument } from '../../../shared/extract/extract.ts';
import type { PageMetadata } from '../../../shared/extract/metadata.ts';
import { chooseBody, mainRegion } from '../../../shared/extract/region.ts';

const sentences = (n: number, word: string): string => Array.from({ length: n }, () => `The ${word} is sturdy and easy to carry every day.`).join(' ');
const extract = (html: string) => extractDocument({ bytes: new TextEncoder().encode(html), url: 'https://shop.example/products/kettle' });

const productLd = (count: number): string => `<script type="application/ld+json">${JSON.stringify(
  count === 1 ? { '@context': 'https://schema.org', '@type': 'Product', name: 'Steel Kettle' }
    : { '@context': 'https://schema.org', '@type': 'ItemList', itemListElement: Array.from({ length: count }, (_, i) => ({ '@type': 'Product', name: `Kettle ${i}` })) },
)}</script>`;

/** A shop's product page: the product's description, then a customer-review widget and a pop-up panel. */
const productPage = (head: string): string => `<html><head><title>Steel Kettle</title>${head}</head><body>
  <main><h1>Steel Kettle</h1>
    <div class="product-description"><p>${sentences(8, 'kettle')}</p><p>${sentences(6, 'handle')}</p></div>
    <div class="product-reviews"><h2>What buyers say</h2><p>${sentences(3, 'gift')}</p><p>${sentences(3, 'purchase')}</p></div>
    <div class="size-chart-modal"><p>${sentences(3, 'chart')}</p></div>
    <div class="product-carousel"><p>${sentences(3, 'bundle')}</p></div>
    <div class="questions-and-answers"><p>${sentences(3, 'question')}</p></div>
    <div class="delivery-popover"><p>${sentences(3, 'parcel')}</p></div>
    <span class="tooltip-content">${sentences(2, 'estimate')}</span>
  </main></body></html>`;

describe('furniture of product pages', () => {
  it('drops the review widget and pop-up panels of a page whose JSON-LD states one product', () => {
    const { text } = extract(productPage(productLd(1)));
    expect(text).toContain('The kettle is sturdy');
    expect(text).not.toContain('The gift is sturdy');
    expect(text).not.toContain('The chart is sturdy');
    expect(text).not.toContain('The bundle is sturdy');
    expect(text).not.toContain('The question is sturdy');
  });

  it('drops the popovers and tooltips a reader opens from the details of the product', () => {
    const { text } = extract(productPage(productLd(1)));
    expect(text).not.toContain('The parcel is sturdy');
    expect(text).not.toContain('The estimate is sturdy');
  });

  it('takes a product Open Graph type or one product microdata scope as the same evidence', () => {
    expect(extract(productPage('<meta property="og:type" content="product">')).text).not.toContain('The gift is sturdy');
    const microdata = productPage('').replace('<main>', '<main itemscope itemtype="https://schema.org/Product">');
    expect(extract(microdata).text).not.toContain('The gift is sturdy');
  });

  it('keeps them where the page does not say it shows one product, the review widget excepted', () => {
    for (const head of ['', productLd(6), '<meta property="og:type" content="product.group">']) {
      const { text } = extract(productPage(head));
      expect(text).toContain('The bundle is sturdy');
      expect(text).toContain('The question is sturdy');
      // Shoppers' reviews are not a category or home page's own text either (listing-rules.test.ts).
      expect(text).not.toContain('The gift is sturdy');
    }
  });
});

describe('the main region of a product page', () => {
  /** A product in <main>, outweighed by a footer that inlines the shop's policies. */
  const page = `<body><main><h1>Steel Kettle</h1><p>${sentences(10, 'kettle')}</p></main>
    <footer><div class="policy"><h2>Privacy</h2><p>${sentences(80, 'policy')}</p></div></footer></body>`;

  it('is the one <main> holding the headline, however much the rest of the page outweighs it', () => {
    const { document } = new JSDOM(page).window;
    expect(mainRegion(document, document.body, undefined, true).tagName).toBe('MAIN');
  });

  it('stays the body on other pages, where a small <main> may hold only part of the content', () => {
    const { document } = new JSDOM(page).window;
    expect(mainRegion(document, document.body, undefined, false).tagName).toBe('BODY');
  });
});

describe('choosing the body of a product page', () => {
  const description = 'A steel kettle that boils water fast and keeps its handle cool.';
  const metadata = { description: { value: description, source: 'opengraph' } } as unknown as PageMetadata;
  const body = (text: string) => ({ element: {} as Element, text });
  const variants = body(Array.from({ length: 12 }, (_, i) => `Blue / KT-${i} $39.99/ea Sold out`).join('\n\n'));
  const described = body(`Steel Kettle\n\n${description}\n\n${sentences(2, 'lid')}`);

  it('takes the candidate holding the stated description over a variant table', () => {
    expect(chooseBody(variants, described, metadata, { articleTyped: false, productTyped: true })?.from).toBe('region');
  });

  it('leaves other pages to the length rules', () => {
    expect(chooseBody(variants, described, metadata, { articleTyped: false, productTyped: false })?.from).toBe('readability');
  });
});

describe('product content a script would show', () => {
  /** A product page whose content waits, hidden by an inline style, for a gate script to show it. */
  const gated = (head: string, hider: string): string => `<html><head><title>Steel Kettle</title>${head}</head><body>
    <header><a href="/">Shop</a></header>
    <main><div ${hider} style="display:none;"><h1>Steel Kettle</h1><p>${sentences(10, 'kettle')}</p></div></main>
    <footer><p>${sentences(1, 'footer')}</p></footer></body></html>`;

  it('shows the block hiding every headline of a product page', () => {
    expect(extract(gated(productLd(1), 'class="gate-content"')).text).toContain('The kettle is sturdy');
  });

  it('leaves a pop-up closed', () => {
    expect(extract(gated(productLd(1), 'class="quick-view-modal"')).text).not.toContain('The kettle is sturdy');
    expect(extract(gated('', 'class="quick-view-modal"')).text).not.toContain('The kettle is sturdy');
  });
});

describe('rails of other products', () => {
  const card = (n: number): string => `<li><h3>Copper Kettle Model ${n}</h3><p>Only $${n}9.99.</p></li>`;
  const page = `<body><main><h1>Steel Kettle</h1><div class="details"><h2>Details</h2><p>${sentences(10, 'kettle')}</p></div>
    <div class="block-7"><div class="inner"><h2>You may also like</h2><ul>${[1, 2, 3, 4].map(card).join('')}</ul></div></div>
    <section><h2>Customer care</h2><p>${sentences(2, 'service')}</p></section></main></body>`;

  it('go with the largest block around their title that holds no other heading of its rank', () => {
    const { document } = new JSDOM(page).window;
    expect(removeProductRails(document.body, (document.body.textContent ?? '').length)).toBe(1);
    const text = document.body.textContent ?? '';
    expect(text).toContain('The kettle is sturdy');
    expect(text).toContain('Customer care');
    expect(text).not.toContain('Copper Kettle Model');
    expect(text).not.toContain('You may also like');
    expect(document.querySelector('.block-7')).toBeNull();
  });
});

describe('rails titled by a brand or by what goes with the product', () => {
  const rail = (title: string): string => `<section><h2>${title}</h2><ul><li><a href="/p/1">Copper Kettle</a> $29.99</li><li><a href="/p/2">Glass Kettle</a> $19.99</li></ul></section>`;
  const page = `<body><main><h1>Steel Kettle</h1><div class="details"><h2>Details</h2><p>${sentences(10, 'kettle')}</p></div>
    ${rail('More from Acme')}${rail('Often bought together')}${rail('Better together')}</main></body>`;

  it('go as the other rails do', () => {
    const { document } = new JSDOM(page).window;
    expect(removeProductRails(document.body, (document.body.textContent ?? '').length)).toBe(3);
    expect(document.body.textContent).toContain('The kettle is sturdy');
    expect(document.body.textContent).not.toContain('Copper Kettle');
  });
});

describe('blocks a product page repeats', () => {
  /** A feature paragraph rendered twice (one per viewport), as shop themes do. */
  const features = `<p>${sentences(2, 'spout')}</p>`;
  const page = (head: string): string => `<html><head><title>Steel Kettle</title>${head}</head><body><main><h1>Steel Kettle</h1>
    <div class="description">${features}<p>${sentences(8, 'kettle')}</p>${features}</div></main></body></html>`;
  const count = (text: string, part: string): number => text.split(part).length - 1;

  it('are read once on a product page', () => {
    const { text } = extract(page(productLd(1)));
    expect(count(text, 'The spout is sturdy')).toBe(2);
    expect(text).toContain('The kettle is sturdy');
  });

  it('are left alone on other pages', () => {
    expect(count(extract(page('')).text, 'The spout is sturdy')).toBe(4);
  });
});

describe('the description a product page states in its JSON-LD', () => {
  const enamel = 'Enamelled steel body holds two litres, boils quickly on gas or induction hobs, cleans without scrubbing.';
  const whistle = 'A brass whistle sings when ready; its folding handle stays cool.';
  const stated = `${enamel} ${enamel}\n${whistle} ${whistle}`;
  const ld = (type: string): string => `<script type="application/ld+json">${JSON.stringify({ '@context': 'https://schema.org', '@type': type, name: 'Steel Kettle', description: stated })}</script>`;
  /** The description sits in a closed sheet the scan removes as a dialog; the body keeps only the buy box. */
  const page = (head: string): string => `<html><head><title>Steel Kettle</title>${head}</head><body><main><h1>Steel Kettle</h1>
    <p>${sentences(6, 'price')}</p>
    <div role="dialog" class="sheet"><p>${enamel} ${enamel}</p><p>${whistle} ${whistle}</p></div></main></body></html>`;

  it('leads the text when the body holds little of it', () => {
    const { text, html } = extract(page(ld('Product')));
    expect(text.startsWith('Enamelled steel body')).toBe(true);
    expect(text).toContain('\n\nA brass whistle');
    expect(text).toContain('The price is sturdy');
    expect(html).toContain('Enamelled steel body');
  });

  it('is not added twice when the body holds it', () => {
    const open = page(ld('Product')).replace('role="dialog" class="sheet"', 'class="product-details"');
    expect(extract(open).text.split('Enamelled steel body').length - 1).toBe(2);
  });

  it('is read only from a product', () => {
    expect(extract(page(ld('Thing'))).text).not.toContain('Enamelled steel body');
  });
});

describe('blocks a hiding class hides on a product page', () => {
  /** The product's text, a theme's variant data in a "hide" list outweighing it, and a block shown on wide screens. */
  const page = (head: string): string => `<html><head><title>Steel Kettle</title>${head}</head><body><main><h1>Steel Kettle</h1>
    <div class="product-description"><p>${sentences(8, 'kettle')}</p></div>
    <section class="product-details">
      <div class="hidden md:block"><p>${sentences(4, 'lid')}</p></div>
      <dl class="product-data hide">${Array.from({ length: 30 }, (_, i) => `<dt>variant_${i}:</dt><dd>${sentences(1, `swatch${i}`)}</dd>`).join('')}</dl>
    </section></main></body></html>`;

  it('are not read, however much of the page they hold', () => {
    const { text } = extract(page(productLd(1)));
    expect(text).toContain('The kettle is sturdy');
    expect(text).not.toContain('swatch3');
  });

  it('are read when a responsive class shows them on wide screens', () => {
    expect(extract(page(productLd(1))).text).toContain('The lid is sturdy');
  });

  it('are not read on the collection page of a shop either', () => {
    const collection = `<html><head><title>Kettles</title><meta property="og:type" content="product.group"></head><body><main><h1>Kettles</h1>
      <p>${sentences(6, 'range')}</p>
      <ul>${Array.from({ length: 6 }, (_, i) => `<li><h2><a href="/products/k${i}">Kettle ${i}</a></h2><p>${sentences(2, `model${i}`)}</p></li>`).join('')}</ul>
      <div class="quick-view-data hidden">${Array.from({ length: 20 }, (_, i) => `<p>${sentences(2, `variant${i}`)}</p>`).join('')}</div>
    </main></body></html>`;
    const { text } = extractDocument({ bytes: new TextEncoder().encode(collection), url: 'https://shop.example/collections/kettles' });
    expect(text).toContain('The range is sturdy');
    expect(text).not.toContain('variant3');
  });

  it('are left to the other rules on pages that state no product', () => {
    expect(extract(page('')).text).toContain('swatch3');
  });
});
