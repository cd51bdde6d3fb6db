import { type EntityData } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Caller } from '../../../subgraphs/lib/identity';
import { referralsSubgraph } from '../../../subgraphs/referrals';
import { ConsentRecording, DeskNeed, DeskUserType, OrientationOutcome } from '../../../subgraphs/referrals/desk-contact/desk-contact.codes';
import { DeskContact } from '../../../subgraphs/referrals/desk-contact/desk-contact.entity';
import { type ReferralsLoaders } from '../../../subgraphs/referrals/loaders';
import { ServicePoint, ServicePointKind } from '../../../subgraphs/referrals/service-point/service-point.entity';
import { asCaller, callerAs } from '../../utils/callers';
import { feasibleValues, type KnownTotal } from '../../utils/disclosure';
import { createTestSubgraph, type TestSubgraph } from '../../utils/subgraph';
import { insertServicePoints, POINTS } from './fixtures';

// The municipality's periodic view of the sportelli sociali (seed 003 art. 2), with
// disclosure control: counts only, small cells suppressed, no cell recoverable.
const CGIL = POINTS.socialDesk.code;
const UIL = 'SPS-CR-UIL';
const MILAN_DESK = 'SPS-MI-ACLI';
const CREMONA = callerAs('SOCIAL_WORKER', 'STATISTICS', { subject: 'monitoring-cr', organisation: 'org-comune-cremona', territory: ['019036'] });

const STATISTICS = `query($period: DeskStatisticsPeriodInput!, $groupBy: [DeskStatisticsDimension!]!) {
  deskContactStatistics(period: $period, groupBy: $groupBy) { from to groupBy minimumCellCount total totalSuppressed cells { desk userType need period count suppressed } } }`;
const Q1 = { from: '2025-01-01', to: '2025-03-31' };

interface Cell { desk: string | null; userType: string | null; need: string | null; period: string | null; count: number | null; suppressed: boolean }
interface Statistics { total: number | null; totalSuppressed: boolean; minimumCellCount: number; cells: Cell[] }

/** Contacts of the first quarter of 2025: [desk, need, user type, contactedAt, how many]. */
const CONTACTS: [string, DeskNeed, DeskUserType, string, number][] = [
  [CGIL, DeskNeed.JOB_SEARCH, DeskUserType.UNEMPLOYED, '2025-01-15T10:00:00Z', 5],
  [CGIL, DeskNeed.HOUSING, DeskUserType.PENSIONER, '2025-02-10T10:00:00Z', 1],
  [CGIL, DeskNeed.INCOME_SUPPORT, DeskUserType.WORKER, '2025-03-05T10:00:00Z', 4],
  [UIL, DeskNeed.JOB_SEARCH, DeskUserType.UNEMPLOYED, '2025-01-20T10:00:00Z', 3],
  [UIL, DeskNeed.HOUSING, DeskUserType.MIGRANT, '2025-02-12T10:00:00Z', 2],
  // 1 April in Rome: outside the first quarter.
  [CGIL, DeskNeed.TRAINING, DeskUserType.STUDENT, '2025-03-31T23:30:00Z', 3],
  // Another municipality's desk: not Cremona's to see.
  [MILAN_DESK, DeskNeed.HOUSING, DeskUserType.PENSIONER, '2025-02-01T10:00:00Z', 7],
];

