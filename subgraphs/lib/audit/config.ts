import { env, readEnv } from '../config';

/** Where the audit trail lives. One store for the whole graph: every subgraph process writes to it. */
export interface AuditConfig {
  /** `AUDIT_DATABASE_URL`: `file:data/audit.db` (libsql, the default), `:memory:` or `postgres://...`. */
  databaseUrl: string;
  /**
   * `AUDIT_INDEX_INTERVAL_MS`: how often each process writes the per-person index of the
   * records appended since (default 2000). Queries do not wait for it; it only bounds
   * how many recent records a per-person query reads from their JSON lists.
   */
  indexIntervalMs: number;
}

/** Reads the audit configuration; throws `ConfigError` naming the variable that is not valid. */
export function loadAuditConfig(source: NodeJS.ProcessEnv = process.env): AuditConfig {
  const values = readEnv({ AUDIT_DATABASE_URL: env.databaseUrl('file:data/audit.db'), AUDIT_INDEX_INTERVAL_MS: env.positiveInt(2000) }, source);
  return { databaseUrl: values.AUDIT_DATABASE_URL, indexIntervalMs: values.AUDIT_INDEX_INTERVAL_MS };
}
