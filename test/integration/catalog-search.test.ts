/**
 * Search on the DynamoDB indexes agrees with a plain filter over all records (MemoryCatalog), page by
 * page, and pagination neither repeats nor skips while new captures arrive.
 */

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoCatalog } from '../../shared/catalog/dynamo-catalog.ts';
import type { CaptureRecord } from '../../shared/domain/capture.ts';
import type { CaptureQuery, Catalog } from '../../shared/ports.ts';
import { startTestEmulators, type TestEmulators } from '../helpers/emulators.ts';
import { MemoryCatalog } from '../helpers/memory-adapters.ts';

let emulators: TestEmulators;
let dynamo: DynamoCatalog;
const reference = new MemoryCatalog();

const SITES = ['news.example', 'www.daily.example', 'blog.example'];
const AUTHORS = ['Maria Okafor', 'José Álvarez', 'Lee Chen'];

/** Deterministic pseudo-random numbers, so a failure can be replayed. */
function random(seed: number): () => number {
  return () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
}

function makeRecord(i: number, next: () => number): CaptureRecord {
  const now = Date.now();
  const createdAt = new Date(now - Math.floor(next() * 200) * 86_400_000 - i * 1000).toISOString();
  const site = SITES[i % SITES.length]!;
  const done = next() > 0.15;
  return {
    id: `s${String(i).padStart(3, '0')}`,
    url: `https://${site}/story/${i % 17}`,
    status: done ? 'done' : 'queued',
    createdAt,
    updatedAt: createdAt,
    ...(done
      ? {
          metadata: {
            title: `Story ${i}`, authors: next() > 0.3 ? [AUTHORS[i % 3]!] : [], lang: 'en', siteName: site,
            publishedAt: next() > 0.2 ? new Date(Date.parse(createdAt) - 86_400_000 * Math.floor(next() * 400)).toISOString().replace('Z', '+00:00') : null,
            modifiedAt: null, canonicalUrl: null, description: null, excerpt: null, wordCount: 10, kind: 'article',
          },
        }
      : {}),
  };
}

async function store(record: CaptureRecord): Promise<void> {
  const { status, ...rest } = record;
  await dynamo.create({ ...rest, status: 'queued' });
  if (status === 'done') await dynamo.transition(record.id, ['queued'], 'done', { ...rest, updatedAt: record.updatedAt });
  await reference.create(record);
}

async function collect(catalog: Catalog, query: CaptureQuery, limit: number): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await catalog.searchCaptures(query, { limit, ...(cursor ? { cursor } : {}) });
    expect(page.items.length).toBeLessThanOrEqual(limit);
    ids.push(...page.items.map((r) => r.id));
    cursor = page.cursor;
  } while (cursor);
  return ids;
}

beforeAll(async () => {
  emulators = await startTestEmulators();
  dynamo = new DynamoCatalog(emulators.clients.dynamo, emulators.table);
  const next = random(42);
  for (let i = 0; i < 90; i += 1) await store(makeRecord(i, next));
}, 60_000);
afterAll(() => emulators.dispose());

const day = (offset: number) => new Date(Date.now() - offset * 86_400_000).toISOString().slice(0, 10);

describe('searchCaptures on dynalite agrees with the reference filter', () => {
  it.each<[string, CaptureQuery]>([
    ['one URL', { by: 'url', url: 'https://news.example/story/3' }],
    ['a site, www. or not', { by: 'site', site: 'daily.example' }],
    ['a site within captured dates', { by: 'site', site: 'news.example', from: day(120), to: day(30) }],
    ['an author, any case and accents', { by: 'author', author: 'jose alvarez' }],
    ['everything, newest first', { by: 'captured' }],
    ['a captured date range across months', { by: 'captured', from: day(150), to: day(20) }],
    ['a published date range', { by: 'published', from: day(300), to: day(10) }],
    ['everything published', { by: 'published' }],
  ])('%s', async (_name, query) => {
    const expected = (await reference.searchCaptures(query, { limit: 1000 })).items.map((r) => r.id);
    expect(expected.length).toBeGreaterThan(0);
    for (const limit of [1, 7, 100]) expect(await collect(dynamo, query, limit)).toEqual(expected);
  });
});

describe('pagination under inserts', () => {
  it('never repeats or skips a capture that existed when paging began', async () => {
    const before = (await reference.searchCaptures({ by: 'captured' }, { limit: 1000 })).items.map((r) => r.id);
    const seen: string[] = [];
    let cursor: string | undefined;
    let inserted = 0;
    do {
      const page = await dynamo.searchCaptures({ by: 'captured' }, { limit: 8, ...(cursor ? { cursor } : {}) });
      seen.push(...page.items.map((r) => r.id));
      cursor = page.cursor;
      // A new capture arrives between every two pages.
      const now = new Date().toISOString();
      await dynamo.create({ id: `new-${inserted++}`, url: 'https://news.example/late', status: 'queued', createdAt: now, updatedAt: now });
    } while (cursor);
    expect(seen.filter((id) => !id.startsWith('new-'))).toEqual(before);
    expect(new Set(seen).size).toBe(seen.length);
  });
});
