/**
 * The Catalog adapter on DynamoDB. Writes are conditional (no transactions: dynalite has none, and the
 * design does not need them): a record is created once, and every status change names the states it may
 * come from, so a duplicate or concurrent job cannot move a capture backwards. Index items (quotes,
 * author links) are written before the record turns `done`; every read path is a Query (see table.ts).
 */

import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  BatchWriteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  ScanCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import type { CaptureRecord, CaptureStatus, StoredQuote } from '../domain/capture.ts';
import { canonicalUrl } from '../domain/url.ts';
import type { Catalog, CaptureQuery, Page, PageOptions } from '../ports.ts';
import {
  GSI_BY_MONTH,
  GSI_BY_NAME,
  GSI_BY_PUBLISHED,
  GSI_BY_SITE,
  GSI_BY_URL,
  KEY_ATTRIBUTES,
  keys,
  siteKey,
  sortableDate,
} from './table.ts';

type Item = Record<string, unknown>;
type Index = { name: string; partition: string; sort: string };

/** How far back an open-ended date walk looks through empty months before concluding there is nothing older. */
const EMPTY_MONTHS_BEFORE_STOP = 24;
const BATCH_WRITE_LIMIT = 25;
const BATCH_GET_LIMIT = 100;
const MAX_PAGE = 100;
/** Sorts after any capture id or digit: makes an inclusive upper bound of a date prefix. */
const HIGH = '\uffff';

export class InvalidCursorError extends Error {
  override readonly name = 'InvalidCursorError';
  constructor() {
    super('the cursor is not one this API issued');
  }
}

