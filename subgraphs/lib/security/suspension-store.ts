import { type SqlEntityManager } from '@mikro-orm/knex';
import { AuditKind, type AuditRecordInput, type AuditStore, type AuditTransaction, callerFields } from '../audit';
import { CredentialKind } from '../audit/credential-suspension.entity';
import { badUserInput, type InputProblem } from '../errors';
import { type Caller, Purpose, Role } from '../identity';

/**
 * Suspensions of credentials (issue 3 point 9), kept in the shared platform (audit)
 * database, table `credential_suspension`:
 *
 * - `ORGANISATION`: `value` is the organisation code a token carries (`org`, or a PDND
 *   voucher's `consumerId`, else `client_id`); every credential of it is refused.
 * - `USER`: `value` is the token's `sub`. With `organisation`, only that user of that
 *   organisation (operator ids are only unique within their organisation); without it,
 *   that `sub` whatever the organisation (a citizen, whose `sub` is their fiscal code).
 * - `TOKEN`: `value` is the token's `jti`. A token without a `jti` can only be stopped
 *   through its user or organisation.
 *
 * Values are matched exactly as the verified token carries them (a citizen's fiscal code
 * upper case). Suspending and reinstating are idempotent; each change appends an
 * ADMINISTRATION audit record (`detail` `SUSPEND_<KIND>` or `REINSTATE_<KIND>`) in the
 * same transaction, whose seq the row keeps.
 */

/** Longest organisation code, user `sub` or `jti` accepted. */
export const MAX_SUSPENSION_VALUE_LENGTH = 200;
/** Longest reason accepted. */
export const MAX_SUSPENSION_REASON_LENGTH = 500;
/** Rows {@link listSuspensions} returns at most, newest first. */
export const MAX_SUSPENSION_LIST = 1000;

/** The `detail` of the ADMINISTRATION record of each change. */
export type SuspensionAction = `${'SUSPEND' | 'REINSTATE'}_${CredentialKind}`;

/** Which credential: kind, value and (USER only) the organisation it is limited to. */
export interface SuspensionTarget {
  kind: CredentialKind;
  value: string;
  /** USER only: limit the suspension to this organisation. */
  organisation?: string | null;
}

export interface SuspendRequest extends SuspensionTarget {
  /** 1-500 characters, a code or a short text; never personal data. */
  reason: string;
}

/** One row of `credential_suspension`. */
export interface Suspension {
  id: number;
  kind: CredentialKind;
  value: string;
  organisation: string | null;
  reason: string;
  suspendedAt: Date;
  suspendedBy: string;
  reinstatedAt: Date | null;
  reinstatedBy: string | null;
  /** True while not reinstated. */
  active: boolean;
  /** Seq of the audit record of the suspension, and of the reinstatement. */
  suspendedSeq: number;
  reinstatedSeq: number | null;
}

/** Who makes a change, as its ADMINISTRATION audit record names them. */
export interface SuspensionActor {
  /** The administrator's `sub` (`suspendedBy` / `reinstatedBy`). */
  subject: string;
  organisation: string;
  role: string;
  purpose: string;
  requestId: string;
  /** The subgraph (or command) that makes the change. */
  subgraph: string;
  operationName?: string | null;
  tokenId?: string | null;
  trackingEvidence?: string | null;
}

/** The actor of a change made through the graph by a verified caller. */
export function actorOfCaller(caller: Caller, requestId: string, subgraph: string, operationName?: string | null): SuspensionActor {
  return {
    subject: caller.subject,
    organisation: caller.organisation,
    role: caller.role,
    purpose: caller.purpose,
    requestId,
    subgraph,
    operationName: operationName ?? null,
    tokenId: caller.tokenId ?? null,
    trackingEvidence: caller.trackingEvidence ?? null,
  };
}

/** The actor of a change made with the command line: `cli:<account>`, as platform administrator. */
export function commandLineActor(account: string, requestId: string): SuspensionActor {
  return {
    subject: `cli:${account}`,
    organisation: 'platform',
    role: Role.PLATFORM_ADMIN,
    purpose: Purpose.ADMINISTRATION,
    requestId,
    subgraph: 'credentials-cli',
    operationName: null,
  };
}

/** The outcome of a suspend or reinstate: the row as it now stands, and whether it changed (false: already so). */
export interface SuspensionChange {
  suspension: Suspension;
  changed: boolean;
  /** Seq of the ADMINISTRATION audit record written; null when nothing changed. */
  auditSeq: number | null;
}

// C0 and C1 controls, DEL, and the Unicode line and paragraph separators.
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
const KINDS = new Set<string>(Object.values(CredentialKind));

