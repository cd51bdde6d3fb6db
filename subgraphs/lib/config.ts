import { readFileSync } from 'node:fs';
import { z } from 'zod';

/** Raised when the environment does not describe a valid configuration; names every bad variable. */
export class ConfigError extends Error {
  constructor(readonly problems: { variable: string; message: string }[]) {
    super(`Invalid configuration: ${problems.map((p) => `${p.variable}: ${p.message}`).join('; ')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Reads and validates environment variables against a zod object whose keys are the
 * variable names. Fails with every problem at once, each naming its variable.
 */
export function readEnv<S extends z.ZodRawShape>(
  shape: S,
  env: NodeJS.ProcessEnv = process.env,
): z.infer<z.ZodObject<S>> {
  const schema = z.object(shape);
  const picked: Record<string, string | undefined> = {};
  for (const key of Object.keys(shape)) {
    const value = env[key];
    picked[key] = value === '' ? undefined : value;
  }
  const parsed = schema.safeParse(picked);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => ({ variable: String(issue.path[0] ?? '?'), message: issue.message })),
    );
  }
  return parsed.data;
}

/**
 * The JSON content of the configuration file a variable names (a file rather than the
 * environment because it holds a list, or keys). Throws `ConfigError` naming the variable
 * when the file does not exist or is not JSON; the content is checked by the caller.
 */
export function readJsonConfigFile(variable: string, path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'the file does not exist' : 'the file is not valid JSON';
    throw new ConfigError([{ variable, message: reason }]);
  }
}

/** Variable kinds shared by every process. */
export const env = {
  port: (fallback: number) => z.coerce.number().int().min(1).max(65535).default(fallback),
  url: () => z.string().url(),
  databaseUrl: (fallback: string) =>
    z
      .string()
      .refine((v) => /^(postgres(ql)?:\/\/|file:|:memory:$|libsql:\/\/)/.test(v), {
        message: 'must be a postgres:// URL, file:PATH, :memory: or libsql:// URL',
      })
      .default(fallback),
  logLevel: () => z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  nodeEnv: () => z.enum(['development', 'production', 'test']).default('development'),
  positiveInt: (fallback: number) => z.coerce.number().int().positive().default(fallback),
  flag: (fallback: boolean) =>
    z
      .enum(['true', 'false', '1', '0'])
      .default(fallback ? 'true' : 'false')
      .transform((v) => v === 'true' || v === '1'),
};

/** Configuration of one subgraph process. */
export interface SubgraphConfig {
  /** Subgraph name, e.g. `workers`. */
  name: string;
  /** Port of its HTTP server (`<NAME>_PORT`; workers 4001, companies 4002, pacts 4003, referrals 4004). */
  port: number;
  /** Host to bind (`HOST`, default `127.0.0.1`). */
  host: string;
  /** `<NAME>_DATABASE_URL`: `file:data/<name>.db` (libsql, the embedded default) or `postgres://...`. */
  databaseUrl: string;
  /** `LOG_LEVEL`, default `info`. */
  logLevel: string;
  /** `NODE_ENV`, default `development`. */
  nodeEnv: 'development' | 'production' | 'test';
  /** `MAX_PAGE_SIZE`: the largest `first`/`last` a connection accepts, default 100. */
  maxPageSize: number;
  /** `INTERNAL_EVENTS_SECRET`: the key signing events between subgraphs (at least 32 characters); none: no `/events` endpoint. */
  internalEventsSecret?: string;
}

export const DEFAULT_PORTS: Record<string, number> = { workers: 4001, companies: 4002, pacts: 4003, referrals: 4004 };

/** Reads one subgraph's configuration; throws {@link ConfigError} naming the bad variables. */
export function loadSubgraphConfig(name: string, source: NodeJS.ProcessEnv = process.env): SubgraphConfig {
  const prefix = name.toUpperCase();
  const values = readEnv(
    {
      [`${prefix}_PORT`]: env.port(DEFAULT_PORTS[name] ?? 4100),
      [`${prefix}_DATABASE_URL`]: env.databaseUrl(`file:data/${name}.db`),
      HOST: z.string().min(1).default('127.0.0.1'),
      LOG_LEVEL: env.logLevel(),
      NODE_ENV: env.nodeEnv(),
      MAX_PAGE_SIZE: env.positiveInt(100),
      INTERNAL_EVENTS_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    },
    source,
  ) as Record<string, unknown>;
  return {
    name,
    port: values[`${prefix}_PORT`] as number,
    host: values.HOST as string,
    databaseUrl: values[`${prefix}_DATABASE_URL`] as string,
    logLevel: values.LOG_LEVEL as string,
    nodeEnv: values.NODE_ENV as SubgraphConfig['nodeEnv'],
    maxPageSize: values.MAX_PAGE_SIZE as number,
    internalEventsSecret: values.INTERNAL_EVENTS_SECRET as string | undefined,
  };
}
