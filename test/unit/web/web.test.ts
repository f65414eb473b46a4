import { createHash } from 'node:crypto';
import { JSDOM } from 'jsdom';
import { beforeEach, describe, expect, it } from 'vitest';
import { html, raw } from '../../../shared/web/html.ts';
import { seededArchive } from '../memento/seed.ts';

const URL_A = 'https://courier.example/news/tidal-barrier';
const EVIL = '<script>alert("x")</script>';

let archive: ReturnType<typeof seededArchive>;

beforeEach(() => {
  archive = seededArchive();
});

async function page(path: string, init?: RequestInit) {
  const response = await archive.app.request(path, init);
  const body = await response.text();
  return { response, body, document: new JSDOM(body).window.document };
}

/** What every UI page must be: strict CSP, our script only, the inline style allowed by hash, a viewport. */
function expectSafePage(response: Response, document: Document, body: string) {
  expect(response.headers.get('content-type')).toMatch(/^text\/html/);
  const csp = response.headers.get('content-security-policy')!;
  expect(csp).toContain("default-src 'none'");
  expect(csp).toContain("script-src 'self'");
  expect(csp).not.toContain('unsafe-inline');
  expect(csp).toContain("frame-ancestors 'none'");
  for (const script of document.querySelectorAll('script')) expect(script.getAttribute('src')).toBe('/assets/app.js');
  const style = /<style>([\s\S]*?)<\/style>/.exec(body)![1]!;
  expect(csp).toContain(`'sha256-${createHash('sha256').update(style).digest('base64')}'`);
  expect(document.querySelector('meta[name="viewport"]')?.getAttribute('content')).toContain('width=device-width');
  expect(document.documentElement.getAttribute('lang')).toBe('en');
}

describe('html template', () => {
  it('escapes every interpolated value but passes SafeHtml through', () => {
    const title = `${EVIL}'"&`;
    expect(html`<a title="${title}">${title}</a>${raw('<b>ok</b>')}${[html`<i>${'<'}</i>`, null, false, 3]}`.value).toBe(
      '<a title="&#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62;&#39;&#34;&#38;">&#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62;&#39;&#34;&#38;</a><b>ok</b><i>&#60;</i>3',
    );
  });
});

describe('home page', () => {
  it('has the submit form with URL and API key fields, and the recent captures, escaped', async () => {
    await archive.add({ url: URL_A, fetchedAt: '2024-03-05T10:00:00Z', metadata: { title: EVIL } });
    await archive.add({ url: 'https://courier.example/broken', fetchedAt: '2024-03-06T10:00:00Z', status: 'failed', failure: { code: 'http-5xx', message: 'HTTP 503' } });
    const { response, document, body } = await page('/');
    expect(response.status).toBe(200);
    expectSafePage(response, document, body);
    const form = document.querySelector('form[data-submit]')!;
    expect(form.getAttribute('method')).toBe('post');
    expect(form.querySelector('input[name="url"][type="url"]')).not.toBeNull();
    expect(form.querySelector('input[name="key"][type="password"]')).not.toBeNull();
    expect(document.querySelector('label[for="url"]')).not.toBeNull();
    const recent = [...document.querySelectorAll('#recent li')].map((li) => li.textContent ?? '');
    expect(recent).toHaveLength(2);
    expect(recent[0]).toContain('failed');
    expect(recent[1]).toContain(EVIL);
    expect(body).not.toContain(EVIL);
  });

  it('says so, instead of showing a form, on a read-only deployment', async () => {
    archive = seededArchive({ readOnly: true });
    const { document } = await page('/');
    expect(document.querySelector('form[data-submit]')).toBeNull();
    expect(document.body.textContent).toContain('read-only');
  });

  it('accepts the form without script, with the key from the form: 303 to the capture page', async () => {
    const response = await archive.app.request('/captures', { method: 'POST', body: new URLSearchParams({ url: URL_A, key: archive.apiKey }) });
    expect(response.status).toBe(303);
    const location = response.headers.get('location')!;
    expect(location).toMatch(/^\/captures\/[0-9A-Z]{26}$/);
    expect(archive.queue.jobs).toEqual([{ id: location.split('/').pop(), url: URL_A }]);
  });

  it.each([
    ['no key', { url: URL_A }, 401, /API key is required/],
    ['a wrong key', { url: URL_A, key: 'not-a-key' }, 401, /not valid/],
    ['a refused URL', { url: 'ftp://x.example/', key: '' }, 400, /only http and https/],
  ])('shows the form again with the reason for %s', async (_case, fields, status, message) => {
    const form = new URLSearchParams(fields as Record<string, string>);
    if (form.get('key') === '') form.set('key', archive.apiKey);
    const response = await archive.app.request('/captures', { method: 'POST', body: form });
    expect(response.status).toBe(status);
    const document = new JSDOM(await response.text()).window.document;
    expect(document.getElementById('submit-status')!.textContent).toMatch(message);
    expect(document.querySelector<HTMLInputElement>('input[name="url"]')!.value).toBe(fields.url);
    expect(archive.queue.jobs).toEqual([]);
  });

  it('turns the read pages off where every read needs a key', async () => {
    archive = seededArchive({ readRequiresKey: true });
    const record = await archive.add({ url: URL_A, fetchedAt: '2024-03-05T10:00:00Z', metadata: { title: 'Secret title' } });
    const home = await page('/');
    expect(home.body).not.toContain('Secret title');
    expect(home.document.querySelector('form[data-submit]')).not.toBeNull();
    for (const path of [`/captures/${record.id}`, `/history?url=${encodeURIComponent(URL_A)}`]) {
      const { response, body } = await page(path);
      expect(response.status).toBe(403);
      expect(body).not.toContain('Secret title');
    }
    expect((await page(`/v1/captures/${record.id}/cite`)).response.status).toBe(401);
    expect((await page(`/v1/captures/${record.id}/diff/${record.id}`)).response.status).toBe(401);
    expect((await page(`/timemap/link/${URL_A}`)).response.status).toBe(401);
  });
});

