import { graphql, type GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditKind, type AuditStore } from '../../../subgraphs/lib/audit';
import { type RequestContext } from '../../../subgraphs/lib/context';
import { type Caller, Purpose, Role } from '../../../subgraphs/lib/identity';
import { SUSPENDED_MESSAGE, SuspensionList, storeSuspensionSource, withSuspensions } from '../../../subgraphs/lib/security/suspension';
import { CredentialSuspensionResolver, type PlatformContext } from '../../../subgraphs/lib/security/suspension.resolver';
import { testKeys, tokenFor } from '../../utils/auth';
import { testPlatform } from '../../utils/database';
import { type AuditTestDatabase, createAuditDatabase } from './support';

const admin: Caller = {
  subject: 'admin-7',
  organisation: 'PLATFORM-OPS',
  role: Role.PLATFORM_ADMIN,
  purpose: Purpose.ADMINISTRATION,
  purposes: [Purpose.ADMINISTRATION],
  territory: [],
  employers: [],
  tokenId: 'jti-admin-7',
};

const FIELDS = 'id kind value organisation reason suspendedAt suspendedBy reinstatedAt reinstatedBy active';
const SUSPEND = `mutation Suspend($input: SuspendCredentialInput!) { suspendCredential(input: $input) { ${FIELDS} } }`;
const REINSTATE = `mutation Reinstate($input: ReinstateCredentialInput!) { reinstateCredential(input: $input) { ${FIELDS} } }`;

