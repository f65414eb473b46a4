import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../shared/digest.ts';
import { startFixtureSite, type FixtureSite } from '../helpers/fixture-site.ts';
import { startLocalProcess, waitForTerminal, type LocalProcess } from '../helpers/local-process.ts';

const ARTICLE = readFileSync(new URL('../fixtures/site/article.html', import.meta.url), 'utf8');

let site: FixtureSite;
let dataDir: string;
let app: LocalProcess | undefined;
const releaseSlow: Array<() => void> = [];

beforeAll(async () => {
  site = await startFixtureSite({
    '/news/tidal-barrier': { body: ARTICLE },
    '/missing': { status: 404, body: 'gone' },
    // Holds the response until the test releases it, so a capture can be caught in flight.
    '/slow': {
      handle: (_request, response) => {
        releaseSlow.push(() => response.writeHead(200, { 'content-type': 'text/html' }).end(ARTICLE));
      },
    },
  });
  dataDir = await mkdtemp(join(tmpdir(), 'verbatim-e2e-'));
});

afterAll(async () => {
  await app?.stop();
  await site.close();
  await rm(dataDir, { recursive: true, force: true });
});

function env() {
  return { VERBATIM_DATA_DIR: dataDir, VERBATIM_ALLOW_PRIVATE_HOSTS: '127.0.0.1' };
}

async function submit(base: string, url: string): Promise<Record<string, any>> {
  const response = await fetch(`${base}/v1/captures`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${app!.apiKey}` },
    body: JSON.stringify({ url }),
  });
  expect(response.status).toBe(202);
  return (await response.json()) as Record<string, any>;
}

describe('local mode, end to end', () => {
  it('captures an article from a fixture site: record, snapshot, text and raw bytes', async () => {
    app = await startLocalProcess(env());
    expect((await fetch(`${app.url}/health`)).status).toBe(200);

    const submitted = await submit(app.url, site.url('/news/tidal-barrier'));
    expect(submitted.status).toBe('queued');
    const record = await waitForTerminal(app.url, submitted.id);

    expect(record).toMatchObject({ status: 'done', httpStatus: 200, finalUrl: site.url('/news/tidal-barrier') });
    expect(record.title).toContain('Harbour council approves tidal barrier');
    expect(record.authors.join(' ')).toContain('Maria Okafor');
    expect(record.sha256.raw).toBe(sha256Hex(ARTICLE));

    const snapshot = await fetch(record.links.snapshot);
    expect(snapshot.headers.get('content-security-policy')).toMatch(/^sandbox/);
    const snapshotHtml = await snapshot.text();
    expect(sha256Hex(snapshotHtml)).toBe(record.sha256.snapshot);
    expect(snapshotHtml).toContain('Every winter we fill sandbags and hope.');

    const text = await (await fetch(record.links.text)).text();
    expect(text).toContain('The harbour council voted on Tuesday night');
    expect(text).not.toContain('Related stories');
    expect(text).not.toContain('All rights reserved');

    const raw = await fetch(record.links.raw);
    expect(raw.headers.get('content-disposition')).toMatch(/^attachment/);
    expect(await raw.text()).toBe(ARTICLE);

    // The quotes, stored per capture and indexed by speaker.
    const quotes = (await (await fetch(record.links.quotes)).json()) as any;
    expect(quotes.items.map((q: any) => [q.text, q.speaker])).toEqual([
      ['We have waited long enough,', 'Ruth Penhale'],
      ['Every winter we fill sandbags and hope. Now we can plan.', 'Ruth Penhale'],
    ]);
    expect(text.slice(quotes.items[0].start, quotes.items[0].end)).toBe('We have waited long enough,');
    const bySpeaker = (await (await fetch(`${app.url}/v1/quotes?speaker=ruth%20penhale`)).json()) as any;
    expect(bySpeaker.items.map((q: any) => q.captureId)).toEqual([submitted.id, submitted.id]);

    const listing = (await (await fetch(`${app.url}/v1/captures?url=${encodeURIComponent(site.url('/news/tidal-barrier'))}`)).json()) as any;
    expect(listing.items.map((item: any) => item.id)).toEqual([submitted.id]);
  });

  it('ends a capture of a missing page as failed, with a reason', async () => {
    const submitted = await submit(app!.url, site.url('/missing'));
    const record = await waitForTerminal(app!.url, submitted.id);
    expect(record.status).toBe('failed');
    expect(record.failure.code).toBe('http-4xx');
  });

  it('resumes a capture that was in flight when the process was killed (kill -9)', async () => {
    const submitted = await submit(app!.url, site.url('/slow'));
    await expect.poll(() => releaseSlow.length, { timeout: 10_000 }).toBe(1);
    await app!.stop('SIGKILL');
    releaseSlow.splice(0);

    app = await startLocalProcess(env());
    await expect.poll(() => releaseSlow.length, { timeout: 10_000 }).toBe(1);
    releaseSlow.shift()!();
    const record = await waitForTerminal(app.url, submitted.id);
    expect(record.status).toBe('done');
  });
});
