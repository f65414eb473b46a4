/** The `verbatim` command line. Each command loads only the modules it needs. */

import { parseArgs } from 'node:util';

const USAGE = `usage: verbatim <command> [options]

commands:
  extract --input-list LIST.jsonl   extract pages listed as {"id","file","url"} (batch contract)
  quotes --input-list LIST.jsonl    extract quotes from {"id","file"} or {"id","text"} lines
  capture <url>                     capture one URL into the local store and print the record
  verify <id>                       recompute every SHA-256 of a capture in the local store (exit 3 on mismatch)
  audit [--stuck-after MIN] [--json]
                                    check every capture's objects (exist, SHA-256), list orphan objects and
                                    captures stuck for MIN minutes (default 120); exit 3 on a fixity failure
  redrive                           move the stack's dead-lettered jobs back to the capture queue
  keys create [--name N --per-minute N --per-day N] | keys list | keys revoke <keyId>
                                    archivist API keys (local store, or the stack when VERBATIM_TABLE is set)
  export [--url U | --site H | --author A | --published-from D --published-to D] [--from D --to D] [--out FILE]
                                    JSON Lines of captures (metadata, digests, quotes) from the local store
`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(USAGE);
    return 0;
  }
  const { values, positionals } = parseArgs({
    args: rest,
    options: {
      'input-list': { type: 'string' },
      url: { type: 'string' },
      site: { type: 'string' },
      author: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      'published-from': { type: 'string' },
      'published-to': { type: 'string' },
      out: { type: 'string', short: 'o' },
      'stuck-after': { type: 'string' },
      json: { type: 'boolean' },
      name: { type: 'string' },
      'per-minute': { type: 'string' },
      'per-day': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    allowPositionals: true,
  });
  if (!command || values.help) {
    process.stdout.write(USAGE);
    return command ? 0 : 2;
  }
  switch (command) {
    case 'extract': {
      const list = requireOption(values['input-list'], '--input-list');
      await (await import('./commands/extract.ts')).extractBatch(list);
      return 0;
    }
    case 'quotes': {
      const list = requireOption(values['input-list'], '--input-list');
      await (await import('./commands/quotes.ts')).quotesBatch(list);
      return 0;
    }
    case 'capture': {
      const url = positionals[0];
      if (!url) throw new UsageError('capture needs a URL');
      return (await import('./commands/capture.ts')).captureOne(url);
    }
    case 'verify': {
      const id = positionals[0];
      if (!id) throw new UsageError('verify needs a capture id');
      return (await import('./commands/verify.ts')).verifyOne(id);
    }
    case 'redrive':
      return (await import('./commands/redrive.ts')).redriveCommand();
    case 'keys':
      return (await import('./commands/keys.ts')).keysCommand(positionals[0], positionals.slice(1), {
        name: values.name,
        perMinute: values['per-minute'],
        perDay: values['per-day'],
      });
    case 'audit': {
      const stuckAfter = values['stuck-after'];
      const minutes = stuckAfter === undefined ? undefined : Number(stuckAfter);
      if (minutes !== undefined && !(Number.isFinite(minutes) && minutes > 0)) {
        throw new UsageError('--stuck-after must be a positive number of minutes');
      }
      return (await import('./commands/audit.ts')).auditCommand({
        ...(minutes !== undefined ? { stuckAfterMinutes: minutes } : {}),
        ...(values.json ? { json: true } : {}),
      });
    }
    case 'export':
      return (await import('./commands/export.ts')).exportCommand({
        url: values.url,
        site: values.site,
        author: values.author,
        from: values.from,
        to: values.to,
        publishedFrom: values['published-from'],
        publishedTo: values['published-to'],
        out: values.out,
      });
    default:
      throw new UsageError(`unknown command "${command}"`);
  }
}

class UsageError extends Error {}

function requireOption(value: string | undefined, name: string): string {
  if (!value) throw new UsageError(`${name} is required`);
  return value;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof UsageError) {
      process.stderr.write(`verbatim: ${error.message}\n\n${USAGE}`);
      process.exitCode = 2;
    } else {
      process.stderr.write(`verbatim: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    }
  },
);
