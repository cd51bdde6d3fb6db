import { type EntityManager } from '@mikro-orm/core';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { type AuditStore, openAuditStore } from '../../../subgraphs/lib/audit';
import { createExportJob, type ExportAuditAppender, ExportDataset, ExportFormat, type ExportJob, type ExportOutcome, ExportStatus, ExportTrigger, runExportJob } from '../../../subgraphs/lib/export';
import { type Database } from '../../../subgraphs/lib/orm';
import { type SubgraphModule } from '../../../subgraphs/lib/subgraph';
import { callerAs } from '../../utils/callers';
import { createTestDatabase, type TestDatabase } from '../../utils/database';
import { type TestSubgraph } from '../../utils/subgraph';

/** A Cassa Edile checking regularity (the only audience of bulk exports). */
export const cassa = (org: string, purpose: 'REGULARITY_CHECK' | 'CASSA_EDILE_NOTIFICATION' | 'TRAINING_RECORD' = 'REGULARITY_CHECK') =>
  callerAs('CASSA_EDILE', purpose, { organisation: org, subject: `operator-${org}` });

/** A fresh directory for export files. */
export function exportDirectory(): string {
  return mkdtempSync(join(tmpdir(), 'lg-export-test-'));
}

/** Every file under a directory, relative paths. */
export function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(dir.length + 1));
}

/** The audit trail on its own fresh test database. */
export async function testAuditStore(): Promise<{ store: AuditStore; close: () => Promise<void> }> {
  const database: TestDatabase = await createTestDatabase('export_audit');
  const store = await openAuditStore({ databaseUrl: database.url });
  return {
    store,
    close: async () => {
      await store.close();
      await database.drop();
    },
  };
}

/** Decompressed text of a gzip file. */
export function gunzipText(path: string): string {
  return gunzipSync(readFileSync(path)).toString('utf8');
}

/** NDJSON lines as objects. */
export function ndjson(text: string): Record<string, unknown>[] {
  return text.split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>);
}

/** A small RFC 4180 reader (quoted fields with commas, doubled quotes, CR and LF). */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      record.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i += 1;
    } else field += c;
  }
  if (field || record.length) throw new Error('CSV does not end with CRLF');
  return records;
}

/** Options of {@link runExport}. */
export interface RunOptions {
  dataset: ExportDataset;
  format?: ExportFormat;
  recipient?: string;
  periodFrom?: string | null;
  periodTo?: string | null;
  batchSize?: number;
  auditPartSize?: number;
  audit: ExportAuditAppender | null;
  dir: string;
  onBatch?: (rows: number) => void | Promise<void>;
}

/** Creates a claimed job and runs it as the CLI does; returns the outcome and the job row after the run. */
export async function runExport(graph: Pick<TestSubgraph, 'em'> & { runtime: { db: Database } }, module: Pick<SubgraphModule, 'name' | 'exports'>, options: RunOptions): Promise<{ outcome: ExportOutcome; job: ExportJob }> {
  const em: EntityManager = graph.em();
  const job = createExportJob(em, {
    recipient: options.recipient ?? 'MI00',
    dataset: options.dataset,
    format: options.format ?? ExportFormat.NDJSON,
    trigger: ExportTrigger.COMMAND_LINE,
    requestedBy: 'cli:test',
    periodFrom: options.periodFrom ?? null,
    periodTo: options.periodTo ?? null,
  });
  job.status = ExportStatus.RUNNING;
  await em.flush();
  const outcome = await runExportJob(
    {
      orm: graph.runtime.db.orm,
      subgraph: module.name,
      sources: module.exports ?? {},
      audit: options.audit,
      config: { dir: options.dir, fileTtlHours: 168, batchSize: options.batchSize ?? 1000, auditPartSize: options.auditPartSize ?? 10_000 },
      onBatch: options.onBatch,
    },
    job,
  );
  const stored = await graph.em().findOneOrFail<ExportJob>('ExportJob', { id: job.id });
  return { outcome, job: stored };
}

export { ExportDataset, ExportFormat, ExportStatus };
