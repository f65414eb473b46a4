import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { removeBoilerplate, scanPage } from '../../../shared/extract/clean.ts';

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
