/** `verbatim keys create|list|revoke`: archivist API keys, locally or on the deployed stack. */

import { newApiKey } from '../../auth/api-keys.ts';
import { openStorage } from '../open-storage.ts';

export interface KeysOptions {
  name?: string | undefined;
  perMinute?: string | undefined;
  perDay?: string | undefined;
}

export async function keysCommand(action: string | undefined, args: string[], options: KeysOptions): Promise<number> {
  const storage = await openStorage();
  try {
    switch (action) {
      case 'create': {
        const quota = {
          ...(options.perMinute ? { perMinute: positive(options.perMinute, '--per-minute') } : {}),
          ...(options.perDay ? { perDay: positive(options.perDay, '--per-day') } : {}),
        };
        const { secret, record } = newApiKey(options.name ?? 'archivist', quota);
        await storage.access.putKey(record);
        process.stdout.write(
          `created ${record.keyId} (${record.name}) in the ${storage.where}\n` +
            `  API key:        ${secret}\n` +
            `  webhook secret: ${record.webhookSecret}\n` +
            `  quota:          ${record.perMinute}/minute, ${record.perDay}/day\n` +
            'Store the key now: only its SHA-256 is kept, it cannot be shown again.\n',
        );
        return 0;
      }
      case 'list': {
        for (const key of await storage.access.listKeys()) {
          const state = key.revokedAt ? `revoked ${key.revokedAt}` : 'active';
          process.stdout.write(`${key.keyId}  ${key.name.padEnd(20)}  ${key.perMinute}/min ${key.perDay}/day  created ${key.createdAt}  ${state}\n`);
        }
        return 0;
      }
      case 'revoke': {
        const keyId = args[0];
        if (!keyId) throw new Error('keys revoke needs a key id (see keys list)');
        if (!(await storage.access.revokeKey(keyId, new Date()))) {
          process.stderr.write(`no key ${keyId}\n`);
          return 1;
        }
        process.stdout.write(`revoked ${keyId}\n`);
        return 0;
      }
      default:
        throw new Error('usage: verbatim keys create [--name N --per-minute N --per-day N] | list | revoke <keyId>');
    }
  } finally {
    await storage.close();
  }
}

function positive(value: string, flag: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) throw new Error(`${flag} must be a positive whole number`);
  return number;
}
