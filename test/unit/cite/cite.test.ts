import { parse as parseBibtex } from '@retorquere/bibtex-parser';
import { JSDOM } from 'jsdom';
import { beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { cite, citationSource, escapeBibtex, splitName, type CitationSource } from '../../../shared/cite/cite.ts';
import type { CaptureRecord } from '../../../shared/domain/capture.ts';
import { seededArchive } from '../memento/seed.ts';

const HOSTILE_TITLE = 'Tax & spend: 50% of {budget} #cuts_now ~ $5 \\ back^2 — café';
const URL_A = 'https://courier.example/news/budget?id=7&section=a_b#top';

const source: CitationSource = {
  id: '01JCAPTURE0001',
  title: HOSTILE_TITLE,
  authors: ['Maria Okafor', 'Jean-Luc de la Tour', 'Reuters'],
  siteName: 'The Coastline & Harbour Courier',
  publishedAt: '2024-03-05T09:30:00+00:00',
  originalUrl: URL_A,
  archiveUrl: 'http://127.0.0.1:8080/v1/captures/01JCAPTURE0001/snapshot',
  capturedAt: '2026-11-27T10:15:00.000Z',
};

/** CSL-JSON items, after citation-style-language/schema csl-data.json (the parts Verbatim writes). */
const cslDate = z.object({ 'date-parts': z.array(z.array(z.number().int()).min(1).max(3)).length(1) }).strict();
const cslName = z.union([z.object({ family: z.string().min(1), given: z.string().min(1) }).strict(), z.object({ literal: z.string().min(1) }).strict()]);
const cslItem = z
  .object({
    id: z.string().min(1),
    type: z.enum(['article-newspaper', 'webpage']),
    title: z.string(),
    author: z.array(cslName).optional(),
    'container-title': z.string().optional(),
    issued: cslDate.optional(),
    accessed: cslDate,
    URL: z.string().url(),
    archive: z.string(),
    archive_location: z.string().url(),
    note: z.string().optional(),
  })
  .strict();

describe('BibTeX', () => {
  it('parses back, with every special character restored', () => {
    const library = parseBibtex(cite(source, 'bibtex'));
    expect(library.errors).toEqual([]);
    expect(library.entries).toHaveLength(1);
    const entry = library.entries[0]!;
    expect(entry.type).toBe('online');
    expect(entry.key).toBe('okafor2024spend_re0001');
    expect(entry.fields.title).toBe(HOSTILE_TITLE);
    expect(entry.fields.organization).toEqual(['The Coastline & Harbour Courier']);
    expect(entry.fields.author).toEqual([
      { lastName: 'Okafor', firstName: 'Maria' },
      { firstName: 'Jean-Luc', prefix: 'de la', lastName: 'Tour' },
      { name: 'Reuters' },
    ]);
    expect(entry.fields.url).toBe(URL_A);
    expect(entry.fields.date).toBe('2024-03-05');
    expect(entry.fields.urldate).toBe('2026-11-27');
    expect(entry.fields.note).toContain(source.archiveUrl);
  });

  it('keeps braces balanced whatever the text', () => {
    for (const text of ['}{', '\\}', '{{{', 'a}b{c', '\\\\']) {
      const escaped = escapeBibtex(text);
      const library = parseBibtex(`@misc{k, title = {${escaped}}}`);
      expect(library.errors).toEqual([]);
      expect(library.entries[0]!.fields.title).toBe(text);
    }
  });

  it('cites a quote with its speaker and permalink', () => {
    const quoted = cite({ ...source, archiveUrl: `${source.archiveUrl.replace('/snapshot', '')}/quotes/2`, quote: { index: 2, text: 'We have waited long enough', speaker: 'Ruth Penhale' } }, 'bibtex');
    const entry = parseBibtex(quoted).entries[0]!;
    expect(entry.key).toBe('okafor2024spend_re0001_q2');
    expect(String(entry.fields.addendum)).toContain('Ruth Penhale');
    expect(String(entry.fields.addendum)).toContain('We have waited long enough');
    expect(entry.fields.note).toContain('/quotes/2');
  });
});

describe('CSL-JSON', () => {
  it('is a valid CSL-JSON array with names split and dates as date-parts', () => {
    const items = z.array(cslItem).length(1).parse(JSON.parse(cite(source, 'csl-json')));
    const item = items[0]!;
    expect(item).toMatchObject({
      type: 'article-newspaper',
      title: HOSTILE_TITLE,
      'container-title': 'The Coastline & Harbour Courier',
      URL: URL_A,
      archive_location: source.archiveUrl,
      issued: { 'date-parts': [[2024, 3, 5]] },
      accessed: { 'date-parts': [[2026, 11, 27]] },
    });
    expect(item.author).toEqual([{ family: 'Okafor', given: 'Maria' }, { family: 'de la Tour', given: 'Jean-Luc' }, { literal: 'Reuters' }]);
  });

  it('leaves out what the page did not say', () => {
    const item = cslItem.parse(JSON.parse(cite({ ...source, authors: [], siteName: null, publishedAt: null }, 'csl-json'))[0]);
    expect(item.type).toBe('webpage');
    expect(item.author).toBeUndefined();
    expect(item.issued).toBeUndefined();
  });
});

describe('RIS', () => {
  it('writes one tag per line, CRLF, TY first and ER last, with no line break inside a value', () => {
    const text = cite({ ...source, title: 'Line one\nline two\r\n\tthree' }, 'ris');
    expect(text.endsWith('\r\n')).toBe(true);
    const lines = text.split('\r\n').slice(0, -1);
    for (const line of lines) expect(line).toMatch(/^[A-Z][A-Z0-9]  - /);
    expect(lines[0]).toBe('TY  - NEWS');
    expect(lines.at(-1)).toBe('ER  - ');
    expect(lines).toContain('TI  - Line one line two three');
    expect(lines).toContain('AU  - Okafor, Maria');
    expect(lines).toContain('DA  - 2024/03/05/');
    expect(lines).toContain(`UR  - ${URL_A}`);
    expect(lines).toContain('Y2  - 2026/11/27/');
  });

  it('cuts an over-long title to 255 characters', () => {
    const lines = cite({ ...source, title: 'x'.repeat(400) }, 'ris').split('\r\n');
    expect(lines.find((l) => l.startsWith('TI'))!.length).toBe('TI  - '.length + 255);
  });
});

describe('APA, MLA and Robust Links', () => {
  it('writes APA with initials, the date, the site, the original and the archive', () => {
    const apa = cite(source, 'apa');
    expect(apa).toContain('Okafor, M., de la Tour, J.-L., & Reuters (2024, March 5).');
    expect(apa).toContain(HOSTILE_TITLE);
    expect(apa).toContain(URL_A);
    expect(apa).toContain('archived November 27, 2026');
  });

  it('writes MLA with "et al." for three authors', () => {
    const mla = cite(source, 'mla');
    expect(mla).toMatch(/^Okafor, Maria, et al\. “/);
    expect(mla).toContain('5 Mar. 2024');
    expect(mla).toContain('Archived by Verbatim, 27 Nov. 2026');
  });

  it('writes a Robust Link whose attributes survive hostile text', () => {
    const snippet = cite({ ...source, title: '<script>alert(1)</script>"', originalUrl: 'https://a.example/?q="><b>' }, 'robustlinks');
    const anchor = new JSDOM(snippet).window.document.querySelector('a')!;
    expect(anchor.getAttribute('href')).toBe(source.archiveUrl);
    expect(anchor.getAttribute('data-originalurl')).toBe('https://a.example/?q="><b>');
    expect(anchor.getAttribute('data-versionurl')).toBe(source.archiveUrl);
    expect(anchor.getAttribute('data-versiondate')).toBe('2026-11-27T10:15:00Z');
    expect(anchor.textContent).toBe('<script>alert(1)</script>"');
    expect(new JSDOM(snippet).window.document.querySelector('script')).toBeNull();
  });
});

describe('splitName', () => {
  it.each([
    ['Maria Okafor', { given: 'Maria', family: 'Okafor' }],
    ['Okafor, Maria', { given: 'Maria', family: 'Okafor' }],
    ['Jean-Luc de la Tour', { given: 'Jean-Luc', family: 'de la Tour' }],
    ['Reuters', { literal: 'Reuters' }],
    ['the editorial board', { literal: 'the editorial board' }],
  ])('splits %j', (name, expected) => {
    expect(splitName(name)).toEqual(expected);
  });
});

describe('GET /v1/captures/{id}/cite', () => {
  let archive: ReturnType<typeof seededArchive>;
  let done: CaptureRecord;

  beforeEach(async () => {
    archive = seededArchive();
    done = await archive.add({
      url: 'https://courier.example/news/tidal-barrier',
      fetchedAt: '2026-11-27T10:00:00.000Z',
      quotes: [{ text: 'Every winter we fill sandbags and hope.', speaker: 'Ruth Penhale' }],
    });
  });

  it.each([
    ['bibtex', 'application/x-bibtex'],
    ['csl-json', 'application/vnd.citationstyles.csl+json'],
    ['ris', 'application/x-research-info-systems'],
    ['apa', 'text/plain'],
    ['mla', 'text/plain'],
    ['robustlinks', 'text/html'],
  ])('serves %s as %s', async (format, type) => {
    const response = await archive.app.request(`/v1/captures/${done.id}/cite?format=${format}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(new RegExp(`^${type.replace(/[+.]/g, '\\$&')}`));
    expect(await response.text()).toContain('Harbour council approves tidal barrier');
  });

  it('defaults to BibTeX built from the record, with the snapshot as the archive URL', async () => {
    const entry = parseBibtex(await (await archive.app.request(`/v1/captures/${done.id}/cite`)).text()).entries[0]!;
    expect(entry.fields.author).toEqual([{ lastName: 'Okafor', firstName: 'Maria' }]);
    expect(entry.fields.url).toBe('https://courier.example/news/tidal-barrier');
    expect(entry.fields.note).toContain(`http://localhost/v1/captures/${done.id}/snapshot`);
  });

  it('cites a quote by index, with its permalink', async () => {
    const response = await archive.app.request(`/v1/captures/${done.id}/quotes/0/cite?format=csl-json`);
    const item = cslItem.parse(((await response.json()) as unknown[])[0]);
    expect(item.note).toBe('Ruth Penhale: “Every winter we fill sandbags and hope.”');
    expect(item.archive_location).toBe(`http://localhost/v1/captures/${done.id}/quotes/0`);
    expect((await archive.app.request(`/v1/captures/${done.id}/quotes/9/cite`)).status).toBe(404);
  });

  it('answers 400 for an unknown format and 404 for a capture that is not done', async () => {
    expect((await archive.app.request(`/v1/captures/${done.id}/cite?format=chicago`)).status).toBe(400);
    const queued = await archive.add({ url: 'https://courier.example/x', fetchedAt: '2026-11-27T10:00:00.000Z', status: 'queued' });
    expect((await archive.app.request(`/v1/captures/${queued.id}/cite`)).status).toBe(404);
    expect((await archive.app.request('/v1/captures/nope/cite')).status).toBe(404);
  });
});
