import { createHash } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { WARCParser } from 'warcio';
import type { FetchedPage } from '../../../shared/ports.ts';
import { buildWarc, recordId, storedResponseHeaders } from '../../../shared/warc/write-warc.ts';

const html = '<!doctype html><html><head><title>Ünïcode</title></head><body><p>Story</p></body></html>';

function samplePage(overrides: Partial<FetchedPage> = {}): FetchedPage {
  const body = new TextEncoder().encode(html);
  return {
    requestedUrl: 'http://news.example/a',
    finalUrl: 'https://news.example/story?id=1',
    redirects: [{ url: 'http://news.example/a', status: 301, location: 'https://news.example/story?id=1' }],
    exchange: {
      url: 'https://news.example/story?id=1',
      method: 'GET',
      requestHeaders: [
        ['Host', 'news.example'],
        ['User-Agent', 'Mozilla/5.0 (compatible; VerbatimBot/0.1; +https://verbatim.test/bot)'],
        ['Accept-Encoding', 'gzip, deflate, br'],
      ],
      status: 200,
      statusText: 'OK',
      httpVersion: 'HTTP/1.1',
      responseHeaders: [
        ['Content-Type', 'text/html; charset=utf-8'],
        ['Content-Encoding', 'gzip'],
        ['Content-Length', String(gzipSync(body).length)],
        ['Set-Cookie', 'a=1'],
        ['Set-Cookie', 'b=2'],
      ],
      remoteAddress: '93.184.215.14',
    },
    body,
    contentType: 'text/html; charset=utf-8',
    fetchedAt: '2026-11-27T09:30:00.123Z',
    ...overrides,
  };
}

const sha256 = (bytes: Uint8Array) => `sha256:${createHash('sha256').update(bytes).digest('hex')}`;

/** Split an uncompressed WARC into records by Content-Length, independently of warcio. */
function splitRecords(raw: Buffer): Array<{ headers: Map<string, string>; block: Buffer }> {
  const records: Array<{ headers: Map<string, string>; block: Buffer }> = [];
  let offset = 0;
  while (offset < raw.length) {
    const end = raw.indexOf('\r\n\r\n', offset);
    const lines = raw.subarray(offset, end).toString('utf8').split('\r\n');
    expect(lines[0]).toBe('WARC/1.1');
    const headers = new Map(lines.slice(1).map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 1).trim()] as [string, string]));
    const length = Number(headers.get('Content-Length'));
    const block = raw.subarray(end + 4, end + 4 + length);
    expect(raw.subarray(end + 4 + length, end + 8 + length).toString()).toBe('\r\n\r\n');
    records.push({ headers, block });
    offset = end + 8 + length;
  }
  return records;
}

describe('buildWarc', () => {
  it('writes warcinfo, request and response records that warcio parses back', async () => {
    const page = samplePage();

    const warc = await buildWarc({ captureId: 'cap-1', page, software: 'Verbatim/0.1.0' });

    const parser = new WARCParser([warc]);
    const types: string[] = [];
    for await (const record of parser) {
      types.push(record.warcType ?? '');
      expect(record.warcHeaders.protocol).toBe('WARC/1.1');
      if (record.warcType === 'response') {
        expect(record.warcTargetURI).toBe(page.finalUrl);
        expect(record.warcDate).toBe(page.fetchedAt);
        expect(record.warcHeader('WARC-IP-Address')).toBe('93.184.215.14');
        expect(record.httpHeaders?.statusCode).toBe(200);
        expect(record.httpHeaders?.headers.get('Content-Encoding')).toBeNull();
        expect(record.httpHeaders?.headers.get('X-Archive-Orig-Content-Encoding')).toBe('gzip');
        expect(record.httpHeaders?.headers.get('Content-Length')).toBe(String(page.body.length));
        expect(new TextDecoder().decode(await record.readFully(true))).toBe(html);
      }
      if (record.warcType === 'request') {
        expect(record.httpHeaders?.method).toBe('GET');
        expect(record.httpHeaders?.requestPath).toBe('/story?id=1');
        expect(record.warcHeader('WARC-Concurrent-To')).toBe(recordId('cap-1', 'response'));
      }
    }
    expect(types).toEqual(['warcinfo', 'request', 'response']);
  });

  it('writes SHA-256 block and payload digests that verify', async () => {
    const page = samplePage();

    const warc = await buildWarc({ captureId: 'cap-1', page, software: 'Verbatim/0.1.0' });

    const records = splitRecords(gunzipSync(warc));
    expect(records).toHaveLength(3);
    for (const { headers, block } of records.slice(1)) {
      expect(headers.get('WARC-Block-Digest')).toBe(sha256(block));
      const payload = block.subarray(block.indexOf('\r\n\r\n') + 4);
      expect(headers.get('WARC-Payload-Digest')).toBe(sha256(payload));
    }
    const responseBlock = records[2]!.block;
    expect(responseBlock.subarray(responseBlock.indexOf('\r\n\r\n') + 4)).toEqual(Buffer.from(page.body));
  });

  it('gzips each record as its own member', async () => {
    const warc = await buildWarc({ captureId: 'cap-1', page: samplePage(), software: 'Verbatim/0.1.0' });

    const parser = new WARCParser([warc]);
    const offsets: number[] = [];
    for await (const record of parser) {
      await record.readFully();
      offsets.push(parser.offset);
    }

    expect(offsets).toHaveLength(3);
    for (const offset of offsets) {
      expect([warc[offset], warc[offset + 1]]).toEqual([0x1f, 0x8b]);
      expect(gunzipSync(Buffer.from(warc.subarray(offset))).subarray(0, 8).toString()).toBe('WARC/1.1');
    }
  });

  it('produces byte-identical output for the same capture', async () => {
    const first = await buildWarc({ captureId: 'cap-1', page: samplePage(), software: 'Verbatim/0.1.0' });
    const second = await buildWarc({ captureId: 'cap-1', page: samplePage(), software: 'Verbatim/0.1.0' });
    const other = await buildWarc({ captureId: 'cap-2', page: samplePage(), software: 'Verbatim/0.1.0' });

    expect(Buffer.from(second).equals(Buffer.from(first))).toBe(true);
    expect(Buffer.from(other).equals(Buffer.from(first))).toBe(false);
  });

  it('keeps both Set-Cookie headers and renames the wire headers', () => {
    const stored = storedResponseHeaders(samplePage().exchange.responseHeaders, 10);

    expect(stored.filter(([n]) => n === 'Set-Cookie')).toHaveLength(2);
    expect(stored).toContainEqual(['X-Archive-Orig-Content-Encoding', 'gzip']);
    expect(stored.filter(([n]) => n.toLowerCase() === 'content-length')).toEqual([['Content-Length', '10']]);
  });

  it('derives stable, distinct urn:uuid record ids', () => {
    expect(recordId('cap-1', 'response')).toBe(recordId('cap-1', 'response'));
    expect(recordId('cap-1', 'response')).not.toBe(recordId('cap-1', 'request'));
    expect(recordId('cap-1', 'response')).toMatch(/^<urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}>$/);
  });
});
