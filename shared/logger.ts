/**
 * One structured JSON logger for the whole project (Powertools Logger: the same format on Lambda and
 * locally). Components take a child with their tag; capture ids are appended per record, never whole pages.
 */

import { Logger } from '@aws-lambda-powertools/logger';

export type Component = 'api' | 'audit' | 'capture' | 'fetch' | 'extract' | 'store' | 'catalog' | 'queue' | 'local' | 'cli';

const root = new Logger({
  serviceName: 'verbatim',
  logLevel: (process.env.VERBATIM_LOG_LEVEL ?? process.env.POWERTOOLS_LOG_LEVEL ?? 'INFO') as 'INFO',
});

export function getLogger(component: Component): Logger {
  return root.createChild({ persistentKeys: { component } });
}
