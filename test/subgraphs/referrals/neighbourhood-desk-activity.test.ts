import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Caller } from '../../../subgraphs/lib/identity';
import { referralsSubgraph } from '../../../subgraphs/referrals';
import { type ReferralsLoaders } from '../../../subgraphs/referrals/loaders';
import { asCaller, callerAs } from '../../utils/callers';
import { createTestSubgraph, type TestSubgraph } from '../../utils/subgraph';
import { ACTIVITY, COMMITTEE, CREMONA_DESK, FIXTURE_PEOPLE, insertNeighbourhoodActivity, JENNER, SANSIRO } from './neighbourhood-fixtures';

// The technical committee's indicators of the job-centre desks in ALER neighbourhoods
// (seed 004 art. 5): per desk and quarter, aggregated only, small cells suppressed (art. 6).

interface Cell { desk: string; quarter: string; count: number | null; suppressed: boolean }
interface Table { indicator: string; total: number | null; totalSuppressed: boolean; cells: Cell[] }
interface Activity { year: number; minimumCellCount: number; desks: { code: string; name: string; neighbourhood: string }[]; indicators: Table[] }

/** Per desk, the four quarters' counts ('*' when suppressed). */
function grid(table: Table): Record<string, (number | '*')[]> {
  const out: Record<string, (number | '*')[]> = {};
  for (const c of table.cells) (out[c.desk] ??= []).push(c.suppressed ? '*' : c.count!);
  return out;
}

describe('neighbourhood desk activity for the technical committee', () => {
  let graph: TestSubgraph<ReferralsLoaders>;
  beforeAll(async () => {
    graph = await createTestSubgraph(referralsSubgraph);
    await insertNeighbourhoodActivity(graph.em());
  });
  afterAll(() => graph.close());

  const activity = async (year = 2025, caller: Caller = COMMITTEE): Promise<Activity> => {
    const res = await graph.query<{ neighbourhoodDeskActivity: Activity }>(ACTIVITY, { year }, asCaller(caller));
    expect(res.errors).toBeUndefined();
    return res.data!.neighbourhoodDeskActivity;
  };
  const table = (a: Activity, indicator: string) => a.indicators.find((t) => t.indicator === indicator)!;

  it('lists the job-centre desks with a neighbourhood in the committee\'s territory, and no other point', async () => {
    const a = await activity();
    expect(a.year).toBe(2025);
    expect(a.minimumCellCount).toBe(3);
    expect(a.desks).toEqual([
      { code: JENNER, name: 'Sportello CPI viale Jenner', neighbourhood: 'Jenner' },
      { code: SANSIRO, name: 'Sportello CPI San Siro', neighbourhood: 'San Siro' },
    ]);
    expect(a.indicators.map((t) => t.indicator)).toEqual(['CONTACTS', 'REFERRALS_SENT', 'REFERRALS_RECEIVED', 'APPOINTMENTS_ATTENDED']);
    for (const t of a.indicators) expect(t.cells.map((c) => c.quarter).slice(0, 4)).toEqual(['2025-Q1', '2025-Q2', '2025-Q3', '2025-Q4']);
  });

  it('counts referrals sent and received (not drafts) and appointments attended (not absences) per desk and quarter', async () => {
    const a = await activity();
    expect(grid(table(a, 'REFERRALS_SENT'))).toEqual({ [JENNER]: [0, 0, 0, 0], [SANSIRO]: [3, 0, 4, 0] });
    expect(table(a, 'REFERRALS_SENT').total).toBe(7);
    expect(grid(table(a, 'REFERRALS_RECEIVED'))).toEqual({ [JENNER]: [0, 0, 0, 3], [SANSIRO]: [0, 0, 0, 0] });
    expect(table(a, 'REFERRALS_RECEIVED').total).toBe(3);
    expect(grid(table(a, 'APPOINTMENTS_ATTENDED'))).toEqual({ [JENNER]: [0, 0, 0, 0], [SANSIRO]: [0, 3, 0, 0] });
  });

  it('counts contacts by the legal day (Europe/Rome) and suppresses a small cell with its complements, marked and never as zero', async () => {
    const contacts = table(await activity(), 'CONTACTS');
    // San Siro 5, 4; Jenner 3, 1: the 1 is suppressed, then one complement in each line it
    // leaves with a single suppressed cell, until none is left.
    expect(contacts.total).toBe(13);
    expect(grid(contacts)).toEqual({ [JENNER]: ['*', '*', 0, 0], [SANSIRO]: ['*', '*', 0, 0] });
    for (const c of contacts.cells.filter((x) => x.suppressed)) expect(c.count).toBeNull();
    for (const key of ['desk', 'quarter'] as const) {
      const lines = new Map<string, Cell[]>();
      for (const c of contacts.cells) lines.set(c[key], [...(lines.get(c[key]) ?? []), c]);
      for (const line of lines.values()) expect(line.filter((c) => c.suppressed).length).not.toBe(1);
    }
  });

  it('shows another territory only its desks, and a year without activity as zeros', async () => {
    const cremona = await activity(2025, callerAs('REGION_ANALYST', 'STATISTICS', { territory: ['019'] }));
    expect(cremona.desks.map((d) => d.code)).toEqual([CREMONA_DESK]);
    expect(grid(table(cremona, 'CONTACTS'))).toEqual({ [CREMONA_DESK]: [6, 0, 0, 0] });
    const empty = await activity(2024);
    expect(table(empty, 'CONTACTS')).toMatchObject({ total: 0, totalSuppressed: false });
  });

  it('never carries a fiscal code', async () => {
    const text = JSON.stringify(await activity());
    for (const p of FIXTURE_PEOPLE) expect(text).not.toContain(p.fiscalCode);
  });

  it('refuses a year out of range', async () => {
    const res = await graph.query(ACTIVITY, { year: 1999 }, asCaller(COMMITTEE));
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it.each([
    ['a ministry analyst', callerAs('MINISTRY_ANALYST', 'STATISTICS', { territory: ['015'] })],
    ['a municipality monitoring its social desks', callerAs('SOCIAL_WORKER', 'STATISTICS', { territory: ['015146'] })],
    ['a job centre', callerAs('CPI_OPERATOR', 'EMPLOYMENT_SERVICES', { territory: ['015'] })],
    ['a job centre on a referral', callerAs('CPI_OPERATOR', 'REFERRAL', { territory: ['015'] })],
    ['a regional analyst supervising', callerAs('REGION_ANALYST', 'SUPERVISION', { territory: ['015'] })],
  ])('is FORBIDDEN to %s', async (_label, caller) => {
    const res = await graph.query<{ neighbourhoodDeskActivity: unknown }>(ACTIVITY, { year: 2025 }, asCaller(caller));
    expect(res.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    expect(res.data?.neighbourhoodDeskActivity ?? null).toBeNull();
  });
});
