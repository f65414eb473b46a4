/** `npm start`: run Verbatim locally (API, worker, embedded storage) until interrupted. */

import { ConfigError, loadLocalConfig } from '../config.ts';
import { startVerbatim } from './start.ts';

async function main(): Promise<void> {
  const config = loadLocalConfig();
  const verbatim = await startVerbatim(config);
  process.stdout.write(
    `Verbatim is running at ${verbatim.url}\n` +
      `  data: ${config.VERBATIM_DATA_DIR}   S3: ${verbatim.emulators.s3Endpoint}   DynamoDB: ${verbatim.emulators.dynamoEndpoint}\n` +
      `  API key (local archivist): ${verbatim.apiKey}\n` +
      `  try:  curl -X POST ${verbatim.url}/v1/captures -H "Authorization: Bearer ${verbatim.apiKey}" -H 'content-type: application/json' -d '{"url":"https://example.com/"}'\n`,
  );
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) process.exit(1);
    stopping = true;
    process.stdout.write(`\n${signal}: stopping (in-flight captures finish; queued ones resume on next start)\n`);
    verbatim.close().then(() => process.exit(0), () => process.exit(1));
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  process.stderr.write(
    error instanceof ConfigError ? `verbatim: ${error.message}\n` : `verbatim: failed to start: ${String((error as Error)?.stack ?? error)}\n`,
  );
  process.exit(1);
});
