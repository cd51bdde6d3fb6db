import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { referralsSubgraph } from '../../../subgraphs/referrals';
import { type ReferralsLoaders } from '../../../subgraphs/referrals/loaders';
import { ReferralState } from '../../../subgraphs/referrals/referral/referral.entity';
import { createTestSubgraph, type TestSubgraph } from '../../utils/subgraph';
import { insertReferral, insertServicePoints, POINTS, REGION_OPERATOR } from './fixtures';

const ENTITIES = 'query($r: [_Any!]!) { _entities(representations: $r) { __typename ... on ServicePoint { code name } ... on Referral { id state from { code } } ... on Worker { id referrals { id } } } }';

describe('federation entities', () => {
  let graph: TestSubgraph<ReferralsLoaders>;
  const workerId = randomUUID();
  let older: string;
  let newer: string;
  beforeAll(async () => {
    graph = await createTestSubgraph(referralsSubgraph, { caller: REGION_OPERATOR });
    const em = graph.em();
    await insertServicePoints(em);
    older = await insertReferral(em, { workerId, state: ReferralState.ACCEPTED, createdAt: new Date('2025-01-10T10:00:00Z') });
    newer = await insertReferral(em, { workerId, state: ReferralState.SENT, from: POINTS.socialDesk.code, to: POINTS.desk.code, createdAt: new Date('2025-02-10T10:00:00Z') });
    await insertReferral(em, { state: ReferralState.SENT });
  });
  afterAll(() => graph.close());

  it('prints the keys the other subgraphs rely on', () => {
    const sdl = graph.runtime.schema.sdl;
    expect(sdl).toMatch(/type ServicePoint\s+@key\(fields: "code"\)/);
    expect(sdl).toMatch(/type Referral\s+@key\(fields: "id"\)/);
    expect(sdl).toMatch(/type Worker\s+@key\(fields: "id"\)\s*\{\s*"""[^"]*"""\s*id: ID!/);
  });

  it('resolves ServicePoint by code, null for an unknown code', async () => {
    const res = await graph.query<{ _entities: ({ code: string; name: string } | null)[] }>(ENTITIES, {
      r: [{ __typename: 'ServicePoint', code: POINTS.social.code }, { __typename: 'ServicePoint', code: 'UNKNOWN' }],
    });
    expect(res.errors).toBeUndefined();
    expect(res.data?._entities).toEqual([{ __typename: 'ServicePoint', code: POINTS.social.code, name: POINTS.social.name }, null]);
  });

  it('resolves Referral by id, null for an unknown or malformed id', async () => {
    const res = await graph.query<{ _entities: unknown[] }>(ENTITIES, {
      r: [
        { __typename: 'Referral', id: older },
        { __typename: 'Referral', id: randomUUID() },
        { __typename: 'Referral', id: 'not-a-uuid' },
      ],
    });
    expect(res.errors).toBeUndefined();
    expect(res.data?._entities).toEqual([{ __typename: 'Referral', id: older, state: 'ACCEPTED', from: { code: POINTS.jobCentre.code } }, null, null]);
  });

  it("answers a Worker representation with the person's referrals, newest first", async () => {
    const res = await graph.query<{ _entities: { id: string; referrals: { id: string }[] }[] }>(ENTITIES, { r: [{ __typename: 'Worker', id: workerId }] });
    expect(res.errors).toBeUndefined();
    expect(res.data?._entities).toEqual([{ __typename: 'Worker', id: workerId, referrals: [{ id: newer }, { id: older }] }]);
  });

  it('answers an unknown Worker with no referrals, since the person is owned elsewhere', async () => {
    const unknown = randomUUID();
    const res = await graph.query<{ _entities: unknown[] }>(ENTITIES, {
      r: [{ __typename: 'Worker', id: unknown }, { __typename: 'Worker', id: 'not-a-uuid' }],
    });
    expect(res.errors).toBeUndefined();
    expect(res.data?._entities).toEqual([
      { __typename: 'Worker', id: unknown, referrals: [] },
      { __typename: 'Worker', id: 'not-a-uuid', referrals: [] },
    ]);
  });

  it('links a referral to its Worker by id', async () => {
    const res = await graph.query<{ referral: { worker: { id: string } } }>(`{ referral(id: "${older}") { worker { id } } }`);
    expect(res.data?.referral.worker.id).toBe(workerId);
  });
});
