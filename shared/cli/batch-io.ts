/** Line-oriented JSON input and output for the batch commands. */

import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { gunzipSync } from 'node:zlib';

/** Yield each JSON object of a JSON Lines file; a malformed line yields an Error in its place. */
export async function* readJsonLines(path: string): AsyncGenerator<{ line: number; value: unknown }> {
  const lines = createInterface({ input: createReadStream(path), crlfDelay: Infinity });
  let line = 0;
  for await (const text of lines) {
    line += 1;
    if (!text.trim()) continue;
    try {
      yield { line, value: JSON.parse(text) as unknown };
    } catch {
      yield { line, value: new Error(`line ${line} is not valid JSON`) };
    }
  }
}

/** Read a page file named in a list, relative to the list's folder; `.gz` files are gunzipped. */
export async function readListedFile(listPath: string, file: string): Promise<Uint8Array> {
  const bytes = await readFile(resolve(dirname(listPath), file));
  return file.endsWith('.gz') ? gunzipSync(bytes) : bytes;
}

/** Write one JSON line to stdout, waiting when the pipe is full. */
export async function writeJsonLine(value: unknown): Promise<void> {
  const text = `${JSON.stringify(value)}\n`;
  if (!process.stdout.write(text)) {
    await new Promise<void>((done) => process.stdout.once('drain', done));
  }
}
