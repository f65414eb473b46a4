/**
 * Golden page fixtures: every folder under test/fixtures/pages/ holds `source.html` (raw bytes, any
 * charset) and `expected.json` (`{ url, contentType?, note?, expect }`). Add one with
 * `tsx test/tools/extract-add-fixture.ts SLUG PAGE.html URL`.
 */

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PAGES_DIR = fileURLToPath(new URL('../fixtures/pages/', import.meta.url));

export interface PageExpectation {
  kind?: 'article' | 'page';
  title?: string | null;
  authors?: string[];
  publishedAt?: string | null;
  modifiedAt?: string | null;
  siteName?: string | null;
  lang?: string | null;
  section?: string | null;
  keywords?: string[];
  canonicalUrl?: string | null;
  image?: string | null;
  charset?: { name: string; source: string };
  flags?: Partial<Record<'paywall' | 'challenge' | 'cookieWall' | 'truncated' | 'notArticle', boolean>>;
  sources?: Record<string, string>;
  textStartsWith?: string;
  textEndsWith?: string;
  textIncludes?: string[];
  textExcludes?: string[];
  htmlIncludes?: string[];
  htmlExcludes?: string[];
  /** Minimum number of blank-line separated paragraphs in `text`. */
  paragraphsAtLeast?: number;
}

export interface PageFixture {
  slug: string;
  bytes: Uint8Array;
  url: string;
  contentType?: string;
  note?: string;
  expect: PageExpectation;
}

/** Every golden page fixture, sorted by slug. */
export function loadPageFixtures(dir: string = PAGES_DIR): PageFixture[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((slug) => {
      const meta = JSON.parse(readFileSync(join(dir, slug, 'expected.json'), 'utf8')) as Omit<PageFixture, 'slug' | 'bytes'>;
      return { ...meta, slug, bytes: new Uint8Array(readFileSync(join(dir, slug, 'source.html'))) };
    });
}