describe('capture page', () => {
  it('shows the banner, the snapshot in a sandboxed frame, and the quotes with a speaker filter', async () => {
    const record = await archive.add({
      url: URL_A,
      fetchedAt: '2024-03-05T10:00:00.000Z',
      quotes: [
        { text: 'We have waited long enough.', speaker: 'Ruth Penhale' },
        { text: 'The tides will change.', speaker: 'Tom Hicks' },
        { text: 'Now we can plan.', speaker: 'Ruth Penhale' },
        { text: 'Nobody asked us.', speaker: null },
      ],
    });
    const { response, document, body } = await page(`/captures/${record.id}`);
    expect(response.status).toBe(200);
    expectSafePage(response, document, body);
    const banner = document.querySelector('section.banner')!;
    expect(banner.textContent).toContain(URL_A);
    expect(banner.textContent).toContain('2024-03-05 10:00:00');
    expect(banner.textContent).toContain(record.snapshot!.sha256);
    expect(banner.textContent).toContain(record.raw!.sha256);
    const hrefs = [...banner.querySelectorAll('a')].map((a) => a.getAttribute('href'));
    for (const suffix of ['/snapshot', '/text', '/raw', '/verify', '/cite?format=bibtex', '/cite?format=ris']) expect(hrefs).toContain(`/v1/captures/${record.id}${suffix}`);
    expect(hrefs).toContain(`/history?url=${encodeURIComponent(URL_A)}`);
    expect(document.getElementById('cite-apa')!.textContent).toContain('Okafor, M.');

    const frame = document.querySelector('iframe')!;
    expect(frame.getAttribute('sandbox')).toBe('');
    expect(frame.getAttribute('src')).toBe(`/v1/captures/${record.id}/snapshot`);

    const options = [...document.querySelectorAll('select[name="speaker"] option')].map((o) => o.textContent);
    expect(options).toEqual(['All speakers (4)', 'Ruth Penhale (2)', 'Tom Hicks (1)']);
    expect(document.querySelectorAll('#quotes li:not([hidden])')).toHaveLength(4);
    expect(document.getElementById('quote-count')!.textContent).toBe('4 quotes');
  });

  it('filters quotes by speaker without script, matching the name loosely', async () => {
    const record = await archive.add({
      url: URL_A,
      fetchedAt: '2024-03-05T10:00:00.000Z',
      quotes: [
        { text: 'One.', speaker: 'Ruth Penhale' },
        { text: 'Two.', speaker: 'Tom Hicks' },
      ],
    });
    const { document } = await page(`/captures/${record.id}?speaker=${encodeURIComponent('tom  HICKS')}`);
    const visible = [...document.querySelectorAll('#quotes li:not([hidden])')].map((li) => li.querySelector('blockquote')!.textContent);
    expect(visible).toEqual(['“Two.”']);
    expect(document.querySelector('option[selected]')!.getAttribute('value')).toBe('Tom Hicks');
    expect(document.getElementById('quote-count')!.textContent).toBe('1 quote by Tom Hicks');
  });

  it('is honest about a failed capture: status and reason, no snapshot', async () => {
    const record = await archive.add({ url: URL_A, fetchedAt: '2024-03-05T10:00:00Z', status: 'failed', failure: { code: 'robots-disallowed', message: `robots.txt forbids ${EVIL}` } });
    const { document, body } = await page(`/captures/${record.id}`);
    expect(document.querySelector('.status')!.textContent).toBe('failed');
    expect(document.querySelector('.banner.failed')!.textContent).toContain(`robots-disallowed: robots.txt forbids ${EVIL}`);
    expect(document.querySelector('iframe')).toBeNull();
    expect(body).not.toContain(EVIL);
  });

  it('polls while a capture is queued (script) and refreshes without script', async () => {
    const record = await archive.add({ url: URL_A, fetchedAt: '2024-03-05T10:00:00Z', status: 'queued' });
    const { document, body } = await page(`/captures/${record.id}`);
    expect(document.querySelector(`[data-poll="${record.id}"]`)!.getAttribute('data-status')).toBe('queued');
    expect(body).toContain('<noscript><meta http-equiv="refresh" content="3"></noscript>');
    expect(document.querySelector('.status')!.textContent).toBe('queued');
  });

  it('answers an HTML 404 for an unknown capture', async () => {
    const { response, document } = await page('/captures/nope');
    expect(response.status).toBe(404);
    expect(document.querySelector('h1')!.textContent).toBe('Not found');
  });
});

