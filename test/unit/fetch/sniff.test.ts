import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mimeEssence, sniffPayload } from '../../../shared/fetch/sniff.ts';

const bytes = (s: string) => new TextEncoder().encode(s);

describe('sniffPayload', () => {
  it.each([
    ['declared HTML', '<p>hi</p>', 'text/html; charset=utf-8', 'html'],
    ['declared XHTML', '<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"/>', 'application/xhtml+xml', 'xhtml'],
    ['undeclared HTML with a doctype', '  <!DOCTYPE html><html>', undefined, 'html'],
    ['octet-stream that is HTML', '<html><body>x</body></html>', 'application/octet-stream', 'html'],
  ])('accepts %s', (_label, body, type, kind) => {
    expect(sniffPayload(bytes(body), type)).toMatchObject({ isHtml: true, kind });
  });

  it.each([
    ['a PDF claiming text/html', Buffer.from('%PDF-1.7\n%âãÏÓ'), 'text/html', 'pdf'],
    ['a PNG claiming text/html', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]), 'text/html', 'image'],
    ['a JPEG without a type', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]), undefined, 'image'],
    ['gzip bytes claiming text/html', Buffer.from([0x1f, 0x8b, 0x08, 0, 0, 0]), 'text/html', 'binary'],
    ['control bytes claiming text/html', Buffer.from([0x3c, 0x70, 0x3e, 0x00, 0x01]), 'text/html', 'binary'],
    ['plain text', bytes('<html> in text/plain is text'), 'text/plain', 'text'],
    ['JSON', bytes('{"a":1}'), 'application/json', 'other'],
    ['a declared image', bytes('whatever'), 'image/webp', 'image'],
    ['undeclared text without tags', bytes('hello world'), undefined, 'text'],
  ])('refuses %s', (_label, body, type, kind) => {
    expect(sniffPayload(body, type)).toMatchObject({ isHtml: false, kind });
  });

  it('treats UTF-16 HTML with a BOM as text', () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('<html>hi</html>', 'utf16le')]);

    expect(sniffPayload(utf16, 'text/html').isHtml).toBe(true);
  });

  it('never throws, whatever the bytes and the header', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), fc.option(fc.string(), { nil: undefined }), (body, type) => {
        const result = sniffPayload(body, type);
        expect(typeof result.reason).toBe('string');
      }),
    );
  });
});

describe('mimeEssence', () => {
  it('lower-cases and drops parameters', () => {
    expect(mimeEssence('Text/HTML; Charset=UTF-8')).toBe('text/html');
    expect(mimeEssence('nonsense')).toBeUndefined();
    expect(mimeEssence(undefined)).toBeUndefined();
  });
});
