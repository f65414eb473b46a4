/**
 * The Catalog adapter on DynamoDB. Writes are conditional (no transactions: dynalite has none, and the
 * design does not need them): a record is created once, and every status change names the states it may
 * come from, so a duplicate or concurrent job cannot move a capture backwards.
 */

import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  BatchWriteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  ScanCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import type { CaptureRecord, CaptureStatus, StoredQuote } from '../domain/capture.ts';
import { canonicalUrl } from '../domain/url.ts';
import type { Catalog, Page } from '../ports.ts';
import { GSI_BY_MONTH, GSI_BY_SPEAKER, GSI_BY_URL, keys } from './table.ts';

const KEY_ATTRIBUTES = ['pk', 'sk', 'gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk', 'gsi3pk', 'gsi3sk'] as const;
/** How far back listRecent looks through empty months before concluding there is nothing older. */
const EMPTY_MONTHS_BEFORE_STOP = 24;
const BATCH_WRITE_LIMIT = 25;

export class DynamoCatalog implements Catalog {
  constructor(
    private readonly dynamo: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async create(record: CaptureRecord): Promise<void> {
    await this.dynamo.send(
      new PutCommand({
        TableName: this.table,
        Item: toItem(record),
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  }

  async get(id: string): Promise<CaptureRecord | undefined> {
    const { Item } = await this.dynamo.send(
      new GetCommand({ TableName: this.table, Key: keys.capture(id), ConsistentRead: true }),
    );
    return Item ? fromItem(Item) : undefined;
  }

  async transition(
    id: string,
    from: CaptureStatus[],
    to: CaptureStatus,
    patch: Partial<CaptureRecord> = {},
  ): Promise<CaptureRecord | undefined> {
    const current = await this.get(id);
    if (!current || !from.includes(current.status)) return undefined;
    const next: CaptureRecord = { ...current, ...patch, id, status: to, updatedAt: patch.updatedAt ?? new Date().toISOString() };
    try {
      // The condition re-checks the status we read *and* its timestamp, so two workers racing on one
      // capture cannot both win the same step.
      await this.dynamo.send(
        new PutCommand({
          TableName: this.table,
          Item: toItem(next),
          ConditionExpression: '#status = :status AND #updatedAt = :updatedAt',
          ExpressionAttributeNames: { '#status': 'status', '#updatedAt': 'updatedAt' },
          ExpressionAttributeValues: { ':status': current.status, ':updatedAt': current.updatedAt },
        }),
      );
      return next;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return undefined;
      throw error;
    }
  }

  async listByUrl(url: string, options: { limit?: number; cursor?: string } = {}): Promise<Page<CaptureRecord>> {
    const result = await this.dynamo.send(
      new QueryCommand({
        TableName: this.table,
        IndexName: GSI_BY_URL.name,
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: { '#pk': GSI_BY_URL.partition },
        ExpressionAttributeValues: { ':pk': `URL#${canonicalUrl(url)}` },
        ScanIndexForward: false,
        Limit: Math.min(Math.max(options.limit ?? 50, 1), 100),
        ExclusiveStartKey: decodeCursor(options.cursor),
      }),
    );
    const items = (result.Items ?? []).map(fromItem);
    return result.LastEvaluatedKey ? { items, cursor: encodeCursor(result.LastEvaluatedKey) } : { items };
  }

  async listRecent(options: { limit?: number; cursor?: string } = {}): Promise<Page<CaptureRecord>> {
    const limit = Math.min(Math.max(options.limit ?? 50, 1), 100);
    const state = options.cursor
      ? (decodeCursor(options.cursor) as { month: string; key?: Record<string, unknown> })
      : { month: new Date().toISOString().slice(0, 7) };
    if (typeof state.month !== 'string' || !/^\d{4}-\d{2}$/.test(state.month)) throw new InvalidCursorError();
    const items: CaptureRecord[] = [];
    let { month, key } = state;
    for (let empty = 0; empty < EMPTY_MONTHS_BEFORE_STOP; ) {
      const page = await this.dynamo.send(
        new QueryCommand({
          TableName: this.table,
          IndexName: GSI_BY_MONTH.name,
          KeyConditionExpression: '#pk = :pk',
          ExpressionAttributeNames: { '#pk': GSI_BY_MONTH.partition },
          ExpressionAttributeValues: { ':pk': keys.month(month) },
          ScanIndexForward: false,
          Limit: limit - items.length,
          ExclusiveStartKey: key,
        }),
      );
      items.push(...(page.Items ?? []).map(fromItem));
      empty = page.Items?.length ? 0 : empty + 1;
      key = page.LastEvaluatedKey;
      if (!key) month = previousMonth(month);
      if (items.length >= limit) return { items, cursor: encodeCursor({ month, ...(key ? { key } : {}) }) };
    }
    return { items };
  }

  async *scanRecords(): AsyncIterable<CaptureRecord> {
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.dynamo.send(
        new ScanCommand({
          TableName: this.table,
          FilterExpression: 'sk = :record',
          ExpressionAttributeValues: { ':record': 'RECORD' },
          ExclusiveStartKey: start,
        }),
      );
      for (const item of page.Items ?? []) yield fromItem(item);
      start = page.LastEvaluatedKey;
    } while (start);
  }

  async listUnfinished(): Promise<CaptureRecord[]> {
    const found: CaptureRecord[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.dynamo.send(
        new ScanCommand({
          TableName: this.table,
          FilterExpression: 'sk = :record AND #status IN (:queued, :fetching)',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':record': 'RECORD', ':queued': 'queued', ':fetching': 'fetching' },
          ExclusiveStartKey: start,
        }),
      );
      found.push(...(page.Items ?? []).map(fromItem));
      start = page.LastEvaluatedKey;
    } while (start);
    return found.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }

  async putQuotes(quotes: StoredQuote[]): Promise<void> {
    for (let offset = 0; offset < quotes.length; offset += BATCH_WRITE_LIMIT) {
      let requests: Record<string, any>[] = quotes.slice(offset, offset + BATCH_WRITE_LIMIT).map((quote) => ({
        PutRequest: { Item: quoteItem(quote) },
      }));
      // BatchWrite may hand back throttled items; retry those with backoff until all are in.
      for (let attempt = 0; requests.length > 0; attempt += 1) {
        if (attempt > 8) throw new Error(`could not store quotes of capture ${quotes[0]?.captureId}`);
        if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** attempt));
        const result = await this.dynamo.send(new BatchWriteCommand({ RequestItems: { [this.table]: requests } }));
        requests = result.UnprocessedItems?.[this.table] ?? [];
      }
    }
  }

