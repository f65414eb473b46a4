/** Discovers the quote golden fixtures: one directory per case with input.txt and expected.json. */

import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface ExpectedQuote {
  text: string;
  speaker: string | null;
  kind?: 'direct' | 'partial';
  cue?: string;
  mention?: string;
  start?: number;
  end?: number;
  /** Quotes with the same label must share a group number; different labels, different numbers. */
  group?: string;
}

export interface QuoteFixture {
  name: string;
  input: string;
  expected: { description: string; exhaustive: boolean; quotes: ExpectedQuote[] };
}

export const FIXTURE_DIR = join(dirname(fileURLToPath(import.meta.url)), '../../fixtures/quotes');

export function loadQuoteFixtures(dir = FIXTURE_DIR): QuoteFixture[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((name) => ({
      name,
      input: readFileSync(join(dir, name, 'input.txt'), 'utf8'),
      expected: JSON.parse(readFileSync(join(dir, name, 'expected.json'), 'utf8')) as QuoteFixture['expected'],
    }));
}
