/**
 * Add a golden page fixture: copies PAGE.html to test/fixtures/pages/SLUG/source.html and writes an
 * expected.json drafted from what the extractor yields now. Review and trim the draft by hand: it records
 * current behaviour, which is only right once a person has checked it.
 *
 *   tsx test/tools/extract-add-fixture.ts SLUG PAGE.html URL
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { extractDocument } from '../../shared/extract/extract.ts';
import { PAGES_DIR } from '../helpers/fixtures-pages.ts';

const [slug, page, url] = process.argv.slice(2);
if (!slug || !page || !url || !/^[a-z0-9-]+$/.test(slug)) {
  throw new Error('usage: extract-add-fixture.ts SLUG PAGE.html URL (slug: lower-case letters, digits, dashes)');
}
const dir = join(PAGES_DIR, slug);
if (existsSync(dir)) throw new Error(`fixture ${slug} already exists`);
const bytes = new Uint8Array(readFileSync(page));
const document = extractDocument({ bytes, url });
const paragraphs = document.text.split('\n\n');
const expected = {
  url,
  note: 'Drafted by extract-add-fixture.ts; checked by hand.',
  expect: {
    kind: document.kind,
    title: document.title,
    authors: document.authors,
    publishedAt: document.publishedAt,
    charset: document.charset,
    flags: document.flags,
    textStartsWith: paragraphs[0]?.slice(0, 60) ?? '',
    textEndsWith: paragraphs[paragraphs.length - 1]?.slice(-60) ?? '',
    textExcludes: [],
  },
};
mkdirSync(dir, { recursive: true });
writeFileSync(join(dir, 'source.html'), bytes);
writeFileSync(join(dir, 'expected.json'), `${JSON.stringify(expected, null, 2)}\n`);
console.log(`wrote ${dir}`);
