import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { referralsSubgraph } from '../../../subgraphs/referrals';
import { type ReferralsLoaders } from '../../../subgraphs/referrals/loaders';
import { callerAs } from '../../utils/callers';
import { person } from '../../utils/people';
import { createTestSubgraph, type TestSubgraph } from '../../utils/subgraph';
import { insertServicePoints, POINTS } from './fixtures';

interface Point {
  code: string;
  kind: string;
  name: string;
  municipality: string;
  province: string;
  address: string;
  manager: string;
  publicHousingNeighbourhood: boolean;
  parent: { code: string; kind: string } | null;
  desks: { code: string }[];
}
interface Page {
  servicePoints: { totalCount: number; nodes: { code: string }[]; pageInfo: { hasNextPage: boolean; endCursor: string } };
}

const ALL_CODES = Object.values(POINTS).map((p) => p.code).sort();

describe('service points', () => {
  let graph: TestSubgraph<ReferralsLoaders>;
  beforeAll(async () => {
    // The directory is not personal data: any verified caller reads it (here a citizen;
    // access.test.ts reads it as every role).
    graph = await createTestSubgraph(referralsSubgraph, { caller: callerAs('CITIZEN', 'SELF_SERVICE', { subject: person(7).fiscalCode }) });
    await insertServicePoints(graph.em());
  });
  afterAll(() => graph.close());

  it('returns a service point by code with every field', async () => {
    const res = await graph.query<{ servicePoint: Point }>(
      `{ servicePoint(code: "${POINTS.desk.code}") {
          code kind name municipality province address manager publicHousingNeighbourhood
          parent { code kind } desks { code } } }`,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?.servicePoint).toEqual({
      code: POINTS.desk.code,
      kind: 'JOB_CENTRE_DESK',
      name: POINTS.desk.name,
      municipality: '015146',
      province: '015',
      address: POINTS.desk.address,
      manager: POINTS.desk.manager,
      publicHousingNeighbourhood: true,
      parent: { code: POINTS.jobCentre.code, kind: 'JOB_CENTRE' },
      desks: [],
    });
  });

  it('lists the desks of a job centre, and no parent for it', async () => {
    const res = await graph.query<{ servicePoint: Point }>(`{ servicePoint(code: "${POINTS.jobCentre.code}") { parent { code } desks { code } } }`);
    expect(res.data?.servicePoint.parent).toBeNull();
    expect(res.data?.servicePoint.desks.map((d) => d.code)).toEqual([POINTS.desk2.code, POINTS.desk.code].sort());
  });

  it('returns null for an unknown code', async () => {
    const res = await graph.query<{ servicePoint: Point | null }>('{ servicePoint(code: "NOPE") { code } }');
    expect(res.errors).toBeUndefined();
    expect(res.data?.servicePoint).toBeNull();
  });

  it('lists every service point by code when no filter is given', async () => {
    const res = await graph.query<Page>('{ servicePoints(first: 50) { totalCount nodes { code } } }');
    expect(res.errors).toBeUndefined();
    expect(res.data?.servicePoints.totalCount).toBe(ALL_CODES.length);
    expect(res.data?.servicePoints.nodes.map((n) => n.code)).toEqual(ALL_CODES);
  });

  it('filters by kind', async () => {
    const res = await graph.query<Page>('{ servicePoints(kind: JOB_CENTRE_DESK) { totalCount nodes { code } } }');
    expect(res.data?.servicePoints.nodes.map((n) => n.code)).toEqual([POINTS.desk2.code, POINTS.desk.code].sort());
  });

  it('filters by province', async () => {
    const res = await graph.query<Page>('{ servicePoints(province: "019") { nodes { code } } }');
    const expected = Object.values(POINTS).filter((p) => p.province === '019').map((p) => p.code).sort();
    expect(expected.length).toBeGreaterThan(1);
    expect(res.data?.servicePoints.nodes.map((n) => n.code)).toEqual(expected);
  });

  it('combines kind and province', async () => {
    const res = await graph.query<Page>('{ servicePoints(kind: SOCIAL_SERVICES, province: "019") { nodes { code } } }');
    expect(res.data?.servicePoints.nodes.map((n) => n.code)).toEqual([POINTS.socialCremona.code]);
  });

  it('pages through the list with cursors', async () => {
    const first = await graph.query<Page>('{ servicePoints(first: 4) { totalCount nodes { code } pageInfo { hasNextPage endCursor } } }');
    expect(first.data?.servicePoints.nodes.map((n) => n.code)).toEqual(ALL_CODES.slice(0, 4));
    expect(first.data?.servicePoints.pageInfo.hasNextPage).toBe(true);
    const second = await graph.query<Page>('query($after: String) { servicePoints(first: 50, after: $after) { nodes { code } pageInfo { hasNextPage endCursor } } }', {
      after: first.data?.servicePoints.pageInfo.endCursor,
    });
    expect(second.data?.servicePoints.nodes.map((n) => n.code)).toEqual(ALL_CODES.slice(4));
    expect(second.data?.servicePoints.pageInfo.hasNextPage).toBe(false);
  });

  it('rejects a province that is not a three-digit ISTAT code', async () => {
    const res = await graph.query('{ servicePoints(province: "MI") { totalCount } }');
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.message).toContain('province');
  });
});
