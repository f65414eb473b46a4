import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ExtractionError } from '../../../shared/errors.ts';
import { extractDocument } from '../../../shared/extract/extract.ts';

const tags = ['div', 'p', 'span', 'article', 'main', 'h1', 'h2', 'a', 'table', 'tr', 'td', 'ul', 'li', 'script', 'style', 'time', 'meta', 'title', 'svg', 'form', 'iframe', 'template', 'noscript'];
const attributes = fc.constantFrom('', ' class="byline"', ' itemprop="author"', ' hidden', ' style="border-width: 1px"', ' datetime="2020-02-30"',
  ' href="javascript:alert(1)"', ' onclick="x()"', ' charset="shift_jis"', ' content="2099-01-01"', ' property="og:title"', ' type="application/ld+json"');

const element: fc.Arbitrary<string> = fc.letrec<{ node: string }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.string({ maxLength: 30 }),
    fc.tuple(fc.constantFrom(...tags), attributes, fc.array(tie('node'), { maxLength: 4 }), fc.boolean())
      .map(([tag, attrs, children, close]) => `<${tag}${attrs}>${children.join('')}${close ? `</${tag}>` : ''}`),
  ),
})).node;

const page = fc.oneof(
  element,
  fc.string({ maxLength: 200 }),
  fc.uint8Array({ maxLength: 400 }).map((bytes) => Buffer.from(bytes).toString('latin1')),
  fc.constantFrom('{"@type":', '<script type="application/ld+json">{"@graph":[{"@id":"a","author":{"@id":"a"}}]}</script>'),
);

describe('extractDocument on arbitrary input', () => {
  it('returns a document or throws a typed ExtractionError, nothing else', () => {
    fc.assert(
      fc.property(page, fc.boolean(), (html, asBytes) => {
        const bytes = asBytes ? Uint8Array.from(html, (c) => c.charCodeAt(0) & 0xff) : new TextEncoder().encode(html);
        try {
          const document = extractDocument({ bytes, url: 'https://example.com/p' });
          expect(typeof document.text).toBe('string');
          expect(Array.isArray(document.authors)).toBe(true);
          expect(document.html).not.toMatch(/<script|javascript:|onclick=/i);
        } catch (error) {
          expect(error).toBeInstanceOf(ExtractionError);
        }
      }),
      { numRuns: 120 },
    );
  }, 120_000);
});
