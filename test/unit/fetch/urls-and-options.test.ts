import { describe, expect, it } from 'vitest';
import { FETCH_DEFAULTS, resolveFetchOptions } from '../../../shared/fetch/options.ts';
import { validateTargetUrl } from '../../../shared/fetch/safe-fetcher.ts';

describe('validateTargetUrl', () => {
  it('normalises the numeric IPv4 forms the way the connector will see them', () => {
    for (const form of ['127.1', '2130706433', '0x7f000001', '0177.0.0.1', '0x7f.0.0.1']) {
      expect(validateTargetUrl(`http://${form}/`, 4096).hostname).toBe('127.0.0.1');
    }
  });

  it('drops the fragment', () => {
    expect(validateTargetUrl('https://news.example/a#comments', 4096).href).toBe('https://news.example/a');
  });

  it.each([
    ['ftp://news.example/', 'bad-scheme'],
    ['file:///etc/passwd', 'bad-scheme'],
    ['https://user@news.example/', 'bad-url'],
    ['https://:secret@news.example/', 'bad-url'],
    ['not a url', 'bad-url'],
    [`https://news.example/${'a'.repeat(5000)}`, 'bad-url'],
  ])('refuses %s', (input, code) => {
    expect(() => validateTargetUrl(input, 4096)).toThrow(expect.objectContaining({ code }));
  });

  it('counts the length after normalisation too', () => {
    const spaces = `https://news.example/${' '.repeat(1500)}end`;

    expect(() => validateTargetUrl(spaces, 4096)).toThrow(expect.objectContaining({ code: 'bad-url' }));
  });
});

describe('resolveFetchOptions', () => {
  it('fills the documented defaults', () => {
    const options = resolveFetchOptions({ contactUrl: 'https://verbatim.test/bot' });

    expect(options).toMatchObject({
      maxBodyBytes: 15 * 1024 * 1024,
      headersTimeoutMs: 15_000,
      totalTimeoutMs: 30_000,
      maxRedirects: 10,
      maxEncodings: 5,
      maxUrlLength: 4096,
      robots: 'respect',
      allowPrivate: [],
    });
    expect([...options.allowedPorts]).toEqual([80, 443]);
    expect(options.userAgent).toBe(
      `Mozilla/5.0 (compatible; VerbatimBot/${FETCH_DEFAULTS.agentVersion}; Verbatim news archive; +https://verbatim.test/bot)`,
    );
  });

  it('parses an allow-list given as the raw environment string', () => {
    expect(resolveFetchOptions({ contactUrl: 'https://verbatim.test/bot', allowPrivate: '127.0.0.1, ::1' }).allowPrivate).toEqual([
      '127.0.0.1',
      '::1',
    ]);
  });

  it('names every invalid option', () => {
    const attempt = () => resolveFetchOptions({ contactUrl: 'mailto:me@example.org', maxBodyBytes: -1, allowedPorts: [70_000] });

    expect(attempt).toThrow(/contactUrl/);
    expect(attempt).toThrow(/maxBodyBytes/);
    expect(attempt).toThrow(/allowedPorts/);
  });

  it('needs a way for site owners to reach us', () => {
    expect(() => resolveFetchOptions({})).toThrow(/contactUrl/);
    expect(() => resolveFetchOptions({ userAgent: 'curl/8.0' })).toThrow(/userAgent: must name Verbatim/);
    expect(resolveFetchOptions({ userAgent: 'Verbatim/0.1 (news archive; +https://verbatim.test/about)' }).userAgent).toContain('Verbatim');
  });
});
