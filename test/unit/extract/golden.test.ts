import { describe, expect, it } from 'vitest';
import { extractDocument } from '../../../shared/extract/extract.ts';
import { loadPageFixtures } from '../../helpers/fixtures-pages.ts';

const NOW = new Date('2026-01-01T00:00:00Z');
const fixtures = loadPageFixtures();

describe('golden page fixtures', () => {
  it('finds the fixtures', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(13);
  });

  for (const fixture of fixtures) {
    it(`extracts ${fixture.slug} as expected`, () => {
      const document = extractDocument({ bytes: fixture.bytes, url: fixture.url, contentType: fixture.contentType }, { now: NOW });
      const want = fixture.expect;
      const scalar = ['kind', 'title', 'authors', 'publishedAt', 'modifiedAt', 'siteName', 'lang', 'section', 'keywords', 'canonicalUrl', 'image', 'charset'] as const;
      for (const key of scalar) {
        if (want[key] !== undefined) expect(document[key], key).toEqual(want[key]);
      }
      if (want.flags) expect(document.flags).toMatchObject(want.flags);
      if (want.sources) expect(document.sources).toMatchObject(want.sources);
      if (want.textStartsWith) expect(document.text.startsWith(want.textStartsWith), document.text.slice(0, 200)).toBe(true);
      if (want.textEndsWith) expect(document.text.endsWith(want.textEndsWith), document.text.slice(-200)).toBe(true);
      for (const needle of want.textIncludes ?? []) expect(document.text).toContain(needle);
      for (const needle of want.textExcludes ?? []) expect(document.text).not.toContain(needle);
      for (const needle of want.htmlIncludes ?? []) expect(document.html).toContain(needle);
      for (const needle of want.htmlExcludes ?? []) expect(document.html.toLowerCase()).not.toContain(needle.toLowerCase());
      if (want.paragraphsAtLeast) expect(document.text.split('\n\n').length).toBeGreaterThanOrEqual(want.paragraphsAtLeast);
      expect(document.wordCount).toBeGreaterThan(0);
    });
  }
});
