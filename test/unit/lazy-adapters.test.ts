import { describe, expect, it } from 'vitest';
import type { BlobStore } from '../../shared/ports.ts';
import { lazyBlobStore, lazyQueue } from '../../shared/wiring.ts';

const store = (bytes: Uint8Array): BlobStore => ({
  putImmutable: async (prefix, body) => ({ key: `${prefix}/k`, sha256: 'x', size: body.byteLength, created: true }),
  get: async () => bytes,
});

describe('lazy adapters (the API function loads S3 and SQS on first use)', () => {
  it('loads the adapter on the first call only, and not before', async () => {
    let loads = 0;
    const blobs = lazyBlobStore(async () => {
      loads++;
      return store(new Uint8Array([1, 2]));
    });
    expect(loads).toBe(0);
    const [a, b] = await Promise.all([blobs.get('a'), blobs.get('b')]);
    await blobs.putImmutable('p', new Uint8Array(3), 'text/plain');
    expect([...a]).toEqual([1, 2]);
    expect([...b]).toEqual([1, 2]);
    expect(loads).toBe(1);
  });

  it('tries the load again after a failed one instead of keeping the failure', async () => {
    let loads = 0;
    const queue = lazyQueue(async () => {
      if (++loads === 1) throw new Error('chunk missing');
      return { enqueue: async () => {} };
    });
    await expect(queue.enqueue({ id: '1', url: 'https://example.com/' })).rejects.toThrow('chunk missing');
    await expect(queue.enqueue({ id: '1', url: 'https://example.com/' })).resolves.toBeUndefined();
    expect(loads).toBe(2);
  });
});
