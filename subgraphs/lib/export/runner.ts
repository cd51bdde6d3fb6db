import { type EntityManager, type MikroORM } from '@mikro-orm/core';
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { Readable, Transform, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { AuditKind, type AuditRecordInput, tombstoneRecord, type TombstoneReason } from '../audit';
import { type ExportConfig } from './config';
import { type ExportDataset, type ExportFormat, ExportJob, ExportStatus, type ExportTrigger } from './export-job.entity';
import { extensionOf, formatRows } from './format';
import { type ExportBatch, type ExportSource, type ExportSources } from './source';

/** Role and purpose every export is released under (convention art. 2-3). */
export const EXPORT_ROLE = 'CASSA_EDILE';
export const EXPORT_PURPOSE = 'REGULARITY_CHECK';

/** Where audit records of exports go (an `AuditStore` fits). */
export interface ExportAuditAppender {
  append(record: AuditRecordInput): Promise<unknown>;
}

/** Why a job failed, as stored in `error`. */
export type ExportError = 'QUERY_FAILED' | 'WRITE_FAILED' | 'AUDIT_UNAVAILABLE' | 'UNKNOWN_DATASET' | 'NO_AUDIT_TRAIL';

/** What {@link runExportJob} needs. */
export interface ExportRunDeps {
  orm: MikroORM;
  /** Subgraph name, as audit records name their writer. */
  subgraph: string;
  sources: ExportSources;
  /** The shared audit trail; none: every export fails with NO_AUDIT_TRAIL (no data leaves unrecorded). */
  audit: ExportAuditAppender | null;
  config: Pick<ExportConfig, 'dir' | 'fileTtlHours' | 'batchSize' | 'auditPartSize'>;
  /** How long a claim holds a job; renewed while it runs. Default 5 minutes. */
  leaseMs?: number;
  now?: () => Date;
  /** Called after each batch is written (tests use it to fail a run midway). */
  onBatch?: (rowsSoFar: number) => void | Promise<void>;
}

/** What a finished run produced. */
export interface ExportOutcome {
  id: string;
  status: ExportStatus.READY | ExportStatus.FAILED;
  rowCount: number;
  byteCount: number;
  sha256: string | null;
  path: string | null;
  error: ExportError | null;
}

const DEFAULT_LEASE_MS = 5 * 60_000;

/** The absolute path of a job's file (`fileName` is relative to the export directory, or absolute for `--out`). */
export function exportFilePath(dir: string, fileName: string): string {
  return isAbsolute(fileName) ? fileName : resolve(dir, fileName);
}

/** A new job, not yet flushed: PENDING for the runner, or RUNNING for a caller that runs it at once (the CLI). */
export function createExportJob(
  em: EntityManager,
  spec: {
    recipient: string;
    dataset: ExportDataset;
    format: ExportFormat;
    trigger: ExportTrigger;
    requestedBy: string;
    periodFrom?: string | null;
    periodTo?: string | null;
    slotKey?: string | null;
    fileName?: string | null;
    now?: Date;
  },
): ExportJob {
  const now = spec.now ?? new Date();
  return em.create(ExportJob, {
    recipient: spec.recipient,
    dataset: spec.dataset,
    format: spec.format,
    trigger: spec.trigger,
    requestedBy: spec.requestedBy,
    requestedAt: now,
    periodFrom: spec.periodFrom ?? null,
    periodTo: spec.periodTo ?? null,
    slotKey: spec.slotKey ?? null,
    fileName: spec.fileName ?? null,
  });
}

/**
 * Claims the oldest job that is PENDING (or RUNNING under a lease that ran out: its runner
 * died) with a conditional update, so that two processes never run the same job. Returns
 * it RUNNING, or null when there is none (or another process took each candidate).
 */
export async function claimExportJob(em: EntityManager, now: Date, leaseMs: number = DEFAULT_LEASE_MS, datasets?: readonly ExportDataset[]): Promise<ExportJob | null> {
  const claimable = {
    $or: [{ status: ExportStatus.PENDING }, { status: ExportStatus.RUNNING, lockedUntil: { $lt: now } }],
    ...(datasets ? { dataset: { $in: [...datasets] } } : {}),
  };
  const candidates = await em.find(ExportJob, claimable, { orderBy: { requestedAt: 'asc', id: 'asc' }, limit: 5, disableIdentityMap: true });
  for (const candidate of candidates) {
    const lease = new Date(now.getTime() + leaseMs);
    const claimed = await em.nativeUpdate(ExportJob, { id: candidate.id, ...claimable }, { status: ExportStatus.RUNNING, lockedUntil: lease, startedAt: now });
    if (claimed === 1) return em.fork().findOneOrFail(ExportJob, { id: candidate.id });
  }
  return null;
}

/** Counts rows and bytes and hashes what passes through (the gzip bytes, as served). */
class Digest extends Transform {
  readonly hash = createHash('sha256');
  bytes = 0;
  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: (error?: Error | null, data?: Buffer) => void): void {
    this.hash.update(chunk);
    this.bytes += chunk.length;
    done(null, chunk);
  }
}

