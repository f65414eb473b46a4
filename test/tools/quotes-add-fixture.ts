/**
 * Adds a quote golden fixture: copies the text and writes expected.json from what the extractor finds today,
 * for a person to correct before committing (the file is the specification, not a snapshot).
 *
 *   npx tsx test/tools/quotes-add-fixture.ts <slug> <input.txt> "<what the case shows>"
 */

import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { extractQuotes } from '../../shared/quotes/extract-quotes.ts';
import { FIXTURE_DIR } from '../unit/quotes/load-fixtures.ts';

const [slug, inputPath, description] = process.argv.slice(2);
if (!slug || !inputPath || !description || !/^[a-z0-9-]+$/.test(slug)) {
  process.stderr.write('usage: quotes-add-fixture.ts <slug (a-z, 0-9, -)> <input.txt> "<description>"\n');
  process.exit(2);
}
const dir = join(FIXTURE_DIR, slug);
if (existsSync(dir)) {
  process.stderr.write(`${dir} exists already\n`);
  process.exit(1);
}
const input = readFileSync(inputPath, 'utf8');
const quotes = extractQuotes(input).map(({ text, speaker, kind, cue }) => ({ text, speaker, kind, cue }));
mkdirSync(dir, { recursive: true });
writeFileSync(join(dir, 'input.txt'), input);
writeFileSync(join(dir, 'expected.json'), `${JSON.stringify({ description, exhaustive: true, quotes }, null, 2)}\n`);
process.stdout.write(`wrote ${dir}: ${quotes.length} quotes; check every speaker before committing\n`);
