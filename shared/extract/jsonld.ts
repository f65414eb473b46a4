/** schema.org JSON-LD blocks of a page: parsed leniently, flattened, and the main entity picked out. */

import type { MetaMap } from './metahelpers.ts';
import { asciiLower, type PageIndex, selector } from './metaindex.ts';

export type JsonObject = Record<string, unknown>;

const ARTICLE_TYPE = /(Article|BlogPosting|Posting|Report|NewsArticle|LiveBlogPosting)$/;
const PAGE_TYPE = /^(WebPage|ItemPage|AboutPage|CollectionPage|ProfilePage|QAPage|FAQPage|ContactPage|SearchResultsPage|MedicalWebPage)$/;

export interface JsonLdData {
  /** Every object found, nested ones included. */
  objects: JsonObject[];
  /** The article (or failing that, the page) the document is about, if any. */
  main: JsonObject | null;
  /** Objects with an @id, for resolving references such as `"author": {"@id": ...}`. */
  byId: Map<string, JsonObject>;
}

export const LD_SCRIPT = selector('script[type*="ld+json" i]', (f) => f.tag === 'script' && f.type !== null && asciiLower(f.type).includes('ld+json'));

/**
 * The name of a meta tag that carries a JSON-LD document in its content: Remix's `"script:ld+json"` meta
 * descriptor, rendered as a <meta> where the page's head renders descriptors without that case.
 */
export const LD_META = 'script:ld+json';

/**
 * Parse the text of every ld+json script, and the JSON-LD documents `meta` (the page's meta tags, by name)
 * holds under LD_META; malformed blocks are skipped.
 */
export function readJsonLd(index: PageIndex, meta?: MetaMap): JsonLdData {
  const objects: JsonObject[] = [];
  const blocks = [...index.all(LD_SCRIPT).map(({ element: script }) => script.textContent ?? ''), ...meta?.get(LD_META) ?? []];
  for (const block of blocks) {
    const parsed = parseLenient(block);
    if (parsed !== undefined) collect(parsed, objects, 0);
  }
  const byId = new Map<string, JsonObject>();
  for (const object of objects) {
    const id = object['@id'];
    if (typeof id === 'string' && !byId.has(id)) byId.set(id, object);
  }
  return { objects, main: pickMain(objects), byId };
}

function parseLenient(text: string): unknown {
  const trimmed = text.replace(/^\s*(<!\[CDATA\[|<!--)/, '').replace(/(\]\]>|-->)\s*$/, '').trim();
  if (!trimmed) return undefined;
  try {
    return JSON.parse(trimmed);
  } catch {
    try {
      // Raw newlines and tabs inside strings are the commonest breakage.
      return JSON.parse(trimmed.replace(/[\n\r\t]+/g, ' '));
    } catch {
      return undefined;
    }
  }
}

function collect(value: unknown, into: JsonObject[], depth: number): void {
  if (depth > 8 || value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    for (const item of value) collect(item, into, depth + 1);
    return;
  }
  const object = value as JsonObject;
  if ('@type' in object) into.push(object);
  for (const key of ['@graph', 'mainEntity', 'mainEntityOfPage', 'itemListElement', 'hasPart']) {
    if (key in object) collect(object[key], into, depth + 1);
  }
}

/** The @type values of an object, as strings. */
export function typesOf(object: JsonObject): string[] {
  const type = object['@type'];
  if (typeof type === 'string') return [type];
  if (Array.isArray(type)) return type.filter((t): t is string => typeof t === 'string');
  return [];
}

export function isArticleType(object: JsonObject): boolean {
  return typesOf(object).some((t) => ARTICLE_TYPE.test(t));
}

function pickMain(objects: JsonObject[]): JsonObject | null {
  const articles = objects.filter(isArticleType);
  if (articles.length > 0) {
    // Prefer the one with a headline and a date: listing pages embed many stubs.
    return articles.find((a) => a['headline'] && a['datePublished']) ?? articles[0] ?? null;
  }
  return objects.find((o) => typesOf(o).some((t) => PAGE_TYPE.test(t))) ?? null;
}

/** A string field, or the first string of an array field. */
export function stringField(object: JsonObject | null | undefined, key: string): string | null {
  if (!object) return null;
  const value = object[key];
  if (typeof value === 'string') return value.trim() || null;
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) {
    const first = value.find((v) => typeof v === 'string');
    return typeof first === 'string' ? first.trim() || null : null;
  }
  return null;
}

/** Names of the people (or organisations) in an author-like field, references resolved. */
export function namesOf(value: unknown, byId: Map<string, JsonObject>, depth = 0): { name: string; person: boolean }[] {
  if (depth > 3 || value == null) return [];
  if (typeof value === 'string') return [{ name: value, person: true }];
  if (Array.isArray(value)) return value.flatMap((v) => namesOf(v, byId, depth + 1));
  if (typeof value !== 'object') return [];
  let object = value as JsonObject;
  const id = object['@id'];
  if (!object['name'] && typeof id === 'string') object = byId.get(id) ?? object;
  const name = object['name'];
  const person = !typesOf(object).some((t) => /Organi[sz]ation|Corporation|NewsMediaOrganization/.test(t));
  if (typeof name === 'string') return [{ name, person }];
  if (Array.isArray(name)) return name.filter((n): n is string => typeof n === 'string').map((n) => ({ name: n, person }));
  return [];
}

/** A URL from an image-like field (string, ImageObject, or array of either). */
export function urlOf(value: unknown, depth = 0): string | null {
  if (depth > 3 || value == null) return null;
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) {
    for (const item of value) {
      const url = urlOf(item, depth + 1);
      if (url) return url;
    }
    return null;
  }
  if (typeof value === 'object') {
    const object = value as JsonObject;
    return urlOf(object['url'] ?? object['contentUrl'] ?? object['@id'], depth + 1);
  }
  return null;
}