/** A small file of the export's audit parts: one JSON line per part (its rows, people and employers), read back after the file is complete. */
async function writeLine(stream: Writable, line: string): Promise<void> {
  if (!stream.write(line)) await new Promise<void>((done) => stream.once('drain', done));
}

/** Audit parts of an export: at most `partSize` rows each, their people and employers deduplicated within the part. */
class AuditParts {
  private people = new Set<string>();
  private employers = new Set<string>();
  private rows = 0;
  count = 0;
  constructor(private readonly stream: Writable, private readonly partSize: number) {}

  async add(batch: ExportBatch, subjects: ExportSource['subjects']): Promise<void> {
    for (const row of batch) {
      const person = subjects.person ? row[subjects.person] : null;
      const employer = subjects.employer ? row[subjects.employer] : null;
      if (typeof person === 'string' && person) this.people.add(person);
      if (typeof employer === 'string' && employer) this.employers.add(employer);
      this.rows += 1;
      if (this.rows >= this.partSize) await this.flush();
    }
  }

  async flush(force = false): Promise<void> {
    if (this.rows === 0 && !(force && this.count === 0)) return;
    await writeLine(this.stream, `${JSON.stringify({ rows: this.rows, people: [...this.people], employers: [...this.employers] })}\n`);
    this.count += 1;
    this.people = new Set();
    this.employers = new Set();
    this.rows = 0;
  }
}

/**
 * Writes one export: rows in keyset batches → NDJSON or CSV → gzip → a temporary file,
 * with backpressure (`pipeline`), hashing and counting on the way; then appends its audit
 * records (one per part of at most `auditPartSize` rows, naming export, dataset, part,
 * rows and SHA-256, and the people and employers of the part); only then renames the file
 * into place and marks the job READY. Any failure leaves no file and the job FAILED with
 * a code. The job must have been claimed (RUNNING).
 */
