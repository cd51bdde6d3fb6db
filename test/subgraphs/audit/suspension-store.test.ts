import { GraphQLError } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditKind, AuditRecordError, type AuditStore, verifyChain } from '../../../subgraphs/lib/audit';
import {
  CredentialKind,
  listSuspensions,
  reinstateCredential,
  storeSuspensionSource,
  suspendCredential,
  type SuspensionActor,
} from '../../../subgraphs/lib/security/suspension';
import { testPlatform } from '../../utils/database';
import { accessRecord, type AuditTestDatabase, createAuditDatabase, sql } from './support';

const admin: SuspensionActor = {
  subject: 'admin-1',
  organisation: 'PLATFORM-OPS',
  role: 'PLATFORM_ADMIN',
  purpose: 'ADMINISTRATION',
  requestId: 'req-admin-0001',
  subgraph: 'referrals',
  operationName: 'Suspend',
  tokenId: 'jti-admin',
};

describe(`credential suspensions in the platform store, on ${testPlatform()}`, () => {
  let database: AuditTestDatabase;
  let store: AuditStore;
  beforeAll(async () => {
    database = await createAuditDatabase('suspension_store');
    store = await database.open();
  });
  afterAll(async () => {
    await store.close();
    await database.drop();
  });

  it('suspends, appending an ADMINISTRATION record in the same transaction whose seq the row keeps', async () => {
    await store.append(accessRecord(1));
    const at = new Date('2026-05-06T07:08:09.010Z');
    const change = await suspendCredential(store, { kind: CredentialKind.ORGANISATION, value: 'ORG-A', reason: 'CONTRACT_ENDED' }, admin, at);
    expect(change).toEqual({
      changed: true,
      auditSeq: 2,
      suspension: {
        id: expect.any(Number),
        kind: CredentialKind.ORGANISATION,
        value: 'ORG-A',
        organisation: null,
        reason: 'CONTRACT_ENDED',
        suspendedAt: at,
        suspendedBy: 'admin-1',
        reinstatedAt: null,
        reinstatedBy: null,
        active: true,
        suspendedSeq: 2,
        reinstatedSeq: null,
      },
    });
    const { records } = await store.query({ kind: AuditKind.ADMINISTRATION }, { first: 10 });
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      seq: 2,
      at,
      kind: AuditKind.ADMINISTRATION,
      subgraph: 'referrals',
      requestId: 'req-admin-0001',
      organisation: 'PLATFORM-OPS',
      subject: 'admin-1',
      role: 'PLATFORM_ADMIN',
      purpose: 'ADMINISTRATION',
      operationName: 'Suspend',
      tokenId: 'jti-admin',
      people: [],
      employers: [],
      detail: 'SUSPEND_ORGANISATION',
    });
    expect((await verifyChain(store)).ok).toBe(true);
  });

  it('is idempotent: suspending again changes nothing and writes no record; the first reason stays', async () => {
    const head = await store.head();
    const again = await suspendCredential(store, { kind: CredentialKind.ORGANISATION, value: 'ORG-A', reason: 'OTHER' }, admin);
    expect(again).toMatchObject({ changed: false, auditSeq: null, suspension: { value: 'ORG-A', reason: 'CONTRACT_ENDED', active: true } });
    expect(await store.head()).toEqual(head);
    expect(await listSuspensions(store)).toHaveLength(1);
  });

  it('keeps a user in one organisation apart from the same user in every organisation, and tokens apart from both', async () => {
    const inOrg = await suspendCredential(store, { kind: CredentialKind.USER, value: 'op-1', organisation: 'ORG-B', reason: 'LEFT' }, admin);
    const everywhere = await suspendCredential(store, { kind: CredentialKind.USER, value: 'op-1', reason: 'LEFT' }, admin);
    const token = await suspendCredential(store, { kind: CredentialKind.TOKEN, value: 'op-1', reason: 'LEAKED' }, admin);
    expect([inOrg.changed, everywhere.changed, token.changed]).toEqual([true, true, true]);
    expect(new Set([inOrg.suspension.id, everywhere.suspension.id, token.suspension.id]).size).toBe(3);
    expect(inOrg.suspension.organisation).toBe('ORG-B');
    expect(everywhere.suspension.organisation).toBeNull();
    const details = (await store.query({ kind: AuditKind.ADMINISTRATION }, { first: 10 })).records.map((r) => r.detail);
    expect(details).toEqual(['SUSPEND_TOKEN', 'SUSPEND_USER', 'SUSPEND_USER', 'SUSPEND_ORGANISATION']);
  });

  it('reinstates by setting reinstatedAt/By on the active row, with a REINSTATE record; a second reinstatement finds nothing', async () => {
    const at = new Date('2026-05-07T00:00:00.000Z');
    const change = await reinstateCredential(store, { kind: CredentialKind.USER, value: 'op-1', organisation: 'ORG-B' }, { ...admin, subject: 'admin-2' }, at);
    expect(change).toMatchObject({
      changed: true,
      suspension: { value: 'op-1', organisation: 'ORG-B', reinstatedAt: at, reinstatedBy: 'admin-2', active: false, reinstatedSeq: change!.auditSeq },
    });
    const [record] = (await store.query({ kind: AuditKind.ADMINISTRATION }, { first: 1 })).records;
    expect(record).toMatchObject({ seq: change!.auditSeq, subject: 'admin-2', detail: 'REINSTATE_USER', at });

    const head = await store.head();
    expect(await reinstateCredential(store, { kind: CredentialKind.USER, value: 'op-1', organisation: 'ORG-B' }, admin)).toBeNull();
    expect(await reinstateCredential(store, { kind: CredentialKind.ORGANISATION, value: 'NEVER-SUSPENDED' }, admin)).toBeNull();
    expect(await store.head()).toEqual(head);
    // The suspension of the same user in every organisation is untouched.
    expect((await listSuspensions(store)).map((s) => [s.kind, s.value, s.organisation])).toContainEqual([CredentialKind.USER, 'op-1', null]);
  });

  it('keeps the history: suspending after a reinstatement adds a new row; list shows active ones, or all with activeOnly false', async () => {
    await reinstateCredential(store, { kind: CredentialKind.ORGANISATION, value: 'ORG-A' }, admin);
    const again = await suspendCredential(store, { kind: CredentialKind.ORGANISATION, value: 'ORG-A', reason: 'AUDIT_FINDING' }, admin);
    expect(again.changed).toBe(true);
    const all = await listSuspensions(store, { activeOnly: false });
    const orgA = all.filter((s) => s.value === 'ORG-A');
    expect(orgA.map((s) => [s.reason, s.active])).toEqual([
      ['AUDIT_FINDING', true],
      ['CONTRACT_ENDED', false],
    ]);
    const active = await listSuspensions(store);
    expect(active.every((s) => s.active)).toBe(true);
    expect(active.map((s) => s.id)).toEqual([...active.map((s) => s.id)].sort((a, b) => b - a));
    expect(active).toHaveLength(all.length - 2);
    expect((await verifyChain(store)).ok).toBe(true);
  });

  it('refuses bad input with BAD_USER_INPUT listing every problem, writing nothing', async () => {
    const head = await store.head();
    const error = await suspendCredential(store, { kind: 'GROUP' as CredentialKind, value: '', reason: '' }, admin).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GraphQLError);
    expect((error as GraphQLError).extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      problems: [
        { path: 'kind', message: expect.any(String) },
        { path: 'value', message: 'must not be empty' },
        { path: 'reason', message: 'must not be empty' },
      ],
    });
    expect(await store.head()).toEqual(head);
  });

  it('writes the row and the record together or not at all: a record the chain refuses rolls the suspension back', async () => {
    const before = await listSuspensions(store, { activeOnly: false });
    const broken = { ...admin, subject: 42 as unknown as string };
    await expect(suspendCredential(store, { kind: CredentialKind.TOKEN, value: 'jti-rolled-back', reason: 'TEST' }, broken)).rejects.toBeInstanceOf(AuditRecordError);
    expect(await listSuspensions(store, { activeOnly: false })).toEqual(before);
  });

  it('allows one active row per credential in the database itself (partial unique index)', async () => {
    const [row] = await sql(store, `select * from "credential_suspension" where "value" = 'ORG-A' and "reinstated_at" is null`);
    const duplicate = `insert into "credential_suspension" ("kind", "value", "organisation", "reason", "suspended_at", "suspended_by", "suspended_seq") values (?, ?, ?, ?, ?, ?, ?)`;
    await expect(sql(store, duplicate, [row!.kind, row!.value, null, 'DUP', row!.suspended_at, 'forger', 999])).rejects.toThrow(/unique|UNIQUE/);
  });

  it('gives the lists a marker that moves on every suspension and reinstatement, and the active rows', async () => {
    const source = storeSuspensionSource(store);
    const first = await source.version();
    expect(await source.version()).toBe(first);
    await suspendCredential(store, { kind: CredentialKind.TOKEN, value: 'jti-marker', reason: 'TEST' }, admin);
    const second = await source.version();
    expect(second).not.toBe(first);
    await reinstateCredential(store, { kind: CredentialKind.TOKEN, value: 'jti-marker' }, admin);
    const third = await source.version();
    expect(third).not.toBe(second);
    // Unrelated audit records do not move it.
    await store.append(accessRecord(99));
    expect(await source.version()).toBe(third);
    const active = await source.active();
    expect(active).toEqual(
      expect.arrayContaining([
        { kind: CredentialKind.ORGANISATION, value: 'ORG-A', organisation: null },
        { kind: CredentialKind.USER, value: 'op-1', organisation: null },
        { kind: CredentialKind.TOKEN, value: 'op-1', organisation: null },
      ]),
    );
    expect(active.some((s) => s.value === 'jti-marker')).toBe(false);
  });
});
