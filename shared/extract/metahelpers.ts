/** Helpers shared by the metadata readers: values with their provenance, the page's meta tags, text keys. */

import { type ElementFacts, type PageIndex, selector } from './metaindex.ts';
import type { MetadataSource } from './types.ts';

export interface Sourced<T> {
  value: T;
  source: MetadataSource;
}

/** NodeFilter.SHOW_TEXT (documents parsed by parse.ts have no window to read it from). */
export const SHOW_TEXT = 4;

/**
 * The page's text nodes (its body's, or the whole document's without one) in document order after
 * `from`, or before it going back; from the top without `from`.
 */
export function* textNodes(document: Document, from: Node | null = null, backwards = false): Generator<Text> {
  const walker = document.createTreeWalker(document.body ?? document.documentElement, SHOW_TEXT);
  if (from) walker.currentNode = from;
  const step = (): Node | null => (backwards ? walker.previousNode() : walker.nextNode());
  for (let node = step(); node; node = step()) yield node as Text;
}

/** Most elements a line of text (a byline, a dateline) holds: a name, a date, a separator or two. */
export const LINE_ELEMENTS = 24;

/** Whether an element is one short line: LINE_ELEMENTS or fewer elements (asked first, so that no large block's text is read) and `chars` of text. */
export function isLine(facts: ElementFacts, chars: number): boolean {
  return facts.end - facts.order <= LINE_ELEMENTS && collapse(facts.element.textContent ?? '').length <= chars;
}

/** The widest of `start` and its next `levels` ancestors that is still a line (isLine) and that `climbs` lets in. */
export function widestLine(start: ElementFacts, levels: number, chars: number, climbs: (up: ElementFacts) => boolean = () => true): ElementFacts {
  let line = start;
  for (let up = start.parent, level = 0; up && level < levels && climbs(up) && isLine(up, chars); up = up.parent, level += 1) line = up;
  return line;
}

/** An element's text with its text nodes set apart: "Health<span>DECEMBER 22, 2022</span>" is no "HealthDECEMBER". */
export function spacedText(element: Element): string {
  const walker = element.ownerDocument.createTreeWalker(element, SHOW_TEXT);
  const parts: string[] = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) parts.push((node as Text).data);
  return collapse(parts.join(' '));
}

export type MetaMap = Map<string, string[]>;

export const META = selector('meta', (f) => f.tag === 'meta');
export const TITLE = selector('title', (f) => f.tag === 'title');
export const H1 = selector('h1', (f) => f.tag === 'h1');

export function readMeta(index: PageIndex): MetaMap {
  const map: MetaMap = new Map();
  for (const { element: meta } of index.all(META)) {
    const key = (meta.getAttribute('property') ?? meta.getAttribute('name') ?? meta.getAttribute('itemprop') ?? meta.getAttribute('http-equiv'))
      ?.trim().toLowerCase();
    const content = meta.getAttribute('content')?.trim();
    if (!key || !content) continue;
    const list = map.get(key);
    if (list) list.push(content);
    else map.set(key, [content]);
  }
  return map;
}

export function first(meta: MetaMap, ...keys: string[]): string | null {
  for (const key of keys) {
    const value = meta.get(key)?.[0];
    if (value) return value;
  }
  return null;
}

export function sourced<T>(value: T | null | undefined, source: MetadataSource): Sourced<T> | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' && !value.trim()) return null;
  if (Array.isArray(value) && value.length === 0) return null;
  return { value, source };
}

export function pick<T>(...candidates: (Sourced<T> | null)[]): Sourced<T> | null {
  for (const candidate of candidates) if (candidate) return candidate;
  return null;
}

export function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

export const TITLE_SEPARATOR = /\s+[|\-–—:·•»/]\s+|\s*[|•»·]\s*/;

export function segments(title: string): string[] {
  return title.split(TITLE_SEPARATOR).map(collapse).filter(Boolean);
}

export function norm(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

export function tokens(text: string): Set<string> {
  return new Set(norm(text).split(' ').filter(Boolean));
}

/** Decode the few HTML entities publishers leave inside JSON-LD and meta strings. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|amp|quot|apos|lt|gt|nbsp);/gi, (whole, code: string) => {
    const lower = code.toLowerCase();
    if (lower.startsWith('#x')) return String.fromCodePoint(parseInt(lower.slice(2), 16));
    if (lower.startsWith('#')) return String.fromCodePoint(parseInt(lower.slice(1), 10));
    return ({ amp: '&', quot: '"', apos: "'", lt: '<', gt: '>', nbsp: ' ' } as Record<string, string>)[lower] ?? whole;
  });
}