export async function runExportJob(deps: ExportRunDeps, job: ExportJob): Promise<ExportOutcome> {
  const now = deps.now ?? (() => new Date());
  const leaseMs = deps.leaseMs ?? DEFAULT_LEASE_MS;
  const em = deps.orm.em.fork();
  const source: ExportSource | undefined = deps.sources[job.dataset];
  const fail = async (error: ExportError, files: string[] = []): Promise<ExportOutcome> => {
    for (const file of files) await rm(file, { force: true });
    await em.nativeUpdate(ExportJob, { id: job.id }, { status: ExportStatus.FAILED, error, completedAt: now(), lockedUntil: null });
    return { id: job.id, status: ExportStatus.FAILED, rowCount: 0, byteCount: 0, sha256: null, path: null, error };
  };
  if (!source) return fail('UNKNOWN_DATASET');
  if (!deps.audit) return fail('NO_AUDIT_TRAIL');

  const fileName = job.fileName ?? `${job.recipient}/${job.dataset.toLowerCase()}-${job.id}.${extensionOf(job.format)}`;
  const path = exportFilePath(deps.config.dir, fileName);
  const temporary = `${path}.${randomUUID()}.part`;
  const partsFile = `${temporary}.audit`;
  await mkdir(dirname(path), { recursive: true });

  const scope = { recipient: job.recipient, periodFrom: job.periodFrom ?? null, periodTo: job.periodTo ?? null };
  const partsStream = createWriteStream(partsFile, { mode: 0o600 });
  const parts = new AuditParts(partsStream, deps.config.auditPartSize);
  const digest = new Digest();
  let rowCount = 0;
  let queryFailed = false;
  let lastRenewal = now().getTime();
  const batches = source.batches(em, scope, deps.config.batchSize);
  async function* rows(): AsyncGenerator<ExportBatch> {
    const iterator = batches[Symbol.asyncIterator]();
    for (;;) {
      let next: IteratorResult<ExportBatch>;
      try {
        next = await iterator.next();
      } catch (error) {
        queryFailed = true;
        throw error;
      }
      if (next.done) return;
      await parts.add(next.value, source!.subjects);
      rowCount += next.value.length;
      yield next.value;
      await deps.onBatch?.(rowCount);
      // Keep the claim while the run lasts, so that no other runner takes the job over.
      if (now().getTime() - lastRenewal > leaseMs / 3) {
        lastRenewal = now().getTime();
        await em.nativeUpdate(ExportJob, { id: job.id }, { lockedUntil: new Date(lastRenewal + leaseMs) });
      }
    }
  }
  try {
    await pipeline(Readable.from(rows()), formatRows(job.format, source.columns), createGzip(), digest, createWriteStream(temporary, { mode: 0o600 }));
    await parts.flush(true);
    await new Promise<void>((done, reject) => partsStream.end((error?: Error | null) => (error ? reject(error) : done())));
  } catch {
    partsStream.destroy();
    return fail(queryFailed ? 'QUERY_FAILED' : 'WRITE_FAILED', [temporary, partsFile]);
  }
  const sha256 = digest.hash.digest('hex');

  try {
    await appendAuditParts(deps, job, source, partsFile, parts.count, rowCount, sha256);
  } catch {
    return fail('AUDIT_UNAVAILABLE', [temporary, partsFile]);
  }
  await rm(partsFile, { force: true });
  try {
    await rename(temporary, path);
  } catch {
    return fail('WRITE_FAILED', [temporary]);
  }
  const completedAt = now();
  const expiresAt = new Date(completedAt.getTime() + deps.config.fileTtlHours * 3_600_000);
  await em.nativeUpdate(
    ExportJob,
    { id: job.id },
    { status: ExportStatus.READY, completedAt, expiresAt, rowCount, byteCount: digest.bytes, sha256, fileName, auditParts: parts.count, lockedUntil: null, error: null },
  );
  return { id: job.id, status: ExportStatus.READY, rowCount, byteCount: digest.bytes, sha256, path, error: null };
}

/** Appends the export's audit records, one per part, read back from the parts file line by line. */
async function appendAuditParts(deps: ExportRunDeps, job: ExportJob, source: ExportSource, partsFile: string, count: number, rowCount: number, sha256: string): Promise<void> {
  const lines = createInterface({ input: createReadStream(partsFile), crlfDelay: Infinity });
  let k = 0;
  for await (const line of lines) {
    if (!line) continue;
    k += 1;
    const part = JSON.parse(line) as { rows: number; people: string[]; employers: string[] };
    await deps.audit!.append({
      kind: AuditKind.EXPORT,
      subgraph: deps.subgraph,
      requestId: job.id,
      organisation: job.recipient,
      subject: job.requestedBy,
      role: EXPORT_ROLE,
      purpose: EXPORT_PURPOSE,
      operationName: `export:${job.dataset}`,
      people: part.people,
      employers: part.employers,
      fieldsReleased: [...source.released],
      detail: `export=${job.id} dataset=${job.dataset} format=${job.format} trigger=${job.trigger} part=${k}/${count} partRows=${part.rows} rows=${rowCount} sha256=${sha256}`,
    });
  }
}

