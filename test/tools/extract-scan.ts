/** Print markup stats (elements, depth estimate) and charset decisions for a batch list: tuning aid for the guards. */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { decodePage } from '../../shared/extract/decode.ts';
import { scanMarkup } from '../../shared/extract/guards.ts';

const list = process.argv[2];
if (!list) throw new Error('usage: extract-scan.ts LIST.jsonl');
for (const line of readFileSync(list, 'utf8').split('\n')) {
  if (!line.trim()) continue;
  const { id, file } = JSON.parse(line) as { id: string; file: string };
  const raw = readFileSync(file);
  const bytes = file.endsWith('.gz') ? gunzipSync(raw) : raw;
  const t0 = performance.now();
  const decoded = decodePage(bytes);
  const stats = scanMarkup(decoded.text);
  const ms = performance.now() - t0;
  console.log([id, bytes.byteLength, stats.elements, stats.depth, decoded.charset.name, decoded.charset.source, ms.toFixed(1)].join('\t'));
}
