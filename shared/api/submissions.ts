/**
 * The write side of the API: API-key authentication, per-key quotas, single and batch submissions,
 * Idempotency-Key semantics. Reads stay in app.ts.
 */

import type { Context, Hono, MiddlewareHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { ulid } from 'ulid';
import { bearerToken, hashApiKey, type ApiKeyRecord } from '../auth/api-keys.ts';
import { sha256Hex } from '../digest.ts';
import { toFailure, VerbatimError } from '../errors.ts';
import type { AccessStore, CaptureQueue, Catalog, Clock } from '../ports.ts';
import { submitCapture, type SubmitInput } from '../usecases/submit-capture.ts';
import { captureLinks } from './present.ts';

export const MAX_BATCH = 100;
const MAX_IDEMPOTENCY_KEY = 255;

export class AuthError extends Error {
  override readonly name = 'AuthError';
}

export class QuotaExceededError extends Error {
  override readonly name = 'QuotaExceededError';
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}

export class ConflictError extends Error {
  override readonly name = 'ConflictError';
}

export interface WriteDeps {
  catalog: Catalog;
  queue?: CaptureQueue;
  clock: Clock;
  access: AccessStore;
  archiveOrigin?: string;
}

type Env = { Variables: { apiKey: ApiKeyRecord } };

/** Require a valid, unrevoked API key (`Authorization: Bearer …`); the key record lands in `c.var.apiKey`. */
export function requireApiKey(access: AccessStore): MiddlewareHandler<Env> {
  return async (c, next) => {
    const secret = bearerToken(c.req.header('authorization'));
    if (!secret) throw new AuthError('an API key is required: send "Authorization: Bearer <key>"');
    const key = await access.findKeyByHash(hashApiKey(secret));
    if (!key) throw new AuthError('the API key is not valid');
    if (key.revokedAt) throw new AuthError(`the API key ${key.keyId} was revoked on ${key.revokedAt}`);
    c.set('apiKey', key);
    await next();
  };
}

export function registerSubmissionRoutes(app: Hono, deps: WriteDeps): void {
  const writes = app as unknown as Hono<Env>;
  const auth = requireApiKey(deps.access);

  writes.post('/v1/captures', auth, async (c) => {
    const queue = requireQueue(deps);
    const body = await readJsonObject(c);
    const key = c.var.apiKey;
    const base = new URL(c.req.url).origin;

    const idempotencyKey = c.req.header('idempotency-key')?.trim();
    let id: string | undefined;
    if (idempotencyKey) {
      if (idempotencyKey.length > MAX_IDEMPOTENCY_KEY) throw new HTTPException(400, { message: 'Idempotency-Key is too long' });
      const bodyHash = sha256Hex(canonicalJson(body));
      const claim = await deps.access.claimIdempotency(key.keyId, idempotencyKey, bodyHash, ulid(), deps.clock.now());
      if (!claim.claimed) {
        if (claim.bodyHash !== bodyHash) {
          throw new ConflictError('this Idempotency-Key was already used with a different request body');
        }
        const existing = await deps.catalog.get(claim.captureId);
        // The first request may have died between its claim and its record: finish its work now.
        if (existing) {
          c.header('Idempotent-Replayed', 'true');
          return accepted(c, base, deps.archiveOrigin, existing.id, existing.url, existing.status, 'created');
        }
      }
      id = claim.captureId;
    }

    await consumeQuota(deps, key, 1);
    const result = await submitCapture({ catalog: deps.catalog, queue, clock: deps.clock }, submitInput(body), {
      submittedBy: key.keyId,
      ...(id ? { id } : {}),
    });
    const { record } = result;
    return accepted(c, base, deps.archiveOrigin, record.id, record.url, record.status, result.outcome);
  });

  writes.post('/v1/captures:batch', auth, async (c) => {
    const queue = requireQueue(deps);
    const body = await readJsonObject(c);
    const items = batchItems(body);
    await consumeQuota(deps, c.var.apiKey, items.length);
    const base = new URL(c.req.url).origin;
    const results = [];
    for (const item of items) {
      try {
        const { record, outcome } = await submitCapture({ catalog: deps.catalog, queue, clock: deps.clock }, item, {
          submittedBy: c.var.apiKey.keyId,
        });
        results.push({ url: record.url, ok: true, id: record.id, status: record.status, reused: outcome === 'reused', links: captureLinks(base, record.id, deps.archiveOrigin) });
      } catch (error) {
        const failure = error instanceof VerbatimError ? toFailure(error) : { code: 'internal', message: 'internal error' };
        results.push({ url: typeof item.url === 'string' ? item.url : null, ok: false, error: failure });
      }
    }
    const acceptedCount = results.filter((r) => r.ok).length;
    return c.json({ accepted: acceptedCount, rejected: results.length - acceptedCount, results }, acceptedCount ? 202 : 400);
  });
}

function accepted(c: Context, base: string, archiveOrigin: string | undefined, id: string, url: string, status: string, outcome: 'created' | 'reused') {
  const links = captureLinks(base, id, archiveOrigin);
  c.header('Location', links.self!);
  return c.json({ id, url, status, reused: outcome === 'reused', links }, outcome === 'reused' ? 200 : 202);
}

async function consumeQuota(deps: WriteDeps, key: ApiKeyRecord, count: number): Promise<void> {
  const verdict = await deps.access.consumeQuota(key, count, deps.clock.now());
  if (!verdict.allowed) {
    const limit = verdict.limit === 'minute' ? `${key.perMinute} captures per minute` : `${key.perDay} captures per day`;
    throw new QuotaExceededError(`quota exceeded for key ${key.keyId}: ${limit}`, verdict.retryAfterSeconds);
  }
}

function requireQueue(deps: WriteDeps): CaptureQueue {
  if (!deps.queue) throw new HTTPException(405, { message: 'this deployment does not accept submissions' });
  return deps.queue;
}

function submitInput(body: Record<string, unknown>): SubmitInput {
  return { url: body.url, callbackUrl: body.callbackUrl, ifNotCapturedWithin: body.ifNotCapturedWithin };
}

function batchItems(body: Record<string, unknown>): SubmitInput[] {
  const list = Array.isArray(body.items) ? body.items : Array.isArray(body.urls) ? body.urls.map((url: unknown) => ({ url })) : undefined;
  if (!list || list.length === 0) {
    throw new HTTPException(400, { message: 'send {"urls": ["https://..."]} or {"items": [{"url": "https://...", "callbackUrl": "..."}]}' });
  }
  if (list.length > MAX_BATCH) throw new HTTPException(400, { message: `a batch holds at most ${MAX_BATCH} URLs (got ${list.length})` });
  return list.map((item: unknown) =>
    item && typeof item === 'object' && !Array.isArray(item)
      ? { ...submitInput(item as Record<string, unknown>), ...(body.ifNotCapturedWithin && !(item as Record<string, unknown>).ifNotCapturedWithin ? { ifNotCapturedWithin: body.ifNotCapturedWithin } : {}) }
      : { url: item },
  );
}

export async function readJsonObject(c: Context): Promise<Record<string, unknown>> {
  let body: unknown;
  try {
    body = await c.req.json();
  } catch {
    throw new HTTPException(400, { message: 'the request body must be JSON, e.g. {"url": "https://example.com/article"}' });
  }
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    throw new HTTPException(400, { message: 'the request body must be a JSON object with a "url"' });
  }
  return body as Record<string, unknown>;
}

/** Key order must not change what "the same body" means. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
