import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extractQuotes } from '../../../shared/quotes/extract-quotes.ts';

const MARKS = ['"', '“', '”', '„', '«', '»', '‘', '’', "'", "''", '``', '‚'];
const WORDS = ['he', 'said', 'Trump', 'Sen.', 'Dr. Rao', 'the company', 'according to', 'it', ',', '.', ':', '—', 'told', 'NSO Group', 'she', 'wrote'];

/** Text built from words, quotation marks of every kind and paragraph breaks, in any order. */
const quoteyText = fc
  .array(fc.oneof(fc.constantFrom(...MARKS), fc.constantFrom(...WORDS), fc.constantFrom(' ', '\n', '\n\n'), fc.string({ maxLength: 6 })), { maxLength: 80 })
  .map((parts) => parts.join(' '));

describe('extractQuotes on hostile input', () => {
  it('never throws and every offset points at the reported text', () => {
    fc.assert(
      fc.property(fc.oneof(quoteyText, fc.string({ maxLength: 300 }), fc.string({ unit: 'grapheme', maxLength: 200 })), (text) => {
        const quotes = extractQuotes(text);
        for (const q of quotes) {
          expect(q.start).toBeGreaterThanOrEqual(0);
          expect(q.end).toBeLessThanOrEqual(text.length);
          expect(text.slice(q.start, q.end)).toBe(q.text);
          expect(q.text.length).toBeGreaterThan(0);
          expect(['direct', 'partial']).toContain(q.kind);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('gives spans of one utterance the same speaker', () => {
    fc.assert(
      fc.property(quoteyText, (text) => {
        const quotes = extractQuotes(text);
        const speakers = new Map<number, string | null>();
        for (const q of quotes) {
          if (!speakers.has(q.group)) speakers.set(q.group, q.speaker);
          expect(q.speaker).toBe(speakers.get(q.group));
        }
      }),
      { numRuns: 1000 },
    );
  });
});
