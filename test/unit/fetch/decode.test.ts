import { randomBytes } from 'node:crypto';
import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { VerbatimError } from '../../../shared/errors.ts';
import { parseContentEncoding, readBody } from '../../../shared/fetch/decode.ts';

const text = '<html>'.padEnd(10_000, 'x') + '</html>';
const url = 'https://news.example/a';

async function* chunked(bytes: Uint8Array, size = 1000): AsyncIterable<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof VerbatimError) return error.code;
    throw error;
  }
  return 'no error';
}

describe('parseContentEncoding', () => {
  it('lists codings in the order applied, ignoring identity and case', () => {
    expect(parseContentEncoding(['GZIP, identity', 'br'], 5, url)).toEqual(['gzip', 'br']);
    expect(parseContentEncoding(['x-gzip'], 5, url)).toEqual(['gzip']);
    expect(parseContentEncoding([], 5, url)).toEqual([]);
  });

  it('refuses more codings than allowed, and unknown ones', () => {
    expect(() => parseContentEncoding(['gzip,gzip,gzip'], 2, url)).toThrow(expect.objectContaining({ code: 'too-many-encodings' }));
    expect(() => parseContentEncoding(['compress'], 5, url)).toThrow(expect.objectContaining({ code: 'bad-encoding' }));
  });
});

describe('readBody', () => {
  const plain = new TextEncoder().encode(text);

  it.each([
    ['identity', [], plain],
    ['gzip', ['gzip'], gzipSync(plain)],
    ['zlib deflate', ['deflate'], deflateSync(plain)],
    ['raw deflate', ['deflate'], deflateRawSync(plain)],
    ['brotli', ['br'], brotliCompressSync(plain)],
    ['gzip then brotli', ['gzip', 'br'], brotliCompressSync(gzipSync(plain))],
  ] as const)('decodes %s', async (_label, codings, wire) => {
    const { body, wireBytes } = await readBody(chunked(wire), codings, { maxBodyBytes: 1_000_000 }, url);

    expect(new TextDecoder().decode(body)).toBe(text);
    expect(wireBytes).toBe(wire.length);
  });

  it('counts the limit on decoded bytes, not wire bytes', async () => {
    const wire = gzipSync(Buffer.alloc(5_000_000));

    expect(await codeOf(readBody(chunked(wire), ['gzip'], { maxBodyBytes: 1_000_000 }, url))).toBe('too-large');
  });

  it('stops an identity body at the limit', async () => {
    expect(await codeOf(readBody(chunked(plain), [], { maxBodyBytes: 5_000, maxWireBytes: 5_000 }, url))).toBe('too-large');
  });

  it('reports a body that does not decode', async () => {
    expect(await codeOf(readBody(chunked(plain), ['gzip'], { maxBodyBytes: 1_000_000 }, url))).toBe('bad-encoding');
    const noisy = gzipSync(randomBytes(5000).toString('hex'));
    const cut = noisy.subarray(0, noisy.length - 20);
    expect(await codeOf(readBody(chunked(cut), ['gzip'], { maxBodyBytes: 1_000_000 }, url))).toBe('bad-encoding');
  });

  it('lets an error from the source through untouched', async () => {
    async function* failing(): AsyncIterable<Uint8Array> {
      yield plain.subarray(0, 10);
      throw Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' });
    }

    await expect(readBody(failing(), [], { maxBodyBytes: 1_000_000 }, url)).rejects.toMatchObject({ code: 'UND_ERR_SOCKET' });
  });
});
