import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type WorkersLoaders } from '../../../subgraphs/workers/loaders';
import { workersSubgraph } from '../../../subgraphs/workers';
import { asCaller, callerAs } from '../../utils/callers';
import { createTestSubgraph, type TestSubgraph } from '../../utils/subgraph';
import { COMMITTEE, CREMONA_DESK, DIDS, insertNeighbourhoodDids, JENNER, SANSIRO } from '../referrals/neighbourhood-fixtures';

// The DIDs of the technical committee's indicators (seed 004 art. 5), counted where the
// DIDs are: per ALER neighbourhood desk (competent job centre) and quarter, aggregated only.

interface Table { indicator: string; total: number | null; totalSuppressed: boolean; minimumCellCount: number; cells: { desk: string; quarter: string; count: number | null; suppressed: boolean }[] }

describe('DIDs at the neighbourhood desks for the technical committee', () => {
  let graph: TestSubgraph<WorkersLoaders>;
  beforeAll(async () => {
    graph = await createTestSubgraph(workersSubgraph);
    await insertNeighbourhoodDids(graph.em());
  });
  afterAll(() => graph.close());

  const dids = async (year: number, caller = COMMITTEE) => {
    const res = await graph.query<{ neighbourhoodDeskDids: Table }>(DIDS, { year }, asCaller(caller));
    expect(res.errors).toBeUndefined();
    return res.data!.neighbourhoodDeskDids;
  };

  it('counts the DIDs of each neighbourhood desk of the territory per quarter, by the date of the declaration', async () => {
    const t = await dids(2025);
    expect(t).toMatchObject({ indicator: 'DIDS_STARTED', total: 10, totalSuppressed: false, minimumCellCount: 3 });
    expect(t.cells.map((c) => [c.desk, c.quarter, c.count])).toEqual([
      [JENNER, '2025-Q1', 0], [JENNER, '2025-Q2', 0], [JENNER, '2025-Q3', 0], [JENNER, '2025-Q4', 3],
      [SANSIRO, '2025-Q1', 4], [SANSIRO, '2025-Q2', 0], [SANSIRO, '2025-Q3', 3], [SANSIRO, '2025-Q4', 0],
    ]);
  });

  it('suppresses small cells with their complements and marks them', async () => {
    // 2024 holds a single DID at San Siro: the cell, its line and the total are withheld.
    const t = await dids(2024);
    expect(t).toMatchObject({ total: null, totalSuppressed: true });
    const suppressed = t.cells.filter((c) => c.suppressed);
    expect(suppressed.map((c) => [c.desk, c.quarter])).toContainEqual([SANSIRO, '2024-Q4']);
    for (const c of suppressed) expect(c.count).toBeNull();
    for (const desk of [JENNER, SANSIRO]) expect(t.cells.filter((c) => c.desk === desk && c.suppressed).length).not.toBe(1);
  });

  it('shows another territory only its desks', async () => {
    const t = await dids(2025, callerAs('REGION_ANALYST', 'STATISTICS', { territory: ['019'] }));
    expect(t.cells.map((c) => [c.desk, c.count])).toEqual([[CREMONA_DESK, 5], [CREMONA_DESK, 0], [CREMONA_DESK, 0], [CREMONA_DESK, 0]]);
  });

  it.each([
    ['a ministry analyst', callerAs('MINISTRY_ANALYST', 'STATISTICS', { territory: ['015'] })],
    ['a job centre', callerAs('CPI_OPERATOR', 'EMPLOYMENT_SERVICES', { territory: ['015'] })],
    ['a municipality monitoring its social desks', callerAs('SOCIAL_WORKER', 'STATISTICS', { territory: ['015146'] })],
  ])('is FORBIDDEN to %s', async (_label, caller) => {
    const res = await graph.query<{ neighbourhoodDeskDids: unknown }>(DIDS, { year: 2025 }, asCaller(caller));
    expect(res.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    expect(res.data?.neighbourhoodDeskDids ?? null).toBeNull();
  });
});