export class DynamoCatalog implements Catalog {
  constructor(
    private readonly dynamo: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async create(record: CaptureRecord): Promise<void> {
    await this.dynamo.send(
      new PutCommand({ TableName: this.table, Item: recordItem(record), ConditionExpression: 'attribute_not_exists(pk)' }),
    );
  }

  async get(id: string): Promise<CaptureRecord | undefined> {
    const { Item } = await this.dynamo.send(
      new GetCommand({ TableName: this.table, Key: keys.capture(id), ConsistentRead: true }),
    );
    return Item ? fromItem<CaptureRecord>(Item) : undefined;
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
    // Index items first, record last: a done record never lacks its author links.
    if (to === 'done') await this.batchPut(authorLinks(next));
    try {
      // The condition re-checks the status we read *and* its timestamp, so two workers racing on one
      // capture cannot both win the same step.
      await this.dynamo.send(
        new PutCommand({
          TableName: this.table,
          Item: recordItem(next),
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

  listByUrl(url: string, options: PageOptions = {}): Promise<Page<CaptureRecord>> {
    return this.searchCaptures({ by: 'url', url }, options);
  }

  listRecent(options: PageOptions = {}): Promise<Page<CaptureRecord>> {
    return this.searchCaptures({ by: 'captured' }, options);
  }

  async searchCaptures(query: CaptureQuery, options: PageOptions = {}): Promise<Page<CaptureRecord>> {
    const limit = Math.min(Math.max(options.limit ?? 50, 1), MAX_PAGE);
    switch (query.by) {
      case 'url':
        return this.queryPartition(GSI_BY_URL, keys.url(canonicalUrl(query.url)), {}, limit, options.cursor);
      case 'site':
        return this.queryPartition(GSI_BY_SITE, keys.site(query.site), query, limit, options.cursor);
      case 'captured':
        return this.walkMonths(GSI_BY_MONTH, keys.month, query, limit, options.cursor);
      case 'published':
        return this.walkMonths(GSI_BY_PUBLISHED, keys.published, query, limit, options.cursor);
      case 'author': {
        const page = await this.queryIndex(GSI_BY_NAME, keys.author(query.author), {}, limit, decodeCursor(options.cursor)?.k);
        const records = await this.batchGetRecords(page.items.map((link) => String(link.captureId)));
        return withCursor(records, page.lastKey && { k: page.lastKey });
      }
    }
  }

  async *scanRecords(): AsyncIterable<CaptureRecord> {
    let start: Item | undefined;
    do {
      const page = await this.dynamo.send(
        new ScanCommand({
          TableName: this.table,
          FilterExpression: 'sk = :record',
          ExpressionAttributeValues: { ':record': 'RECORD' },
          ExclusiveStartKey: start,
        }),
      );
      for (const item of page.Items ?? []) yield fromItem<CaptureRecord>(item);
      start = page.LastEvaluatedKey;
    } while (start);
  }

  async listUnfinished(): Promise<CaptureRecord[]> {
    const found: CaptureRecord[] = [];
    for await (const record of this.scanRecords()) {
      if (record.status === 'queued' || record.status === 'fetching') found.push(record);
    }
    return found.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }

  async putQuotes(quotes: StoredQuote[]): Promise<void> {
    await this.batchPut(quotes.map(quoteItem));
  }

  async listQuotes(captureId: string): Promise<StoredQuote[]> {
    const quotes: StoredQuote[] = [];
    let start: Item | undefined;
    do {
      const page = await this.dynamo.send(
        new QueryCommand({
          TableName: this.table,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :quote)',
          ExpressionAttributeValues: { ':pk': keys.capture(captureId).pk, ':quote': 'QUOTE#' },
          ExclusiveStartKey: start,
        }),
      );
      quotes.push(...(page.Items ?? []).map((item) => fromItem<StoredQuote>(item)));
      start = page.LastEvaluatedKey;
    } while (start);
    return quotes;
  }

  async listQuotesBySpeaker(speaker: string, options: PageOptions = {}): Promise<Page<StoredQuote>> {
    const limit = Math.min(Math.max(options.limit ?? 50, 1), MAX_PAGE);
    const page = await this.queryIndex(GSI_BY_NAME, keys.speaker(speaker), {}, limit, decodeCursor(options.cursor)?.k);
    return withCursor(page.items.map((item) => fromItem<StoredQuote>(item)), page.lastKey && { k: page.lastKey });
  }

  // ------------------------------------------------------------------ query helpers

  private async queryPartition(
    index: Index,
    partition: string,
    range: { from?: string; to?: string },
    limit: number,
    cursor: string | undefined,
  ): Promise<Page<CaptureRecord>> {
    const page = await this.queryIndex(index, partition, range, limit, decodeCursor(cursor)?.k);
    return withCursor(page.items.map((item) => fromItem<CaptureRecord>(item)), page.lastKey && { k: page.lastKey });
  }

  /** Walk month partitions newest first within [from, to]; the cursor holds the month and the key within it. */
  private async walkMonths(
    index: Index,
    partitionOf: (month: string) => string,
    range: { from?: string; to?: string },
    limit: number,
    cursor: string | undefined,
  ): Promise<Page<CaptureRecord>> {
    const state = decodeCursor(cursor);
    const lastMonth = (range.to ?? new Date().toISOString()).slice(0, 7);
    const firstMonth = range.from?.slice(0, 7);
    let month = state?.m ?? lastMonth;
    let key = state?.k;
    if (!/^\d{4}-\d{2}$/.test(month)) throw new InvalidCursorError();
    const items: CaptureRecord[] = [];
    for (let empty = 0; (firstMonth ? month >= firstMonth : empty < EMPTY_MONTHS_BEFORE_STOP); ) {
      const page = await this.queryIndex(index, partitionOf(month), range, limit - items.length, key);
      items.push(...page.items.map((item) => fromItem<CaptureRecord>(item)));
      empty = page.items.length || page.lastKey ? 0 : empty + 1;
      key = page.lastKey;
      if (!key) month = previousMonth(month);
      const more = firstMonth ? month >= firstMonth : true;
      if (items.length >= limit) return withCursor(items, (key || more) && { m: month, ...(key ? { k: key } : {}) });
    }
    return { items };
  }

  private async queryIndex(
    index: Index,
    partition: string,
    range: { from?: string; to?: string },
    limit: number,
    startKey: Item | undefined,
  ): Promise<{ items: Item[]; lastKey?: Item }> {
    const names: Record<string, string> = { '#pk': index.partition };
    const values: Record<string, unknown> = { ':pk': partition };
    let condition = '#pk = :pk';
    if (range.from || range.to) {
      names['#sk'] = index.sort;
      values[':from'] = range.from ?? '';
      values[':to'] = range.to ? `${range.to}${HIGH}` : HIGH;
      condition += ' AND #sk BETWEEN :from AND :to';
    }
    const result = await this.dynamo.send(
      new QueryCommand({
        TableName: this.table,
        IndexName: index.name,
        KeyConditionExpression: condition,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
        ScanIndexForward: false,
        Limit: limit,
        ExclusiveStartKey: startKey,
      }),
    );
    return { items: result.Items ?? [], ...(result.LastEvaluatedKey ? { lastKey: result.LastEvaluatedKey } : {}) };
  }

  private async batchGetRecords(ids: string[]): Promise<CaptureRecord[]> {
    const found = new Map<string, CaptureRecord>();
    for (let offset = 0; offset < ids.length; offset += BATCH_GET_LIMIT) {
      let requested: Item[] = [...new Set(ids.slice(offset, offset + BATCH_GET_LIMIT))].map((id) => keys.capture(id));
      for (let attempt = 0; requested.length > 0; attempt += 1) {
        if (attempt > 8) throw new Error('could not read capture records');
        if (attempt > 0) await backoff(attempt);
        const result = await this.dynamo.send(new BatchGetCommand({ RequestItems: { [this.table]: { Keys: requested } } }));
        for (const item of result.Responses?.[this.table] ?? []) {
          const record = fromItem<CaptureRecord>(item);
          found.set(record.id, record);
        }
        requested = (result.UnprocessedKeys?.[this.table]?.Keys as Item[] | undefined) ?? [];
      }
    }
    return ids.flatMap((id) => found.get(id) ?? []);
  }

  private async batchPut(items: Item[]): Promise<void> {
    for (let offset = 0; offset < items.length; offset += BATCH_WRITE_LIMIT) {
      let requests: Item[] = items.slice(offset, offset + BATCH_WRITE_LIMIT).map((Item) => ({ PutRequest: { Item } }));
      // BatchWrite may hand back throttled items; retry those with backoff until all are in.
      for (let attempt = 0; requests.length > 0; attempt += 1) {
        if (attempt > 8) throw new Error('could not write index items');
        if (attempt > 0) await backoff(attempt);
        const result = await this.dynamo.send(new BatchWriteCommand({ RequestItems: { [this.table]: requests as never } }));
        requests = (result.UnprocessedItems?.[this.table] as Item[] | undefined) ?? [];
      }
    }
  }
}

// ------------------------------------------------------------------ item mapping

function recordItem(record: CaptureRecord): Item {
  const sortKey = `${record.createdAt}#${record.id}`;
  const published = record.metadata?.publishedAt ? sortableDate(record.metadata.publishedAt) : undefined;
  return {
    ...record,
    ...keys.capture(record.id),
    [GSI_BY_URL.partition]: keys.url(canonicalUrl(record.url)),
    [GSI_BY_URL.sort]: sortKey,
    [GSI_BY_MONTH.partition]: keys.month(record.createdAt.slice(0, 7)),
    [GSI_BY_MONTH.sort]: sortKey,
    [GSI_BY_SITE.partition]: keys.site(siteKey(record.url)),
    [GSI_BY_SITE.sort]: sortKey,
    ...(published && record.status === 'done'
      ? { [GSI_BY_PUBLISHED.partition]: keys.published(published.slice(0, 7)), [GSI_BY_PUBLISHED.sort]: `${published}#${record.id}` }
      : {}),
  };
}

function authorLinks(record: CaptureRecord): Item[] {
  return (record.metadata?.authors ?? []).slice(0, 20).map((author, index) => ({
    ...keys.authorLink(record.id, index),
    captureId: record.id,
    author,
    [GSI_BY_NAME.partition]: keys.author(author),
    [GSI_BY_NAME.sort]: `${record.createdAt}#${record.id}#${index}`,
  }));
}

function quoteItem(quote: StoredQuote): Item {
  return {
    ...quote,
    ...keys.quote(quote.captureId, quote.index),
    ...(quote.speaker
      ? {
          [GSI_BY_NAME.partition]: keys.speaker(quote.speaker),
          [GSI_BY_NAME.sort]: `${quote.capturedAt}#${quote.captureId}#${String(quote.index).padStart(4, '0')}`,
        }
      : {}),
  };
}

function fromItem<T>(item: Item): T {
  const rest = { ...item };
  for (const key of KEY_ATTRIBUTES) delete rest[key];
  return rest as T;
}

function previousMonth(month: string): string {
  const [year, m] = month.split('-').map(Number) as [number, number];
  return m === 1 ? `${year - 1}-12` : `${year}-${String(m - 1).padStart(2, '0')}`;
}

function backoff(attempt: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.random() * 50 * 2 ** attempt));
}

// ------------------------------------------------------------------ cursors

interface CursorState {
  /** Month being walked (month-bucketed indexes). */
  m?: string;
  /** DynamoDB's LastEvaluatedKey within the current partition. */
  k?: Item;
}

function withCursor<T>(items: T[], state: CursorState | undefined | false): Page<T> {
  return state ? { items, cursor: Buffer.from(JSON.stringify(state)).toString('base64url') } : { items };
}

function decodeCursor(cursor: string | undefined): CursorState | undefined {
  if (!cursor) return undefined;
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as CursorState;
  } catch {
    // fall through
  }
  throw new InvalidCursorError();
}
