import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoCatalog } from '../../shared/catalog/dynamo-catalog.ts';
import type { StoredQuote } from '../../shared/domain/capture.ts';
import { startTestEmulators, type TestEmulators } from '../helpers/emulators.ts';

let emulators: TestEmulators;
let catalog: DynamoCatalog;

beforeAll(async () => {
  emulators = await startTestEmulators();
  catalog = new DynamoCatalog(emulators.clients.dynamo, emulators.table);
});
afterAll(() => emulators.dispose());

function quote(captureId: string, index: number, speaker: string | null, capturedAt: string): StoredQuote {
  return {
    captureId, index, text: `quote ${index} of ${captureId}`, speaker, mention: speaker, cue: 'said', kind: 'direct',
    group: index, start: index * 10, end: index * 10 + 5, paragraph: 0, url: `https://news.example/${captureId}`,
    title: `Story ${captureId}`, capturedAt,
  };
}

describe('quotes in the catalogue (dynalite)', () => {
  it('lists a capture’s quotes in text order, over more than one batch write', async () => {
    const quotes = Array.from({ length: 30 }, (_, i) => quote('cap-many', i, i % 2 ? 'Ruth Penhale' : null, '2024-01-01T00:00:00Z'));
    await catalog.putQuotes(quotes);
    const listed = await catalog.listQuotes('cap-many');
    expect(listed.map((q) => q.index)).toEqual(quotes.map((q) => q.index));
    expect(listed[1]).toEqual(quotes[1]);
  });

  it('is idempotent: writing the same quotes again changes nothing', async () => {
    await catalog.putQuotes([quote('cap-again', 0, 'Ana Díaz', '2024-01-02T00:00:00Z')]);
    await catalog.putQuotes([quote('cap-again', 0, 'Ana Díaz', '2024-01-02T00:00:00Z')]);
    expect(await catalog.listQuotes('cap-again')).toHaveLength(1);
  });

  it('finds a speaker’s quotes across captures through the index, newest first, ignoring case and accents', async () => {
    await catalog.putQuotes([quote('cap-old', 0, 'Ana Díaz', '2023-05-01T00:00:00Z'), quote('cap-old', 1, 'Someone Else', '2023-05-01T00:00:00Z')]);
    await catalog.putQuotes([quote('cap-new', 0, 'ANA DIAZ', '2024-06-01T00:00:00Z')]);

    const page = await catalog.listQuotesBySpeaker('ana díaz');
    expect(page.items.map((q) => q.captureId)).toEqual(['cap-new', 'cap-again', 'cap-old']);
  });

  it('paginates a speaker’s quotes with a cursor, never repeating or skipping', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await catalog.listQuotesBySpeaker('Ruth Penhale', { limit: 4, ...(cursor ? { cursor } : {}) });
      seen.push(...page.items.map((q) => `${q.captureId}#${q.index}`));
      cursor = page.cursor;
    } while (cursor);
    expect(seen).toHaveLength(15);
    expect(new Set(seen).size).toBe(15);
  });

  it('does not index quotes without a speaker', async () => {
    expect((await catalog.listQuotesBySpeaker('null')).items).toEqual([]);
  });
});
