/**
 * Archivist API keys. A key is shown once, at creation; only its SHA-256 is stored, so a leaked table
 * does not leak keys. Each key carries its quotas and the secret that signs its webhook deliveries.
 */

import { randomBytes } from 'node:crypto';
import { sha256Hex } from '../digest.ts';

export interface ApiKeyRecord {
  /** Public identifier of the key (safe to log and show). */
  keyId: string;
  /** SHA-256 (hex) of the secret key. */
  keyHash: string;
  name: string;
  createdAt: string;
  revokedAt?: string;
  /** Captures this key may submit per minute and per day. */
  perMinute: number;
  perDay: number;
  /** HMAC-SHA256 secret for signing this key's webhook deliveries. */
  webhookSecret: string;
}

export const DEFAULT_QUOTA = { perMinute: 60, perDay: 5_000 } as const;
const KEY_PREFIX = 'vbt_';

/** A new key: the secret to hand out once, and the record to store. */
export function newApiKey(
  name: string,
  quota: { perMinute?: number; perDay?: number } = {},
  now = new Date(),
): { secret: string; record: ApiKeyRecord } {
  const secret = `${KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
  return {
    secret,
    record: {
      keyId: `key_${randomBytes(6).toString('hex')}`,
      keyHash: hashApiKey(secret),
      name,
      createdAt: now.toISOString(),
      perMinute: quota.perMinute ?? DEFAULT_QUOTA.perMinute,
      perDay: quota.perDay ?? DEFAULT_QUOTA.perDay,
      webhookSecret: `whsec_${randomBytes(24).toString('base64url')}`,
    },
  };
}

export function hashApiKey(secret: string): string {
  return sha256Hex(secret);
}

/** Read the key from `Authorization: Bearer <key>`; undefined when absent or malformed. */
export function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match?.[1];
}