describe(`the credential administration resolver, on ${testPlatform()}`, () => {
  let database: AuditTestDatabase;
  let store: AuditStore;
  let list: SuspensionList;
  let schema: GraphQLSchema;

  const run = (source: string, variableValues: Record<string, unknown> = {}, context: Partial<PlatformContext> = {}) =>
    graphql({
      schema,
      source,
      variableValues,
      contextValue: { requestId: 'req-resolver-01', caller: admin, platform: { audit: store, suspensions: list, subgraph: 'referrals' }, ...context } satisfies PlatformContext,
    });

  beforeAll(async () => {
    database = await createAuditDatabase('suspension_resolver');
    store = await database.open();
    list = new SuspensionList(storeSuspensionSource(store));
    await list.refresh(); // not started: only the resolver's own refreshes move it
    schema = await buildSchema({ resolvers: [CredentialSuspensionResolver], validate: false });
  });
  afterAll(async () => {
    await store.close();
    await database.drop();
  });

  it('suspends, records who did it, and makes this process refuse the credential at once', async () => {
    const { verifier } = await testKeys();
    const verify = withSuspensions(verifier, list);
    const headers = { authorization: `Bearer ${await tokenFor({ organisation: 'ORG-GQL' })}`, 'x-purpose': Purpose.EMPLOYMENT_SERVICES };
    await expect(verify(headers)).resolves.toBeTruthy();

    const result = await run(SUSPEND, { input: { kind: 'ORGANISATION', value: 'ORG-GQL', reason: 'CONTRACT_ENDED' } });
    expect(result.errors).toBeUndefined();
    expect(result.data?.suspendCredential).toEqual({
      id: expect.any(String),
      kind: 'ORGANISATION',
      value: 'ORG-GQL',
      organisation: null,
      reason: 'CONTRACT_ENDED',
      suspendedAt: expect.any(Date), // serialised as ISO 8601 on the wire
      suspendedBy: 'admin-7',
      reinstatedAt: null,
      reinstatedBy: null,
      active: true,
    });
    await expect(verify(headers)).rejects.toThrow(SUSPENDED_MESSAGE);

    const [record] = (await store.query({ kind: AuditKind.ADMINISTRATION }, { first: 1 })).records;
    expect(record).toMatchObject({
      subgraph: 'referrals',
      requestId: 'req-resolver-01',
      organisation: 'PLATFORM-OPS',
      subject: 'admin-7',
      role: 'PLATFORM_ADMIN',
      purpose: 'ADMINISTRATION',
      operationName: 'Suspend',
      tokenId: 'jti-admin-7',
      detail: 'SUSPEND_ORGANISATION',
    });
  });

  it('suspending again returns the same suspension', async () => {
    const again = await run(SUSPEND, { input: { kind: 'ORGANISATION', value: 'ORG-GQL', reason: 'OTHER' } });
    const list = await run('{ credentialSuspensions { id value reason } }');
    expect(list.data?.credentialSuspensions).toEqual([{ id: (again.data?.suspendCredential as { id: string }).id, value: 'ORG-GQL', reason: 'CONTRACT_ENDED' }]);
  });

  it('suspends a user within one organisation', async () => {
    const result = await run(SUSPEND, { input: { kind: 'USER', value: 'op-3', organisation: 'ORG-X', reason: 'LEFT' } });
    expect(result.data?.suspendCredential).toMatchObject({ kind: 'USER', value: 'op-3', organisation: 'ORG-X', active: true });
  });

  it('refuses bad input with BAD_USER_INPUT listing every problem, without repeating the values', async () => {
    const result = await run(SUSPEND, { input: { kind: 'TOKEN', value: `secret\u0007${'x'.repeat(200)}`, organisation: 'ORG-X', reason: '' } });
    expect(result.data?.suspendCredential).toBeNull();
    expect(result.errors).toHaveLength(1);
    const [error] = result.errors!;
    expect(error!.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      problems: [
        { path: 'value', message: 'must be at most 200 characters' },
        { path: 'value', message: 'must not contain control characters' },
        { path: 'organisation', message: 'only a USER suspension is limited to an organisation' },
        { path: 'reason', message: 'must not be empty' },
      ],
    });
    expect(error!.message).not.toContain('secret');
    // An unknown kind is refused by the schema itself.
    const unknownKind = await run(SUSPEND, { input: { kind: 'GROUP', value: 'x', reason: 'y' } });
    expect(unknownKind.errors?.[0]?.message).toMatch(/CredentialKind/);
  });

  it('reinstates; reinstating what is not suspended is NOT_FOUND', async () => {
    const result = await run(REINSTATE, { input: { kind: 'ORGANISATION', value: 'ORG-GQL' } });
    expect(result.errors).toBeUndefined();
    expect(result.data?.reinstateCredential).toMatchObject({ value: 'ORG-GQL', active: false, reinstatedBy: 'admin-7', reinstatedAt: expect.any(Date) });
    const [record] = (await store.query({ kind: AuditKind.ADMINISTRATION }, { first: 1 })).records;
    expect(record).toMatchObject({ detail: 'REINSTATE_ORGANISATION', operationName: 'Reinstate' });

    const missing = await run(REINSTATE, { input: { kind: 'ORGANISATION', value: 'ORG-GQL' } });
    expect(missing.data?.reinstateCredential).toBeNull();
    expect(missing.errors?.[0]).toMatchObject({ message: 'An active suspension of this credential was not found', extensions: { code: 'NOT_FOUND' } });
    // USER op-3 of ORG-X is suspended, but not op-3 in every organisation.
    const other = await run(REINSTATE, { input: { kind: 'USER', value: 'op-3' } });
    expect(other.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('lists the active suspensions by default and the whole history with activeOnly: false', async () => {
    const active = await run('{ credentialSuspensions { kind value active } }');
    expect(active.data?.credentialSuspensions).toEqual([{ kind: 'USER', value: 'op-3', active: true }]);
    const explicitNull = await run('{ credentialSuspensions(activeOnly: null) { value } }');
    expect(explicitNull.data?.credentialSuspensions).toEqual([{ value: 'op-3' }]);
    const all = await run('{ credentialSuspensions(activeOnly: false) { kind value active } }');
    expect(all.data?.credentialSuspensions).toEqual([
      { kind: 'USER', value: 'op-3', active: true },
      { kind: 'ORGANISATION', value: 'ORG-GQL', active: false },
    ]);
  });

  it('refuses any caller but PLATFORM_ADMIN for ADMINISTRATION, and a request without caller', async () => {
    const operator: Caller = { ...admin, role: Role.CPI_OPERATOR, purpose: Purpose.EMPLOYMENT_SERVICES, purposes: [Purpose.EMPLOYMENT_SERVICES] };
    const forbidden = await run(SUSPEND, { input: { kind: 'ORGANISATION', value: 'ORG-Y', reason: 'X' } }, { caller: operator });
    expect(forbidden.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const wrongPurpose = await run('{ credentialSuspensions { id } }', {}, { caller: { ...admin, purpose: Purpose.SUPERVISION } });
    expect(wrongPurpose.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const anonymous = await run('{ credentialSuspensions { id } }', {}, { caller: null });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await run('{ credentialSuspensions(activeOnly: false) { value } }')).data?.credentialSuspensions).not.toContainEqual({ value: 'ORG-Y' });
  });

  it('fails plainly when the subgraph was not given the platform store', async () => {
    for (const platform of [undefined, null, { audit: null }]) {
      const result = await run('{ credentialSuspensions { id } }', {}, { platform });
      expect(result.errors?.[0]?.message).toMatch(/credential administration is not configured in this subgraph/);
    }
  });

  it("reads what the subgraphs' request context carries (checked by the type checker)", () => {
    const context = { requestId: 'req-type-check', caller: null, platform: null } as unknown as RequestContext;
    const platformContext: PlatformContext = context;
    expect(platformContext.platform).toBeNull();
  });
});
