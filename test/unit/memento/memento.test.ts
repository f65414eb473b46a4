import fc from 'fast-check';
import { beforeEach, describe, expect, it } from 'vitest';
import { formatHttpDate, parseHttpDate } from '../../../shared/memento/http-date.ts';
import { formatLinkHeader, linksWithRel, parseLinks, type LinkValue } from '../../../shared/memento/link-format.ts';
import { seededArchive } from './seed.ts';

const URL_A = 'https://courier.example/news/tidal-barrier';
const T1 = '2024-01-01T00:00:00.000Z';
const T2 = '2024-02-01T00:00:00.000Z';
const T3 = '2024-03-01T00:00:00.000Z';
const HTTP_DATE = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} GMT$/;

let archive: ReturnType<typeof seededArchive>;
let ids: Record<string, string>;

beforeEach(async () => {
  archive = seededArchive();
  ids = {};
  // Inserted out of order on purpose: negotiation must sort by capture time.
  ids.t2 = (await archive.add({ url: URL_A, fetchedAt: T2 })).id;
  ids.t1 = (await archive.add({ url: URL_A, fetchedAt: T1 })).id;
  ids.t3 = (await archive.add({ url: `${URL_A}?utm_source=newsletter`, fetchedAt: T3 })).id;
  await archive.add({ url: URL_A, fetchedAt: '2024-02-15T00:00:00.000Z', status: 'failed', failure: { code: 'http-5xx', message: 'HTTP 503' } });
  await archive.add({ url: URL_A, fetchedAt: '2024-04-01T00:00:00.000Z', status: 'queued' });
});

function timegate(acceptDatetime?: string, url = URL_A) {
  return archive.app.request(`/timegate/${url}`, { headers: acceptDatetime === undefined ? {} : { 'Accept-Datetime': acceptDatetime } });
}

function snapshotOf(id: string): string {
  return `http://localhost/v1/captures/${id}/snapshot`;
}

describe('TimeGate', () => {
  it('redirects to the most recent memento when no Accept-Datetime is sent', async () => {
    const response = await timegate();
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe(snapshotOf(ids.t3!));
    expect(response.headers.get('vary')).toBe('accept-datetime');
  });

  it('answers HEAD the same way, for clients that only look at headers', async () => {
    const response = await archive.app.request(`/timegate/${URL_A}`, { method: 'HEAD', headers: { 'Accept-Datetime': 'Mon, 01 Jan 2024 00:00:00 GMT' } });
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe(snapshotOf(ids.t1!));
    expect(response.headers.get('link')).toContain('rel="original"');
  });

  it.each([
    ['just after the first capture: the first', 'Fri, 05 Jan 2024 00:00:00 GMT', 't1'],
    ['nearer the capture after it: the later one', 'Sat, 20 Jan 2024 00:00:00 GMT', 't2'],
    ['nearer the capture before it: the earlier one', 'Sat, 10 Feb 2024 00:00:00 GMT', 't2'],
    ['after every capture: the last', 'Sat, 01 Jun 2030 00:00:00 GMT', 't3'],
    ['before every capture: the first', 'Thu, 01 Jan 1998 00:00:00 GMT', 't1'],
    ['exactly a capture time: that capture', 'Thu, 01 Feb 2024 00:00:00 GMT', 't2'],
    // 2024-01-01 and 2024-02-01 are 31 days apart: the midpoint is 16 Jan 12:00, a tie.
    ['equally far from two captures: the earlier (the tie rule)', 'Tue, 16 Jan 2024 12:00:00 GMT', 't1'],
  ])('picks, for a datetime %s', async (_case, acceptDatetime, expected) => {
    const response = await timegate(acceptDatetime);
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe(snapshotOf(ids[expected]!));
  });

  it('sends a Link header with original, timegate, timemap, first, last, prev and next mementos', async () => {
    const response = await timegate('Thu, 01 Feb 2024 00:00:00 GMT');
    const links = parseLinks(response.headers.get('link')!);
    expect(linksWithRel(links, 'original').map((l) => l.uri)).toEqual([URL_A]);
    expect(linksWithRel(links, 'timegate').map((l) => l.uri)).toEqual([`http://localhost/timegate/${URL_A}`]);
    const timemaps = linksWithRel(links, 'timemap');
    expect(timemaps.map((l) => l.params?.type).sort()).toEqual(['application/json', 'application/link-format']);
    const byRel = (rel: string) => linksWithRel(links, rel).map((l) => l.uri);
    expect(byRel('first')).toEqual([snapshotOf(ids.t1!)]);
    expect(byRel('last')).toEqual([snapshotOf(ids.t3!)]);
    expect(byRel('prev')).toEqual([snapshotOf(ids.t1!)]);
    expect(byRel('next')).toEqual([snapshotOf(ids.t3!)]);
    expect(byRel('memento')).toEqual([snapshotOf(ids.t1!), snapshotOf(ids.t2!), snapshotOf(ids.t3!)]);
    for (const link of linksWithRel(links, 'memento')) {
      expect(link.params?.datetime).toMatch(HTTP_DATE);
      expect(link.rel.split(' ').at(-1)).toBe('memento');
    }
    expect(linksWithRel(links, 'memento').find((l) => l.uri === snapshotOf(ids.t2!))?.params?.datetime).toBe('Thu, 01 Feb 2024 00:00:00 GMT');
  });

  // 1 Jan 2024 was a Monday, and February never has 31 days.
  it.each(['2024-01-01', 'yesterday', 'Tue, 01 Jan 2024 00:00:00 GMT', 'Wed, 31 Feb 2024 00:00:00 GMT', 'Mon, 01 Jan 2024 00:00:00 +0000', ''])(
    'answers 400 for the Accept-Datetime %j',
    async (acceptDatetime) => {
      const response = await timegate(acceptDatetime);
      expect(response.status).toBe(400);
      expect(((await response.json()) as any).error.message).toMatch(/RFC 1123/);
    },
  );

  it('answers 404 for a URL never captured, and for one whose captures all failed', async () => {
    await archive.add({ url: 'https://courier.example/failed', fetchedAt: T1, status: 'failed', failure: { code: 'timeout', message: 'slow' } });
    expect((await timegate(undefined, 'https://courier.example/never')).status).toBe(404);
    expect((await timegate(undefined, 'https://courier.example/failed')).status).toBe(404);
  });

  it('answers 400 for an original URL that is not http(s)', async () => {
    expect((await archive.app.request('/timegate/ftp://courier.example/a')).status).toBe(400);
  });

  it('matches the original URL after canonicalisation, unencoded or percent-encoded', async () => {
    const variants = [
      'https://COURIER.example:443/news/tidal-barrier/?fbclid=xyz',
      `${URL_A}?utm_campaign=spring&gclid=1`,
      encodeURIComponent(URL_A),
      'https:/courier.example/news/tidal-barrier',
    ];
    for (const variant of variants) {
      const response = await archive.app.request(`/timegate/${variant}`);
      expect(response.status, variant).toBe(302);
      expect(response.headers.get('location')).toBe(snapshotOf(ids.t3!));
    }
  });

  it('keeps a query string that identifies the page', async () => {
    const story = await archive.add({ url: 'https://courier.example/story.php?id=42', fetchedAt: T1 });
    await archive.add({ url: 'https://courier.example/story.php?id=43', fetchedAt: T2 });
    const response = await archive.app.request('/timegate/https://courier.example/story.php?id=42&utm_medium=email');
    expect(response.headers.get('location')).toBe(snapshotOf(story.id));
  });
});

