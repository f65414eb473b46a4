import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { removeBoilerplate, scanPage } from '../../../shared/extract/clean.ts';
import { extractDocument } from '../../../shared/extract/extract.ts';
import { cleanRegion } from '../../../shared/extract/region.ts';

const sentences = (n: number, word: string): string => Array.from({ length: n }, () => `The ${word} is soft and light to wear all day.`).join(' ');

describe('modal dialogs on pages that are not articles', () => {
  /** A category page whose footer links a policy that opens in a modal longer than the page itself. */
  const page = `<html><body>
    <main><h1>Wool Sneakers</h1><p>${sentences(6, 'sneaker')}</p></main>
    <footer><a aria-controls="modal-privacy" role="button">Privacy policy</a>
      <div id="modal-privacy" role="dialog" aria-modal="true"><p>${sentences(40, 'policy')}</p></div>
    </footer></body></html>`;
  const clean = (notArticle: boolean): string => {
    const { document } = new JSDOM(page).window;
    removeBoilerplate(scanPage(document).boilerplate, document.body.textContent!.length, notArticle, notArticle);
    return document.body.textContent!;
  };

  it('removes a declared modal however long it is', () => {
    expect(clean(true)).not.toContain('The policy is soft');
    expect(clean(true)).toContain('The sneaker is soft');
  });

  it('leaves the size rule to article-typed pages', () => {
    expect(clean(false)).toContain('The policy is soft');
  });
});

describe('pop-up panels on pages that are not articles', () => {
  const extract = (html: string) => extractDocument({ bytes: new TextEncoder().encode(html), url: 'https://shop.example/browse/clogs' });
  const cards = Array.from({ length: 30 }, (_, i) => `<li><a href="/p/${i}">Classic clog in colour ${i}</a> <span>$${40 + i}.99</span></li>`).join('');
  const rewards = Array.from({ length: 3 }, () => `<p>${sentences(2, 'reward')} Points, once earned, stay in your account for a year, and cash is good on any pair.</p>`).join('');
  const page = (panelClass: string) => `<html><head><title>Clogs</title></head><body>
    <main><h1>Clogs</h1><p>Every clog we sell.</p><ul class="grid">${cards}</ul></main>
    <div class="${panelClass}"><h2>How rewards work</h2>${rewards}</div></body></html>`;

  it('drops a panel named as a modal, closed until a reader opens it', () => {
    const { text } = extract(page('rewards-sidesheet-modal'));
    expect(text).toContain('Classic clog in colour 12');
    expect(text).not.toContain('The reward is soft');
  });

  it('keeps a panel so named inside the main landmark, where the page puts its own text', () => {
    const inside = page('rewards-sidesheet-modal').replace(/<\/main>([\s\S]*)<\/body>/, '$1</main></body>');
    expect(extract(inside).text).toContain('The reward is soft');
  });
});

describe('filter panels of category pages', () => {
  const extract = (html: string) => extractDocument({ bytes: new TextEncoder().encode(html), url: 'https://shop.example/c/graphics-cards' });
  const brands = ['Asus', 'Gigabyte', 'Zotac', 'Sapphire', 'Biostar', 'Corsair', 'Kingston', 'Peladn'];
  const cards = Array.from({ length: 8 }, (_, i) => `<li><a href="/p/${i}">Graphics card number ${i} with twelve gigabytes</a> <span>$${300 + i}.99</span></li>`).join('');
  const page = (panelClass: string, withBoxes: boolean) => `<html><head><title>Graphics Cards</title></head><body><main>
    <div class="results"><h1>Graphics Cards</h1><p>${sentences(4, 'card')}</p>
    <div class="${panelClass}"><h3>Brands</h3><ul>${brands.map((b) => `<li><label>${withBoxes ? '<input type="checkbox">' : ''}<span>${b}</span></label></li>`).join('')}</ul></div>
    <ul>${cards}</ul></div>
  </main></body></html>`;

  it('drops a panel named as a filter that is a column of checkboxes', () => {
    const { text } = extract(page('filter-box', true));
    expect(text).toContain('Graphics card number 3');
    expect(text).not.toContain('Sapphire');
  });

  it('keeps a block whose class says facet when it holds no checkboxes', () => {
    const prose = page('filter-box', true).replace('<div class="results">', `<div class="facet-row"><p>${sentences(5, 'cooler')}</p></div><div class="results">`);
    expect(extract(prose).text).toContain('The cooler is soft');
  });
});

describe('product grids among link lists', () => {
  /** A grid of products whose names are short links, each card with its prices beside the link. */
  const grid = (withPrices: boolean) => {
    const cards = Array.from({ length: 8 }, (_, i) => `<li class="product"><a href="/chair-${i}">High Back Mesh Task Chair ${i}</a>
      <div class="card-text">${withPrices ? `<span>$${400 + i}.00</span>` : ''}</div>
      <a href="/cart?add=${i}">Choose Options</a></li>`).join('');
    return `<html><body><div class="page"><h2>Mesh Office Chairs</h2><ul class="productGrid">${cards}</ul>
      <p>${sentences(10, 'chair')}</p></div></body></html>`;
  };
  const clean = (html: string) => cleanRegion(new JSDOM(html).window.document.body).text;

  it('keeps a grid of short linked names when each card carries a price', () => {
    expect(clean(grid(true))).toContain('Mesh Task Chair 5');
  });

  it('still prunes the same list without prices, as a menu', () => {
    expect(clean(grid(false))).not.toContain('Mesh Task Chair 5');
  });
});
