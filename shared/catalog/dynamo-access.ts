/**
 * API keys, quotas and idempotency claims in the catalogue table. Quotas are counters updated with a
 * condition (no read-modify-write race: DynamoDB applies the ADD only while the count stays within the
 * limit); idempotency claims are create-only puts. Counters and claims expire through the table's TTL.
 */

import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, ScanCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ApiKeyRecord } from '../auth/api-keys.ts';
import { sha256Hex } from '../digest.ts';
import type { AccessStore, IdempotencyClaim, QuotaVerdict } from '../ports.ts';

/** Seconds since the epoch, the unit of DynamoDB TTL. */
const epochSeconds = (date: Date) => Math.floor(date.getTime() / 1000);
const IDEMPOTENCY_TTL_SECONDS = 24 * 3600;

export const TTL_ATTRIBUTE = 'expiresAt';

export class DynamoAccessStore implements AccessStore {
  constructor(
    private readonly dynamo: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async putKey(record: ApiKeyRecord): Promise<void> {
    await this.dynamo.send(
      new PutCommand({ TableName: this.table, Item: { pk: `APIKEY#${record.keyHash}`, sk: 'KEY', ...record }, ConditionExpression: 'attribute_not_exists(pk)' }),
    );
    // A second item finds the key by its public id (revocation) without a scan.
    await this.dynamo.send(
      new PutCommand({ TableName: this.table, Item: { pk: `APIKEYID#${record.keyId}`, sk: 'KEY', keyHash: record.keyHash } }),
    );
  }

  async findKeyByHash(keyHash: string): Promise<ApiKeyRecord | undefined> {
    const { Item } = await this.dynamo.send(new GetCommand({ TableName: this.table, Key: { pk: `APIKEY#${keyHash}`, sk: 'KEY' } }));
    return Item ? stripKeys(Item) : undefined;
  }

  async getKey(keyId: string): Promise<ApiKeyRecord | undefined> {
    const { Item } = await this.dynamo.send(new GetCommand({ TableName: this.table, Key: { pk: `APIKEYID#${keyId}`, sk: 'KEY' } }));
    return Item ? this.findKeyByHash(String(Item.keyHash)) : undefined;
  }

  /** Administration only (the CLI), never on a request path. */
  async listKeys(): Promise<ApiKeyRecord[]> {
    const keys: ApiKeyRecord[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.dynamo.send(
        new ScanCommand({
          TableName: this.table,
          FilterExpression: 'begins_with(pk, :prefix)',
          ExpressionAttributeValues: { ':prefix': 'APIKEY#' },
          ExclusiveStartKey: start,
        }),
      );
      keys.push(...(page.Items ?? []).map(stripKeys));
      start = page.LastEvaluatedKey;
    } while (start);
    return keys.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }

  async revokeKey(keyId: string, at: Date): Promise<boolean> {
    const key = await this.getKey(keyId);
    if (!key) return false;
    await this.dynamo.send(
      new UpdateCommand({
        TableName: this.table,
        Key: { pk: `APIKEY#${key.keyHash}`, sk: 'KEY' },
        UpdateExpression: 'SET revokedAt = if_not_exists(revokedAt, :at)',
        ExpressionAttributeValues: { ':at': at.toISOString() },
      }),
    );
    return true;
  }

  async consumeQuota(key: ApiKeyRecord, count: number, now: Date): Promise<QuotaVerdict> {
    const iso = now.toISOString();
    const minute = { sk: `MINUTE#${iso.slice(0, 16)}`, limit: key.perMinute, resetsAt: Math.ceil((now.getTime() + 1) / 60_000) * 60_000 };
    const dayEnd = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1);
    const day = { sk: `DAY#${iso.slice(0, 10)}`, limit: key.perDay, resetsAt: dayEnd };

    if (!(await this.addWithin(key.keyId, minute.sk, count, minute.limit, minute.resetsAt))) {
      return { allowed: false, limit: 'minute', retryAfterSeconds: Math.max(1, Math.ceil((minute.resetsAt - now.getTime()) / 1000)) };
    }
    if (!(await this.addWithin(key.keyId, day.sk, count, day.limit, day.resetsAt))) {
      // Give back the minute's share: the submission was refused.
      await this.add(key.keyId, minute.sk, -count, minute.resetsAt);
      return { allowed: false, limit: 'day', retryAfterSeconds: Math.max(1, Math.ceil((day.resetsAt - now.getTime()) / 1000)) };
    }
    return { allowed: true };
  }

  async claimIdempotency(keyId: string, idempotencyKey: string, bodyHash: string, captureId: string, now: Date): Promise<IdempotencyClaim> {
    const itemKey = { pk: `IDEMPOTENCY#${keyId}#${sha256Hex(idempotencyKey)}`, sk: 'IDEMPOTENCY' };
    try {
      await this.dynamo.send(
        new PutCommand({
          TableName: this.table,
          Item: { ...itemKey, captureId, bodyHash, createdAt: now.toISOString(), [TTL_ATTRIBUTE]: epochSeconds(now) + IDEMPOTENCY_TTL_SECONDS },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return { claimed: true, captureId, bodyHash };
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
    const { Item } = await this.dynamo.send(new GetCommand({ TableName: this.table, Key: itemKey, ConsistentRead: true }));
    return { claimed: false, captureId: String(Item?.captureId), bodyHash: String(Item?.bodyHash) };
  }

  private async addWithin(keyId: string, sk: string, count: number, limit: number, resetsAt: number): Promise<boolean> {
    if (count > limit) return false;
    try {
      await this.dynamo.send(
        new UpdateCommand({
          TableName: this.table,
          Key: { pk: `QUOTA#${keyId}`, sk },
          UpdateExpression: 'ADD #count :n SET #ttl = :ttl',
          ConditionExpression: 'attribute_not_exists(#count) OR #count <= :room',
          ExpressionAttributeNames: { '#count': 'count', '#ttl': TTL_ATTRIBUTE },
          ExpressionAttributeValues: { ':n': count, ':room': limit - count, ':ttl': Math.ceil(resetsAt / 1000) + 3600 },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  private async add(keyId: string, sk: string, count: number, resetsAt: number): Promise<void> {
    await this.dynamo.send(
      new UpdateCommand({
        TableName: this.table,
        Key: { pk: `QUOTA#${keyId}`, sk },
        UpdateExpression: 'ADD #count :n SET #ttl = :ttl',
        ExpressionAttributeNames: { '#count': 'count', '#ttl': TTL_ATTRIBUTE },
        ExpressionAttributeValues: { ':n': count, ':ttl': Math.ceil(resetsAt / 1000) + 3600 },
      }),
    );
  }
}

function stripKeys(item: Record<string, unknown>): ApiKeyRecord {
  const { pk: _pk, sk: _sk, ...rest } = item;
  return rest as unknown as ApiKeyRecord;
}
