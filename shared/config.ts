/**
 * Settings, read once from the environment, typed, and validated with errors that name the variable.
 * Local mode and Lambda read different sets; both fail fast at start-up, never far from the cause.
 */

import { z } from 'zod';

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

const hostList = z
  .string()
  .default('')
  .transform((value) =>
    value
      .split(',')
      .map((entry) => entry.trim())
      .filter(Boolean),
  );

const portNumber = z.coerce.number().int().min(0).max(65_535);

const bool = (fallback: 'true' | 'false') =>
  z
    .enum(['true', 'false'])
    .default(fallback)
    .transform((value) => value === 'true');

const fetchSettings = {
  VERBATIM_ALLOW_PRIVATE_HOSTS: hostList,
  VERBATIM_ALLOWED_PORTS: z
    .string()
    .default('80,443')
    .transform((value, ctx) => {
      const ports = value.split(',').map((p) => Number(p.trim()));
      if (ports.some((p) => !Number.isInteger(p) || p < 1 || p > 65_535)) {
        ctx.addIssue({ code: 'custom', message: 'must be a comma-separated list of ports' });
      }
      return ports;
    }),
  VERBATIM_USER_AGENT: z.string().min(1).optional(),
  VERBATIM_CONTACT_URL: z.string().url().default('https://github.com/verbatim-archive/verbatim#for-site-owners'),
  VERBATIM_MAX_BODY_BYTES: z.coerce.number().int().positive().default(15 * 1024 * 1024),
  VERBATIM_FETCH_TIMEOUT_MS: z.coerce.number().int().positive().default(30_000),
  VERBATIM_HEADERS_TIMEOUT_MS: z.coerce.number().int().positive().default(15_000),
  VERBATIM_MAX_REDIRECTS: z.coerce.number().int().min(0).default(10),
  VERBATIM_RESPECT_ROBOTS: bool('true'),
  VERBATIM_EXTRACT_DEADLINE_MS: z.coerce.number().int().positive().default(10_000),
};

const apiSettings = {
  VERBATIM_READ_REQUIRES_KEY: bool('false'),
  /** Origin (another registrable domain) that alone serves archived bytes, e.g. https://verbatim-content.net */
  VERBATIM_ARCHIVE_ORIGIN: z.string().url().optional(),
};

const localSchema = z.object({
  ...apiSettings,
  PORT: portNumber.default(8080),
  HOST: z.string().default('127.0.0.1'),
  VERBATIM_DATA_DIR: z.string().min(1).default('./.verbatim'),
  VERBATIM_WORKERS: z.coerce.number().int().min(1).max(32).default(2),
  /** Local mode: serve archived bytes from a second port (a separate origin) when set. */
  VERBATIM_ARCHIVE_PORT: portNumber.optional(),
  ...fetchSettings,
});

const lambdaSchema = z.object({
  ...apiSettings,
  VERBATIM_BUCKET: z.string().min(1),
  VERBATIM_TABLE: z.string().min(1),
  VERBATIM_QUEUE_URL: z.string().url().optional(),
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

function parse<T extends z.ZodType>(schema: T, env: NodeJS.ProcessEnv): z.infer<T> {
  // Empty strings mean "unset", as they do in most shells and CI systems.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const result = schema.safeParse(cleaned);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `${issue.path.join('.') || '(env)'}: ${issue.message}`);
  throw new ConfigError(`invalid configuration:\n  ${problems.join('\n  ')}`);
}
