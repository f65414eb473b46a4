/**
 * Decoding raw page bytes to text, once, recording how the charset was decided:
 * BOM, then the HTTP header, then a <meta> declaration, then detection (valid UTF-8 first, then a
 * statistical guess), and windows-1252 only when nothing else gives an answer.
 */

import chardet from 'chardet';
import type { CharsetSource } from './types.ts';

export interface DecodedPage {
  text: string;
  charset: { name: string; source: CharsetSource };
}

/** How far into the page a <meta> charset declaration is looked for (browsers use 1024 bytes; pages are sloppier). */
const META_SCAN_BYTES = 32 * 1024;
/** How many bytes the statistical detector sees; more costs time without changing its answer much. */
const DETECT_SAMPLE_BYTES = 64 * 1024;

/** Decode page bytes, honouring BOM, HTTP charset and <meta>, and detecting the rest; repair double-encoded UTF-8. */
export function decodePage(bytes: Uint8Array, contentType?: string): DecodedPage {
  const page = decodeBytes(bytes, contentType);
  return { ...page, text: repairDoubleEncoding(page.text) };
}

/** C1 control characters: never in real text, always in UTF-8 that was decoded once too often as Latin-1. */
const C1_CONTROL = /[\u0080-\u009f]/;
/** A UTF-8 sequence read as Latin-1: a lead byte (C2-F4) then continuation bytes (80-BF), as characters. */
const LATIN1_READ_UTF8 = /[\u00c2-\u00f4][\u0080-\u00bf]{1,3}/g;
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Undo UTF-8 that a publisher's pipeline decoded as Latin-1 and encoded again ("Investorâ\u0080\u0099s" for
 * "Investor’s"). Only pages holding C1 controls are touched, and only runs that decode as valid UTF-8.
 */
export function repairDoubleEncoding(text: string): string {
  if (!C1_CONTROL.test(text)) return text;
  return text.replace(LATIN1_READ_UTF8, (run) => {
    try {
      return strictUtf8.decode(Buffer.from(run, 'latin1'));
    } catch {
      return run;
    }
  });
}

function decodeBytes(bytes: Uint8Array, contentType?: string): DecodedPage {
  const bom = sniffBom(bytes);
  if (bom) return decodeWith(bytes, bom, 'bom');

  const fromHeader = contentType ? charsetFromContentType(contentType) : null;
  const headerLabel = fromHeader ? usableLabel(fromHeader) : null;
  if (headerLabel) return decodeWith(bytes, headerLabel, 'http');

  const fromMeta = charsetFromMeta(bytes);
  const metaLabel = fromMeta ? usableLabel(fromMeta) : null;
  if (metaLabel) return decodeWith(bytes, metaLabel, 'meta');

  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return { text, charset: { name: 'utf-8', source: 'utf8-valid' } };
  } catch {
    // Not UTF-8: fall through to statistical detection.
  }
  const guess = detectCharset(bytes);
  if (guess) return decodeWith(bytes, guess, 'detected');
  return decodeWith(bytes, 'windows-1252', 'default');
}

function decodeWith(bytes: Uint8Array, label: string, source: CharsetSource): DecodedPage {
  const decoder = new TextDecoder(label);
  // TextDecoder strips a BOM matching its own encoding, which is what we want.
  return { text: decoder.decode(bytes), charset: { name: decoder.encoding, source } };
}

function sniffBom(bytes: Uint8Array): string | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  return null;
}

/** The charset parameter of a Content-Type header value, if any. */
export function charsetFromContentType(value: string): string | null {
  const match = /;\s*charset\s*=\s*["']?([^"';\s]+)/i.exec(value);
  return match?.[1] ?? null;
}

const META_CHARSET = /<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)/gi;

/** A charset declared by <meta charset> or <meta http-equiv="content-type"> near the start of the page. */
export function charsetFromMeta(bytes: Uint8Array): string | null {
  // latin1 maps bytes one to one, so ASCII markup is readable whatever the real encoding.
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, META_SCAN_BYTES)).toString('latin1');
  const withoutComments = head.replace(/<!--[\s\S]*?-->/g, '');
  META_CHARSET.lastIndex = 0;
  const match = META_CHARSET.exec(withoutComments);
  return match?.[1] ?? null;
}

/**
 * A label TextDecoder knows, with the HTML rules applied: a UTF-16 declaration inside an
 * ASCII-compatible document means UTF-8, and x-user-defined is not a real text encoding.
 */
function usableLabel(label: string): string | null {
  let encoding: string;
  try {
    encoding = new TextDecoder(label.trim()).encoding;
  } catch {
    return null;
  }
  if (encoding === 'utf-16le' || encoding === 'utf-16be') return 'utf-8';
  if (encoding === 'x-user-defined') return 'windows-1252';
  return encoding;
}

function detectCharset(bytes: Uint8Array): string | null {
  const sample = bytes.byteLength > DETECT_SAMPLE_BYTES ? bytes.subarray(0, DETECT_SAMPLE_BYTES) : bytes;
  const guess = chardet.detect(sample);
  if (!guess) return null;
  const label = usableLabel(guess);
  // A truncated sample can make UTF-8 look invalid at its very end; chardet then says UTF-8 anyway.
  return label;
}
