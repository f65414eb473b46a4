import { describe, expect, it } from 'vitest';
import { dateFromUrl, isFuture, parseDate } from '../../../shared/extract/dates.ts';
import { charsetFromContentType, decodePage } from '../../../shared/extract/decode.ts';
import { extractDocument } from '../../../shared/extract/extract.ts';
import { cleanAuthors } from '../../../shared/extract/metadata.ts';

describe('dates', () => {
  it('keeps the page offset of an ISO date', () => {
    expect(parseDate('2020-04-07T18:13:00+01:00')).toBe('2020-04-07T18:13:00+01:00');
    expect(parseDate('2020-04-07T17:13:21.000Z')).toBe('2020-04-07T17:13:21+00:00');
  });

  it('reads visible datelines with a zone abbreviation', () => {
    expect(parseDate('Tue 7 Apr 2020 18.13 BST')).toBe('2020-04-07T18:13:00+01:00');
    expect(parseDate('Updated March 3, 2024 at 4:05 pm EST')).toBe('2024-03-03T16:05:00-05:00');
    expect(parseDate('3rd of March 2024')).toBe('2024-03-03');
  });

  it('rejects impossible dates and finds dates in URL paths', () => {
    expect(parseDate('2021-02-30')).toBeNull();
    expect(dateFromUrl('https://example.com/news/2019/11/05/story')).toBe('2019-11-05');
    expect(dateFromUrl('https://example.com/news/story')).toBeNull();
  });

  it('finds a URL date run on into the slug or with its month spelt out', () => {
    expect(dateFromUrl('https://example.com/articles/2025-12-15+Rust+backend')).toBe('2025-12-15');
    expect(dateFromUrl('https://example.com/blog/2023/october/03/wine-styles')).toBe('2023-10-03');
    expect(dateFromUrl('https://example.com/blog/2023-10-031/x')).toBeNull();
  });

  it('never believes a future date', () => {
    const now = new Date('2024-01-01T00:00:00Z');
    expect(isFuture('2030-01-01', now)).toBe(true);
    const html = '<html><head><meta property="article:published_time" content="2030-05-05T10:00:00Z"></head><body><p>text</p></body></html>';
    const document = extractDocument({ bytes: new TextEncoder().encode(html), url: 'https://example.com/2023/06/01/x' }, { now });
    expect(document.publishedAt).toBe('2023-06-01');
    expect(document.sources['publishedAt']).toBe('url');
  });
});

describe('authors', () => {
  it('drops "By", job titles, dates and joins', () => {
    expect(cleanAuthors('By Maria Gonzalez, Senior Health Correspondent | March 3, 2024', null)).toEqual(['Maria Gonzalez']);
    expect(cleanAuthors('By Jane Doe and John Smith', null)).toEqual(['Jane Doe', 'John Smith']);
    expect(cleanAuthors('Written by: Ann Lee, Staff Writer', null)).toEqual(['Ann Lee']);
  });

  it('keeps post-nominal credentials with the name', () => {
    expect(cleanAuthors('Dylan Bailey, MS, RD', null)).toEqual(['Dylan Bailey, MS, RD']);
  });
});

describe('charset decisions', () => {
  it('prefers the HTTP header over <meta>', () => {
    const bytes = new TextEncoder().encode('<meta charset="shift_jis"><p>caf\u00e9</p>');
    expect(decodePage(bytes, 'text/html; charset=utf-8').charset).toEqual({ name: 'utf-8', source: 'http' });
    expect(charsetFromContentType('text/html;charset="ISO-8859-1"')).toBe('ISO-8859-1');
  });

  it('honours a byte order mark', () => {
    const bytes = Uint8Array.from([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('<p>x</p>')]);
    expect(decodePage(bytes)).toEqual({ text: '<p>x</p>', charset: { name: 'utf-8', source: 'bom' } });
  });

  it('decodes undeclared single-byte text by detection, not by assumption', () => {
    const latin = Buffer.from('<p>Le caf\u00e9 de la gare a rouvert apr\u00e8s des ann\u00e9es de travaux, d\u00e9clare la propri\u00e9taire. \u00c0 bient\u00f4t, r\u00e9pond le maire.</p>'.repeat(3), 'latin1');
    const decoded = decodePage(new Uint8Array(latin));
    expect(decoded.charset.source).toBe('detected');
    expect(decoded.text).toContain('caf\u00e9 de la gare');
  });
});
