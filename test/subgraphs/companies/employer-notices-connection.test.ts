import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { companiesSubgraph } from '../../../subgraphs/companies';
import { type CompaniesLoaders } from '../../../subgraphs/companies/loaders';
import { seedCompanies } from '../../../subgraphs/companies/seed';
import { type DatasetNotice } from '../../../scripts/seed/dataset.types';
import { createTestSubgraph, type TestSubgraph } from '../../utils/subgraph';
import { dataset, datasetEmployer, datasetNotice, employerCode, workerCode } from './fixtures';

const BUSY = employerCode(71);
const QUIET = employerCode(72);
const EMPTY = employerCode(73);

interface NoticePage {
  nodes: { id: string }[];
  edges: { cursor: string; node: { id: string } }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  totalCount: number;
}

const PAGE = `query($cf: FiscalCode!, $first: Int, $after: String) {
  employer(fiscalCode: $cf) { mandatoryNotices(first: $first, after: $after) {
    nodes { id } edges { cursor node { id } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } totalCount
  } }
}`;

describe('Employer.mandatoryNotices connection', () => {
  let graph: TestSubgraph<CompaniesLoaders>;
  /** BUSY's notices, newest filing first: five hires filed a day apart, two of them at the same instant. */
  let busyNewestFirst: DatasetNotice[];

  const page = async (cf: string, first?: number, after?: string | null) => {
    const res = await graph.query<{ employer: { mandatoryNotices: NoticePage } }>(PAGE, { cf, first, after });
    expect(res.errors).toBeUndefined();
    return res.data!.employer.mandatoryNotices;
  };

  beforeAll(async () => {
    graph = await createTestSubgraph(companiesSubgraph);
    const hire = (employer: string, n: number, filedAt: string) =>
      datasetNotice({ relationshipId: randomUUID(), employerFiscalCode: employer, workerFiscalCode: workerCode(70 + n), filedAt });
    const busy = [
      hire(BUSY, 1, '2024-01-30T09:00:00.000Z'),
      hire(BUSY, 2, '2024-01-29T09:00:00.000Z'),
      hire(BUSY, 3, '2024-01-28T09:00:00.000Z'),
      hire(BUSY, 4, '2024-01-28T09:00:00.000Z'),
      hire(BUSY, 5, '2024-01-27T09:00:00.000Z'),
    ];
    // Equal filing times fall back to the id, descending.
    busyNewestFirst = [...busy].sort((a, b) => (a.filedAt !== b.filedAt ? (a.filedAt < b.filedAt ? 1 : -1) : a.id < b.id ? 1 : -1));
    const quiet = [hire(QUIET, 6, '2024-01-15T09:00:00.000Z')];
    await seedCompanies(
      graph.em(),
      dataset({ employers: [datasetEmployer(BUSY), datasetEmployer(QUIET), datasetEmployer(EMPTY, { sites: [] })], notices: [...busy, ...quiet] }),
    );
  });
  afterAll(() => graph.close());

  it('lists the newest filing first, with the total and whether more follow', async () => {
    const first = await page(BUSY, 2);
    expect(first.nodes.map((n) => n.id)).toEqual(busyNewestFirst.slice(0, 2).map((n) => n.id));
    expect(first.edges.map((e) => e.node.id)).toEqual(first.nodes.map((n) => n.id));
    expect(first.totalCount).toBe(5);
    expect(first.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false, endCursor: first.edges[1]!.cursor });
  });

  it('pages through every notice once, across equal filing times', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (let i = 0; i < 5; i += 1) {
      const current: NoticePage = await page(BUSY, 2, after);
      seen.push(...current.nodes.map((n) => n.id));
      if (after) expect(current.pageInfo.hasPreviousPage).toBe(true);
      if (!current.pageInfo.hasNextPage) break;
      after = current.pageInfo.endCursor;
    }
    expect(seen).toEqual(busyNewestFirst.map((n) => n.id));
  });

  it('gives each employer its own page and count in one request', async () => {
    const res = await graph.query<Record<string, { mandatoryNotices: NoticePage }>>(
      `query($a: FiscalCode!, $b: FiscalCode!, $c: FiscalCode!) {
        a: employer(fiscalCode: $a) { mandatoryNotices(first: 1) { nodes { id } totalCount pageInfo { hasNextPage } } }
        b: employer(fiscalCode: $b) { mandatoryNotices(first: 1) { nodes { id } totalCount pageInfo { hasNextPage } } }
        c: employer(fiscalCode: $c) { mandatoryNotices(first: 1) { nodes { id } totalCount pageInfo { hasNextPage } } }
      }`,
      { a: BUSY, b: QUIET, c: EMPTY },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.a!.mandatoryNotices).toMatchObject({ nodes: [{ id: busyNewestFirst[0]!.id }], totalCount: 5, pageInfo: { hasNextPage: true } });
    expect(res.data!.b!.mandatoryNotices).toMatchObject({ totalCount: 1, pageInfo: { hasNextPage: false } });
    expect(res.data!.c!.mandatoryNotices).toMatchObject({ nodes: [], totalCount: 0, pageInfo: { hasNextPage: false } });
  });

  it('an empty page still says whether notices exist', async () => {
    const empty = await page(BUSY, 0);
    expect(empty.nodes).toEqual([]);
    expect(empty.pageInfo).toMatchObject({ hasNextPage: true, startCursor: null, endCursor: null });
  });

  it('rejects a cursor it did not make and a page over the maximum', async () => {
    const bad = await graph.query(PAGE, { cf: BUSY, after: 'bm90LWEtY3Vyc29y' });
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(bad.errors?.[0]?.extensions?.problems).toEqual([{ path: 'after', message: 'is not a cursor of this list' }]);
    const big = await graph.query(PAGE, { cf: BUSY, first: 101 });
    expect(big.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
