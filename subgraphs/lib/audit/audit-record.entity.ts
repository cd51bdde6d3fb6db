import { BigIntType, Entity, Enum, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/core';

/** What an audit record is about. */
export enum AuditKind {
  /** Personal data read or written by a request. */
  ACCESS = 'ACCESS',
  /** A refused or suspicious request (rate limit, budget, suspended credential), coded in `detail`. */
  SECURITY = 'SECURITY',
  /** A bulk release of personal data (export, extraction). */
  EXPORT = 'EXPORT',
  /** Data deleted at the end of its retention period. */
  PURGE = 'PURGE',
  /** Credential and partner management (suspension, reinstatement). */
  ADMINISTRATION = 'ADMINISTRATION',
}

/** Which kind of key an {@link AuditSubject} row indexes. */
export type AuditSubjectKind = 'person' | 'employer';

/**
 * One link of the audit hash chain: one request seen by one subgraph. `hash` is
 * SHA-256 over `prevHash` and every other field (see `chain.ts`); rows are written only
 * by `AuditStore` with raw SQL, the entity describes the table (and its migrations).
 */
@Entity({ tableName: 'audit_record' })
@Index({ name: 'audit_record_organisation_seq_index', properties: ['organisation', 'seq'] })
@Index({ name: 'audit_record_purpose_seq_index', properties: ['purpose', 'seq'] })
@Index({ name: 'audit_record_at_index', properties: ['at'] })
export class AuditRecord {
  /** Position in the chain: 1, 2, 3... with no gaps. */
  @PrimaryKey({ type: new BigIntType('number'), autoincrement: false })
  seq!: number;

  @Property({ type: 'datetime' })
  at!: Date;

  @Enum({ items: () => AuditKind, type: 'string' })
  kind!: AuditKind;

  /** Subgraph that wrote the record (`workers`, `companies`...), or the gateway or a command. */
  @Property({ type: 'text' })
  subgraph!: string;

  @Property({ type: 'text' })
  requestId!: string;

  /** Calling organisation (token `org` or PDND `client_id`). */
  @Property({ type: 'text' })
  organisation!: string;

  /** Calling user (token `sub`). */
  @Property({ type: 'text' })
  subject!: string;

  @Property({ type: 'text' })
  role!: string;

  @Property({ type: 'text' })
  purpose!: string;

  @Property({ type: 'text', nullable: true })
  operationName!: string | null;

  /** Token id (`jti`). */
  @Property({ type: 'text', nullable: true })
  tokenId!: string | null;

  /** The AgID `Agid-JWT-TrackingEvidence` header as received. */
  @Property({ type: 'text', nullable: true })
  trackingEvidence!: string | null;

  /** Fiscal codes of the people concerned, sorted. */
  @Property({ type: 'json' })
  people!: string[];

  /** Fiscal codes of the employers concerned, sorted. */
  @Property({ type: 'json' })
  employers!: string[];

  /** Schema coordinates released (`Worker.birthDate`), sorted. */
  @Property({ type: 'json' })
  fieldsReleased!: string[];

  /** Schema coordinates refused, sorted. */
  @Property({ type: 'json' })
  fieldsRefused!: string[];

  /** Short coded note, for SECURITY records (`RATE_LIMITED`). */
  @Property({ type: 'text', nullable: true })
  detail!: string | null;

  @Property({ type: 'text' })
  prevHash!: string;

  @Property({ type: 'text', unique: 'audit_record_hash_unique' })
  hash!: string;
}

/**
 * The people and employers of each record again, one row each, so that "who accessed
 * this person" is an index lookup on (kind, key, seq) rather than a scan of JSON.
 * Written behind the chain, in large batches sorted by key (`AuditStore.indexSubjects`),
 * never by the append a response waits for: one row per person of a 500-row list, each
 * in a random place of the index, made the append several times slower. Records after
 * {@link AuditIndexState.indexedSeq} are found by their own JSON lists instead.
 */
@Entity({ tableName: 'audit_subject' })
@Index({ name: 'audit_subject_kind_key_seq_index', properties: ['kind', 'key', 'record'] })
export class AuditSubject {
  @ManyToOne(() => AuditRecord, { primary: true, fieldName: 'seq', deleteRule: 'cascade', updateRule: 'cascade' })
  record!: AuditRecord;

  @Enum({ items: ['person', 'employer'], type: 'string', primary: true })
  kind!: AuditSubjectKind;

  @PrimaryKey({ type: 'text' })
  key!: string;
}

/**
 * How far {@link AuditSubject} has been written: every record up to `indexedSeq` has its
 * rows, no record after it has any. One row (id 1), advanced in the transaction that
 * writes the rows.
 */
@Entity({ tableName: 'audit_index_state' })
export class AuditIndexState {
  @PrimaryKey({ autoincrement: false })
  id!: number;

  @Property({ type: new BigIntType('number') })
  indexedSeq!: number;
}