describe('capture page with a separate archive origin', () => {
  it('frames the snapshot from the archive origin, and lets the CSP allow exactly that', async () => {
    archive = seededArchive({ archiveOrigin: 'https://verbatim-content.example' });
    const record = await archive.add({ url: URL_A, fetchedAt: '2024-03-05T10:00:00.000Z' });
    const { response, document } = await page(`/captures/${record.id}`);
    expect(document.querySelector('iframe')!.getAttribute('src')).toBe(`https://verbatim-content.example/v1/captures/${record.id}/snapshot`);
    expect(response.headers.get('content-security-policy')).toContain("frame-src 'self' https://verbatim-content.example;");
  });
});

describe('history page', () => {
  it('lists every capture of a URL, newest first, with diffs between consecutive done captures', async () => {
    const first = await archive.add({ url: URL_A, fetchedAt: '2024-03-01T00:00:00Z' });
    await archive.add({ url: URL_A, fetchedAt: '2024-03-02T00:00:00Z', status: 'failed', failure: { code: 'timeout', message: 'too slow' } });
    const third = await archive.add({ url: `${URL_A}/`, fetchedAt: '2024-03-03T00:00:00Z' });
    const fourth = await archive.add({ url: URL_A, fetchedAt: '2024-03-04T00:00:00Z' });
    const { response, document, body } = await page(`/history?url=${encodeURIComponent(URL_A)}`);
    expect(response.status).toBe(200);
    expectSafePage(response, document, body);
    expect(document.querySelectorAll('#captures > li')).toHaveLength(4);
    expect(document.querySelector('#captures > li:nth-child(3)')!.textContent).toContain('timeout: too slow');
    const diffs = [...document.querySelectorAll('a[data-diff]')].map((a) => a.getAttribute('href'));
    expect(diffs).toEqual([`/v1/captures/${third.id}/diff/${fourth.id}?format=html`, `/v1/captures/${first.id}/diff/${third.id}?format=html`]);
  });

  it('answers 400 with a page for a missing or bad url parameter', async () => {
    expect((await page('/history')).response.status).toBe(400);
    expect((await page('/history?url=javascript:alert(1)')).response.status).toBe(400);
  });
});

describe('/assets/app.js', () => {
  it('is served as JavaScript that parses', async () => {
    const response = await archive.app.request('/assets/app.js');
    expect(response.headers.get('content-type')).toMatch(/^text\/javascript/);
    const source = await response.text();
    expect(() => new Function(source)).not.toThrow();
  });
});
