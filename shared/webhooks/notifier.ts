/**
 * Webhook delivery when a capture reaches a terminal state: a signed JSON POST to the submission's
 * callbackUrl, through the SSRF guard, retried with backoff and jitter on network errors, 429 and 5xx.
 */

import { randomUUID } from 'node:crypto';
import type { CaptureRecord } from '../domain/capture.ts';
import { getLogger } from '../logger.ts';
import type { AccessStore } from '../ports.ts';
import { DELIVERY_HEADER, SIGNATURE_HEADER, signWebhook } from './signature.ts';

export interface Poster {
  post(url: string, body: string, headers: Record<string, string>): Promise<{ status: number; retryAfter?: string }>;
}

export interface Notifier {
  /** Deliver the event for a terminal record; never throws (failures are logged). */
  captureFinished(record: CaptureRecord): Promise<void>;
}

export interface WebhookOptions {
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

const log = getLogger('capture');

export function createWebhookNotifier(
  access: AccessStore,
  poster: Poster,
  options: WebhookOptions = { attempts: 4, baseDelayMs: 1_000, maxDelayMs: 10_000 },
): Notifier {
  return {
    async captureFinished(record) {
      if (!record.callbackUrl || !record.submittedBy) return;
      const key = await access.getKey(record.submittedBy);
      if (!key) return log.warn('webhook skipped: the submitting key is gone', { captureId: record.id });
      const deliveryId = randomUUID();
      const body = JSON.stringify({
        type: `capture.${record.status}`,
        deliveryId,
        capture: { id: record.id, url: record.url, status: record.status, failure: record.failure ?? null, updatedAt: record.updatedAt },
      });
      for (let attempt = 1; attempt <= options.attempts; attempt += 1) {
        let retryAfterMs: number | undefined;
        try {
          const response = await poster.post(record.callbackUrl, body, {
            'content-type': 'application/json',
            [DELIVERY_HEADER]: deliveryId,
            // Signed per attempt: the timestamp must be fresh when it arrives.
            [SIGNATURE_HEADER]: signWebhook(key.webhookSecret, body, new Date()),
          });
          if (response.status >= 200 && response.status < 300) {
            return log.info('webhook delivered', { captureId: record.id, attempt });
          }
          if (response.status !== 429 && response.status < 500) {
            return log.warn('webhook refused by receiver', { captureId: record.id, status: response.status });
          }
          if (response.retryAfter && /^\d+$/.test(response.retryAfter)) retryAfterMs = Number(response.retryAfter) * 1000;
        } catch (error) {
          log.info('webhook attempt failed', { captureId: record.id, attempt, error: (error as Error).message });
          if ((error as { code?: string }).code === 'blocked-address') return;
        }
        if (attempt < options.attempts) {
          const backoff = Math.random() * Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (attempt - 1));
          await new Promise((resolve) => setTimeout(resolve, Math.min(options.maxDelayMs, Math.max(backoff, retryAfterMs ?? 0))));
        }
      }
      log.warn('webhook not delivered after retries', { captureId: record.id, attempts: options.attempts });
    },
  };
}
