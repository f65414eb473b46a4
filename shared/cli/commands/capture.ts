/** `verbatim capture <url>`: capture one URL into the local store and print the record. */

import { presentCapture } from '../../api/present.ts';
import { loadLocalConfig } from '../../config.ts';
import { startVerbatim } from '../../local/start.ts';
import { systemClock } from '../../ports.ts';
import { runCapture } from '../../usecases/run-capture.ts';
import { submitCapture } from '../../usecases/submit-capture.ts';

export async function captureOne(url: string): Promise<number> {
  const config = loadLocalConfig();
  const verbatim = await startVerbatim(config, { serveHttp: false });
  try {
    // Queue as the API would, then run the job here and now rather than on the background queue.
    const { record: queued } = await submitCapture(
      { catalog: verbatim.catalog, queue: { enqueue: async () => {} }, clock: systemClock },
      { url },
    );
    const record = await runCapture(verbatim.captureDeps, { id: queued.id, url: queued.url });
    const base = `http://${config.HOST}:${config.PORT}`;
    process.stdout.write(`${JSON.stringify(presentCapture(record ?? queued, base), null, 2)}\n`);
    return record?.status === 'done' ? 0 : 1;
  } finally {
    await verbatim.close();
  }
}
