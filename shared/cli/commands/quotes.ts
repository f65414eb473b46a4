/** `verbatim quotes --input-list LIST.jsonl`: the quotation batch contract. */

import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { extractQuotes } from '../../quotes/extract-quotes.ts';
import { readJsonLines, writeJsonLine } from '../batch-io.ts';

export async function quotesBatch(listPath: string): Promise<void> {
  for await (const { line, value } of readJsonLines(listPath)) {
    const entry = value as { id?: unknown; file?: unknown; text?: unknown };
    const id = typeof entry?.id === 'string' || typeof entry?.id === 'number' ? entry.id : `line-${line}`;
    try {
      if (value instanceof Error) throw value;
      const text =
        typeof entry.text === 'string'
          ? entry.text
          : typeof entry.file === 'string'
            ? await readFile(resolve(dirname(listPath), entry.file), 'utf8')
            : undefined;
      if (text === undefined) throw new Error('each line needs "text" or "file"');
      const quotes = extractQuotes(text).map(({ text, speaker, cue, start, end, kind, group }) => ({
        text, speaker, cue, start, end, kind, group,
      }));
      await writeJsonLine({ id, quotes });
    } catch (error) {
      await writeJsonLine({ id, quotes: [], error: { code: 'bad-input', message: (error as Error).message } });
    }
  }
}
