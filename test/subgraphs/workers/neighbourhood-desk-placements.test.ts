import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type WorkersLoaders } from '../../../subgraphs/workers/loaders';
import { workersSubgraph } from '../../../subgraphs/workers';
import { placementWindowEnd } from '../../../subgraphs/workers/neighbourhood-desk/neighbourhood-desk.resolver';
import { asCaller, callerAs } from '../../utils/callers';
import { createTestSubgraph, type TestSubgraph } from '../../utils/subgraph';
import { COMMITTEE, JENNER, SANSIRO } from '../referrals/neighbourhood-fixtures';
import { insertPlacementFixtures, PLACEMENTS } from './neighbourhood-placements-fixtures';

// Placements within six months of a DID at an ALER neighbourhood desk, for the technical
// committee (seed 004 art. 5): per desk and quarter of the DID, aggregated only.

interface Table { indicator: string; total: number | null; totalSuppressed: boolean; minimumCellCount: number; cells: { desk: string; quarter: string; count: number | null; suppressed: boolean }[] }

describe('placements within six months at the neighbourhood desks', () => {
  let graph: TestSubgraph<WorkersLoaders>;
  beforeAll(async () => {
    graph = await createTestSubgraph(workersSubgraph);
    await insertPlacementFixtures(graph.em());
  });
  afterAll(() => graph.close());

  const placements = async (year: number, caller = COMMITTEE) => {
    const res = await graph.query<{ neighbourhoodDeskPlacements: Table }>(PLACEMENTS, { year }, asCaller(caller));
    expect(res.errors).toBeUndefined();
    return res.data!.neighbourhoodDeskPlacements;
  };

  it('ends the window on the same day six calendar months on, or the last day of a shorter month', () => {
    expect(placementWindowEnd('2025-02-03')).toBe('2025-08-03');
    expect(placementWindowEnd('2025-08-31')).toBe('2026-02-28');
    expect(placementWindowEnd('2023-08-31')).toBe('2024-02-29');
  });

  it('counts a hire at five months or on the last day of the window, once per person; not one at seven months, before the DID or on its day', async () => {
    const t = await placements(2025);
    expect(t).toMatchObject({ indicator: 'PLACEMENTS_WITHIN_6_MONTHS', total: 7, totalSuppressed: false, minimumCellCount: 3 });
    expect(t.cells.map((c) => [c.desk, c.quarter, c.count])).toEqual([
      [JENNER, '2025-Q1', 0], [JENNER, '2025-Q2', 0], [JENNER, '2025-Q3', 0], [JENNER, '2025-Q4', 0],
      [SANSIRO, '2025-Q1', 4], [SANSIRO, '2025-Q2', 0], [SANSIRO, '2025-Q3', 3], [SANSIRO, '2025-Q4', 0],
    ]);
  });

  it('suppresses a small cell with its complements, never showing it', async () => {
    // 2024 holds one placement, of a Jenner DID of November: the cell, its line and the total are withheld.
    const t = await placements(2024);
    expect(t).toMatchObject({ total: null, totalSuppressed: true });
    const suppressed = t.cells.filter((c) => c.suppressed);
    expect(suppressed.map((c) => [c.desk, c.quarter])).toContainEqual([JENNER, '2024-Q4']);
    for (const c of suppressed) expect(c.count).toBeNull();
    for (const desk of [JENNER, SANSIRO]) expect(t.cells.filter((c) => c.desk === desk && c.suppressed).length).not.toBe(1);
  });

  it.each([
    ['a ministry analyst', callerAs('MINISTRY_ANALYST', 'STATISTICS', { territory: ['015'] })],
    ['a job centre', callerAs('CPI_OPERATOR', 'EMPLOYMENT_SERVICES', { territory: ['015'] })],
    ['an employer', callerAs('EMPLOYER', 'MANDATORY_NOTICE', { employers: ['01234567890'] })],
  ])('is FORBIDDEN to %s', async (_label, caller) => {
    const res = await graph.query<{ neighbourhoodDeskPlacements: unknown }>(PLACEMENTS, { year: 2025 }, asCaller(caller));
    expect(res.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    expect(res.data?.neighbourhoodDeskPlacements ?? null).toBeNull();
  });
});
