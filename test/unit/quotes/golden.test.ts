import { describe, expect, it } from 'vitest';
import { extractQuotes } from '../../../shared/quotes/extract-quotes.ts';
import { loadQuoteFixtures } from './load-fixtures.ts';

describe('quote fixtures (test/fixtures/quotes/<case>/{input.txt,expected.json})', () => {
  for (const fixture of loadQuoteFixtures()) {
    it(`${fixture.name}: ${fixture.expected.description}`, () => {
      const quotes = extractQuotes(fixture.input);

      for (const quote of quotes) expect(fixture.input.slice(quote.start, quote.end)).toBe(quote.text);
      if (fixture.expected.exhaustive) {
        expect(quotes.map((q) => q.text)).toEqual(fixture.expected.quotes.map((q) => q.text));
      }
      const groups = new Map<string, number>();
      for (const want of fixture.expected.quotes) {
        const got = quotes.find((q) => q.text === want.text && (want.start === undefined || q.start === want.start));
        expect(got, `quote "${want.text}"`).toBeDefined();
        if (!got) continue;
        expect(got.speaker, `speaker of "${want.text}"`).toBe(want.speaker);
        if (want.kind) expect(got.kind, `kind of "${want.text}"`).toBe(want.kind);
        if (want.cue) expect(got.cue, `cue of "${want.text}"`).toBe(want.cue);
        if (want.mention) expect(got.mention, `mention of "${want.text}"`).toBe(want.mention);
        if (want.end !== undefined) expect(got.end).toBe(want.end);
        if (want.group) {
          const seen = groups.get(want.group);
          if (seen === undefined) groups.set(want.group, got.group);
          else expect(got.group, `group of "${want.text}"`).toBe(seen);
        }
      }
      // Quotes labelled with different groups in a fixture must not share a group number.
      expect(new Set(groups.values()).size).toBe(groups.size);
    });
  }
});
