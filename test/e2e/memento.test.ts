import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatHttpDate } from '../../shared/memento/http-date.ts';
import { linksWithRel, parseLinks } from '../../shared/memento/link-format.ts';
import { startFixtureSite, type FixtureSite } from '../helpers/fixture-site.ts';
import { startLocalProcess, waitForTerminal, type LocalProcess } from '../helpers/local-process.ts';

const page = (edition: number) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Tide tables, edition ${edition}</title></head>
<body><main><article><h1>Tide tables, edition ${edition}</h1>
<p>The harbour master publishes the tide tables every week so that the fishing fleet can plan its trips around the estuary bar. This is edition ${edition}.</p>
<p>High water on Saturday is expected in the early morning, and the evening tide will be lower than usual because of the neap cycle and the calm weather.</p>
</article></main></body></html>`;

let site: FixtureSite;
let dataDir: string;
let app: LocalProcess;
let edition = 1;

beforeAll(async () => {
  site = await startFixtureSite({ '/tides': { handle: (_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(page(edition)) } });
  dataDir = await mkdtemp(join(tmpdir(), 'verbatim-memento-'));
  app = await startLocalProcess({ VERBATIM_DATA_DIR: dataDir, VERBATIM_ALLOW_PRIVATE_HOSTS: '127.0.0.1' });
});

afterAll(async () => {
  await app?.stop();
  await site?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

async function capture(url: string): Promise<Record<string, any>> {
  const response = await fetch(`${app.url}/v1/captures`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${app.apiKey}` }, body: JSON.stringify({ url }) });
  return waitForTerminal(app.url, ((await response.json()) as { id: string }).id);
}

describe('Memento on the local app', () => {
  it('serves a TimeMap and a TimeGate over three captures of one URL', async () => {
    const captures: Array<Record<string, any>> = [];
    for (edition = 1; edition <= 3; edition++) {
      // A tracking parameter on one submission must not split the URL's history.
      captures.push(await capture(edition === 2 ? `${site.url('/tides')}?utm_source=rss` : site.url('/tides')));
      // Captures a second and more apart, so RFC 1123 datetimes (whole seconds) tell them apart.
      await new Promise((resolve) => setTimeout(resolve, 1100));
    }
    expect(captures.map((c) => c.status)).toEqual(['done', 'done', 'done']);

    const timemap = await fetch(`${app.url}/timemap/link/${site.url('/tides')}`);
    expect(timemap.status).toBe(200);
    expect(timemap.headers.get('content-type')).toMatch(/^application\/link-format/);
    const text = await timemap.text();
    const mementos = linksWithRel(parseLinks(text), 'memento');
    expect(mementos.map((m) => m.uri)).toEqual(captures.map((c) => c.links.snapshot));
    // Kept for the record (and the closing note): a real TimeMap with three captures.
    const out = fileURLToPath(new URL('../../test-output/', import.meta.url));
    await mkdir(out, { recursive: true });
    await writeFile(join(out, 'timemap-three-captures.txt'), text);

    const second = captures[1]!;
    const gate = await fetch(`${app.url}/timegate/${site.url('/tides')}`, {
      redirect: 'manual',
      headers: { 'Accept-Datetime': formatHttpDate(second.fetchedAt) },
    });
    expect(gate.status).toBe(302);
    expect(gate.headers.get('location')).toBe(second.links.snapshot);
    expect(gate.headers.get('vary')).toBe('accept-datetime');
    const links = parseLinks(gate.headers.get('link')!);
    expect(linksWithRel(links, 'prev')[0]!.uri).toBe(captures[0]!.links.snapshot);
    expect(linksWithRel(links, 'next')[0]!.uri).toBe(captures[2]!.links.snapshot);

    const memento = await fetch(gate.headers.get('location')!);
    expect(await memento.text()).toContain('edition 2');
    expect(memento.headers.get('memento-datetime')).toBe(formatHttpDate(second.fetchedAt));
    expect(linksWithRel(parseLinks(memento.headers.get('link')!), 'original')[0]!.uri).toBe(site.url('/tides'));
  });
});
