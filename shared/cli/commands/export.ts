/** `verbatim export [selectors] [--out FILE]`: JSON Lines of captures from the local store, with progress. */

import { createWriteStream } from 'node:fs';
import type { Writable } from 'node:stream';
import { parseCaptureQuery } from '../../api/capture-query.ts';
import { loadLocalConfig } from '../../config.ts';
import { startVerbatim } from '../../local/start.ts';
import { exportCaptures } from '../../usecases/export-captures.ts';

export interface ExportOptions {
  url?: string | undefined;
  site?: string | undefined;
  author?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  publishedFrom?: string | undefined;
  publishedTo?: string | undefined;
  out?: string | undefined;
}

export async function exportCommand(options: ExportOptions): Promise<number> {
  const { out, ...selectors } = options;
  const query = parseCaptureQuery(selectors);
  const verbatim = await startVerbatim(loadLocalConfig(), { serveHttp: false, resume: false });
  const sink: Writable = out ? createWriteStream(out) : process.stdout;
  const progress = process.stderr.isTTY ? (text: string) => process.stderr.write(`\r${text}`) : () => {};
  let count = 0;
  try {
    for await (const line of exportCaptures(verbatim.catalog, query)) {
      if (!sink.write(`${JSON.stringify(line)}\n`)) await new Promise((resolve) => sink.once('drain', resolve));
      count += 1;
      if (count % 50 === 0) progress(`exported ${count} captures...`);
    }
    if (out) await new Promise<void>((resolve, reject) => sink.end((error?: Error | null) => (error ? reject(error) : resolve())));
    process.stderr.write(`${process.stderr.isTTY ? '\r' : ''}exported ${count} captures${out ? ` to ${out}` : ''}\n`);
    return 0;
  } finally {
    await verbatim.close();
  }
}
