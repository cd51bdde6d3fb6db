import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pactsSubgraph } from '../../../subgraphs/pacts';
import { type PactsLoaders } from '../../../subgraphs/pacts/loaders';
import { asCaller, callerAs } from '../../utils/callers';
import { createTestSubgraph, type TestSubgraph } from '../../utils/subgraph';
import { COMMITTEE, insertNeighbourhoodPacts, JENNER, PACTS, SANSIRO } from '../referrals/neighbourhood-fixtures';

// The service pacts of the technical committee's indicators (seed 004 art. 5), counted
// where the pacts are: signed per ALER neighbourhood desk and quarter, aggregated only.

interface Table { indicator: string; total: number | null; cells: { desk: string; quarter: string; count: number | null; suppressed: boolean }[] }

describe('service pacts signed at the neighbourhood desks for the technical committee', () => {
  let graph: TestSubgraph<PactsLoaders>;
  beforeAll(async () => {
    graph = await createTestSubgraph(pactsSubgraph);
    await insertNeighbourhoodPacts(graph.em());
  });
  afterAll(() => graph.close());

  it('counts the pacts signed at each neighbourhood desk per quarter, not those only proposed', async () => {
    const res = await graph.query<{ neighbourhoodDeskPacts: Table }>(PACTS, { year: 2025 }, asCaller(COMMITTEE));
    expect(res.errors).toBeUndefined();
    const t = res.data!.neighbourhoodDeskPacts;
    expect(t).toMatchObject({ indicator: 'PACTS_STARTED', total: 6 });
    expect(t.cells.map((c) => [c.desk, c.quarter, c.count, c.suppressed])).toEqual([
      [JENNER, '2025-Q1', 0, false], [JENNER, '2025-Q2', 3, false], [JENNER, '2025-Q3', 0, false], [JENNER, '2025-Q4', 0, false],
      [SANSIRO, '2025-Q1', 0, false], [SANSIRO, '2025-Q2', 3, false], [SANSIRO, '2025-Q3', 0, false], [SANSIRO, '2025-Q4', 0, false],
    ]);
  });

  it('refuses a year out of range', async () => {
    const res = await graph.query(PACTS, { year: 3000 }, asCaller(COMMITTEE));
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it.each([
    ['a ministry analyst', callerAs('MINISTRY_ANALYST', 'STATISTICS', { territory: ['015'] })],
    ['a job centre', callerAs('CPI_OPERATOR', 'EMPLOYMENT_SERVICES', { territory: ['015'] })],
    ['a social worker', callerAs('SOCIAL_WORKER', 'SOCIAL_INCLUSION', { territory: ['015146'] })],
  ])('is FORBIDDEN to %s', async (_label, caller) => {
    const res = await graph.query<{ neighbourhoodDeskPacts: unknown }>(PACTS, { year: 2025 }, asCaller(caller));
    expect(res.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    expect(res.data?.neighbourhoodDeskPacts ?? null).toBeNull();
  });
});
