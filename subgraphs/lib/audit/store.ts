import { type Knex, type SqlEntityManager } from '@mikro-orm/knex';
import { existsSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { badUserInput } from '../errors';
import { type Database, initOrm, migrate, type Platform } from '../orm';
import { AuditIndexState, AuditKind, AuditRecord, AuditSubject, type AuditSubjectKind } from './audit-record.entity';
import { type AuditRecordInput, chainRecord, checkRecordInput, GENESIS_HASH } from './chain';
import { CredentialSuspension } from './credential-suspension.entity';
import { migrations } from './migrations';

/** The head of the chain: the last record's seq and hash (seq 0 and the genesis hash when empty). */
export interface ChainHead {
  seq: number;
  hash: string;
}

/** Filters of {@link AuditStore.query}; all optional, combined with AND. */
export interface AuditQuery {
  /** Fiscal code of a person the records concern. */
  person?: string;
  /** Fiscal code of an employer the records concern. */
  employer?: string;
  organisation?: string;
  /** Calling user (token `sub`). */
  subject?: string;
  purpose?: string;
  kind?: AuditKind | readonly AuditKind[];
  /** Records at or after this time. */
  from?: Date;
  /** Records strictly before this time. */
  to?: Date;
}

/** A page request: newest first, `first` records after the cursor `after`. */
export interface AuditPageRequest {
  /** 1 to {@link MAX_AUDIT_PAGE}. */
  first: number;
  /** `endCursor` of the previous page. */
  after?: string | null;
}

/** One page of records, newest first. */
export interface AuditPage {
  records: AuditRecord[];
  /** Pass as `after` for the next page; null when the page is empty. */
  endCursor: string | null;
  hasNextPage: boolean;
}

/** One line of a person's access log: who read or exported their data, when, for what. */
export interface AccessLogEntry {
  seq: number;
  at: Date;
  kind: AuditKind;
  subgraph: string;
  requestId: string;
  organisation: string;
  subject: string;
  role: string;
  purpose: string;
  operationName: string | null;
}

/** One page of an access log, newest first. */
export interface AccessLogPage {
  entries: AccessLogEntry[];
  endCursor: string | null;
  hasNextPage: boolean;
}

/** Counters of the write path, for tests and benchmarks. */
export interface AuditWriteStats {
  transactions: number;
  /** SQL statements sent inside write transactions, `begin` and `commit` included. */
  statements: number;
  /** Transactions restarted because another writer held the lock (SQLite) or took the seq. */
  retries: number;
}

/** Largest page {@link AuditStore.query} returns. */
export const MAX_AUDIT_PAGE = 500;
/** Records written by one transaction at most (pending appends beyond it wait for the next one). */
const MAX_BATCH = 200;
/** Subject rows one index transaction writes, roughly (a record is never split). */
const INDEX_BATCH_SUBJECTS = 20_000;
/** Records one index transaction looks at, at most. */
const INDEX_BATCH_RECORDS = 1000;
/** Any constant key: every process of the graph serialises its appends on it. */
const ADVISORY_LOCK_KEY = 742_518_093;

const RECORD_COLUMNS = [
  'seq', 'at', 'kind', 'subgraph', 'request_id', 'organisation', 'subject', 'role', 'purpose', 'operation_name',
  'token_id', 'tracking_evidence', 'people', 'employers', 'fields_released', 'fields_refused', 'detail', 'prev_hash', 'hash',
] as const;
const INSERT_RECORD = `insert into "audit_record" (${RECORD_COLUMNS.map((c) => `"${c}"`).join(', ')}) values `;
const RECORD_PLACEHOLDERS = `(${RECORD_COLUMNS.map(() => '?').join(', ')})`;

type Row = Record<string, unknown>;

/**
 * What {@link AuditStore.appendWithin} hands its work: a way to run SQL in the append
 * transaction (chain lock held) and the seq the first appended record will take.
 */
export interface AuditTransaction {
  readonly platform: Platform;
  /** Runs one statement in the transaction; `?` placeholders; returns the rows (for `returning`, the returned ones). */
  run(sql: string, bindings?: readonly unknown[]): Promise<Record<string, unknown>[]>;
  /** Seq of the first record the work's `records` will be appended as (the head's seq + 1). */
  readonly nextSeq: number;
}

const HEAD_SQL = 'select "seq", "hash" from "audit_record" order by "seq" desc limit 1';
const INDEXED_SQL = 'select "indexed_seq" from "audit_index_state" where "id" = 1';

/**
 * Per platform: the subject rows of the records in (from, to], from their own JSON lists,
 * sorted as the (kind, key, seq) index is, so that a batch touches each index page once;
 * and whether a record's list holds a key (for the records not indexed yet).
 */
const SUBJECT_SQL = {
  sqlite: {
    index: `insert or ignore into "audit_subject" ("seq", "kind", "key")
      select s."seq", s."kind", s."key" from (
        select r."seq" as "seq", 'person' as "kind", j."value" as "key" from "audit_record" r, json_each(r."people") j where r."seq" > ? and r."seq" <= ?
        union all
        select r."seq", 'employer', j."value" from "audit_record" r, json_each(r."employers") j where r."seq" > ? and r."seq" <= ?
      ) s order by s."kind", s."key", s."seq"`,
    sizes: 'select "seq", json_array_length("people") + json_array_length("employers") as "n" from "audit_record" where "seq" > ? and "seq" <= ? order by "seq" limit ?',
    lists: (column: 'people' | 'employers') => `exists (select 1 from json_each(r."${column}") where "value" = ?)`,
    key: (key: string) => key,
  },
  postgresql: {
    index: `insert into "audit_subject" ("seq", "kind", "key")
      select s."seq", s."kind", s."key" from (
        select r."seq", 'person' as "kind", j.value as "key" from "audit_record" r cross join lateral jsonb_array_elements_text(r."people") as j(value) where r."seq" > ? and r."seq" <= ?
        union all
        select r."seq", 'employer', j.value from "audit_record" r cross join lateral jsonb_array_elements_text(r."employers") as j(value) where r."seq" > ? and r."seq" <= ?
      ) s order by s."kind", s."key", s."seq"
      on conflict do nothing`,
    sizes: 'select "seq", jsonb_array_length("people") + jsonb_array_length("employers") as "n" from "audit_record" where "seq" > ? and "seq" <= ? order by "seq" limit ?',
    lists: (column: 'people' | 'employers') => `r."${column}" @> ?::jsonb`,
    key: (key: string) => JSON.stringify([key]),
  },
} as const;

function headOf(rows: Row[]): ChainHead {
  const [row] = rows;
  return row ? { seq: Number(row.seq), hash: String(row.hash) } : { seq: 0, hash: GENESIS_HASH };
}
type Run = (sql: string, bindings?: readonly unknown[]) => Promise<Row[]>;

/** A stored row whose values cannot be read back as a record (altered outside the store). */
export class UnreadableRecordError extends Error {
  constructor(readonly seq: number, column: string) {
    super(`audit record ${seq}: column ${column} cannot be read`);
    this.name = 'UnreadableRecordError';
  }
}

function rowsOf(result: unknown): Row[] {
  if (Array.isArray(result)) return result as Row[];
  const rows = (result as { rows?: unknown } | null)?.rows;
  return Array.isArray(rows) ? (rows as Row[]) : [];
}

function readList(value: unknown, seq: number, column: string): string[] {
  let list = value;
  if (typeof value === 'string') {
    try {
      list = JSON.parse(value);
    } catch {
      throw new UnreadableRecordError(seq, column);
    }
  }
  if (!Array.isArray(list) || list.some((v) => typeof v !== 'string')) throw new UnreadableRecordError(seq, column);
  return list as string[];
}

/** `timestamptz` arrives as text (MikroORM keeps PostgreSQL's format); SQLite holds epoch milliseconds. */
function readTime(value: unknown, seq: number): Date {
  let date: Date | undefined;
  if (value instanceof Date) date = value;
  else if (typeof value === 'number' || typeof value === 'bigint') date = new Date(Number(value));
  else if (typeof value === 'string') {
    date = /^-?\d+$/.test(value) ? new Date(Number(value)) : new Date(value.replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00'));
  }
  if (!date || Number.isNaN(date.getTime())) throw new UnreadableRecordError(seq, 'at');
  return date;
}

function readText(value: unknown, seq: number, column: string, nullable: boolean): string | null {
  if (value === null || value === undefined) {
    if (nullable) return null;
    throw new UnreadableRecordError(seq, column);
  }
  if (typeof value !== 'string') throw new UnreadableRecordError(seq, column);
  return value;
}

/** Maps a raw `audit_record` row to a record; throws {@link UnreadableRecordError} on values the store never writes. */
export function recordFromRow(row: Row): AuditRecord {
  const seq = Number(row.seq);
  const text = (column: string) => readText(row[column], seq, column, false) as string;
  const optional = (column: string) => readText(row[column], seq, column, true);
  return {
    seq,
    at: readTime(row.at, seq),
    kind: text('kind') as AuditKind,
    subgraph: text('subgraph'),
    requestId: text('request_id'),
    organisation: text('organisation'),
    subject: text('subject'),
    role: text('role'),
    purpose: text('purpose'),
    operationName: optional('operation_name'),
    tokenId: optional('token_id'),
    trackingEvidence: optional('tracking_evidence'),
    people: readList(row.people, seq, 'people'),
    employers: readList(row.employers, seq, 'employers'),
    fieldsReleased: readList(row.fields_released, seq, 'fields_released'),
    fieldsRefused: readList(row.fields_refused, seq, 'fields_refused'),
    detail: optional('detail'),
    prevHash: text('prev_hash'),
    hash: text('hash'),
  };
}

function isRetryable(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'))) return true;
  const text = typeof message === 'string' ? message : '';
  // Another writer took the same seq: only possible without the lock, but harmless to retry.
  if (code === '23505' && text.includes('audit_record_pkey')) return true;
  return /database is locked|UNIQUE constraint failed: audit_record\.seq/.test(text);
}

const CURSOR_PREFIX = 'audit:';

function encodeCursor(seq: number): string {
  return Buffer.from(`${CURSOR_PREFIX}${seq}`).toString('base64url');
}

function decodeCursor(cursor: string): number {
  const text = Buffer.from(cursor, 'base64url').toString();
  const seq = text.startsWith(CURSOR_PREFIX) ? Number(text.slice(CURSOR_PREFIX.length)) : NaN;
  if (!Number.isSafeInteger(seq) || seq < 1) throw badUserInput([{ path: 'after', message: 'not a cursor of this list' }]);
  return seq;
}

/** Options of {@link openAuditStore}. */
export interface AuditStoreOptions {
  /** `file:PATH`, `:memory:` or `postgres://...` (see `loadAuditConfig`). */
  databaseUrl: string;
  /** Apply the committed migrations (default true; the verify command opens read-only with false). */
  migrate?: boolean;
  /** How long a write keeps retrying while other processes hold the lock, in ms (default 10000). */
  busyTimeoutMs?: number;
  /** Print SQL (development only). */
  debug?: boolean;
}

/** Thrown by {@link openAuditStore} when asked not to migrate and the database holds no audit trail. */
export class MissingAuditTrailError extends Error {
  constructor(where: string) {
    super(`no audit trail in ${where}`);
    this.name = 'MissingAuditTrailError';
  }
}

interface PendingAppend {
  inputs: readonly AuditRecordInput[];
  resolve: (records: AuditRecord[]) => void;
  reject: (error: unknown) => void;
}

/**
 * The shared audit trail: appends records to the hash chain and reads them back.
 *
 * Appends from one process are queued and written together (group commit): while one
 * transaction runs, the next requests' records gather and go in the following one. Each
 * transaction takes the chain lock (PostgreSQL: `pg_advisory_xact_lock`; SQLite:
 * `begin immediate`, retried with backoff while another process writes), reads the head
 * and inserts the records in one statement.
 *
 * The per-person and per-employer index (`audit_subject`) follows behind, written by
 * {@link AuditStore.indexSubjects} in batches sorted by key (every process runs it on a
 * timer, see {@link AuditStore.startIndexing}). Queries by person or employer read the
 * index up to the indexed seq and the records' own JSON lists after it, so a record is
 * found the moment it is committed.
 */
export class AuditStore {
  readonly platform: Platform;
  readonly stats: AuditWriteStats = { transactions: 0, statements: 0, retries: 0 };
  private readonly knex: Knex;
  private readonly busyTimeoutMs: number;
  private pending: PendingAppend[] = [];
  private draining: Promise<void> | null = null;
  private indexTimer: NodeJS.Timeout | null = null;
  private indexRun: Promise<unknown> | null = null;

  constructor(readonly db: Database, options: { busyTimeoutMs?: number } = {}) {
    this.platform = db.platform;
    this.knex = (db.orm.em as SqlEntityManager).getKnex();
    this.busyTimeoutMs = options.busyTimeoutMs ?? 10_000;
  }

  /** Appends one record; resolves once it is committed, with its seq and hash. */
  async append(input: AuditRecordInput): Promise<AuditRecord> {
    const [record] = await this.appendMany([input]);
    return record!;
  }

  /**
   * Appends records in one transaction, in the order given; resolves once they are
   * committed. Throws `AuditRecordError` (nothing written) when one is malformed.
   */
  async appendMany(inputs: readonly AuditRecordInput[]): Promise<AuditRecord[]> {
    for (const input of inputs) checkRecordInput(input);
    if (inputs.length === 0) return [];
    return new Promise((resolve, reject) => {
      this.pending.push({ inputs, resolve, reject });
      this.draining ??= this.drain();
    });
  }

  private async drain(): Promise<void> {
    while (this.pending.length > 0) {
      let size = 0;
      let take = 0;
      while (take < this.pending.length && (take === 0 || size + this.pending[take]!.inputs.length <= MAX_BATCH)) {
        size += this.pending[take]!.inputs.length;
        take += 1;
      }
      const batch = this.pending.splice(0, take);
      try {
        const written = await this.write(batch.flatMap((b) => b.inputs));
        let offset = 0;
        for (const append of batch) {
          append.resolve(written.slice(offset, offset + append.inputs.length));
          offset += append.inputs.length;
        }
      } catch (error) {
        for (const append of batch) append.reject(error);
      }
    }
    this.draining = null;
  }

  private async write(inputs: readonly AuditRecordInput[]): Promise<AuditRecord[]> {
    return this.retrying(() => this.writeTransaction((run, head) => this.insert(run, head, inputs)));
  }

  /**
   * Writes the subject index rows of every record appended since the last run, in
   * transactions of about {@link INDEX_BATCH_SUBJECTS} rows, each advancing the indexed
   * seq with its rows. Several processes may run it at once: they take turns on a lock
   * (SQLite: the write lock; PostgreSQL: the state row, so appends are not held up) and
   * a turn that finds nothing left does nothing. Returns the number of records indexed.
   */
  async indexSubjects(): Promise<number> {
    // Up to the head as it is now: chasing the records appended meanwhile would turn one
    // large sorted batch into many small ones, each touching as many index pages.
    const target = (await this.head()).seq;
    let indexed = 0;
    while ((await this.indexedSeq()) < target) {
      indexed += await this.retrying(() => this.indexTransaction((run, from) => this.indexBatch(run, from, target)));
      // Let requests in between batches: the writes are synchronous on SQLite.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    return indexed;
  }

  /** Seq of the last record whose subject rows are written. */
  async indexedSeq(): Promise<number> {
    const [row] = await this.read(INDEXED_SQL);
    return Number(row?.indexed_seq ?? 0);
  }

  /**
   * Runs {@link indexSubjects} every `intervalMs` (skipping a beat while a run is still
   * going) until {@link close}. Errors go to `onError`; the next beat tries again.
   */
  startIndexing(intervalMs: number, onError: (error: unknown) => void): void {
    if (this.indexTimer) return;
    this.indexTimer = setInterval(() => {
      if (this.indexRun) return;
      this.indexRun = this.indexSubjects()
        .catch(onError)
        .finally(() => {
          this.indexRun = null;
        });
    }, intervalMs);
    this.indexTimer.unref();
  }

  private async indexBatch(run: Run, from: number, target: number): Promise<number> {
    const sql = SUBJECT_SQL[this.platform];
    const sizes = await run(sql.sizes, [from, target, INDEX_BATCH_RECORDS]);
    if (sizes.length === 0) return 0;
    let to = from;
    let subjects = 0;
    for (const row of sizes) {
      const n = Number(row.n);
      if (to > from && subjects + n > INDEX_BATCH_SUBJECTS) break;
      to = Number(row.seq);
      subjects += n;
    }
    await run(sql.index, [from, to, from, to]);
    await run('update "audit_index_state" set "indexed_seq" = ? where "id" = 1', [to]);
    return to - from;
  }

  /**
   * A transaction for the index: SQLite takes the write lock (as appends do); PostgreSQL
   * locks the state row only, so that appends go on while the rows are written.
   */
  private async indexTransaction<T>(work: (run: Run, indexedSeq: number) => Promise<T>): Promise<T> {
    if (this.platform === 'postgresql') {
      return this.knex.transaction(async (trx) => {
        const run: Run = async (sql, bindings = []) => rowsOf(await trx.raw(sql, bindings as Knex.RawBinding[]));
        const [state] = await run(`${INDEXED_SQL} for update`);
        return work(run, Number(state?.indexed_seq ?? 0));
      });
    }
    return this.writeTransaction(async (run) => {
      const [state] = await run(INDEXED_SQL);
      return work(run, Number(state?.indexed_seq ?? 0));
    });
  }

  /**
   * Runs `work` in an append transaction, then appends the records it returns in the same
   * transaction: both commit, or neither does (used for administrative changes kept in this
   * database, such as credential suspensions, and their ADMINISTRATION records). The work
   * may run more than once (retried while another writer holds the lock): it must only
   * read and write through `tx.run`. It returns no records when it changed nothing.
   * Bypasses the group-commit queue; the chain lock orders it with every other append.
   * @throws AuditRecordError (nothing written) when a returned record is malformed.
   */
  async appendWithin<T>(
    work: (tx: AuditTransaction) => Promise<{ value: T; records: readonly AuditRecordInput[] }>,
  ): Promise<{ value: T; records: AuditRecord[] }> {
    return this.retrying(() =>
      this.writeTransaction(async (run, head) => {
        const { value, records } = await work({ platform: this.platform, run, nextSeq: head.seq + 1 });
        for (const input of records) checkRecordInput(input);
        return { value, records: records.length > 0 ? await this.insert(run, head, records) : [] };
      }),
    );
  }

  private async retrying<T>(attemptOnce: () => Promise<T>): Promise<T> {
    const deadline = Date.now() + this.busyTimeoutMs;
    for (let attempt = 0; ; attempt += 1) {
      try {
        return await attemptOnce();
      } catch (error) {
        if (!isRetryable(error) || Date.now() >= deadline) throw error;
        this.stats.retries += 1;
        // Jittered exponential backoff: up to 1, 2, 4... 50 ms.
        await sleep(Math.random() * Math.min(50, 2 ** Math.min(attempt, 6)));
      }
    }
  }

  private async insert(run: Run, head: ChainHead, inputs: readonly AuditRecordInput[]): Promise<AuditRecord[]> {
    let prev = head;
    const now = new Date();
    const records = inputs.map((input) => {
      const record = chainRecord(input, prev, now);
      prev = record;
      return record;
    });
    await run(INSERT_RECORD + records.map(() => RECORD_PLACEHOLDERS).join(', '), records.flatMap((r) => this.recordValues(r)));
    return records;
  }

  private recordValues(r: AuditRecord): unknown[] {
    return [
      r.seq, this.timeValue(r.at), r.kind, r.subgraph, r.requestId, r.organisation, r.subject, r.role, r.purpose, r.operationName,
      r.tokenId, r.trackingEvidence, JSON.stringify(r.people), JSON.stringify(r.employers), JSON.stringify(r.fieldsReleased),
      JSON.stringify(r.fieldsRefused), r.detail, r.prevHash, r.hash,
    ];
  }

  /** SQLite keeps times as epoch milliseconds (as MikroORM does); PostgreSQL as `timestamptz`. */
  private timeValue(date: Date): unknown {
    return this.platform === 'sqlite' ? date.getTime() : date.toISOString();
  }

  /**
   * Runs `work` in a transaction holding the chain lock, with the head read under it.
   * PostgreSQL: the lock and the head read travel in one round trip (two statements; the
   * read, a statement of its own, sees whatever the previous lock holder committed).
   * SQLite: `begin immediate` takes the write lock before the read.
   */
  private async writeTransaction<T>(work: (run: Run, head: ChainHead) => Promise<T>): Promise<T> {
    this.stats.transactions += 1;
    if (this.platform === 'postgresql') {
      return this.knex.transaction(async (trx) => {
        const run: Run = async (sql, bindings = []) => {
          this.stats.statements += 1;
          return rowsOf(await trx.raw(sql, bindings as Knex.RawBinding[]));
        };
        this.stats.statements += 3; // begin, lock, head (commit counted below)
        const results = (await trx.raw(`select pg_advisory_xact_lock(${ADVISORY_LOCK_KEY}); ${HEAD_SQL}`)) as unknown as unknown[];
        const result = await work(run, headOf(rowsOf(results[1])));
        this.stats.statements += 1;
        return result;
      });
    }
    const client = this.knex.client as { acquireConnection(): Promise<unknown>; releaseConnection(c: unknown): Promise<unknown> };
    const connection = await client.acquireConnection();
    const run: Run = async (sql, bindings = []) => {
      this.stats.statements += 1;
      return rowsOf(await this.knex.raw(sql, bindings as Knex.RawBinding[]).connection(connection as never));
    };
    // Transaction control goes through the driver's `exec` (sqlite3_exec), not a prepared
    // statement: libsql leaves a prepared statement that failed (`begin immediate` while
    // another process holds the lock) active until it is garbage-collected, and every later
    // commit on the connection then fails with "SQL statements in progress", turning a
    // millisecond wait for the lock into seconds of retries.
    const raw = connection as { exec?: (sql: string) => unknown };
    const control = async (sql: string): Promise<void> => {
      if (typeof raw.exec !== 'function') {
        await run(sql);
        return;
      }
      this.stats.statements += 1;
      raw.exec(sql);
    };
    try {
      // Takes the write lock now, so that the head read below cannot go stale.
      await control('begin immediate');
      try {
        const result = await work(run, headOf(await run(HEAD_SQL)));
        await control('commit');
        return result;
      } catch (error) {
        await control('rollback').catch(() => undefined);
        throw error;
      }
    } finally {
      await client.releaseConnection(connection);
    }
  }

  /** Reads, outside any write transaction. */
  private async read(sql: string, bindings: readonly unknown[] = []): Promise<Row[]> {
    return rowsOf(await this.knex.raw(sql, bindings as Knex.RawBinding[]));
  }

  /** The last record's seq and hash; seq 0 and the genesis hash for an empty chain. */
  async head(): Promise<ChainHead> {
    return headOf(await this.read(HEAD_SQL));
  }

  /**
   * Raw rows in chain order after the position (seq, hash), `limit` at most: ordering by
   * hash too keeps a duplicated seq (a forged row, possible once the key is dropped) visible.
   * With a null hash, every row after seq.
   */
  async scanRows(after: { seq: number; hash: string | null }, limit: number): Promise<Row[]> {
    if (after.hash === null) return this.read('select * from "audit_record" where "seq" > ? order by "seq", "hash" limit ?', [after.seq, limit]);
    return this.read(
      'select * from "audit_record" where "seq" >= ? and ("seq" > ? or "hash" > ?) order by "seq", "hash" limit ?',
      [after.seq, after.seq, after.hash, limit],
    );
  }

  /**
   * The subject index rows of the records with seq in [from, to], ordered, and the indexed
   * seq, read together (one snapshot: an index batch committed in between cannot make
   * the rows and the seq disagree).
   */
  async subjectRows(from: number, to: number): Promise<{ indexedSeq: number; rows: { seq: number; kind: string; key: string }[] }> {
    const read = async (run: (sql: string, bindings: readonly unknown[]) => Promise<Row[]>) => {
      const [state] = await run(INDEXED_SQL, []);
      const rows = await run('select "seq", "kind", "key" from "audit_subject" where "seq" between ? and ? order by "seq", "kind", "key"', [from, to]);
      return { indexedSeq: Number(state?.indexed_seq ?? 0), rows: rows.map((r) => ({ seq: Number(r.seq), kind: String(r.kind), key: String(r.key) })) };
    };
    return this.knex.transaction(
      (trx) => read(async (sql, bindings) => rowsOf(await trx.raw(sql, bindings as Knex.RawBinding[]))),
      this.platform === 'postgresql' ? { isolationLevel: 'repeatable read', readOnly: true } : undefined,
    );
  }

  /** The record with the greatest seq below `seq`, if any (the anchor of a partial verification). */
  async recordBefore(seq: number): Promise<Row | undefined> {
    const [row] = await this.read('select * from "audit_record" where "seq" < ? order by "seq" desc limit 1', [seq]);
    return row;
  }

  /**
   * Records matching every given filter, newest first, keyset-paginated on seq. A person
   * or employer filter walks the (kind, key, seq) index of `audit_subject` for the
   * indexed records and the JSON lists of the few records after them.
   */
  async query(filter: AuditQuery, page: AuditPageRequest): Promise<AuditPage> {
    if (!Number.isInteger(page.first) || page.first < 1 || page.first > MAX_AUDIT_PAGE) {
      throw badUserInput([{ path: 'first', message: `must be between 1 and ${MAX_AUDIT_PAGE}` }]);
    }
    const where: string[] = [];
    const bindings: unknown[] = [];
    const before = page.after ? decodeCursor(page.after) : null;
    for (const [column, value] of [['organisation', filter.organisation], ['subject', filter.subject], ['purpose', filter.purpose]] as const) {
      if (value !== undefined) {
        where.push(`r."${column}" = ?`);
        bindings.push(value);
      }
    }
    if (filter.kind !== undefined) {
      const kinds = typeof filter.kind === 'string' ? [filter.kind] : [...filter.kind];
      if (kinds.length === 0) return { records: [], endCursor: null, hasNextPage: false };
      where.push(`r."kind" in (${kinds.map(() => '?').join(', ')})`);
      bindings.push(...kinds);
    }
    if (filter.from) {
      where.push('r."at" >= ?');
      bindings.push(this.timeValue(filter.from));
    }
    if (filter.to) {
      where.push('r."at" < ?');
      bindings.push(this.timeValue(filter.to));
    }
    const limit = page.first + 1;
    const keys = [
      ['person', 'people', filter.person],
      ['employer', 'employers', filter.employer],
    ].filter((k): k is [AuditSubjectKind, 'people' | 'employers', string] => k[2] !== undefined);

    let rows: Row[];
    if (keys.length === 0) {
      if (before !== null) where.push('r."seq" < ?');
      rows = await this.read(
        `select r.* from "audit_record" r ${where.length ? `where ${where.join(' and ')}` : ''} order by r."seq" desc limit ?`,
        [...bindings, ...(before !== null ? [before] : []), limit],
      );
    } else {
      // Read once: a record is either after it (found by its lists) or indexed, never neither.
      const indexed = await this.indexedSeq();
      const sql = SUBJECT_SQL[this.platform];
      const upper = before !== null ? ['r."seq" < ?'] : [];
      const upperValue = before !== null ? [before] : [];
      rows = await this.read(
        `select r.* from "audit_record" r where ${['r."seq" > ?', ...upper, ...keys.map(([, column]) => sql.lists(column)), ...where].join(' and ')} order by r."seq" desc limit ?`,
        [indexed, ...upperValue, ...keys.map(([, , key]) => sql.key(key)), ...bindings, limit],
      );
      if (rows.length < limit) {
        const [driver, ...others] = keys;
        const joins = [driver!, ...others].map(([kind], i) => `join "audit_subject" s${i} on s${i}."seq" = ${i === 0 ? 'r."seq"' : 's0."seq"'} and s${i}."kind" = '${kind}' and s${i}."key" = ?`);
        const older = await this.read(
          `select r.* from "audit_record" r ${joins.join(' ')} where ${['s0."seq" <= ?', ...(before !== null ? ['s0."seq" < ?'] : []), ...where].join(' and ')} order by s0."seq" desc limit ?`,
          [...keys.map(([, , key]) => key), indexed, ...upperValue, ...bindings, limit - rows.length],
        );
        rows = [...rows, ...older];
      }
    }
    const records = rows.slice(0, page.first).map(recordFromRow);
    const last = records[records.length - 1];
    return { records, endCursor: last ? encodeCursor(last.seq) : null, hasNextPage: rows.length > page.first };
  }

  /**
   * Who read (ACCESS) or exported (EXPORT) data of this person, and when retention deleted
   * data about them (PURGE): organisation, user, role, when, purpose, operation.
   */
  async accessLogOf(fiscalCode: string, page: AuditPageRequest): Promise<AccessLogPage> {
    const result = await this.query({ person: fiscalCode, kind: [AuditKind.ACCESS, AuditKind.EXPORT, AuditKind.PURGE] }, page);
    return {
      entries: result.records.map((r) => ({
        seq: r.seq,
        at: r.at,
        kind: r.kind,
        subgraph: r.subgraph,
        requestId: r.requestId,
        organisation: r.organisation,
        subject: r.subject,
        role: r.role,
        purpose: r.purpose,
        operationName: r.operationName,
      })),
      endCursor: result.endCursor,
      hasNextPage: result.hasNextPage,
    };
  }

  /** Stops the indexing timer, waits for queued appends and a running index batch, then closes the connection. */
  async close(): Promise<void> {
    if (this.indexTimer) clearInterval(this.indexTimer);
    this.indexTimer = null;
    while (this.draining) await this.draining;
    await this.indexRun;
    await this.db.orm.close(true);
  }
}

/** Appends a request's records (normally one per subgraph) in one transaction. */
export function appendRecords(store: AuditStore, records: readonly AuditRecordInput[]): Promise<AuditRecord[]> {
  return store.appendMany(records);
}

/** Errors of a process that lost a migration race to another one (or waited on its lock). */
function lostMigrationRace(error: unknown): boolean {
  for (let e = error as { code?: unknown; message?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 5; e = e.cause as typeof e, depth += 1) {
    if (isRetryable(e)) return true;
    if (typeof e.code === 'string' && ['42P07', '42710', '23505', '40P01'].includes(e.code)) return true;
    if (typeof e.message === 'string' && /already exists|database is locked/.test(e.message)) return true;
  }
  return false;
}

async function retryingRace<T>(timeoutMs: number, work: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await work();
    } catch (error) {
      if (!lostMigrationRace(error) || Date.now() >= deadline) throw error;
      await sleep(5 + Math.random() * Math.min(200, 5 * 2 ** attempt));
    }
  }
}

function sqliteFile(databaseUrl: string): string | null {
  if (/^postgres(ql)?:\/\//.test(databaseUrl)) return null;
  const name = databaseUrl.replace(/^file:/, '');
  return name === ':memory:' || name.startsWith('libsql://') ? null : name;
}

/**
 * Connects to the audit database and (by default) brings its schema up to date.
 * Several processes may start at once on the same database: a migration that loses
 * the race fails, and is retried until the winner's schema is visible.
 */
export async function openAuditStore(options: AuditStoreOptions): Promise<AuditStore> {
  const file = sqliteFile(options.databaseUrl);
  const platform: Platform = /^postgres(ql)?:\/\//.test(options.databaseUrl) ? 'postgresql' : 'sqlite';
  if (options.migrate === false && platform === 'sqlite' && file && !existsSync(file)) throw new MissingAuditTrailError(file);
  const db = await initOrm({ entities: [AuditRecord, AuditSubject, AuditIndexState, CredentialSuspension], databaseUrl: options.databaseUrl, migrations, debug: options.debug });
  try {
    const knex = (db.orm.em as SqlEntityManager).getKnex();
    if (options.migrate === false) {
      const exists = await knex.schema.hasTable('audit_record');
      if (!exists) throw new MissingAuditTrailError(file ?? `the ${platform === 'postgresql' ? 'PostgreSQL' : 'SQLite'} database`);
    } else {
      await retryingRace(options.busyTimeoutMs ?? 10_000, async () => {
        // Several processes read and write one file: WAL lets readers and the writer proceed together.
        if (file) await knex.raw('pragma journal_mode = wal');
        await migrate(db);
      });
    }
    return new AuditStore(db, { busyTimeoutMs: options.busyTimeoutMs });
  } catch (error) {
    await db.orm.close(true);
    throw error;
  }
}