/** What {@link expireExports} deleted. */
export interface ExpiredExport {
  id: string;
  recipient: string;
  dataset: ExportDataset;
  fileName: string;
  sha256: string | null;
  rowCount: number | null;
  completedAt: Date | null;
  expiresAt: Date;
  expiredAt: Date;
  /** EXPIRED: its time ran out; RECIPIENT_CONFIRMED: the Cassa Edile confirmed deleting its copy first. */
  reason: Extract<TombstoneReason, 'EXPIRED' | 'RECIPIENT_CONFIRMED'>;
}

/** What {@link expireExports} needs. */
export interface ExpireOptions {
  /** The export directory (`EXPORT_DIR`). */
  dir: string;
  /** The audit trail: every deletion first leaves its tombstone there. */
  audit: ExportAuditAppender;
  /** Subgraph name, as the tombstones name their writer. */
  subgraph: string;
  /** Exports handled per call; default 100. */
  limit?: number;
}

/** What a tombstone of a deleted export file says, after `BULK_EXPORT_FILE <reason> recipient=… count=1`. */
export const exportTombstoneReference = (job: Pick<ExportJob, 'id' | 'dataset' | 'sha256'>): string => `export=${job.id} dataset=${job.dataset} sha256=${job.sha256 ?? '-'}`;

/**
 * Deletes the files of READY exports that are due, oldest first: past `expiresAt`
 * (reason EXPIRED), or confirmed deleted by their Cassa Edile (`deletionConfirmedAt`,
 * reason RECIPIENT_CONFIRMED). For each: first a `PURGE` tombstone in the audit trail
 * (`BULK_EXPORT_FILE`, count 1, the export's id, dataset and SHA-256), then the file is
 * removed, then a conditional update marks the export EXPIRED. The tombstone names no
 * people or employers: the export's own EXPORT records (requestId = the export id) list
 * them, and the tombstone's reference leads there; copying them again would only
 * duplicate personal data in the trail.
 *
 * Why this order: nothing is deleted without its tombstone, and any interruption is
 * repaired by the next pass (the row stays READY until its file is gone, so it is due
 * again: a second tombstone, a removal that finds nothing, the update). Marking it
 * EXPIRED before removing the file could instead leave a file that no pass looks for.
 * The price is that a tombstone may, rarely, be written twice: after an interruption, or
 * when two runners (two processes) pick the same export at once — both write a tombstone
 * before either update, and only one update changes the row. That is the safe side: the
 * audit trail may say twice that a file was deleted, but never fails to say it. Only the
 * runner whose update changed the row reports the export.
 */
export async function expireExports(em: EntityManager, now: Date, options: ExpireOptions): Promise<ExpiredExport[]> {
  const due = await em.find(
    ExportJob,
    { status: ExportStatus.READY, $or: [{ expiresAt: { $lte: now } }, { deletionConfirmedAt: { $ne: null } }] },
    { orderBy: { expiresAt: 'asc', id: 'asc' }, limit: options.limit ?? 100, disableIdentityMap: true },
  );
  const expired: ExpiredExport[] = [];
  for (const job of due) {
    const confirmed = job.deletionConfirmedAt ?? null;
    const reason = confirmed && (!job.expiresAt || confirmed.getTime() < job.expiresAt.getTime()) ? 'RECIPIENT_CONFIRMED' : 'EXPIRED';
    await options.audit.append(
      tombstoneRecord({ subgraph: options.subgraph, what: 'BULK_EXPORT_FILE', reason, recipient: job.recipient, count: 1, reference: exportTombstoneReference(job), people: [], employers: [], at: now }),
    );
    if (job.fileName) await rm(exportFilePath(options.dir, job.fileName), { force: true });
    const changed = await em.nativeUpdate(ExportJob, { id: job.id, status: ExportStatus.READY }, { status: ExportStatus.EXPIRED, expiredAt: now });
    if (changed !== 1) continue;
    expired.push({
      id: job.id,
      recipient: job.recipient,
      dataset: job.dataset,
      fileName: job.fileName ?? '',
      sha256: job.sha256 ?? null,
      rowCount: job.rowCount ?? null,
      completedAt: job.completedAt ?? null,
      expiresAt: job.expiresAt!,
      expiredAt: now,
      reason,
    });
  }
  return expired;
}
