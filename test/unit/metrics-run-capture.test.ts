import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildExtractor } from '../../shared/capture-wiring.ts';
import { FetchError } from '../../shared/errors.ts';
import type { CaptureOutcome, VerbatimMetrics } from '../../shared/metrics.ts';
import { runCapture, type CaptureDeps } from '../../shared/usecases/run-capture.ts';
import { submitCapture } from '../../shared/usecases/submit-capture.ts';
import { MemoryBlobStore, MemoryCatalog, RecordingQueue } from '../helpers/memory-adapters.ts';
import { fetchedPage, stubFetcher } from '../helpers/pages.ts';

const ARTICLE = readFileSync(new URL('../fixtures/site/article.html', import.meta.url), 'utf8');
const URL_A = 'https://courier.example/news/tidal-barrier';

function recording(): VerbatimMetrics & { captures: CaptureOutcome[] } {
  const captures: CaptureOutcome[] = [];
  return { captures, captureFinished: (c) => void captures.push(c), auditFinished: () => {} };
}

describe('runCapture metrics', () => {
  it('reports a done capture once, with fetch and extraction time and the new bytes stored', async () => {
    const metrics = recording();
    const catalog = new MemoryCatalog();
    const blobs = new MemoryBlobStore();
    const deps: CaptureDeps = { catalog, blobs, fetcher: stubFetcher({ [URL_A]: fetchedPage(URL_A, ARTICLE) }), extractor: buildExtractor(), clock: { now: () => new Date() }, metrics };
    const { record: queued } = await submitCapture({ ...deps, queue: new RecordingQueue() }, { url: URL_A });
    const record = await runCapture(deps, { id: queued.id, url: queued.url });
    await runCapture(deps, { id: queued.id, url: queued.url }); // duplicate delivery: not counted again

    expect(metrics.captures).toHaveLength(1);
    const [outcome] = metrics.captures;
    expect(outcome).toMatchObject({ outcome: 'done' });
    expect(outcome!.fetchMs).toBeGreaterThanOrEqual(0);
    expect(outcome!.extractMs).toBeGreaterThan(0);
    expect(outcome!.bytesStored).toBe(record!.raw!.size + record!.warc!.size + record!.snapshot!.size + record!.text!.size);
  });

  it('reports a failed capture with its failure code', async () => {
    const metrics = recording();
    const catalog = new MemoryCatalog();
    const deps: CaptureDeps = { catalog, blobs: new MemoryBlobStore(), fetcher: stubFetcher({ [URL_A]: new FetchError('http-4xx', 'gone') }), extractor: buildExtractor(), clock: { now: () => new Date() }, metrics };
    const { record: queued } = await submitCapture({ ...deps, queue: new RecordingQueue() }, { url: URL_A });
    await runCapture(deps, { id: queued.id, url: queued.url });
    expect(metrics.captures).toEqual([expect.objectContaining({ outcome: 'failed', failureCode: 'http-4xx', bytesStored: 0 })]);
  });
});
