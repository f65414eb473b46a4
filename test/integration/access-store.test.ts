import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newApiKey } from '../../shared/auth/api-keys.ts';
import { DynamoAccessStore } from '../../shared/catalog/dynamo-access.ts';
import { startTestEmulators, type TestEmulators } from '../helpers/emulators.ts';

let emulators: TestEmulators;
let access: DynamoAccessStore;

beforeAll(async () => {
  emulators = await startTestEmulators();
  access = new DynamoAccessStore(emulators.clients.dynamo, emulators.table);
});
afterAll(() => emulators.dispose());

describe('DynamoAccessStore on dynalite', () => {
  it('stores only the hash, finds a key by hash and by id, lists and revokes it', async () => {
    const { secret, record } = newApiKey('newsroom');
    await access.putKey(record);
    expect(JSON.stringify(await access.listKeys())).not.toContain(secret);
    expect(await access.findKeyByHash(record.keyHash)).toMatchObject({ keyId: record.keyId, name: 'newsroom' });
    expect(await access.getKey(record.keyId)).toMatchObject({ keyHash: record.keyHash });
    expect(await access.revokeKey(record.keyId, new Date('2024-01-01T00:00:00Z'))).toBe(true);
    expect((await access.findKeyByHash(record.keyHash))?.revokedAt).toBe('2024-01-01T00:00:00.000Z');
    expect(await access.revokeKey('key_unknown', new Date())).toBe(false);
  });

  it('lets exactly the per-minute quota through when many requests race', async () => {
    const { record } = newApiKey('racer', { perMinute: 5, perDay: 100 });
    const now = new Date('2024-03-05T10:00:10Z');
    const verdicts = await Promise.all(Array.from({ length: 20 }, () => access.consumeQuota(record, 1, now)));
    expect(verdicts.filter((v) => v.allowed)).toHaveLength(5);
    const refused = verdicts.find((v) => !v.allowed);
    expect(refused).toEqual({ allowed: false, limit: 'minute', retryAfterSeconds: 50 });
    // The next minute starts afresh.
    expect((await access.consumeQuota(record, 1, new Date('2024-03-05T10:01:00Z'))).allowed).toBe(true);
  });

  it('refuses on the day limit without eating into the minute', async () => {
    const { record } = newApiKey('daily', { perMinute: 10, perDay: 3 });
    const at = (m: number) => new Date(Date.UTC(2024, 2, 5, 10, m));
    expect((await access.consumeQuota(record, 3, at(0))).allowed).toBe(true);
    expect(await access.consumeQuota(record, 1, at(1))).toMatchObject({ allowed: false, limit: 'day' });
    // The refused submission gave its minute share back: a batch of 10 would still fit the minute if the day allowed.
    expect(await access.consumeQuota(record, 11, at(1))).toMatchObject({ allowed: false, limit: 'minute' });
  });

  it('lets one of many racing requests claim an Idempotency-Key; the others see its capture id', async () => {
    const claims = await Promise.all(
      Array.from({ length: 10 }, (_, i) => access.claimIdempotency('key_1', 'same-key', 'hash-a', `capture-${i}`, new Date())),
    );
    const winners = claims.filter((c) => c.claimed);
    expect(winners).toHaveLength(1);
    for (const claim of claims) expect(claim.captureId).toBe(winners[0]!.captureId);
  });
});
