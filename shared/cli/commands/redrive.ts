/**
 * `verbatim redrive`: move the deployed stack's dead-lettered capture jobs back to the capture queue
 * (VERBATIM_TABLE, VERBATIM_BUCKET, VERBATIM_QUEUE_URL and VERBATIM_DLQ_URL name the stack's resources:
 * see the stack outputs). Local mode has no dead-letter queue: unfinished captures resume on start.
 */

import { createClients } from '../../clients.ts';
import { systemClock } from '../../ports.ts';
import { SqsDeadLetterQueue, SqsQueue } from '../../queue/sqs-queue.ts';
import { redriveDeadLetters } from '../../usecases/recover.ts';
import { openStorage } from '../open-storage.ts';

export async function redriveCommand(env: NodeJS.ProcessEnv = process.env): Promise<number> {
  if (!env.VERBATIM_TABLE || !env.VERBATIM_QUEUE_URL || !env.VERBATIM_DLQ_URL) {
    process.stderr.write(
      'redrive acts on the deployed stack: set VERBATIM_TABLE, VERBATIM_BUCKET, VERBATIM_QUEUE_URL and VERBATIM_DLQ_URL ' +
        '(stack outputs). Local mode has no dead-letter queue: unfinished captures resume when `npm start` starts.\n',
    );
    return 2;
  }
  const storage = await openStorage(env);
  const { sqs } = createClients();
  try {
    const report = await redriveDeadLetters({
      catalog: storage.catalog,
      queue: new SqsQueue(sqs, env.VERBATIM_QUEUE_URL),
      deadLetters: new SqsDeadLetterQueue(sqs, env.VERBATIM_DLQ_URL),
      clock: systemClock,
    });
    process.stdout.write(
      `requeued ${report.requeued.length}, already terminal ${report.alreadyDone.length}, dropped ${report.dropped} (malformed or unknown)\n`,
    );
    return 0;
  } finally {
    sqs.destroy();
    await storage.close();
  }
}
