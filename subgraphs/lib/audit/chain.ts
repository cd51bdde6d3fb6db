import { createHash } from 'node:crypto';
import { AuditKind, type AuditRecord } from './audit-record.entity';

/** `prevHash` of the first record of a chain. */
export const GENESIS_HASH = '0'.repeat(64);

/** Version tag inside every hashed serialisation, so that a future format cannot be confused with this one. */
const FORMAT = 'lavoro-graph/audit/v1';

/** What a caller hands to the store: everything but the chain fields, which the store assigns. */
export interface AuditRecordInput {
  kind: AuditKind;
  /** Default: the time of the append. */
  at?: Date;
  subgraph: string;
  requestId: string;
  organisation: string;
  subject: string;
  role: string;
  purpose: string;
  operationName?: string | null;
  tokenId?: string | null;
  trackingEvidence?: string | null;
  people?: readonly string[];
  employers?: readonly string[];
  fieldsReleased?: readonly string[];
  fieldsRefused?: readonly string[];
  detail?: string | null;
}

/** The fields the hash covers, in the order they are serialised. */
export type ChainedFields = Omit<AuditRecord, 'prevHash' | 'hash'>;

/** Sorted, without duplicates: the form in which lists are stored and hashed. */
export function normaliseList(values: readonly string[] | undefined): string[] {
  return [...new Set(values ?? [])].sort();
}

/**
 * The canonical serialisation of a record: a JSON array in a fixed field order, lists
 * sorted, absent values as null, the time as ISO 8601 in UTC with milliseconds.
 */
export function canonicalRecord(record: ChainedFields): string {
  return JSON.stringify([
    FORMAT,
    record.seq,
    record.at.toISOString(),
    record.kind,
    record.subgraph,
    record.requestId,
    record.organisation,
    record.subject,
    record.role,
    record.purpose,
    record.operationName ?? null,
    record.tokenId ?? null,
    record.trackingEvidence ?? null,
    normaliseList(record.people),
    normaliseList(record.employers),
    normaliseList(record.fieldsReleased),
    normaliseList(record.fieldsRefused),
    record.detail ?? null,
  ]);
}

/** `SHA-256(prevHash ‖ "\n" ‖ canonical(record))`, hex. */
export function chainHash(prevHash: string, record: ChainedFields): string {
  return createHash('sha256').update(prevHash).update('\n').update(canonicalRecord(record)).digest('hex');
}

/** Thrown before anything is written when a record cannot be stored as given. */
export class AuditRecordError extends Error {
  constructor(problem: string) {
    super(`Invalid audit record: ${problem}`);
    this.name = 'AuditRecordError';
  }
}

const KINDS = new Set<string>(Object.values(AuditKind));
const REQUIRED = ['subgraph', 'requestId', 'organisation', 'subject', 'role', 'purpose'] as const;
const OPTIONAL = ['operationName', 'tokenId', 'trackingEvidence', 'detail'] as const;
const LISTS = ['people', 'employers', 'fieldsReleased', 'fieldsRefused'] as const;

/**
 * Throws {@link AuditRecordError} when an input cannot be stored; names the field at
 * fault, never its value (it may be personal data).
 */
export function checkRecordInput(input: AuditRecordInput): void {
  if (!KINDS.has(input.kind)) throw new AuditRecordError('kind is not an AuditKind');
  for (const key of REQUIRED) {
    if (typeof input[key] !== 'string') throw new AuditRecordError(`${key} must be a string`);
  }
  for (const key of OPTIONAL) {
    const value = input[key];
    if (value !== undefined && value !== null && typeof value !== 'string') throw new AuditRecordError(`${key} must be a string or null`);
  }
  for (const key of LISTS) {
    const value = input[key];
    if (value !== undefined && (!Array.isArray(value) || value.some((v) => typeof v !== 'string' || v.length === 0))) {
      throw new AuditRecordError(`${key} must be a list of non-empty strings`);
    }
  }
  if (input.at !== undefined && (!(input.at instanceof Date) || Number.isNaN(input.at.getTime()))) {
    throw new AuditRecordError('at must be a valid Date');
  }
}

/** Links a checked input after `prev` (seq and hash of the current head). */
export function chainRecord(input: AuditRecordInput, prev: { seq: number; hash: string }, now: Date): AuditRecord {
  const at = input.at ?? now;
  const fields: ChainedFields = {
    seq: prev.seq + 1,
    at: new Date(at.getTime()),
    kind: input.kind,
    subgraph: input.subgraph,
    requestId: input.requestId,
    organisation: input.organisation,
    subject: input.subject,
    role: input.role,
    purpose: input.purpose,
    operationName: input.operationName ?? null,
    tokenId: input.tokenId ?? null,
    trackingEvidence: input.trackingEvidence ?? null,
    people: normaliseList(input.people),
    employers: normaliseList(input.employers),
    fieldsReleased: normaliseList(input.fieldsReleased),
    fieldsRefused: normaliseList(input.fieldsRefused),
    detail: input.detail ?? null,
  };
  return { ...fields, prevHash: prev.hash, hash: chainHash(prev.hash, fields) };
}
