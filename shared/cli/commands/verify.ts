/** `verbatim verify <id>`: recompute every digest of a capture in the local store; loud on mismatch. */

import { loadLocalConfig } from '../../config.ts';
import { startVerbatim } from '../../local/start.ts';
import { systemClock } from '../../ports.ts';
import { verifyCapture } from '../../usecases/verify-capture.ts';

export async function verifyOne(id: string): Promise<number> {
  const verbatim = await startVerbatim(loadLocalConfig(), { serveHttp: false, resume: false });
  try {
    const report = await verifyCapture({ catalog: verbatim.catalog, blobs: verbatim.blobs, clock: systemClock }, id);
    for (const check of report.objects) {
      const line = check.ok
        ? `ok        ${check.name.padEnd(8)} sha256:${check.expected}`
        : `MISMATCH  ${check.name.padEnd(8)} expected sha256:${check.expected}, found ${check.actual ? `sha256:${check.actual}` : check.error}`;
      (check.ok ? process.stdout : process.stderr).write(`${line}\n`);
    }
    process.stdout.write(report.ok ? `capture ${id}: all ${report.objects.length} objects verified\n` : '');
    if (!report.ok) process.stderr.write(`capture ${id}: FIXITY FAILURE\n`);
    return report.ok ? 0 : 3;
  } finally {
    await verbatim.close();
  }
}
