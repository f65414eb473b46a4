/** Pages for the bench: every `.html` / `.html.gz` under a folder, in a stable order. */

import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gunzipSync } from 'node:zlib';

export interface CorpusPage {
  /** Path relative to the corpus folder. */
  name: string;
  path: string;
}

export function listCorpus(dir: string, limit = Infinity): CorpusPage[] {
  const pages: CorpusPage[] = [];
  const walk = (folder: string): void => {
    for (const entry of readdirSync(folder, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.html?(\.gz)?$/i.test(entry.name)) pages.push({ name: relative(dir, path), path });
    }
  };
  walk(dir);
  return pages.slice(0, limit);
}

/** The raw bytes of a page, as a fetcher would have received them. */
export function readPage(path: string): Buffer {
  const bytes = readFileSync(path);
  return path.endsWith('.gz') ? gunzipSync(bytes) : bytes;
}

/** A URL for a page, stable per name (extraction resolves links against it). */
export function pageUrl(name: string): string {
  return `https://bench.example/${name.replace(/\.gz$/, '').replace(/\\/g, '/')}`;
}