describe('TimeMap', () => {
  it('lists every memento in link-format, oldest first, with self (from/until), timegate and original', async () => {
    const response = await archive.app.request(`/timemap/link/${URL_A}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/link-format/);
    const links = parseLinks(await response.text());
    expect(links[0]).toMatchObject({ rel: 'original' });
    const self = linksWithRel(links, 'self')[0]!;
    expect(self.uri).toBe(`http://localhost/timemap/link/${URL_A}`);
    expect(self.params).toMatchObject({ type: 'application/link-format', from: 'Mon, 01 Jan 2024 00:00:00 GMT', until: 'Fri, 01 Mar 2024 00:00:00 GMT' });
    expect(linksWithRel(links, 'timegate')).toHaveLength(1);
    const mementos = linksWithRel(links, 'memento');
    expect(mementos.map((l) => l.uri)).toEqual([snapshotOf(ids.t1!), snapshotOf(ids.t2!), snapshotOf(ids.t3!)]);
    expect(mementos.map((l) => new Date(l.params!.datetime!).toISOString())).toEqual([T1, T2, T3]);
    expect(mementos[0]!.rel).toBe('first memento');
    expect(mementos[2]!.rel).toBe('last memento');
  });

  it('serves the same TimeMap as JSON', async () => {
    const response = await archive.app.request(`/timemap/json/${URL_A}`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as any;
    expect(body.original_uri).toBe(`${URL_A}`);
    expect(body.mementos.list.map((m: any) => m.datetime)).toEqual([T1, T2, T3]);
    expect(body.mementos.first.uri).toBe(snapshotOf(ids.t1!));
    expect(body.mementos.last.uri).toBe(snapshotOf(ids.t3!));
    expect(body.timemap_uri.link_format).toMatch(/\/timemap\/link\//);
  });

  it('answers 404 for a URL with no memento', async () => {
    expect((await archive.app.request('/timemap/link/https://courier.example/never')).status).toBe(404);
    expect((await archive.app.request('/timemap/json/https://courier.example/never')).status).toBe(404);
  });
});

describe('memento responses', () => {
  const app = () => archive.app;

  it.each(['/snapshot', '/raw', '/text', ''])('%s of a done capture carries Memento-Datetime and Link', async (suffix) => {
    const response = await app().request(`/v1/captures/${ids.t2}${suffix}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('memento-datetime')).toBe('Thu, 01 Feb 2024 00:00:00 GMT');
    const links = parseLinks(response.headers.get('link')!);
    expect(linksWithRel(links, 'original')[0]!.uri).toBe(URL_A);
    expect(linksWithRel(links, 'timegate')[0]!.uri).toBe(`http://localhost/timegate/${URL_A}`);
    expect(linksWithRel(links, 'timemap').length).toBe(2);
  });

  it('leaves the headers off a capture that is not done, and off errors', async () => {
    const queued = await archive.add({ url: URL_A, fetchedAt: T1, status: 'queued' });
    const record = await app().request(`/v1/captures/${queued.id}`);
    expect(record.status).toBe(200);
    expect(record.headers.get('memento-datetime')).toBeNull();
    const missing = await app().request(`/v1/captures/${queued.id}/snapshot`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('memento-datetime')).toBeNull();
  });

  it('leaves the headers off non-memento sub-resources such as quotes', async () => {
    const response = await app().request(`/v1/captures/${ids.t2}/quotes`);
    expect(response.headers.get('memento-datetime')).toBeNull();
  });
});

describe('HTTP dates and link-format', () => {
  it('round-trips any instant (to the second) through RFC 1123', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1000-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z'), noInvalidDate: true }), (date) => {
        const text = formatHttpDate(date);
        expect(text).toMatch(HTTP_DATE);
        expect(parseHttpDate(text)?.getTime()).toBe(Math.floor(date.getTime() / 1000) * 1000);
      }),
    );
  });

  it('never throws on hostile Accept-Datetime text', () => {
    fc.assert(fc.property(fc.string(), (text) => parseHttpDate(text) === undefined || parseHttpDate(text) instanceof Date));
  });

  it('parses back any Link header it writes, quotes and commas in values included', () => {
    const link = fc.record({
      uri: fc.webUrl(),
      rel: fc.constantFrom('original', 'timegate', 'first memento', 'memento'),
      params: fc.dictionary(fc.constantFrom('datetime', 'type', 'from', 'until', 'title'), fc.string()),
    });
    fc.assert(
      fc.property(fc.array(link, { minLength: 1, maxLength: 5 }), (links: LinkValue[]) => {
        expect(parseLinks(formatLinkHeader(links))).toEqual(links);
      }),
    );
  });

  it('rejects malformed link values', () => {
    expect(() => parseLinks('https://a.example/; rel="original"')).toThrow(SyntaxError);
    expect(() => parseLinks('<https://a.example/>; rel="original" <https://b.example/>')).toThrow(SyntaxError);
    expect(() => parseLinks('<https://a.example/>; type="x"')).toThrow(/no rel/);
  });
});

