/**
 * Decide whether a fetched payload is really HTML/XHTML, from the declared type and the bytes
 * themselves (a subset of the WHATWG MIME Sniffing rules). A server's "text/html" on a PDF or a PNG
 * is not believed; binary bytes are never handed to the HTML parser.
 */

import type { SniffResult } from './types.ts';

const SNIFF_WINDOW = 1445; // WHATWG: the resource header is at most 1445 bytes.

/** Declared types that say nothing, so the bytes decide (WHATWG "unknown type"). */
const UNKNOWN_TYPES = new Set(['application/octet-stream', 'unknown/unknown', 'application/unknown', '*/*']);

/** The MIME essence of a Content-Type header: lower-case type/subtype without parameters. */
export function mimeEssence(contentType: string | undefined): string | undefined {
  if (contentType === undefined) return undefined;
  const essence = contentType.split(';')[0]?.trim().toLowerCase();
  return essence !== undefined && /^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+$/.test(essence) ? essence : undefined;
}

/**
 * Classify a payload.
 * @example sniffPayload(bytes, 'text/html; charset=utf-8').isHtml
 */
export function sniffPayload(body: Uint8Array, contentType: string | undefined): SniffResult {
  const declared = mimeEssence(contentType);
  const head = body.subarray(0, SNIFF_WINDOW);
  const magic = matchMagic(head);

  if (magic !== undefined) {
    const claimed = declared === undefined ? '' : ` (declared ${declared})`;
    return { kind: magic.kind, isHtml: false, declared, reason: `bytes are ${magic.label}${claimed}` };
  }

  const claimsHtml = declared === 'text/html';
  const claimsXhtml = declared === 'application/xhtml+xml';
  const unknownType = declared === undefined || UNKNOWN_TYPES.has(declared);

  if (claimsHtml || claimsXhtml || unknownType) {
    if (hasBinaryBytes(head)) {
      const why = declared === undefined ? 'no declared type' : `declared ${declared}`;
      return { kind: 'binary', isHtml: false, declared, reason: `binary bytes despite ${why}` };
    }
    if (claimsXhtml) return { kind: 'xhtml', isHtml: true, declared, reason: 'declared XHTML, bytes are text' };
    if (claimsHtml) return { kind: 'html', isHtml: true, declared, reason: 'declared HTML, bytes are text' };
    if (looksLikeHtml(head)) return { kind: 'html', isHtml: true, declared, reason: 'no usable declared type, bytes start with an HTML tag' };
    return { kind: 'text', isHtml: false, declared, reason: 'no usable declared type and no HTML signature' };
  }

  if (declared.startsWith('image/')) return { kind: 'image', isHtml: false, declared, reason: `declared ${declared}` };
  if (declared === 'application/pdf') return { kind: 'pdf', isHtml: false, declared, reason: `declared ${declared}` };
  if (declared.startsWith('text/')) return { kind: 'text', isHtml: false, declared, reason: `declared ${declared}` };
  return { kind: 'other', isHtml: false, declared, reason: `declared ${declared}` };
}

interface Magic {
  kind: SniffResult['kind'];
  label: string;
  bytes: readonly number[];
  offset?: number;
}

const MAGIC: readonly Magic[] = [
  { kind: 'pdf', label: 'a PDF', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] },
  { kind: 'image', label: 'a PNG image', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { kind: 'image', label: 'a JPEG image', bytes: [0xff, 0xd8, 0xff] },
  { kind: 'image', label: 'a GIF image', bytes: [0x47, 0x49, 0x46, 0x38] },
  { kind: 'image', label: 'a WebP image', bytes: [0x57, 0x45, 0x42, 0x50], offset: 8 },
  { kind: 'image', label: 'a BMP image', bytes: [0x42, 0x4d] },
  { kind: 'image', label: 'an ICO image', bytes: [0x00, 0x00, 0x01, 0x00] },
  { kind: 'binary', label: 'a ZIP archive', bytes: [0x50, 0x4b, 0x03, 0x04] },
  { kind: 'binary', label: 'gzip data', bytes: [0x1f, 0x8b, 0x08] },
  { kind: 'binary', label: 'a RAR archive', bytes: [0x52, 0x61, 0x72, 0x20, 0x1a, 0x07] },
  { kind: 'binary', label: 'a 7z archive', bytes: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c] },
  { kind: 'binary', label: 'an ELF binary', bytes: [0x7f, 0x45, 0x4c, 0x46] },
  { kind: 'binary', label: 'a WebAssembly module', bytes: [0x00, 0x61, 0x73, 0x6d] },
  { kind: 'binary', label: 'an MP4/ISO media file', bytes: [0x66, 0x74, 0x79, 0x70], offset: 4 },
  { kind: 'binary', label: 'an Ogg stream', bytes: [0x4f, 0x67, 0x67, 0x53, 0x00] },
  { kind: 'binary', label: 'an MP3 file', bytes: [0x49, 0x44, 0x33] },
  { kind: 'binary', label: 'a WOFF font', bytes: [0x77, 0x4f, 0x46, 0x46] },
  { kind: 'binary', label: 'a WOFF2 font', bytes: [0x77, 0x4f, 0x46, 0x32] },
];

function matchMagic(head: Uint8Array): Magic | undefined {
  return MAGIC.find((m) => {
    const offset = m.offset ?? 0;
    if (head.length < offset + m.bytes.length) return false;
    // RIFF container check for WebP.
    if (m.label === 'a WebP image' && !startsWith(head, [0x52, 0x49, 0x46, 0x46], 0)) return false;
    return startsWith(head, m.bytes, offset);
  });
}

function startsWith(head: Uint8Array, bytes: readonly number[], offset: number): boolean {
  return bytes.every((b, i) => head[offset + i] === b);
}

/**
 * WHATWG "binary data byte": 0x00-0x08, 0x0B, 0x0E-0x1A, 0x1C-0x1F. UTF-16 text (with a BOM) is
 * full of NULs but is text, so a BOM exempts it.
 */
function hasBinaryBytes(head: Uint8Array): boolean {
  if (startsWith(head, [0xfe, 0xff], 0) || startsWith(head, [0xff, 0xfe], 0)) return false;
  for (const byte of head) {
    if (byte <= 0x08 || byte === 0x0b || (byte >= 0x0e && byte <= 0x1a) || (byte >= 0x1c && byte <= 0x1f)) return true;
  }
  return false;
}

const HTML_SIGNATURES = [
  '<!doctype html', '<html', '<head', '<script', '<iframe', '<h1', '<div', '<font', '<table',
  '<a', '<style', '<title', '<b', '<body', '<br', '<p', '<!--',
];

/** WHATWG "HTML" pattern: optional BOM/whitespace, then a known tag followed by space or '>'. */
function looksLikeHtml(head: Uint8Array): boolean {
  let text = new TextDecoder('latin1').decode(head);
  text = text.replace(/^(\xef\xbb\xbf)?[\t\n\f\r ]*/, '').toLowerCase();
  if (text.startsWith('<?xml') && /<html[\s>]/.test(text)) return true;
  return HTML_SIGNATURES.some((sig) => {
    if (!text.startsWith(sig)) return false;
    const next = text.charAt(sig.length);
    return sig === '<!--' || next === ' ' || next === '>' || next === '\t' || next === '\n' || next === '\r' || next === '\f';
  });
}