  async listQuotes(captureId: string): Promise<StoredQuote[]> {
    const quotes: StoredQuote[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.dynamo.send(
        new QueryCommand({
          TableName: this.table,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :quote)',
          ExpressionAttributeValues: { ':pk': keys.capture(captureId).pk, ':quote': 'QUOTE#' },
          ExclusiveStartKey: start,
        }),
      );
      quotes.push(...(page.Items ?? []).map((item) => stripKeys(item) as unknown as StoredQuote));
      start = page.LastEvaluatedKey;
    } while (start);
    return quotes;
  }

  async listQuotesBySpeaker(speaker: string, options: { limit?: number; cursor?: string } = {}): Promise<Page<StoredQuote>> {
    const result = await this.dynamo.send(
      new QueryCommand({
        TableName: this.table,
        IndexName: GSI_BY_SPEAKER.name,
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: { '#pk': GSI_BY_SPEAKER.partition },
        ExpressionAttributeValues: { ':pk': keys.speaker(speaker) },
        ScanIndexForward: false,
        Limit: Math.min(Math.max(options.limit ?? 50, 1), 100),
        ExclusiveStartKey: decodeCursor(options.cursor),
      }),
    );
    const items = (result.Items ?? []).map((item) => stripKeys(item) as unknown as StoredQuote);
    return result.LastEvaluatedKey ? { items, cursor: encodeCursor(result.LastEvaluatedKey) } : { items };
  }
}

function quoteItem(quote: StoredQuote): Record<string, unknown> {
  return {
    ...quote,
    ...keys.quote(quote.captureId, quote.index),
    ...(quote.speaker ? keys.quoteBySpeaker(quote.speaker, quote.capturedAt, quote.captureId, quote.index) : {}),
  };
}

function stripKeys(item: Record<string, unknown>): Record<string, unknown> {
  const rest = { ...item };
  for (const key of KEY_ATTRIBUTES) delete rest[key];
  return rest;
}

function toItem(record: CaptureRecord): Record<string, unknown> {
  return {
    ...record,
    ...keys.capture(record.id),
    ...keys.captureByUrl(canonicalUrl(record.url), record.createdAt, record.id),
    ...keys.captureByMonth(record.createdAt, record.id),
  };
}

function previousMonth(month: string): string {
  const [year, m] = month.split('-').map(Number) as [number, number];
  return m === 1 ? `${year - 1}-12` : `${year}-${String(m - 1).padStart(2, '0')}`;
}

function fromItem(item: Record<string, unknown>): CaptureRecord {
  return stripKeys(item) as unknown as CaptureRecord;
}

function encodeCursor(key: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

function decodeCursor(cursor: string | undefined): Record<string, unknown> | undefined {
  if (!cursor) return undefined;
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // fall through
  }
  throw new InvalidCursorError();
}

export class InvalidCursorError extends Error {
  override readonly name = 'InvalidCursorError';
  constructor() {
    super('the cursor is not one this API issued');
  }
}
