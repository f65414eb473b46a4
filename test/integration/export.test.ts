import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../shared/api/app.ts';
import { loadLocalConfig } from '../../shared/config.ts';
import { startVerbatim, type LocalVerbatim } from '../../shared/local/start.ts';
import { systemClock } from '../../shared/ports.ts';

const run = promisify(execFile);
let dataDir: string;
let local: LocalVerbatim;

async function seed(): Promise<void> {
  for (let i = 0; i < 7; i += 1) {
    const now = new Date(Date.now() - i * 60_000).toISOString();
    const id = `exp-${i}`;
    await local.catalog.create({ id, url: `https://export.example/${i}`, status: 'queued', createdAt: now, updatedAt: now });
    await local.catalog.putQuotes([
      { captureId: id, index: 0, text: `quote ${i}`, speaker: 'Ana Díaz', mention: 'she', cue: 'said', kind: 'direct', group: 0, start: 0, end: 7, paragraph: 0, url: `https://export.example/${i}`, title: `T${i}`, capturedAt: now },
    ]);
    await local.catalog.transition(id, ['queued'], 'done', { quoteCount: 1 });
  }
}

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'verbatim-export-'));
  local = await startVerbatim(loadLocalConfig({ VERBATIM_DATA_DIR: dataDir }), { serveHttp: false });
  await seed();
});
afterAll(async () => {
  await local.close().catch(() => {});
  await rm(dataDir, { recursive: true, force: true });
});

describe('GET /v1/export', () => {
  it('streams JSON Lines with quotes, and continues with Link rel=next until every capture is out once', async () => {
    const app = createApp({ catalog: local.catalog, blobs: local.blobs, access: local.access, clock: systemClock });
    const lines: any[] = [];
    let next: string | undefined = 'http://localhost/v1/export?site=export.example&limit=3';
    let responses = 0;
    while (next) {
      const response: Response = await app.request(next);
      expect(response.headers.get('content-type')).toMatch(/^application\/x-ndjson/);
      const body = await response.text();
      lines.push(...body.trim().split('\n').map((line) => JSON.parse(line)));
      next = /<([^>]+)>; rel="next"/.exec(response.headers.get('link') ?? '')?.[1];
      responses += 1;
    }
    expect(responses).toBe(3);
    expect(lines.map((l) => l.id)).toEqual(['exp-0', 'exp-1', 'exp-2', 'exp-3', 'exp-4', 'exp-5', 'exp-6']);
    expect(lines[0].quotes).toEqual([expect.objectContaining({ text: 'quote 0', speaker: 'Ana Díaz' })]);
  });
});

describe('verbatim export', () => {
  it('writes every capture of the local store as JSON Lines', async () => {
    await local.close();
    const { stdout, stderr } = await run(
      join(process.cwd(), 'node_modules/.bin/node'),
      ['--import', 'tsx', 'shared/cli/main.ts', 'export', '--site', 'export.example'],
      { env: { ...process.env, VERBATIM_DATA_DIR: dataDir, VERBATIM_LOG_LEVEL: 'ERROR' } },
    );
    const lines = stdout.trim().split('\n').map((line) => JSON.parse(line));
    expect(lines).toHaveLength(7);
    expect(lines[6]).toMatchObject({ capture: { id: 'exp-6', status: 'done' }, quotes: [{ text: 'quote 6' }] });
    expect(stderr).toMatch(/exported 7 captures/);
  }, 60_000);
});
