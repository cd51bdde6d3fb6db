import { type EntityManager } from '@mikro-orm/core';
import { type ExportDataset } from './export-job.entity';
import { type ExportRow } from './format';

/** What an export is asked for: whose data, which relationships' period. */
export interface ExportScope {
  /** Cassa Edile code: employers whose `cassa_edile_code` it is (construction sector only). */
  recipient: string;
  /** Relationships active on or after this day (YYYY-MM-DD); null: no lower bound. */
  periodFrom: string | null;
  /** Relationships active on or before this day; null: no upper bound. */
  periodTo: string | null;
}

/** One batch of rows, in key order. */
export type ExportBatch = ExportRow[];

/**
 * A dataset a subgraph exports: its columns (in file order), the schema coordinates the
 * columns correspond to (recorded as released), and its rows in keyset order, batch by
 * batch, each read by its own query so that nothing accumulates.
 */
export interface ExportSource {
  dataset: ExportDataset;
  columns: readonly string[];
  released: readonly string[];
  /** The columns holding the fiscal codes of the person and of the employer a row concerns (for the audit trail). */
  subjects: { person?: string; employer?: string };
  batches(em: EntityManager, scope: ExportScope, batchSize: number): AsyncIterable<ExportBatch>;
}

/** The datasets a subgraph exports, by name. */
export type ExportSources = Partial<Record<ExportDataset, ExportSource>>;

/** A row of a raw query, as the driver returns it. */
export type RawRow = Record<string, unknown>;

/**
 * Keyset pagination over a raw query: `query(after, limit)` returns the SQL and bindings
 * of the rows after the key `after` (null: from the start), in key order; `keyOf` reads
 * the key of a row. Each batch is one statement on the connection (no identity map, no
 * entity objects), so memory stays that of one batch whatever the number of rows.
 */
export async function* keysetBatches(
  em: EntityManager,
  batchSize: number,
  query: (after: string | null, limit: number) => { sql: string; bindings: unknown[] },
  keyOf: (row: RawRow) => string,
): AsyncGenerator<RawRow[]> {
  let after: string | null = null;
  const connection = em.getConnection();
  for (;;) {
    const { sql, bindings } = query(after, batchSize);
    const rows = (await connection.execute(sql, bindings, 'all')) as RawRow[];
    if (rows.length === 0) return;
    yield rows;
    if (rows.length < batchSize) return;
    after = keyOf(rows[rows.length - 1]!);
  }
}

/** The condition "active at some time in [from, to]" on a start column and an end column (null end: open). */
export function activeInPeriod(start: string, end: string, scope: ExportScope): { sql: string; bindings: unknown[] } {
  const parts: string[] = [];
  const bindings: unknown[] = [];
  if (scope.periodTo) {
    parts.push(`${start} <= ?`);
    bindings.push(scope.periodTo);
  }
  if (scope.periodFrom) {
    parts.push(`(${end} is null or ${end} >= ?)`);
    bindings.push(scope.periodFrom);
  }
  return { sql: parts.map((p) => ` and ${p}`).join(''), bindings };
}

/** A boolean column as SQLite (0/1) or PostgreSQL (true/false) returns it. */
export function bool(value: unknown): boolean | null {
  if (value === null || value === undefined) return null;
  return value === true || value === 1 || value === '1' || value === 't';
}

/** A number column (PostgreSQL may return numerics and bigints as text). */
export function num(value: unknown): number | null {
  if (value === null || value === undefined) return null;
  return typeof value === 'number' ? value : Number(value);
}

/** A text or date column. */
export function text(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  return value instanceof Date ? value.toISOString().slice(0, 10) : String(value);
}
