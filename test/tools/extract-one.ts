/** Dev aid: extract one page file and print the document (text abridged unless --full). */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { extractDocument } from '../../shared/extract/extract.ts';

const [file, url = 'https://example.com/', flag] = process.argv.slice(2);
if (!file) throw new Error('usage: extract-one.ts FILE [URL] [--full]');
const raw = readFileSync(file);
const bytes = file.endsWith('.gz') ? gunzipSync(raw) : raw;
const document = extractDocument({ bytes, url });
const shown = flag === '--full' ? document : { ...document, text: `${document.text.slice(0, 600)} [...] ${document.text.slice(-400)}`, html: document.html.slice(0, 300) };
console.log(JSON.stringify(shown, null, 1));
