/** `verbatim extract --input-list LIST.jsonl`: the extraction batch contract (no AWS, no network). */

import { toFailure } from '../../errors.ts';
import { extractDocument } from '../../extract/extract.ts';
import { readJsonLines, readListedFile, writeJsonLine, yieldToEventLoop } from '../batch-io.ts';

export async function extractBatch(listPath: string): Promise<void> {
  for await (const { line, value } of readJsonLines(listPath)) {
    const entry = value as { id?: unknown; file?: unknown; url?: unknown };
    const id = typeof entry?.id === 'string' || typeof entry?.id === 'number' ? entry.id : `line-${line}`;
    try {
      if (value instanceof Error) throw value;
      if (typeof entry.file !== 'string') throw new Error('missing "file"');
      const bytes = await readListedFile(listPath, entry.file);
      const url = typeof entry.url === 'string' ? entry.url : 'http://localhost/';
      const document = extractDocument({ bytes, url });
      await writeJsonLine({ id, ok: true, document });
    } catch (error) {
      const failure = toFailure(error);
      const message = failure.code === 'internal' && error instanceof Error ? error.message : failure.message;
      await writeJsonLine({ id, ok: false, error: { code: failure.code, message } });
    }
    await yieldToEventLoop();
  }
}
