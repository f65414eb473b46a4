/**
 * The sweep Lambda, run hourly: every capture still queued or fetching long after the queue's whole
 * retry timeline (its worker died on every attempt and its job sits in the dead-letter queue) is
 * failed as `abandoned`, so every accepted submission ends terminal. `verbatim redrive` reopens them.
 */

import { createClients } from '#shared/clients.ts';
import { loadLambdaConfig } from '#shared/config.ts';
import { getLogger } from '#shared/logger.ts';
import { systemClock } from '#shared/ports.ts';
import { sweepStuckCaptures } from '#shared/usecases/recover.ts';
import { buildStorage } from '#shared/wiring.ts';

const config = loadLambdaConfig();
const { catalog } = buildStorage(createClients(), config.VERBATIM_BUCKET, config.VERBATIM_TABLE);
const log = getLogger('audit');

export const handler = async (): Promise<{ swept: number }> => {
  const swept = await sweepStuckCaptures({ catalog, clock: systemClock });
  for (const record of swept) log.warn('sweep: capture abandoned', { captureId: record.id, url: record.url });
  return { swept: swept.length };
};
