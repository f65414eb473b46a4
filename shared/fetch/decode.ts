/**
 * Read a response body under limits, undoing content codings ourselves so the limit counts decoded
 * bytes: a 400-byte brotli bomb is stopped at the limit, with memory bounded by stream backpressure.
 */

import { Readable, Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { constants, createBrotliDecompress, createGunzip, createInflate, createInflateRaw } from 'node:zlib';
import { FetchError } from '../errors.ts';

export type ContentCoding = 'gzip' | 'deflate' | 'br';

/**
 * Parse Content-Encoding into the codings to undo, in the order the server applied them.
 * Throws `too-many-encodings` or `bad-encoding` (unknown coding).
 */
export function parseContentEncoding(values: readonly string[], maxEncodings: number, url: string): ContentCoding[] {
  const codings: ContentCoding[] = [];
  for (const token of values.flatMap((v) => v.split(','))) {
    const coding = token.trim().toLowerCase();
    if (coding === '' || coding === 'identity') continue;
    if (codings.length >= maxEncodings) {
      throw new FetchError('too-many-encodings', `${url} uses more than ${maxEncodings} content encodings`);
    }
    if (coding === 'gzip' || coding === 'x-gzip') codings.push('gzip');
    else if (coding === 'deflate') codings.push('deflate');
    else if (coding === 'br') codings.push('br');
    else throw new FetchError('bad-encoding', `${url} uses an unsupported content encoding: ${coding.slice(0, 40)}`);
  }
  return codings;
}

export interface ReadBodyLimits {
  /** Limit on decoded bytes. */
  maxBodyBytes: number;
  /** Limit on bytes received (compressed); defaults to maxBodyBytes plus 64 KiB of framing slack. */
  maxWireBytes?: number;
}

export interface ReadBodyResult {
  body: Uint8Array;
  wireBytes: number;
}

/** Drain `source`, undo `codings` (last applied first), and enforce both limits. */
export async function readBody(
  source: Readable | AsyncIterable<Uint8Array>,
  codings: readonly ContentCoding[],
  limits: ReadBodyLimits,
  url: string,
): Promise<ReadBodyResult> {
  const maxWire = limits.maxWireBytes ?? limits.maxBodyBytes + 64 * 1024;
  let wireBytes = 0;
  let decodedBytes = 0;
  // Tearing the pipeline down surfaces secondary errors (aborted sockets); the limit we hit is the cause.
  let limitError: FetchError | undefined;
  const chunks: Buffer[] = [];

  const wireCounter = new Transform({
    transform(chunk: Buffer, _encoding, callback: TransformCallback) {
      wireBytes += chunk.length;
      if (wireBytes > maxWire) callback((limitError = tooLarge(url, `more than ${maxWire} bytes on the wire`)));
      else callback(null, chunk);
    },
  });

  const decoders = [...codings].reverse().map((coding) => decoderFor(coding));

  async function collect(decoded: AsyncIterable<Buffer>): Promise<void> {
    for await (const chunk of decoded) {
      decodedBytes += chunk.length;
      if (decodedBytes > limits.maxBodyBytes) {
        throw (limitError = tooLarge(url, `body exceeds ${limits.maxBodyBytes} bytes after decoding`));
      }
      chunks.push(chunk);
    }
  }

  try {
    // pipeline's overloads cannot type a variable-length chain; each stage is a valid stream stage.
    const input = source instanceof Readable ? source : Readable.from(source, { objectMode: false });
    await (pipeline as (...stages: unknown[]) => Promise<void>)(input, wireCounter, ...decoders, collect);
  } catch (error) {
    if (limitError !== undefined) throw limitError;
    if (error instanceof FetchError) throw error;
    if (isZlibError(error)) {
      throw new FetchError('bad-encoding', `${url}: body does not decode as ${codings.join(', ')}`, { cause: error });
    }
    throw error;
  }
  return { body: Buffer.concat(chunks, decodedBytes), wireBytes };
}

function tooLarge(url: string, detail: string): FetchError {
  return new FetchError('too-large', `${url}: ${detail}`);
}

type Decoder = Transform | ((source: AsyncIterable<Buffer>) => AsyncIterable<Buffer>);

function decoderFor(coding: ContentCoding): Decoder {
  // Small output chunks keep the amount inflated ahead of the limit check small.
  const zlibOptions = { chunkSize: 16 * 1024 };
  switch (coding) {
    case 'gzip':
      return createGunzip(zlibOptions);
    case 'br':
      return createBrotliDecompress({ chunkSize: 16 * 1024 });
    case 'deflate':
      return inflateEitherForm;
  }
}

/**
 * "deflate" should be zlib-wrapped (RFC 9110) but many servers send raw deflate: look at the first
 * bytes and pick the right inflater, keeping backpressure (the consumer pulls from the inflater).
 */
async function* inflateEitherForm(source: AsyncIterable<Buffer>): AsyncIterable<Buffer> {
  const iterator = source[Symbol.asyncIterator]();
  const first = await iterator.next();
  if (first.done === true) return;
  const head: Buffer = first.value;
  const zlibWrapped = head.length >= 2 && (head[0]! & 0x0f) === 8 && ((head[0]! << 8) | head[1]!) % 31 === 0;
  const inflater = zlibWrapped ? createInflate({ chunkSize: 16 * 1024 }) : createInflateRaw({ chunkSize: 16 * 1024 });
  const input = Readable.from(
    (async function* () {
      yield head;
      for (;;) {
        const next = await iterator.next();
        if (next.done === true) return;
        yield next.value;
      }
    })(),
  );
  input.on('error', (error) => inflater.destroy(error));
  input.pipe(inflater);
  try {
    yield* inflater;
  } finally {
    input.destroy();
    inflater.destroy();
  }
}

function isZlibError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const code = (error as { code?: unknown }).code;
  const errno = (error as { errno?: unknown }).errno;
  return (
    (typeof code === 'string' && (code.startsWith('Z_') || code.startsWith('ERR_BROTLI') || code === 'ERR__ERROR_FORMAT_PADDING_1')) ||
    (typeof errno === 'number' && errno === constants.Z_DATA_ERROR)
  );
}
