import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newApiKey } from '../../shared/auth/api-keys.ts';
import type { CaptureRecord } from '../../shared/domain/capture.ts';
import { createSafeFetcher } from '../../shared/fetch/safe-fetcher.ts';
import { createWebhookNotifier } from '../../shared/webhooks/notifier.ts';
import { SIGNATURE_HEADER, signWebhook, verifyWebhook } from '../../shared/webhooks/signature.ts';
import { startFixtureSite, type FixtureSite } from '../helpers/fixture-site.ts';
import { MemoryAccessStore } from '../helpers/memory-adapters.ts';

interface Delivery {
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

let receiver: FixtureSite;
const deliveries: Delivery[] = [];
let failuresLeft = 0;
const key = newApiKey('hooks');
const access = new MemoryAccessStore();

beforeAll(async () => {
  await access.putKey(key.record);
  receiver = await startFixtureSite({
    '/hook': {
      handle: (request, response) => {
        let body = '';
        request.on('data', (chunk: Buffer) => (body += chunk.toString()));
        request.on('end', () => {
          deliveries.push({ headers: request.headers, body });
          if (failuresLeft > 0) {
            failuresLeft -= 1;
            response.writeHead(503, { 'retry-after': '0' }).end();
          } else {
            response.writeHead(204).end();
          }
        });
      },
    },
  });
});
afterAll(() => receiver.close());

function finished(callbackUrl: string): CaptureRecord {
  const now = new Date().toISOString();
  return { id: 'cap-1', url: 'https://news.example/a', status: 'done', createdAt: now, updatedAt: now, callbackUrl, submittedBy: key.record.keyId };
}

const fetcher = createSafeFetcher({ allowPrivate: ['127.0.0.1'], contactUrl: 'https://verbatim.example/bot' });
const notifier = createWebhookNotifier(access, fetcher, { attempts: 3, baseDelayMs: 10, maxDelayMs: 50 });

describe('webhook deliveries', () => {
  it('POSTs a signed event that the receiver can verify', async () => {
    deliveries.length = 0;
    await notifier.captureFinished(finished(receiver.url('/hook')));

    expect(deliveries).toHaveLength(1);
    const { headers, body } = deliveries[0]!;
    expect(JSON.parse(body)).toMatchObject({ type: 'capture.done', capture: { id: 'cap-1', status: 'done' } });
    expect(verifyWebhook(key.record.webhookSecret, String(headers[SIGNATURE_HEADER]), body, new Date())).toEqual({ ok: true });
  });

  it('retries a receiver that answers 503, and delivers', async () => {
    deliveries.length = 0;
    failuresLeft = 2;
    await notifier.captureFinished(finished(receiver.url('/hook')));
    expect(deliveries).toHaveLength(3);
  });

  it('never connects to a callback address the SSRF guard refuses', async () => {
    deliveries.length = 0;
    const blocked = receiver.url('/hook').replace('127.0.0.1', '127.0.0.2');
    await notifier.captureFinished(finished(blocked));
    expect(deliveries).toHaveLength(0);
  });
});

describe('webhook signatures', () => {
  const secret = key.record.webhookSecret;
  const body = '{"type":"capture.done"}';
  const sentAt = new Date('2024-03-05T10:00:00Z');

  it('rejects a tampered body', () => {
    const header = signWebhook(secret, body, sentAt);
    expect(verifyWebhook(secret, header, body.replace('done', 'failed'), sentAt)).toEqual({ ok: false, reason: 'mismatch' });
  });

  it('rejects a replayed delivery once its timestamp is old', () => {
    const header = signWebhook(secret, body, sentAt);
    expect(verifyWebhook(secret, header, body, new Date(sentAt.getTime() + 60_000))).toEqual({ ok: true });
    expect(verifyWebhook(secret, header, body, new Date(sentAt.getTime() + 10 * 60_000))).toEqual({ ok: false, reason: 'expired' });
  });

  it('rejects a timestamp changed to look fresh', () => {
    const header = signWebhook(secret, body, sentAt).replace(/t=\d+/, `t=${Math.floor(Date.now() / 1000)}`);
    expect(verifyWebhook(secret, header, body, new Date())).toEqual({ ok: false, reason: 'mismatch' });
  });

  it('rejects another key’s secret and a malformed header', () => {
    expect(verifyWebhook('whsec_other', signWebhook(secret, body, sentAt), body, sentAt)).toEqual({ ok: false, reason: 'mismatch' });
    expect(verifyWebhook(secret, 'v1=abc', body, sentAt)).toEqual({ ok: false, reason: 'malformed' });
  });
});
