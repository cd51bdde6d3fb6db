import { z } from 'zod';
import { DEFAULT_PORTS, env, readEnv } from '../subgraphs/lib/config';
import { loadOperationLimits, type OperationLimits } from '../subgraphs/lib/limits';

/** Configuration of the gateway process. */
export interface GatewayConfig {
  /** `GATEWAY_PORT`, default 4000. */
  port: number;
  /** `HOST` to bind, default `127.0.0.1`. */
  host: string;
  /** `SUPERGRAPH_PATH`, default `schema/supergraph.graphql` (relative to the working directory). */
  supergraphPath: string;
  /**
   * Subgraph URLs that replace the ones written in the supergraph, by subgraph name:
   * `WORKERS_URL`, `COMPANIES_URL`, `PACTS_URL`, `REFERRALS_URL`. Unset ones keep the
   * supergraph's URL (`http://localhost:4001/graphql`...).
   */
  subgraphUrls: Record<string, string>;
  /** `LOG_LEVEL`, default `info`. */
  logLevel: string;
  /** `NODE_ENV`, default `development`; `production` hides stack traces, suggestions and the landing page. */
  nodeEnv: 'development' | 'production' | 'test';
  /** `READINESS_TIMEOUT_MS`: how long `/readyz` waits for each subgraph's `/readyz`, default 2000. */
  readinessTimeoutMs: number;
  /** `GATEWAY_MAX_BODY_BYTES`: largest request body accepted, default 1 MiB (larger: HTTP 413). */
  maxBodyBytes: number;
  /** Operation limits (`GRAPHQL_MAX_DEPTH`, `_ALIASES`, `_TOKENS`, `_COST`, `_DIRECTIVES`). */
  limits: OperationLimits;
}

/** The environment variable that overrides a subgraph's URL (`WORKERS_URL`). */
export function subgraphUrlVariable(name: string): string {
  return `${name.toUpperCase()}_URL`;
}

function isHttpUrl(value: string): boolean {
  try {
    return ['http:', 'https:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
}

const httpUrl = () => z.string().refine(isHttpUrl, { message: 'must be an http:// or https:// URL' }).optional();

/**
 * Reads the gateway configuration from the environment.
 * @throws ConfigError naming every bad variable
 */
export function loadGatewayConfig(source: NodeJS.ProcessEnv = process.env): GatewayConfig {
  const names = Object.keys(DEFAULT_PORTS);
  const values = readEnv(
    {
      GATEWAY_PORT: env.port(4000),
      HOST: z.string().min(1).default('127.0.0.1'),
      SUPERGRAPH_PATH: z.string().min(1).default('schema/supergraph.graphql'),
      LOG_LEVEL: env.logLevel(),
      NODE_ENV: env.nodeEnv(),
      READINESS_TIMEOUT_MS: env.positiveInt(2000),
      GATEWAY_MAX_BODY_BYTES: env.positiveInt(1024 * 1024),
      ...Object.fromEntries(names.map((name) => [subgraphUrlVariable(name), httpUrl()])),
    },
    source,
  ) as Record<string, unknown>;
  const subgraphUrls: Record<string, string> = {};
  for (const name of names) {
    const url = values[subgraphUrlVariable(name)];
    if (typeof url === 'string') subgraphUrls[name] = url;
  }
  return {
    port: values.GATEWAY_PORT as number,
    host: values.HOST as string,
    supergraphPath: values.SUPERGRAPH_PATH as string,
    subgraphUrls,
    logLevel: values.LOG_LEVEL as string,
    nodeEnv: values.NODE_ENV as GatewayConfig['nodeEnv'],
    readinessTimeoutMs: values.READINESS_TIMEOUT_MS as number,
    maxBodyBytes: values.GATEWAY_MAX_BODY_BYTES as number,
    limits: loadOperationLimits(source),
  };
}
