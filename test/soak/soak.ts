/**
 * Soak run (a script, not a test): N submissions at a sustained rate through the local HTTP API,
 * against a fixture site on 127.0.0.1 where 10% of pages are slow and 5% fail (half of those
 * transiently). Checks that every submission ends terminal, none is lost, none duplicated, and
 * reports the submission and completion rates.
 *
 *   npm run soak -- --count 10000 --rate 40
 */

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { newApiKey } from '../../shared/auth/api-keys.ts';
import { loadLocalConfig } from '../../shared/config.ts';
import { startVerbatim } from '../../shared/local/start.ts';
import { startFixtureSite } from '../helpers/fixture-site.ts';

const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '10000' },
    rate: { type: 'string', default: '40' },
    pages: { type: 'string', default: '400' },
    workers: { type: 'string', default: '8' },
    'slow-ms': { type: 'string', default: '1500' },
    'timeout-min': { type: 'string', default: '30' },
  },
});
const COUNT = Number(values.count);
const RATE = Number(values.rate);
const PAGES = Number(values.pages);
const SLOW_MS = Number(values['slow-ms']);

function page(i: number): string {
  const paragraphs = Array.from({ length: 6 }, (_, p) =>
    `<p>Paragraph ${p} of soak story ${i}. The council met on Tuesday and said “we will publish the figures next week,” according to a spokesperson for the harbour board, who added that the work would continue.</p>`,
  ).join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Soak story ${i} | Soak Times</title><meta name="author" content="Reporter ${i % 17}"></head><body><nav>Home News</nav><article><h1>Soak story ${i}</h1>${paragraphs}</article><footer>© Soak Times</footer></body></html>`;
}

async function main(): Promise<void> {
  const routes: Parameters<typeof startFixtureSite>[0] = {};
  for (let i = 0; i < PAGES; i += 1) {
    const kind = i % 20 === 0 ? 'fail-permanent' : i % 20 === 10 ? 'fail-transient' : i % 10 === 5 ? 'slow' : 'ok';
    routes[`/story/${i}`] =
      kind === 'fail-permanent'
        ? { status: 404, body: 'gone' }
        : kind === 'fail-transient'
          ? { status: 503, body: 'busy', headers: { 'retry-after': '1' } }
          : kind === 'slow'
            ? { handle: (_req, res) => void setTimeout(() => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page(i)), SLOW_MS) }
            : { body: page(i) };
  }
  const site = await startFixtureSite(routes);
  const dataDir = await mkdtemp(join(tmpdir(), 'verbatim-soak-'));
  const local = await startVerbatim(
    loadLocalConfig({
      PORT: '0',
      VERBATIM_DATA_DIR: dataDir,
      VERBATIM_ALLOW_PRIVATE_HOSTS: '127.0.0.1',
      VERBATIM_WORKERS: values.workers,
      VERBATIM_LOG_LEVEL: 'ERROR',
    }),
  );
  const key = newApiKey('soak', { perMinute: 1_000_000, perDay: 10_000_000 });
  await local.access.putKey(key.record);

  const started = Date.now();
  const accepted: string[] = [];
  let refused = 0;
  const interval = 1000 / RATE;
  const inflight = new Set<Promise<void>>();
  for (let i = 0; i < COUNT; i += 1) {
    const due = started + i * interval;
    const wait = due - Date.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const submission = fetch(`${local.url}/v1/captures`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key.secret}` },
      // Every submission its own capture (a query string makes the URL unique).
      body: JSON.stringify({ url: site.url(`/story/${i % PAGES}?n=${i}`) }),
    })
      .then(async (response) => {
        if (response.status === 202) accepted.push(((await response.json()) as { id: string }).id);
        else refused += 1;
      })
      .catch(() => void (refused += 1));
    inflight.add(submission);
    void submission.finally(() => inflight.delete(submission));
    if (i % 1000 === 999) process.stderr.write(`submitted ${i + 1}/${COUNT} (${((i + 1) / ((Date.now() - started) / 1000)).toFixed(1)}/s)\n`);
  }
  await Promise.all(inflight);
  const submittedIn = (Date.now() - started) / 1000;

  // Wait until every accepted capture is terminal.
  const deadline = Date.now() + Number(values['timeout-min']) * 60_000;
  let states = new Map<string, string>();
  for (;;) {
    states = new Map();
    for (const id of accepted) states.set(id, (await local.catalog.get(id))?.status ?? 'missing');
    const open = [...states.values()].filter((s) => s !== 'done' && s !== 'failed').length;
    process.stderr.write(`waiting: ${open} of ${accepted.length} not terminal\n`);
    if (open === 0 || Date.now() > deadline) break;
    await new Promise((resolve) => setTimeout(resolve, 5000));
  }
  const finishedIn = (Date.now() - started) / 1000;

  const records = [];
  for await (const record of local.catalog.scanRecords()) records.push(record);
  const ids = records.map((r) => r.id);
  const tally = (status: string) => [...states.values()].filter((s) => s === status).length;
  const failures = new Map<string, number>();
  for (const r of records) if (r.failure) failures.set(r.failure.code, (failures.get(r.failure.code) ?? 0) + 1);
  const result = {
    submitted: COUNT,
    accepted: accepted.length,
    refused,
    done: tally('done'),
    failed: tally('failed'),
    notTerminal: accepted.length - tally('done') - tally('failed'),
    lost: accepted.filter((id) => !ids.includes(id)).length,
    duplicated: ids.length - new Set(ids).size,
    failureCodes: Object.fromEntries(failures),
    submissionRatePerSecond: Number((COUNT / submittedIn).toFixed(1)),
    completionRatePerMinute: Number(((accepted.length / finishedIn) * 60).toFixed(0)),
    wallSeconds: Number(finishedIn.toFixed(0)),
  };
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  const ok = result.notTerminal === 0 && result.lost === 0 && result.duplicated === 0 && result.refused === 0;
  process.stdout.write(ok ? 'soak: OK, every submission terminal, none lost, none duplicated\n' : 'soak: FAILED\n');

  await local.close();
  await site.close();
  await rm(dataDir, { recursive: true, force: true });
  process.exitCode = ok ? 0 : 1;
}

main().catch((error: unknown) => {
  process.stderr.write(`soak crashed: ${(error as Error).stack}\n`);
  process.exitCode = 1;
});
