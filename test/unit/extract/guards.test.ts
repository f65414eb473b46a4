import { describe, expect, it } from 'vitest';
import { ExtractionError } from '../../../shared/errors.ts';
import { extractDocument } from '../../../shared/extract/extract.ts';
import { scanMarkup } from '../../../shared/extract/guards.ts';

const encode = (html: string): Uint8Array => new TextEncoder().encode(html);

describe('input guards', () => {
  it('refuses 2,000 nested divs quickly, before jsdom', () => {
    const html = `<html><body>${'<div>'.repeat(2_000)}<p>deep text, with commas, and more.</p>${'</div>'.repeat(2_000)}</body></html>`;
    const started = performance.now();
    expect(() => extractDocument({ bytes: encode(html), url: 'https://example.com/deep' })).toThrowError(
      expect.objectContaining({ name: 'ExtractionError', code: 'extraction-too-large' }) as Error,
    );
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it('refuses 400,000 paragraphs quickly, before jsdom', () => {
    const html = `<html><body>${'<p>word</p>'.repeat(400_000)}</body></html>`;
    const started = performance.now();
    let caught: unknown;
    try {
      extractDocument({ bytes: encode(html), url: 'https://example.com/wide' });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ExtractionError);
    expect((caught as ExtractionError).code).toBe('extraction-too-large');
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('counts elements but not the insides of scripts and comments', () => {
    const stats = scanMarkup('<div><script>if (a<b) { x = "<div><div>"; }</script><!-- <div><div> --><span>x</span></div>');
    expect(stats).toEqual({ elements: 3, depth: 2 });
  });

  it('still extracts a page whose inline CSS jsdom cannot parse', () => {
    const html = `<html><head><style>p { border-width: calc(1px +); }</style></head><body><article><h1>Styled page title</h1>
      ${'<p style="border-width: thin thick !important; border: 1px solid">A paragraph of ordinary text, long enough to count as content.</p>'.repeat(8)}
      </article></body></html>`;
    const document = extractDocument({ bytes: encode(html), url: 'https://example.com/css' });
    expect(document.text).toContain('A paragraph of ordinary text');
  });
});
