/** At-least-once delivery: duplicate and concurrent runs of one job converge on one record and one set of objects. */

import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildExtractor } from '../../shared/capture-wiring.ts';
import { systemClock } from '../../shared/ports.ts';
import { runCapture, type CaptureDeps } from '../../shared/usecases/run-capture.ts';
import { submitCapture } from '../../shared/usecases/submit-capture.ts';
import { buildStorage } from '../../shared/wiring.ts';
import { startTestEmulators, type TestEmulators } from '../helpers/emulators.ts';
import { RecordingQueue } from '../helpers/memory-adapters.ts';
import { fetchedPage, stubFetcher } from '../helpers/pages.ts';

const ARTICLE = readFileSync(new URL('../fixtures/site/article.html', import.meta.url), 'utf8');
const URL_A = 'https://courier.example/news/tidal-barrier';

let emulators: TestEmulators;
let deps: CaptureDeps;

beforeAll(async () => {
  emulators = await startTestEmulators();
  const { catalog, blobs } = buildStorage(emulators.clients, emulators.bucket, emulators.table);
  deps = { catalog, blobs, fetcher: stubFetcher({ [URL_A]: fetchedPage(URL_A, ARTICLE) }), extractor: buildExtractor(), clock: systemClock };
});
afterAll(() => emulators.dispose());

async function objectKeys(): Promise<string[]> {
  const keys: string[] = [];
  for await (const key of deps.blobs.list!('')) keys.push(key);
  return keys.sort();
}

describe('capture delivery on the emulators', () => {
  it('a job delivered twice ends in one done record with the same objects', async () => {
    const { record: queued } = await submitCapture({ ...deps, queue: new RecordingQueue() }, { url: URL_A });
    const first = await runCapture(deps, queued);
    const keysAfterFirst = await objectKeys();
    const second = await runCapture(deps, queued);

    expect(first?.status).toBe('done');
    expect(second).toEqual(first);
    expect(await objectKeys()).toEqual(keysAfterFirst);
  });
  // Concurrent workers on one job: test/integration/faults.test.ts (25 workers, with the invariants).
});