function checkText(path: string, value: unknown, max: number, problems: InputProblem[]): void {
  if (typeof value !== 'string' || value.trim() === '') {
    problems.push({ path, message: 'must not be empty' });
    return;
  }
  if ([...value].length > max) problems.push({ path, message: `must be at most ${max} characters` });
  if (CONTROL.test(value)) problems.push({ path, message: 'must not contain control characters' });
  if (value.trim() !== value) problems.push({ path, message: 'must not start or end with white space' });
}

/**
 * Every problem of a target (and of a reason, when `reason` is not undefined), each naming
 * its field and never repeating the value: `kind` one of the enum, `value` (and a USER's
 * `organisation`) non-empty, at most 200 characters, no control characters, no leading or
 * trailing space; `organisation` only for USER; `reason` 1-500 characters, no control characters.
 */
export function suspensionInputProblems(input: Partial<SuspendRequest>, options: { reason: boolean }): InputProblem[] {
  const problems: InputProblem[] = [];
  if (typeof input.kind !== 'string' || !KINDS.has(input.kind)) {
    problems.push({ path: 'kind', message: `must be one of ${Object.values(CredentialKind).join(', ')}` });
  }
  checkText('value', input.value, MAX_SUSPENSION_VALUE_LENGTH, problems);
  if (input.organisation !== undefined && input.organisation !== null) {
    if (input.kind !== undefined && input.kind !== CredentialKind.USER) {
      problems.push({ path: 'organisation', message: 'only a USER suspension is limited to an organisation' });
    } else {
      checkText('organisation', input.organisation, MAX_SUSPENSION_VALUE_LENGTH, problems);
    }
  }
  if (options.reason) checkText('reason', input.reason, MAX_SUSPENSION_REASON_LENGTH, problems);
  return problems;
}

function checkedTarget(input: Partial<SuspendRequest>, reason: boolean): SuspensionTarget & { reason: string } {
  const problems = suspensionInputProblems(input, { reason });
  if (problems.length > 0) throw badUserInput(problems);
  return { kind: input.kind!, value: input.value!, organisation: input.organisation ?? null, reason: input.reason ?? '' };
}

type Row = Record<string, unknown>;

function rowsOf(result: unknown): Row[] {
  if (Array.isArray(result)) return result as Row[];
  const rows = (result as { rows?: unknown } | null)?.rows;
  return Array.isArray(rows) ? (rows as Row[]) : [];
}

/** SQLite holds epoch milliseconds, PostgreSQL `timestamptz` (text or Date). */
function timeOf(value: unknown): Date | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value;
  if (typeof value === 'number' || typeof value === 'bigint') return new Date(Number(value));
  const text = String(value);
  return /^-?\d+$/.test(text) ? new Date(Number(text)) : new Date(text.replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00'));
}

function numberOrNull(value: unknown): number | null {
  return value === null || value === undefined ? null : Number(value);
}

function suspensionOf(row: Row): Suspension {
  const reinstatedAt = timeOf(row.reinstated_at);
  return {
    id: Number(row.id),
    kind: String(row.kind) as CredentialKind,
    value: String(row.value),
    organisation: row.organisation === null || row.organisation === undefined ? null : String(row.organisation),
    reason: String(row.reason),
    suspendedAt: timeOf(row.suspended_at)!,
    suspendedBy: String(row.suspended_by),
    reinstatedAt,
    reinstatedBy: row.reinstated_by === null || row.reinstated_by === undefined ? null : String(row.reinstated_by),
    active: reinstatedAt === null,
    suspendedSeq: Number(row.suspended_seq),
    reinstatedSeq: numberOrNull(row.reinstated_seq),
  };
}

function timeValue(platform: AuditTransaction['platform'], date: Date): unknown {
  return platform === 'sqlite' ? date.getTime() : date.toISOString();
}

async function activeRow(tx: AuditTransaction, target: SuspensionTarget): Promise<Row | undefined> {
  const [row] = await tx.run(
    `select * from "credential_suspension" where "kind" = ? and "value" = ? and coalesce("organisation", '') = ? and "reinstated_at" is null`,
    [target.kind, target.value, target.organisation ?? ''],
  );
  return row;
}

function administrationRecord(actor: SuspensionActor, action: SuspensionAction, at: Date): AuditRecordInput {
  return {
    kind: AuditKind.ADMINISTRATION,
    at,
    subgraph: actor.subgraph,
    requestId: actor.requestId,
    ...callerFields(actor),
    operationName: actor.operationName ?? null,
    detail: action,
  };
}

/**
 * Suspends a credential. Idempotent: when it is already suspended, returns the active row
 * unchanged (its first reason kept) and writes nothing. Otherwise inserts a row and appends
 * the `SUSPEND_<KIND>` ADMINISTRATION record, in one transaction.
 * @throws GraphQLError BAD_USER_INPUT listing every problem of the request.
 */