describe('with a separate archive origin for archived bytes', () => {
  const ARCHIVE = 'https://verbatim-content.example';

  it('points TimeGates and TimeMaps at snapshots on the archive origin', async () => {
    const split = seededArchive({ archiveOrigin: ARCHIVE });
    const record = await split.add({ url: URL_A, fetchedAt: T1 });
    const gate = await split.app.request(`/timegate/${URL_A}`);
    expect(gate.headers.get('location')).toBe(`${ARCHIVE}/v1/captures/${record.id}/snapshot`);
    expect(linksWithRel(parseLinks(gate.headers.get('link')!), 'timegate')[0]!.uri).toBe(`http://localhost/timegate/${URL_A}`);
    const timemap = parseLinks(await (await split.app.request(`/timemap/link/${URL_A}`)).text());
    expect(linksWithRel(timemap, 'memento')[0]!.uri).toBe(`${ARCHIVE}/v1/captures/${record.id}/snapshot`);
  });

  it('still marks the snapshot served on the archive origin as a memento of its original', async () => {
    const split = seededArchive({ archiveOrigin: ARCHIVE });
    const record = await split.add({ url: URL_A, fetchedAt: T1 });
    const response = await split.app.request(`${ARCHIVE}/v1/captures/${record.id}/snapshot`);
    expect(response.status).toBe(200);
    expect(response.headers.get('memento-datetime')).toBe('Mon, 01 Jan 2024 00:00:00 GMT');
    const links = parseLinks(response.headers.get('link')!);
    expect(linksWithRel(links, 'original')[0]!.uri).toBe(URL_A);
    expect(linksWithRel(links, 'timegate')).toEqual([]);
  });
});
