import { describe, expect, it } from 'vitest';
import { decodePage, repairDoubleEncoding } from '../../../shared/extract/decode.ts';

/** What a pipeline that decodes UTF-8 as Latin-1 and encodes the result as UTF-8 again stores. */
function doubleEncode(text: string): Uint8Array {
  return new TextEncoder().encode(Buffer.from(text, 'utf8').toString('latin1'));
}

describe('double-encoded UTF-8', () => {
  it('is repaired when the page is decoded', () => {
    const page = decodePage(doubleEncode('<p>The investor’s café — naïve “quotes” ✓</p>'));
    expect(page.text).toBe('<p>The investor’s café — naïve “quotes” ✓</p>');
    expect(page.charset.name).toBe('utf-8');
  });

  it('leaves text without C1 controls alone, even with Latin-1 letter pairs in it', () => {
    expect(repairDoubleEncoding('São Paulo, Ã© and Â£ stay as written')).toBe('São Paulo, Ã© and Â£ stay as written');
  });

  it('leaves runs that are not valid UTF-8 as they are', () => {
    const text = 'a\u0085b and \u00e2\u0080 at the end';
    expect(repairDoubleEncoding(text)).toBe(text);
  });
});