export async function suspendCredential(store: AuditStore, request: SuspendRequest, actor: SuspensionActor, now = new Date()): Promise<SuspensionChange> {
  const target = checkedTarget(request, true);
  const { value } = await store.appendWithin<SuspensionChange>(async (tx) => {
    const existing = await activeRow(tx, target);
    if (existing) return { value: { suspension: suspensionOf(existing), changed: false, auditSeq: null }, records: [] };
    const [row] = await tx.run(
      `insert into "credential_suspension" ("kind", "value", "organisation", "reason", "suspended_at", "suspended_by", "suspended_seq") values (?, ?, ?, ?, ?, ?, ?) returning *`,
      [target.kind, target.value, target.organisation, target.reason, timeValue(tx.platform, now), actor.subject, tx.nextSeq],
    );
    return {
      value: { suspension: suspensionOf(row!), changed: true, auditSeq: tx.nextSeq },
      records: [administrationRecord(actor, `SUSPEND_${target.kind}`, now)],
    };
  });
  return value;
}

/**
 * Reinstates a suspended credential: sets `reinstatedAt`/`reinstatedBy` on its active row
 * and appends the `REINSTATE_<KIND>` ADMINISTRATION record, in one transaction. Returns
 * null, writing nothing, when the credential is not suspended (idempotent).
 * @throws GraphQLError BAD_USER_INPUT listing every problem of the target.
 */
export async function reinstateCredential(store: AuditStore, target: SuspensionTarget, actor: SuspensionActor, now = new Date()): Promise<SuspensionChange | null> {
  const checked = checkedTarget(target, false);
  const { value } = await store.appendWithin<SuspensionChange | null>(async (tx) => {
    const existing = await activeRow(tx, checked);
    if (!existing) return { value: null, records: [] };
    const [row] = await tx.run(
      `update "credential_suspension" set "reinstated_at" = ?, "reinstated_by" = ?, "reinstated_seq" = ? where "id" = ? returning *`,
      [timeValue(tx.platform, now), actor.subject, tx.nextSeq, existing.id],
    );
    return {
      value: { suspension: suspensionOf(row!), changed: true, auditSeq: tx.nextSeq },
      records: [administrationRecord(actor, `REINSTATE_${checked.kind}`, now)],
    };
  });
  return value;
}

async function read(store: AuditStore, sql: string, bindings: readonly unknown[] = []): Promise<Row[]> {
  return rowsOf(await (store.db.orm.em as SqlEntityManager).getKnex().raw(sql, bindings as never[]));
}

/** Suspensions, newest first: the active ones (default) or the whole history, {@link MAX_SUSPENSION_LIST} at most. */
export async function listSuspensions(store: AuditStore, options: { activeOnly?: boolean; limit?: number } = {}): Promise<Suspension[]> {
  const limit = Math.min(Math.max(1, Math.trunc(options.limit ?? MAX_SUSPENSION_LIST)), MAX_SUSPENSION_LIST);
  const where = options.activeOnly === false ? '' : 'where "reinstated_at" is null ';
  const rows = await read(store, `select * from "credential_suspension" ${where}order by "id" desc limit ?`, [limit]);
  return rows.map(suspensionOf);
}

/** The part of an active suspension a caller is matched against. */
export interface ActiveSuspension {
  kind: CredentialKind;
  value: string;
  organisation: string | null;
}

/** Where a {@link SuspensionList} reads from: any store of active suspensions. */
export interface SuspensionSource {
  /**
   * A marker that changes whenever a suspension is made, reinstated or deleted; the
   * list reloads the active rows only when it differs from the last one seen.
   */
  version(): Promise<string>;
  /** Every active suspension. */
  active(): Promise<ActiveSuspension[]>;
}

/**
 * The source of the shared platform database. Its marker is the row count and the
 * greatest audit seq of any change (`coalesce(reinstated_seq, suspended_seq)`): one
 * aggregate over a small table per refresh, and a reload of the active rows only after a
 * change. Rows edited by hand without a new seq are not noticed until the next change.
 */
export function storeSuspensionSource(store: AuditStore): SuspensionSource {
  return {
    async version() {
      const [row] = await read(store, 'select count(*) as "n", max(coalesce("reinstated_seq", "suspended_seq")) as "v" from "credential_suspension"');
      return `${String(row?.n ?? 0)}:${String(row?.v ?? 0)}`;
    },
    async active() {
      const rows = await read(store, 'select "kind", "value", "organisation" from "credential_suspension" where "reinstated_at" is null');
      return rows.map((r) => ({
        kind: String(r.kind) as CredentialKind,
        value: String(r.value),
        organisation: r.organisation === null || r.organisation === undefined ? null : String(r.organisation),
      }));
    },
  };
}
