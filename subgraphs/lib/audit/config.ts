import { env, readEnv } from '../config';

/** Where the audit trail lives. One store for the whole graph: every subgraph process writes to it. */
export interface AuditConfig {
  /** `AUDIT_DATABASE_URL`: `file:data/audit.db` (libsql, the default), `:memory:` or `postgres://...`. */
  databaseUrl: string;
}

/** Reads the audit configuration; throws `ConfigError` naming `AUDIT_DATABASE_URL` when it is not a database URL. */
export function loadAuditConfig(source: NodeJS.ProcessEnv = process.env): AuditConfig {
  const values = readEnv({ AUDIT_DATABASE_URL: env.databaseUrl('file:data/audit.db') }, source);
  return { databaseUrl: values.AUDIT_DATABASE_URL };
}
