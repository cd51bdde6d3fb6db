import { type SqlEntityManager } from '@mikro-orm/knex';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeNumericFiscalCode } from '../../../subgraphs/lib/codes/fiscal-code';
import { AuditKind, type AuditRecord, type AuditRecordInput, type AuditStore, openAuditStore } from '../../../subgraphs/lib/audit';
import { createTestDatabase, testPlatform } from '../../utils/database';
import { person } from '../../utils/people';

/** A fresh audit database of the current platform. `file` asks SQLite for a file (shared by several connections). */
export interface AuditTestDatabase {
  url: string;
  open: () => Promise<AuditStore>;
  drop: () => Promise<void>;
}

export async function createAuditDatabase(label: string, options: { file?: boolean } = {}): Promise<AuditTestDatabase> {
  if (testPlatform() === 'sqlite' && options.file) {
    const dir = mkdtempSync(join(tmpdir(), `lg-${label}-`));
    const url = `file:${join(dir, 'audit.db')}`;
    return { url, open: () => openAuditStore({ databaseUrl: url }), drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const database = await createTestDatabase(label);
  return { url: database.url, open: () => openAuditStore({ databaseUrl: database.url }), drop: database.drop };
}

/** A synthetic employer fiscal code (11 digits, valid check digit). */
export function employer(n: number): string {
  return encodeNumericFiscalCode(String(1_000_000 + n).padStart(7, '0'), '151');
}

/** The n-th synthetic ACCESS record: a CPI operator reading person n (and n + 1 every third record). */
export function accessRecord(n: number, overrides: Partial<AuditRecordInput> = {}): AuditRecordInput {
  return {
    kind: AuditKind.ACCESS,
    subgraph: 'workers',
    requestId: `req-${String(n).padStart(8, '0')}`,
    organisation: `org-${n % 3}`,
    subject: `OPERATOR-${n % 5}`,
    role: 'CPI_OPERATOR',
    purpose: n % 2 === 0 ? 'EMPLOYMENT_SERVICES' : 'REFERRAL',
    operationName: `Op${n}`,
    tokenId: `jti-${n}`,
    people: n % 3 === 0 ? [person(n).fiscalCode, person(n + 1).fiscalCode] : [person(n).fiscalCode],
    employers: n % 4 === 0 ? [employer(n)] : [],
    fieldsReleased: ['Query.worker', 'Worker.lastName'],
    fieldsRefused: n % 5 === 0 ? ['Worker.birthDate'] : [],
    ...overrides,
  };
}

/** Runs SQL on the store's database, as someone with direct access to it would. */
export async function sql(store: AuditStore, text: string, bindings: unknown[] = []): Promise<Record<string, unknown>[]> {
  const result = await (store.db.orm.em as SqlEntityManager).getKnex().raw(text, bindings as never[]);
  return Array.isArray(result) ? result : (result as { rows: Record<string, unknown>[] }).rows;
}

/** Inserts a record row as it stands (a forger's insert), without the store. */
export async function insertRow(store: AuditStore, record: AuditRecord): Promise<void> {
  const at = store.platform === 'sqlite' ? record.at.getTime() : record.at.toISOString();
  await sql(
    store,
    `insert into "audit_record" ("seq", "at", "kind", "subgraph", "request_id", "organisation", "subject", "role", "purpose", "operation_name", "token_id", "tracking_evidence", "people", "employers", "fields_released", "fields_refused", "detail", "prev_hash", "hash") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      record.seq, at, record.kind, record.subgraph, record.requestId, record.organisation, record.subject, record.role, record.purpose,
      record.operationName, record.tokenId, record.trackingEvidence, JSON.stringify(record.people), JSON.stringify(record.employers),
      JSON.stringify(record.fieldsReleased), JSON.stringify(record.fieldsRefused), record.detail, record.prevHash, record.hash,
    ],
  );
}
