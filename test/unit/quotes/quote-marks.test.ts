import { describe, expect, it } from 'vitest';
import { findQuotedSpans, splitLines } from '../../../shared/quotes/quote-marks.ts';

const inner = (text: string): string[] => findQuotedSpans(text, splitLines(text)).map((s) => text.slice(s.start, s.end));

describe('findQuotedSpans', () => {
  it('pairs curly, straight, guillemet, German and two-apostrophe marks', () => {
    expect(inner('“a b,” he said. "c d," she said. «e f» „g h“ \'\'i j\'\'')).toEqual(['a b,', 'c d,', 'e f', 'g h', 'i j']);
  });

  it('keeps a nested quotation inside its outer span', () => {
    expect(inner('“on any alleged “target devices” it was not us.” NSO said.')).toEqual(['on any alleged “target devices” it was not us.']);
  });

  it('treats apostrophes and nested single quotes as content when double marks are in use', () => {
    expect(inner('“It’s the ‘best’ deal,” he said. Don’t worry.')).toEqual(['It’s the ‘best’ deal,']);
  });

  it('uses single quotes as primary marks in a text with no double marks', () => {
    expect(inner("‘It isn't over,’ she said.")).toEqual(["It isn't over,"]);
  });

  it('links a quotation that runs over paragraphs', () => {
    const text = '“First part.\n\n“Second part,” he said.';
    const spans = findQuotedSpans(text, splitLines(text));
    expect(spans.map((s) => text.slice(s.start, s.end))).toEqual(['First part.', 'Second part,']);
    expect(spans[1]?.continues).toBe(0);
  });

  it('recovers from a mark never closed by starting again at the next opening mark', () => {
    expect(inner('“one two “three four” five')).toEqual(['one two', 'three four']);
  });

  it('reads an opening curly mark typed in place of the closing one as a close', () => {
    expect(inner('“It’s unusual,“ said Larry Noble. “It’s hard to do.”')).toEqual(['It’s unusual,', 'It’s hard to do.']);
  });

  it('stops a quotation at the end of its paragraph', () => {
    const text = '“unclosed words here\n\nNext paragraph.';
    expect(inner(text)).toEqual(['unclosed words here']);
  });
});
