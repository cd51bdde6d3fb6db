import { isAbsolute, resolve } from 'node:path';
import { z } from 'zod';
import { env, readEnv } from '../config';

/** Longest a file may be kept: the convention's 24 months (art. 3), in hours (730 days). */
export const MAX_FILE_TTL_HOURS = 730 * 24;

/** Configuration of bulk exports in a subgraph process, the CLI and the gateway. */
export interface ExportConfig {
  /** Where this subgraph's files are written: `<EXPORT_DIR>/<subgraph>`, `EXPORT_DIR` default `data/exports`. */
  dir: string;
  /** `EXPORT_LINK_SECRET`: the HMAC key of download links (at least 32 characters); none: no link is issued, no download served. */
  linkSecret: string | null;
  /** `EXPORT_LINK_TTL_SECONDS`: how long a download link is valid, default 300 (at most 3600). */
  linkTtlSeconds: number;
  /** `EXPORT_FILE_TTL_HOURS`: how long a file is kept after it is written, default 168 (7 days), at most 24 months. */
  fileTtlHours: number;
  /** `EXPORT_SCHEDULE_FILE`: JSON list of scheduled exports; none: nothing scheduled. */
  scheduleFile: string | null;
  /** `EXPORT_POLL_INTERVAL_MS`: how often the runner looks for work, default 5000. */
  pollIntervalMs: number;
  /** `EXPORT_BATCH_SIZE`: rows read per query, default 5000. */
  batchSize: number;
  /** `EXPORT_AUDIT_PART_SIZE`: rows per audit record of an export, default 10000. */
  auditPartSize: number;
}

/**
 * Reads the export configuration of a subgraph (files under
 * `<EXPORT_DIR>/<subgraph>`, `EXPORT_DIR` default `data/exports`); throws `ConfigError` naming the variable that is wrong.
 */
export function loadExportConfig(subgraph: string, source: NodeJS.ProcessEnv = process.env): ExportConfig {
  const values = readEnv(
    {
      EXPORT_DIR: z.string().min(1).optional(),
      EXPORT_LINK_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
      EXPORT_LINK_TTL_SECONDS: z.coerce.number().int().min(10, 'must be at least 10').max(3600, 'must be at most 3600').default(300),
      EXPORT_FILE_TTL_HOURS: z.coerce.number().int().positive().max(MAX_FILE_TTL_HOURS, `must be at most ${MAX_FILE_TTL_HOURS} (24 months)`).default(168),
      EXPORT_SCHEDULE_FILE: z.string().min(1).optional(),
      EXPORT_POLL_INTERVAL_MS: env.positiveInt(5000),
      EXPORT_BATCH_SIZE: z.coerce.number().int().min(100).max(50_000).default(5000),
      EXPORT_AUDIT_PART_SIZE: z.coerce.number().int().min(100).max(20_000).default(10_000),
    },
    source,
  );
  const base = values.EXPORT_DIR ?? 'data/exports';
  return {
    dir: resolve(isAbsolute(base) ? base : resolve(base), subgraph),
    linkSecret: values.EXPORT_LINK_SECRET ?? null,
    linkTtlSeconds: values.EXPORT_LINK_TTL_SECONDS,
    fileTtlHours: values.EXPORT_FILE_TTL_HOURS,
    scheduleFile: values.EXPORT_SCHEDULE_FILE ?? null,
    pollIntervalMs: values.EXPORT_POLL_INTERVAL_MS,
    batchSize: values.EXPORT_BATCH_SIZE,
    auditPartSize: values.EXPORT_AUDIT_PART_SIZE,
  };
}
