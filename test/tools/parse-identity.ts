import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { Readability } from '@mozilla/readability';
import { JSDOM, VirtualConsole } from 'jsdom';
import { parseHtml } from '../../shared/extract/parse.ts';
import { decodePage } from '../../shared/extract/decode.ts';
const quiet = new VirtualConsole();
const lines = readFileSync(process.argv[2]!, 'utf8').split('\n').filter(Boolean);
const step = Number(process.argv[3] ?? 1);
let same = 0, diff = 0, tFresh = 0, tShared = 0;
const run = (doc: Document) => { try { const a = new Readability(doc).parse(); return JSON.stringify(a); } catch (e) { return 'ERR ' + String(e).slice(0, 80); } };
for (const [i, line] of lines.entries()) {
  if (i % step) continue;
  const { id, file, url } = JSON.parse(line);
  const raw = readFileSync(file); const bytes = file.endsWith('.gz') ? gunzipSync(raw) : raw;
  const html = decodePage(bytes).text;
  let t = performance.now();
  const dom = new JSDOM(html, { url, virtualConsole: quiet });
  const a = run(dom.window.document); dom.window.close();
  tFresh += performance.now() - t;
  await new Promise((r) => setImmediate(r));
  t = performance.now();
  const b = run(parseHtml(html, url));
  tShared += performance.now() - t;
  if (a === b) same++; else { diff++; console.log('DIFF', id, a.length, b.length); }
  await new Promise((r) => setImmediate(r));
}
console.log({ same, diff, tFresh: Math.round(tFresh), tShared: Math.round(tShared), ratio: (tShared / tFresh).toFixed(3), rss: Math.round(process.memoryUsage().rss / 1e6) });
