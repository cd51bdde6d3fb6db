import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { referralsSubgraph } from '../../../subgraphs/referrals';
import { type ReferralsLoaders } from '../../../subgraphs/referrals/loaders';
import { ReferralState } from '../../../subgraphs/referrals/referral/referral.entity';
import { createTestSubgraph, type TestSubgraph } from '../../utils/subgraph';
import { insertReferral, insertServicePoints, PATH_TO, POINTS, REGION_OPERATOR } from './fixtures';

const QUERY = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Worker {
  id referrals { from { code name } to { code } history { toState } } } } }`;

interface Result {
  _entities: { id: string; referrals: { from: { code: string; name: string }; to: { code: string }; history: { toState: string }[] }[] }[];
}

describe('Worker.referrals batching', () => {
  let graph: TestSubgraph<ReferralsLoaders>;
  const workers = Array.from({ length: 25 }, () => randomUUID());
  const senders = [POINTS.jobCentre, POINTS.desk, POINTS.socialDesk];
  beforeAll(async () => {
    graph = await createTestSubgraph(referralsSubgraph, { caller: REGION_OPERATOR });
    const em = graph.em();
    await insertServicePoints(em);
    for (const [index, workerId] of workers.entries()) {
      await insertReferral(em, { workerId, from: senders[index % 3]!.code, to: POINTS.social.code, state: ReferralState.ACCEPTED, createdAt: new Date(Date.UTC(2025, 0, 2, index)) });
      await insertReferral(em, { workerId, from: POINTS.social.code, to: POINTS.jobCentre.code, state: ReferralState.CLOSED, createdAt: new Date(Date.UTC(2025, 0, 1, index)) });
    }
  });
  afterAll(() => graph.close());

  async function statementsFor(count: number): Promise<number> {
    const ids = workers.slice(0, count);
    graph.runtime.db.sql.reset();
    const res = await graph.query<Result>(QUERY, { r: ids.map((id) => ({ __typename: 'Worker', id })) });
    const statements = graph.runtime.db.sql.statements;
    expect(res.errors).toBeUndefined();
    expect(res.data?._entities.map((w) => w.id)).toEqual(ids);
    for (const [index, worker] of res.data!._entities.entries()) {
      expect(worker.referrals).toEqual([
        { from: { code: senders[index % 3]!.code, name: senders[index % 3]!.name }, to: { code: POINTS.social.code }, history: PATH_TO.ACCEPTED.map((toState) => ({ toState })) },
        { from: { code: POINTS.social.code, name: POINTS.social.name }, to: { code: POINTS.jobCentre.code }, history: PATH_TO.CLOSED.map((toState) => ({ toState })) },
      ]);
    }
    return statements;
  }

  it('issues the same number of SQL statements for 5 and for 25 workers', async () => {
    const five = await statementsFor(5);
    const twentyFive = await statementsFor(25);
    // One statement each for the referrals (the row scope joined in), their service points and their histories.
    expect(five).toBe(3);
    expect(twentyFive).toBe(five);
  });
});
