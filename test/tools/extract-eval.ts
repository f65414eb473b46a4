/**
 * Dev aid: run extractDocument in-process over a batch list (optionally one shard of it), print batch
 * output lines on stdout and CPU time on stderr. With --baseline, also time plain Readability on a fresh
 * JSDOM per page (the reference the issue compares against) in the same run.
 *
 *   tsx test/tools/extract-eval.ts LIST.jsonl [--shard i/n] [--baseline] > OUT.jsonl
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { Readability } from '@mozilla/readability';
import { JSDOM, VirtualConsole } from 'jsdom';
import { toFailure } from '../../shared/errors.ts';
import { extractDocument } from '../../shared/extract/extract.ts';

const args = process.argv.slice(2);
const list = args[0];
if (!list) throw new Error('usage: extract-eval.ts LIST.jsonl [--shard i/n] [--baseline]');
const shardArg = args.includes('--shard') ? args[args.indexOf('--shard') + 1] ?? '0/1' : '0/1';
const [shard, shards] = shardArg.split('/').map(Number) as [number, number];
const baseline = args.includes('--baseline');
const dump = args.includes('--candidates');
const quiet = new VirtualConsole();

function cpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

function plainReadability(bytes: Uint8Array, url: string): void {
  let input: string | Buffer;
  try {
    input = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    input = Buffer.from(bytes);
  }
  const dom = new JSDOM(input, { url: URL.canParse(url) ? url : 'http://localhost/', virtualConsole: quiet });
  try {
    new Readability(dom.window.document).parse();
  } catch {
    // counted as a failure by the baseline; only its time matters here
  } finally {
    dom.window.close();
  }
}

let ours = 0;
let theirs = 0;
let pages = 0;
let slowest = { id: '', ms: 0 };
const lines = readFileSync(list, 'utf8').split('\n').filter((l) => l.trim());
for (const [index, line] of lines.entries()) {
  if (index % shards !== shard) continue;
  const { id, file, url } = JSON.parse(line) as { id: string; file: string; url: string };
  const raw = readFileSync(file);
  const bytes = file.endsWith('.gz') ? gunzipSync(raw) : raw;
  pages += 1;
  const timeBaseline = async (): Promise<void> => {
    const t0 = cpuMs();
    plainReadability(bytes, url);
    theirs += cpuMs() - t0;
    await new Promise((done) => setImmediate(done));
  };
  // Alternate which runs first, so neither gains from the other's warm caches.
  if (baseline && index % 2 === 0) await timeBaseline();
  const t0 = cpuMs();
  let row: unknown;
  try {
    let candidates: unknown = null;
    const document = extractDocument({ bytes, url }, dump ? { inspect: (c) => { candidates = c; } } : {});
    row = { id, ok: true, document, ...(dump ? { candidates } : {}) };
  } catch (error) {
    row = { id, ok: false, error: toFailure(error), detail: error instanceof Error ? error.message : String(error) };
  }
  const spent = cpuMs() - t0;
  ours += spent;
  if (spent > slowest.ms) slowest = { id, ms: spent };
  await new Promise((done) => setImmediate(done));
  if (baseline && index % 2 === 1) await timeBaseline();
  process.stdout.write(`${JSON.stringify(row)}\n`);
  await new Promise((done) => setImmediate(done));
}
process.stderr.write(`pages=${pages} ours_cpu_ms=${ours.toFixed(0)} slowest=${slowest.id}:${slowest.ms.toFixed(0)}ms`
  + (baseline ? ` readability_cpu_ms=${theirs.toFixed(0)} ratio=${(ours / theirs).toFixed(3)}` : '') + '\n');
