import { BigIntType, Entity, Enum, Index, PrimaryKey, Property } from '@mikro-orm/core';

/** What a credential suspension stops (issue 3 point 9). */
export enum CredentialKind {
  /** Every credential of an organisation: `value` is the organisation code (token `org`, or PDND `consumerId`/`client_id`). */
  ORGANISATION = 'ORGANISATION',
  /**
   * One user: `value` is the token's `sub`. With `organisation` set, only that user of that
   * organisation; without it, that `sub` in every organisation (a citizen's fiscal code).
   */
  USER = 'USER',
  /** One token: `value` is its `jti`. */
  TOKEN = 'TOKEN',
}

/**
 * One suspension of a credential, in the shared platform (audit) database. Rows are never
 * deleted: reinstating sets `reinstatedAt`/`reinstatedBy`, suspending again adds a new
 * row, so the table is the history. A row is active while `reinstatedAt` is null; at most
 * one row per (kind, value, organisation) is active (a partial unique index).
 *
 * `suspendedSeq` and `reinstatedSeq` are the seq of the ADMINISTRATION audit record written
 * in the same transaction: they tie each change to the hash chain, and their maximum is the
 * cheap "has anything changed" marker the per-process lists poll. Rows are written only by
 * `security/suspension-store.ts` with raw SQL; the entity describes the table (and its migrations).
 */
@Entity({ tableName: 'credential_suspension' })
@Index({
  name: 'credential_suspension_active_unique',
  expression:
    'create unique index "credential_suspension_active_unique" on "credential_suspension" ("kind", "value", coalesce("organisation", \'\')) where "reinstated_at" is null',
})
export class CredentialSuspension {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Enum({ items: () => CredentialKind, type: 'string' })
  kind!: CredentialKind;

  /** Organisation code, user `sub` or token `jti`, as the token carries it. */
  @Property({ type: 'text' })
  value!: string;

  /** For a USER suspension limited to one organisation: its code; null otherwise. */
  @Property({ type: 'text', nullable: true })
  organisation!: string | null;

  /** Why (a code or a short text; never personal data). */
  @Property({ type: 'text' })
  reason!: string;

  @Property({ type: 'datetime' })
  suspendedAt!: Date;

  /** `sub` of the administrator (or `cli:<account>` for the command line). */
  @Property({ type: 'text' })
  suspendedBy!: string;

  /** Seq of the audit record of the suspension. */
  @Property({ type: new BigIntType('number') })
  suspendedSeq!: number;

  @Property({ type: 'datetime', nullable: true })
  reinstatedAt!: Date | null;

  @Property({ type: 'text', nullable: true })
  reinstatedBy!: string | null;

  /** Seq of the audit record of the reinstatement. */
  @Property({ type: new BigIntType('number'), nullable: true })
  reinstatedSeq!: number | null;
}
