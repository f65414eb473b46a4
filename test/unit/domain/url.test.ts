import { describe, expect, it } from 'vitest';
import { canonicalUrl, validateSubmittedUrl } from '../../../shared/domain/url.ts';
import { InvalidUrlError } from '../../../shared/errors.ts';

describe('validateSubmittedUrl', () => {
  it('accepts http and https URLs', () => {
    expect(validateSubmittedUrl('https://example.com/news/a?x=1').href).toBe('https://example.com/news/a?x=1');
    expect(validateSubmittedUrl('  http://example.com  ').href).toBe('http://example.com/');
  });

  it.each([
    ['', 'bad-url'],
    ['not a url', 'bad-url'],
    ['/relative/path', 'bad-url'],
    ['ftp://example.com/file', 'bad-scheme'],
    ['file:///etc/passwd', 'bad-scheme'],
    ['javascript:alert(1)', 'bad-scheme'],
    ['https://user:secret@example.com/', 'bad-url'],
    [`https://example.com/${'a'.repeat(4100)}`, 'bad-url'],
  ])('refuses %j with code %s', (input, code) => {
    expect.assertions(2);
    try {
      validateSubmittedUrl(input);
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidUrlError);
      expect((error as InvalidUrlError).code).toBe(code);
    }
  });

  it('refuses a value that is not a string', () => {
    expect(() => validateSubmittedUrl(42)).toThrow(/non-empty string/);
  });
});

describe('canonicalUrl', () => {
  it('drops the fragment and default port and lower-cases the host', () => {
    expect(canonicalUrl('HTTPS://Example.COM:443/News/A#comments')).toBe('https://example.com/News/A');
  });
});

describe('canonicalUrl, for matching an original URL', () => {
  it.each([
    ['https://example.com/news/a?utm_source=twitter&utm_medium=social', 'https://example.com/news/a'],
    ['https://example.com/news/a?id=7&fbclid=abc&gclid=def&UTM_Campaign=x', 'https://example.com/news/a?id=7'],
    ['https://example.com/news/a?b=2&a=1', 'https://example.com/news/a?b=2&a=1'],
    ['https://example.com/news/a/', 'https://example.com/news/a'],
    ['https://example.com/', 'https://example.com/'],
    ['https://example.com', 'https://example.com/'],
    ['http://EXAMPLE.com:80/a?', 'http://example.com/a'],
    ['https://example.com:8443/a#x', 'https://example.com:8443/a'],
  ])('canonicalises %j to %j', (input, expected) => {
    expect(canonicalUrl(input)).toBe(expected);
  });

  it('is idempotent', () => {
    const once = canonicalUrl('https://Example.com/a/b/?x=1&utm_term=z#frag');
    expect(canonicalUrl(once)).toBe(once);
  });
});
