/**
 * Settings, read once from the environment, typed, and validated with errors that name the variable.
 * Local mode and Lambda read different sets; both fail fast at start-up, never far from the cause.
 */

// zod/mini: the tree-shakable build. Config is read at every Lambda cold start, and the full zod
// (about 450 KB bundled) was the largest single part of the API function's import time.
import { en } from 'zod/locales';
import * as z from 'zod/mini';

// zod/mini ships without messages; English ones, so a bad value is explained ("expected int...").
z.config(en());

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

const hostList = z.pipe(
  z._default(z.string(), ''),
  z.transform((value: string) =>
    value
      .split(',')
      .map((entry) => entry.trim())
      .filter(Boolean),
  ),
);

const portNumber = z.coerce.number().check(z.int(), z.minimum(0), z.maximum(65_535));
const positiveInt = (fallback: number) => z._default(z.coerce.number().check(z.int(), z.positive()), fallback);

const bool = (fallback: 'true' | 'false') =>
  z.pipe(
    z._default(z.enum(['true', 'false']), fallback),
    z.transform((value: 'true' | 'false') => value === 'true'),
  );

const fetchSettings = {
  VERBATIM_ALLOW_PRIVATE_HOSTS: hostList,
  VERBATIM_ALLOWED_PORTS: z.pipe(
    z._default(z.string(), '80,443'),
    z.pipe(
      z.transform((value: string) => value.split(',').map((p) => Number(p.trim()))),
      z.array(z.number()).check(
        z.refine((ports: number[]) => ports.every((p) => Number.isInteger(p) && p >= 1 && p <= 65_535), 'must be a comma-separated list of ports'),
      ),
    ),
  ),
  VERBATIM_USER_AGENT: z.optional(z.string().check(z.minLength(1))),
  VERBATIM_CONTACT_URL: z._default(z.url(), 'https://github.com/verbatim-archive/verbatim#for-site-owners'),
  VERBATIM_MAX_BODY_BYTES: positiveInt(15 * 1024 * 1024),
  VERBATIM_FETCH_TIMEOUT_MS: positiveInt(30_000),
  VERBATIM_HEADERS_TIMEOUT_MS: positiveInt(15_000),
  VERBATIM_MAX_REDIRECTS: z._default(z.coerce.number().check(z.int(), z.minimum(0)), 10),
  VERBATIM_RESPECT_ROBOTS: bool('true'),
  VERBATIM_EXTRACT_DEADLINE_MS: positiveInt(10_000),
};

const apiSettings = {
  VERBATIM_READ_REQUIRES_KEY: bool('false'),
  /** Origin (another registrable domain) that alone serves archived bytes, e.g. https://verbatim-content.net */
  VERBATIM_ARCHIVE_ORIGIN: z.optional(z.url()),
};

const localSchema = z.object({
  ...apiSettings,
  PORT: z._default(portNumber, 8080),
  HOST: z._default(z.string(), '127.0.0.1'),
  VERBATIM_DATA_DIR: z._default(z.string().check(z.minLength(1)), './.verbatim'),
  VERBATIM_WORKERS: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(32)), 2),
  /** Local mode: serve archived bytes from a second port (a separate origin) when set. */
  VERBATIM_ARCHIVE_PORT: z.optional(portNumber),
  ...fetchSettings,
});

const lambdaSchema = z.object({
  ...apiSettings,
  VERBATIM_BUCKET: z.string().check(z.minLength(1)),
  VERBATIM_TABLE: z.string().check(z.minLength(1)),
  VERBATIM_QUEUE_URL: z.optional(z.url()),
  ...fetchSettings,
});

export type LocalConfig = z.infer<typeof localSchema>;
export type LambdaConfig = z.infer<typeof lambdaSchema>;
export type FetchSettings = Pick<LocalConfig, keyof typeof fetchSettings>;

/** Settings for `npm start`, the CLI and the tests. */
export function loadLocalConfig(env: NodeJS.ProcessEnv = process.env): LocalConfig {
  return parse(localSchema, env);
}

/** Settings for the Lambda functions (resource names come from the CDK stack). */
export function loadLambdaConfig(env: NodeJS.ProcessEnv = process.env): LambdaConfig {
  return parse(lambdaSchema, env);
}

function parse<T extends z.ZodMiniType>(schema: T, env: NodeJS.ProcessEnv): z.infer<T> {
  // Empty strings mean "unset", as they do in most shells and CI systems.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const result = schema.safeParse(cleaned);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `${issue.path.join('.') || '(env)'}: ${issue.message}`);
  throw new ConfigError(`invalid configuration:\n  ${problems.join('\n  ')}`);
}
