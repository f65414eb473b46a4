/**
 * The audit on the real adapters (s3rver, dynalite): captures made through the real use cases, then the
 * archive is damaged behind the BlobStore's back (it is create-only by design) and the audit must find
 * exactly the damage: one altered object, one missing, one orphan, one stuck capture.
 */

import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DeleteObjectCommand, GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildExtractor } from '../../shared/capture-wiring.ts';
import { auditCommand } from '../../shared/cli/commands/audit.ts';
import { loadLocalConfig } from '../../shared/config.ts';
import type { CaptureRecord } from '../../shared/domain/capture.ts';
import { sha256Hex } from '../../shared/digest.ts';
import { startVerbatim } from '../../shared/local/start.ts';
import { systemClock, type BlobStore, type Catalog } from '../../shared/ports.ts';
import { runAudit } from '../../shared/usecases/audit.ts';
import { runCapture } from '../../shared/usecases/run-capture.ts';
import { submitCapture } from '../../shared/usecases/submit-capture.ts';
import { buildStorage } from '../../shared/wiring.ts';
import { startTestEmulators, type TestEmulators } from '../helpers/emulators.ts';
import { RecordingQueue } from '../helpers/memory-adapters.ts';
import { fetchedPage, stubFetcher } from '../helpers/pages.ts';

const ARTICLE = readFileSync(new URL('../fixtures/site/article.html', import.meta.url), 'utf8');
const HOUR = 60 * 60 * 1000;

interface Storage {
  catalog: Catalog;
  blobs: BlobStore;
  s3: S3Client;
  bucket: string;
}

interface Damage {
  altered: { capture: CaptureRecord; actual: string };
  deleted: CaptureRecord;
  intact: CaptureRecord;
  orphanKey: string;
  stuckId: string;
  freshId: string;
}

/** Three captures through the real use cases (distinct pages, so no object is shared), then the damage. */
async function seedDamagedArchive(storage: Storage): Promise<Damage> {
  const urls = [1, 2, 3].map((n) => `https://courier.example/news/story-${n}`);
  const fetcher = stubFetcher(Object.fromEntries(urls.map((url, n) => [
    url,
    fetchedPage(url, ARTICLE.replace('The harbour council voted', `The harbour council (sitting ${n + 1}) voted`)),
  ])));
  const extractor = buildExtractor();
  const deps = { catalog: storage.catalog, blobs: storage.blobs, fetcher, extractor, clock: systemClock };
  const queue = new RecordingQueue();
  const [a, b, c] = await Promise.all(urls.map(async (url) => {
    const { record: queued } = await submitCapture({ ...deps, queue }, { url });
    const record = await runCapture(deps, { id: queued.id, url: queued.url });
    expect(record?.status).toBe('done');
    return record!;
  }));
  await extractor.close();

  // One flipped byte in a stored raw payload, written straight to S3 (the BlobStore never overwrites).
  const object = await storage.s3.send(new GetObjectCommand({ Bucket: storage.bucket, Key: a!.raw!.key }));
  const bytes = await object.Body!.transformToByteArray();
  bytes[100] = bytes[100]! ^ 0x01;
  await storage.s3.send(new PutObjectCommand({ Bucket: storage.bucket, Key: a!.raw!.key, Body: bytes }));
  await storage.s3.send(new DeleteObjectCommand({ Bucket: storage.bucket, Key: b!.snapshot!.key }));
  const orphan = await storage.blobs.putImmutable('text/sha256', new TextEncoder().encode('never recorded'), 'text/plain', '.txt');

  const now = Date.now();
  const stuck = { id: 'stuck-capture', url: 'https://courier.example/news/stuck', status: 'queued' as const };
  const longAgo = new Date(now - 3 * HOUR).toISOString();
  await storage.catalog.create({ ...stuck, createdAt: longAgo, updatedAt: longAgo });
  const fresh = new Date(now).toISOString();
  await storage.catalog.create({ id: 'fresh-capture', url: 'https://courier.example/news/fresh', status: 'queued', createdAt: fresh, updatedAt: fresh });

  return {
    altered: { capture: a!, actual: sha256Hex(bytes) },
    deleted: b!,
    intact: c!,
    orphanKey: orphan.key,
    stuckId: stuck.id,
    freshId: 'fresh-capture',
  };
}

