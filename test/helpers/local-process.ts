/** Run `npm start`'s entry point as a child process, as a user would, and find the URL it prints. */

import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface LocalProcess {
  url: string;
  /** The local archivist API key the process printed. */
  apiKey: string;
  child: ChildProcess;
  output(): string;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export async function startLocalProcess(env: Record<string, string>): Promise<LocalProcess> {
  const child = spawn(`${ROOT}/node_modules/.bin/node`, ['--import', 'tsx', 'shared/local/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', VERBATIM_LOG_LEVEL: 'WARN', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`local app did not start:\n${output}`)), 30_000);
    const check = () => {
      const match = /Verbatim is running at (http:\/\/\S+)/.exec(output);
      if (match?.[1] && /API key/.test(output)) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout!.on('data', check);
    child.once('exit', () => reject(new Error(`local app exited:\n${output}`)));
  });

  const apiKey = /API key \(local archivist\): (\S+)/.exec(output)?.[1] ?? '';
  return {
    url,
    apiKey,
    child,
    output: () => output,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

/** Poll a capture until it is terminal. */
export async function waitForTerminal(base: string, id: string, timeoutMs = 30_000): Promise<Record<string, any>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const record = (await (await fetch(`${base}/v1/captures/${id}`)).json()) as Record<string, any>;
    if (record.status === 'done' || record.status === 'failed') return record;
    if (Date.now() > deadline) throw new Error(`capture ${id} still ${record.status} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
