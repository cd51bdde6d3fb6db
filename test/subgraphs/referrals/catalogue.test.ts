import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GraphQLEnumType } from 'graphql';
import { PURPOSE_CATALOGUE, ROLE_CATALOGUE } from '../../../subgraphs/lib/auth/catalogue';
import { Purpose, Role } from '../../../subgraphs/lib/identity';
import { referralsSubgraph } from '../../../subgraphs/referrals';
import { asCaller, callerAs } from '../../utils/callers';
import { createTestSubgraph, type TestSubgraph } from '../../utils/subgraph';

// Point 2 of issue 3: roles and purposes exactly as catalogued, each purpose with its
// legal ground and retention, in the schema documentation and readable by any caller.
describe('the catalogue of roles and purposes', () => {
  let graph: TestSubgraph;
  beforeAll(async () => {
    graph = (await createTestSubgraph(referralsSubgraph)) as unknown as TestSubgraph;
  });
  afterAll(() => graph?.close());

  it('publishes every purpose with its legal ground and retention, to any verified caller', async () => {
    const res = await graph.query<{ purposes: { code: string; legalGround: string; retention: string; retentionStatus: string; typicalRoles: string[] }[] }>(
      '{ purposes { code legalGround retention retentionStatus typicalRoles } }',
      undefined,
      asCaller(callerAs('CITIZEN', 'SELF_SERVICE', { subject: 'X' })),
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?.purposes.map((p) => p.code)).toEqual(Object.values(Purpose));
    for (const purpose of res.data?.purposes ?? []) {
      const entry = PURPOSE_CATALOGUE[purpose.code as Purpose];
      expect(purpose).toEqual({ code: purpose.code, legalGround: entry.legalGround, retention: entry.retention, retentionStatus: entry.retentionStatus, typicalRoles: [...entry.typicalRoles] });
      expect(purpose.legalGround.length).toBeGreaterThan(5);
    }
  });

  it('publishes every role with who holds it and what it sees', async () => {
    const res = await graph.query<{ roles: { code: string; who: string; sees: string }[] }>('{ roles { code who sees } }', undefined, asCaller(callerAs('PLATFORM_ADMIN', 'ADMINISTRATION')));
    expect(res.data?.roles).toEqual(Object.values(Role).map((code) => ({ code, who: ROLE_CATALOGUE[code].who, sees: ROLE_CATALOGUE[code].sees })));
  });

  it('refuses it to a request without a verified caller', async () => {
    const res = await graph.query('{ purposes { code } }');
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('documents each purpose value in the schema with its legal ground and retention', () => {
    const type = graph.runtime.schema.schema.getType('Purpose') as GraphQLEnumType;
    expect(type.getValues().map((v) => v.name).sort()).toEqual([...Object.values(Purpose)].sort());
    for (const value of type.getValues()) {
      const entry = PURPOSE_CATALOGUE[value.name as Purpose];
      expect(value.description).toContain(entry.legalGround);
      expect(value.description).toContain(entry.retention);
    }
    const roles = graph.runtime.schema.schema.getType('Role') as GraphQLEnumType;
    expect(roles.getValues().map((v) => v.name).sort()).toEqual([...Object.values(Role)].sort());
  });
});