describe('runAudit on the emulators', () => {
  let emulators: TestEmulators;
  let storage: Storage;
  let damage: Damage;

  beforeAll(async () => {
    emulators = await startTestEmulators();
    const { catalog, blobs } = buildStorage(emulators.clients, emulators.bucket, emulators.table);
    storage = { catalog, blobs, s3: emulators.clients.s3, bucket: emulators.bucket };
    damage = await seedDamagedArchive(storage);
  }, 60_000);
  afterAll(() => emulators.dispose());

  it('finds exactly the altered and the missing object, the orphan and the stuck capture', async () => {
    const report = await runAudit({ catalog: storage.catalog, blobs: storage.blobs, clock: systemClock });

    const { altered, deleted } = damage;
    expect(report.ok).toBe(false);
    expect([...report.problems].sort((x, y) => x.kind.localeCompare(y.kind))).toEqual([
      { kind: 'mismatch', captureId: altered.capture.id, name: 'raw', key: altered.capture.raw!.key, expected: altered.capture.raw!.sha256, actual: altered.actual },
      { kind: 'missing', captureId: deleted.id, name: 'snapshot', key: deleted.snapshot!.key, expected: deleted.snapshot!.sha256, actual: null },
    ]);
    expect(report.orphans).toEqual([damage.orphanKey]);
    expect(report.orphansChecked).toBe(true);
    expect(report.stuck).toEqual([expect.objectContaining({ captureId: damage.stuckId, status: 'queued' })]);
    // 3 captures x (raw, warc, snapshot, text), plus the two queued records that have no objects yet.
    expect(report.counts).toEqual({
      records: 5, objects: 12, verified: 10, mismatched: 1, missing: 1, unreadable: 0, fixityFailures: 2, orphans: 1, stuck: 1,
    });
    expect(report.truncated).toBe(false);
  });

  it('reports a recent queued capture as stuck only once it is older than the threshold', async () => {
    const report = await runAudit(
      { catalog: storage.catalog, blobs: storage.blobs, clock: { now: () => new Date(Date.now() + HOUR) } },
      { stuckAfterMs: 30 * 60 * 1000 },
    );
    expect(report.stuck.map((s) => s.captureId).sort()).toEqual([damage.freshId, damage.stuckId].sort());
  });

  it('keeps the counts exact when the detail lists are capped', async () => {
    const report = await runAudit({ catalog: storage.catalog, blobs: storage.blobs, clock: systemClock }, { maxDetails: 1, concurrency: 1 });
    expect(report.problems).toHaveLength(1);
    expect(report.counts.fixityFailures).toBe(2);
    expect(report.truncated).toBe(true);
  });
});

describe('verbatim audit (local store)', () => {
  let dataDir: string;
  const savedDataDir = process.env.VERBATIM_DATA_DIR;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'verbatim-audit-cli-'));
    process.env.VERBATIM_DATA_DIR = dataDir;
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });
  afterAll(async () => {
    if (savedDataDir === undefined) delete process.env.VERBATIM_DATA_DIR;
    else process.env.VERBATIM_DATA_DIR = savedDataDir;
    await rm(dataDir, { recursive: true, force: true });
  });

  function captureOutput() {
    const out: string[] = [];
    const err: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => (out.push(String(chunk)), true));
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => (err.push(String(chunk)), true));
    return { out: () => out.join(''), err: () => err.join('') };
  }

  it('exits 0 on an empty archive', async () => {
    const output = captureOutput();
    expect(await auditCommand()).toBe(0);
    expect(output.out()).toContain('archive verified');
  });

  it('exits 3 and names every damaged object on stderr, orphans and stuck captures on stdout', async () => {
    const local = await startVerbatim(loadLocalConfig(), { serveHttp: false, resume: false });
    let damage: Damage;
    try {
      damage = await seedDamagedArchive({ catalog: local.catalog, blobs: local.blobs, s3: local.emulators.clients.s3, bucket: local.emulators.bucket });
    } finally {
      await local.close();
    }

    const output = captureOutput();
    const code = await auditCommand();

    expect(code).toBe(3);
    expect(output.err()).toMatch(new RegExp(`MISMATCH\\s+raw\\s+capture ${damage.altered.capture.id}\\s+${damage.altered.capture.raw!.key}`));
    expect(output.err()).toContain(`found sha256:${damage.altered.actual}`);
    expect(output.err()).toMatch(new RegExp(`MISSING\\s+snapshot\\s+capture ${damage.deleted.id}`));
    expect(output.err()).toContain('FIXITY FAILURE: 2 object(s)');
    expect(output.out()).toContain(`ORPHAN     ${damage.orphanKey}`);
    expect(output.out()).toContain(`STUCK      capture ${damage.stuckId} queued`);
    expect(output.out()).not.toContain(damage.intact.id);
  }, 60_000);

  it('prints the full report as JSON with --json', async () => {
    const output = captureOutput();
    expect(await auditCommand({ json: true })).toBe(3);
    const report = JSON.parse(output.out());
    expect(report.counts).toMatchObject({ mismatched: 1, missing: 1, orphans: 1, stuck: 1 });
  }, 60_000);
});
