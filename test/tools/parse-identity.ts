/**
 * Dev aid for issue #8: Readability's output through `parseHtml` (one shared jsdom window) against a
 * fresh `new JSDOM` per page, on every page of a batch list; prints each page that differs and totals.
 *
 *   tsx test/tools/parse-identity.ts LIST.jsonl [EVERY_NTH]
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { Readability } from '@mozilla/readability';
import { JSDOM, VirtualConsole } from 'jsdom';
import { decodePage } from '../../shared/extract/decode.ts';
import { parseHtml } from '../../shared/extract/parse.ts';

const quiet = new VirtualConsole();
const list = process.argv[2];
if (!list) throw new Error('usage: parse-identity.ts LIST.jsonl [EVERY_NTH]');
const step = Number(process.argv[3] ?? 1);
const lines = readFileSync(list, 'utf8').split('\n').filter(Boolean);

function readability(document: Document): string {
  try {
    return JSON.stringify(new Readability(document).parse());
  } catch (error) {
    return `threw ${String(error).slice(0, 80)}`;
  }
}

function validUrl(url: string): string {
  try {
    return new URL(url).href;
  } catch {
    return 'http://localhost/';
  }
}

const turn = () => new Promise((resolve) => setImmediate(resolve));
let same = 0;
let differ = 0;
for (const [index, line] of lines.entries()) {
  if (index % step) continue;
  const { id, file, url } = JSON.parse(line) as { id: string; file: string; url: string };
  const raw = readFileSync(file);
  const html = decodePage(file.endsWith('.gz') ? gunzipSync(raw) : raw).text;
  const href = validUrl(url);
  const dom = new JSDOM(html, { url: href, virtualConsole: quiet });
  const fresh = readability(dom.window.document);
  dom.window.close();
  await turn();
  const shared = readability(parseHtml(html, href));
  if (fresh === shared) same += 1;
  else {
    differ += 1;
    process.stdout.write(`differs: ${id} (${fresh.length} vs ${shared.length} chars)\n`);
  }
  await turn();
}
process.stdout.write(`pages ${same + differ}: identical ${same}, different ${differ}\n`);