describe('desk contact statistics for the municipality', () => {
  let graph: TestSubgraph<ReferralsLoaders>;
  beforeAll(async () => {
    graph = await createTestSubgraph(referralsSubgraph);
    const em = graph.em();
    await insertServicePoints(em);
    await em.insertMany(ServicePoint, [
      { ...POINTS.socialDesk, code: UIL, name: 'Sportello sociale UIL Cremona', manager: 'UIL Cremona' },
      { ...POINTS.socialDesk, code: MILAN_DESK, name: 'Sportello sociale ACLI Milano', municipality: '015146', province: '015', manager: 'ACLI Milano' },
    ] as EntityData<ServicePoint>[]);
    const rows: EntityData<DeskContact>[] = CONTACTS.flatMap(([desk, need, userType, at, n]) =>
      Array.from({ length: n }, () => ({
        id: randomUUID(),
        desk,
        organisation: `org-${desk}`,
        fiscalCode: null,
        workerId: null,
        userType,
        need,
        outcome: OrientationOutcome.ORIENTATION,
        contactedAt: new Date(at),
        consentGivenAt: new Date(at),
        consentRecordedAs: ConsentRecording.SIGNED_FORM,
        consentWithdrawnAt: null,
        recordedBy: 'desk-operator',
        createdAt: new Date(at),
      })),
    );
    await em.insertMany(DeskContact, rows);
  });
  afterAll(() => graph.close());

  const statistics = async (groupBy: string[], period = Q1, caller: Caller = CREMONA): Promise<Statistics> => {
    const res = await graph.query<{ deskContactStatistics: Statistics }>(STATISTICS, { period, groupBy }, asCaller(caller));
    expect(res.errors).toBeUndefined();
    return res.data!.deskContactStatistics;
  };
  const cell = (s: Statistics, match: Partial<Cell>) => s.cells.find((c) => Object.entries(match).every(([k, v]) => c[k as keyof Cell] === v))!;

  it('counts the contacts of the desks of the caller\'s municipality, in the period (days in Europe/Rome)', async () => {
    const s = await statistics([]);
    expect(s).toMatchObject({ total: 15, totalSuppressed: false, minimumCellCount: 3, cells: [] });
    const byMonth = await statistics(['MONTH']);
    expect(byMonth.cells.map((c) => [c.period, c.count])).toEqual([['2025-01', 8], ['2025-02', 3], ['2025-03', 4]]);
    const byQuarter = await statistics(['QUARTER'], { from: '2025-01-01', to: '2025-06-30' });
    expect(byQuarter.cells.map((c) => [c.period, c.count])).toEqual([['2025-Q1', 15], ['2025-Q2', 3]]);
    const byNeed = await statistics(['NEED']);
    expect(Object.fromEntries(byNeed.cells.map((c) => [c.need, c.count]))).toEqual({
      JOB_SEARCH: 8, INCOME_SUPPORT: 4, HOUSING: 3, HEALTH_CARE: 0, TRAINING: 0, CONSTRUCTION_SECTOR_BENEFITS: 0, OTHER: 0,
    });
  });

  it('suppresses small cells and marks them, never as zero, with a complement in every line', async () => {
    const s = await statistics(['DESK', 'NEED']);
    expect(s.cells).toHaveLength(2 * 7);
    expect(cell(s, { desk: CGIL, need: 'HOUSING' })).toMatchObject({ count: null, suppressed: true });
    expect(cell(s, { desk: UIL, need: 'HOUSING' })).toMatchObject({ count: null, suppressed: true });
    for (const c of s.cells) expect(c.suppressed ? c.count : 'published').not.toBe(0);
    for (const c of s.cells.filter((x) => !x.suppressed)) expect(c.count === 0 || c.count! >= 3).toBe(true);
    for (const key of ['desk', 'need'] as const) {
      const lines = new Map<string, Cell[]>();
      for (const c of s.cells) lines.set(c[key]!, [...(lines.get(c[key]!) ?? []), c]);
      for (const line of lines.values()) expect(line.filter((c) => c.suppressed).length).not.toBe(1);
    }
  });

  it('lets no suppressed cell be recovered from everything the municipality can ask for', async () => {
    const groupBy = ['DESK', 'USER_TYPE', 'NEED'];
    const full = await statistics(groupBy);
    // The intruder asks for every table with one dimension left out, and the total: each
    // published cell of those is a known sum of a line of the full table.
    const totals: KnownTotal[] = [];
    const grand = await statistics([]);
    totals.push({ cells: full.cells.map((_, i) => i), total: grand.total! });
    for (const left of groupBy) {
      const kept = groupBy.filter((d) => d !== left);
      const margin = await statistics(kept);
      const key = (c: Cell) => kept.map((d) => c[({ DESK: 'desk', USER_TYPE: 'userType', NEED: 'need' } as const)[d as 'DESK']]).join('|');
      for (const m of margin.cells) {
        if (m.suppressed) continue;
        totals.push({ cells: full.cells.flatMap((c, i) => (key(c) === key(m) ? [i] : [])), total: m.count! });
      }
    }
    // Lines whose cells are all published add nothing; keep the intruder's search small.
    const values = full.cells.map((c) => c.count);
    expect(values.filter((v) => v === null).length).toBeGreaterThan(0);
    const useful = totals.filter((t) => t.cells.some((i) => values[i] === null));
    for (const [index, options] of feasibleValues(values, useful, grand.total!)) {
      expect(options.size, `cell ${JSON.stringify(full.cells[index])} recovered`).toBeGreaterThan(1);
    }
  });

  it('suppresses a total below the threshold', async () => {
    const s = await statistics(['DESK'], { from: '2025-02-11', to: '2025-02-28' });
    expect(s).toMatchObject({ total: null, totalSuppressed: true });
    expect(s.cells.every((c) => c.count === null ? c.suppressed : c.count === 0)).toBe(true);
  });

  it('refuses a reversed or over-long period and a repeated or conflicting dimension, listing every problem', async () => {
    const res = await graph.query(STATISTICS, { period: { from: '2025-03-01', to: '2025-01-01' }, groupBy: ['MONTH', 'QUARTER', 'DESK', 'DESK'] }, asCaller(CREMONA));
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect((res.errors?.[0]?.extensions?.problems as { path: string }[]).map((p) => p.path)).toEqual(['period.to', 'groupBy', 'groupBy']);
    const long = await graph.query(STATISTICS, { period: { from: '2020-01-01', to: '2025-01-01' }, groupBy: [] }, asCaller(CREMONA));
    expect(long.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it.each([
    ['a social worker managing inclusion', callerAs('SOCIAL_WORKER', 'SOCIAL_INCLUSION', { territory: ['019036'] })],
    ['a social worker on a referral', callerAs('SOCIAL_WORKER', 'REFERRAL', { territory: ['019036'] })],
    ['a social desk', callerAs('SOCIAL_DESK_OPERATOR', 'REFERRAL', { organisation: 'org-cgil-cremona' })],
    ['a regional analyst', callerAs('REGION_ANALYST', 'STATISTICS', { territory: ['019'] })],
    ['a job centre', callerAs('CPI_OPERATOR', 'EMPLOYMENT_SERVICES', { territory: ['019'] })],
  ])('is FORBIDDEN to %s', async (_label, caller) => {
    const res = await graph.query<{ deskContactStatistics: unknown }>(STATISTICS, { period: Q1, groupBy: ['DESK'] }, asCaller(caller));
    expect(res.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    expect(res.data?.deskContactStatistics ?? null).toBeNull();
  });

  it('shows another municipality only its own desks', async () => {
    const milan = await statistics(['DESK'], Q1, callerAs('SOCIAL_WORKER', 'STATISTICS', { territory: ['015146'] }));
    expect(milan.cells.map((c) => [c.desk, c.count])).toEqual([[MILAN_DESK, 7]]);
  });
});
