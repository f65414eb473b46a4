import fc from 'fast-check';
import { JSDOM } from 'jsdom';
import { beforeEach, describe, expect, it } from 'vitest';
import { wordDiff } from '../../../shared/diff/word-diff.ts';
import { seededArchive } from '../memento/seed.ts';

const URL_A = 'https://courier.example/news/tidal-barrier';
const BEFORE = [
  'The barrier is expected to cost a little over forty million pounds.',
  'Opponents said the money would be better spent on moving homes inland.',
  'Construction is due to begin next spring.',
].join('\n\n');
// A stealth edit: a figure changed, a sentence quietly removed, a clause added. No correction notice.
const AFTER = [
  'The barrier is expected to cost a little over sixty million pounds.',
  'Construction is due to begin next spring, subject to approval.',
].join('\n\n');

function rebuild(changes: Array<{ op: string; text: string }>, keep: 'delete' | 'insert'): string {
  return changes.filter((c) => c.op === 'equal' || c.op === keep).map((c) => c.text).join('');
}

describe('wordDiff', () => {
  it('finds a changed figure, a removed sentence and an added clause', () => {
    const diff = wordDiff(BEFORE, AFTER);
    expect(diff.identical).toBe(false);
    const deleted = diff.changes.filter((c) => c.op === 'delete').map((c) => c.text.trim());
    const inserted = diff.changes.filter((c) => c.op === 'insert').map((c) => c.text.trim());
    expect(deleted).toContain('forty');
    expect(inserted).toContain('sixty');
    expect(deleted.join(' ')).toContain('Opponents said the money would be better spent on moving homes inland.');
    expect(inserted.join(' ')).toContain('subject to approval');
    expect(diff.stats.inserted).toBeGreaterThanOrEqual(4);
    expect(diff.stats.deleted).toBeGreaterThanOrEqual(13);
  });

  it('reports identical texts as identical, with one equal run', () => {
    expect(wordDiff(BEFORE, BEFORE)).toEqual({ identical: true, stats: { inserted: 0, deleted: 0, unchanged: BEFORE.split(/\s+/).length }, changes: [{ op: 'equal', text: BEFORE }] });
  });

  it('always rebuilds both texts from its changes, and never has two runs of one kind in a row', () => {
    const words = fc.array(fc.constantFrom('a', 'b', 'c', 'the', 'forty', '“quoted”', ' ', '\n\n', ',', 'é'), { maxLength: 40 }).map((w) => w.join(' '));
    fc.assert(
      fc.property(words, words, (before, after) => {
        const diff = wordDiff(before, after);
        expect(rebuild(diff.changes, 'delete')).toBe(before);
        expect(rebuild(diff.changes, 'insert')).toBe(after);
        diff.changes.forEach((change, i) => {
          expect(change.text).not.toBe('');
          expect(change.op).not.toBe(diff.changes[i - 1]?.op);
        });
      }),
    );
  });
});

describe('GET /v1/captures/{id}/diff/{otherId}', () => {
  let archive: ReturnType<typeof seededArchive>;
  let before: string;
  let after: string;

  beforeEach(async () => {
    archive = seededArchive();
    before = (await archive.add({ url: URL_A, fetchedAt: '2024-03-05T10:00:00.000Z', text: BEFORE })).id;
    after = (await archive.add({ url: `${URL_A}?utm_source=x`, fetchedAt: '2024-03-06T10:00:00.000Z', text: AFTER })).id;
  });

  it('answers JSON by default with both sides and the changes', async () => {
    const response = await archive.app.request(`/v1/captures/${before}/diff/${after}`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as any;
    expect(body.from).toMatchObject({ id: before, capturedAt: '2024-03-05T10:00:00.000Z' });
    expect(body.to).toMatchObject({ id: after, capturedAt: '2024-03-06T10:00:00.000Z' });
    expect(body.from.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(rebuild(body.changes, 'delete')).toBe(BEFORE);
    expect(rebuild(body.changes, 'insert')).toBe(AFTER);
  });

  it('answers a readable HTML page for ?format=html or Accept: text/html, with the edit marked', async () => {
    for (const response of [
      await archive.app.request(`/v1/captures/${before}/diff/${after}?format=html`),
      await archive.app.request(`/v1/captures/${before}/diff/${after}`, { headers: { accept: 'text/html,application/xhtml+xml' } }),
    ]) {
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/html/);
      expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
      const document = new JSDOM(await response.text()).window.document;
      expect(document.querySelector('meta[name="viewport"]')).not.toBeNull();
      const diff = document.getElementById('diff')!;
      expect([...diff.querySelectorAll('del')].map((d) => d.textContent)).toContain('forty');
      expect([...diff.querySelectorAll('ins')].map((d) => d.textContent)).toContain('sixty');
      expect(document.getElementById('diff-summary')!.textContent).toMatch(/words? inserted/);
    }
  });

  it('escapes the texts in the HTML view', async () => {
    const a = await archive.add({ url: 'https://x.example/a', fetchedAt: '2024-01-01T00:00:00Z', text: 'plain' });
    const b = await archive.add({ url: 'https://x.example/a', fetchedAt: '2024-01-02T00:00:00Z', text: 'plain <img src=x onerror=alert(1)>' });
    const page = await (await archive.app.request(`/v1/captures/${a.id}/diff/${b.id}?format=html`)).text();
    expect(page).not.toContain('<img');
    expect(page).toContain('&#60;img');
  });

  it('answers 400 for captures of different URLs', async () => {
    const other = await archive.add({ url: 'https://courier.example/news/other', fetchedAt: '2024-03-06T10:00:00.000Z' });
    const response = await archive.app.request(`/v1/captures/${before}/diff/${other.id}`);
    expect(response.status).toBe(400);
    expect(((await response.json()) as any).error.message).toMatch(/different URLs/);
  });

  it('answers 404 when either capture is missing or not done', async () => {
    const queued = await archive.add({ url: URL_A, fetchedAt: '2024-03-07T10:00:00.000Z', status: 'queued' });
    expect((await archive.app.request(`/v1/captures/${before}/diff/${queued.id}`)).status).toBe(404);
    expect((await archive.app.request(`/v1/captures/nope/diff/${before}`)).status).toBe(404);
  });

  it('refuses to diff a text that no longer matches its digest', async () => {
    const record = (await archive.catalog.get(after))!;
    archive.blobs.objects.set(record.text!.key, new TextEncoder().encode('tampered'));
    const response = await archive.app.request(`/v1/captures/${before}/diff/${after}`);
    expect(response.status).toBe(500);
    expect(((await response.json()) as any).error.code).toBe('integrity');
  });
});
