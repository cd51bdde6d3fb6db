import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { companiesSubgraph } from '../../../subgraphs/companies';
import { type CompaniesLoaders } from '../../../subgraphs/companies/loaders';
import { seedCompanies } from '../../../subgraphs/companies/seed';
import { type DatasetNotice } from '../../../scripts/seed/dataset.types';
import { createTestSubgraph, type TestSubgraph } from '../../utils/subgraph';
import { dataset, datasetEmployer, datasetNotice, employerCaller, employerCode, workerCode } from './fixtures';

const BUSY = employerCode(71);
const QUIET = employerCode(72);
const EMPTY = employerCode(73);

interface NoticePage {
  nodes: { id: string }[];
  edges: { cursor: string; node: { id: string } }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  totalCount: number;
}

const PAGE = `query($cf: FiscalCode!, $first: Int, $after: String, $last: Int, $before: String) {
  employer(fiscalCode: $cf) { mandatoryNotices(first: $first, after: $after, last: $last, before: $before) {
    nodes { id } edges { cursor node { id } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } totalCount
  } }
}`;

describe('Employer.mandatoryNotices connection', () => {
  let graph: TestSubgraph<CompaniesLoaders>;
  /** BUSY's notices, newest filing first: hires filed a day apart, two at the same instant, one half a second later. */
  let busyNewestFirst: DatasetNotice[];

  const page = async (cf: string, first?: number, after?: string | null, last?: number, before?: string | null) => {
    const res = await graph.query<{ employer: { mandatoryNotices: NoticePage } }>(PAGE, { cf, first, after, last, before });
    expect(res.errors).toBeUndefined();
    return res.data!.employer.mandatoryNotices;
  };

  beforeAll(async () => {
    graph = await createTestSubgraph(companiesSubgraph, { caller: employerCaller(BUSY, QUIET, EMPTY) });
    const hire = (employer: string, n: number, filedAt: string) =>
      datasetNotice({ relationshipId: randomUUID(), employerFiscalCode: employer, workerFiscalCode: workerCode(70 + n), filedAt });
    const busy = [
      hire(BUSY, 1, '2024-01-30T09:00:00.000Z'),
      hire(BUSY, 2, '2024-01-29T09:00:00.000Z'),
      hire(BUSY, 3, '2024-01-28T09:00:00.000Z'),
      hire(BUSY, 4, '2024-01-28T09:00:00.000Z'),
      hire(BUSY, 5, '2024-01-27T09:00:00.000Z'),
      // Milliseconds must survive the cursor and the comparison on every database.
      hire(BUSY, 6, '2024-01-28T09:00:00.500Z'),
      hire(BUSY, 7, '2024-01-26T09:00:00.000Z'),
    ];
    // Equal filing times fall back to the id, descending.
    busyNewestFirst = [...busy].sort((a, b) => (a.filedAt !== b.filedAt ? (a.filedAt < b.filedAt ? 1 : -1) : a.id < b.id ? 1 : -1));
    const quiet = [hire(QUIET, 8, '2024-01-15T09:00:00.000Z')];
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
    expect(first.totalCount).toBe(busyNewestFirst.length);
    expect(first.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false, endCursor: first.edges[1]!.cursor });
  });

  it('pages forward through every notice once, then back again with last/before', async () => {
    const forward: string[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const current: NoticePage = await page(BUSY, 3, after);
      pages += 1;
      forward.push(...current.nodes.map((n) => n.id));
      expect(current.pageInfo.hasPreviousPage).toBe(after != null);
      expect(current.pageInfo.startCursor).toBe(current.edges[0]?.cursor ?? null);
      expect(current.pageInfo.endCursor).toBe(current.edges.at(-1)?.cursor ?? null);
      expect(current.totalCount).toBe(busyNewestFirst.length);
      if (!current.pageInfo.hasNextPage) break;
      after = current.pageInfo.endCursor;
    }
    expect(forward).toEqual(busyNewestFirst.map((n) => n.id));
    expect(pages).toBe(Math.ceil(busyNewestFirst.length / 3));

    // Backward pages come in list order (newest first); collect them from the end.
    const backward: string[][] = [];
    let before: string | null = null;
    for (;;) {
      const current: NoticePage = await page(BUSY, undefined, undefined, 3, before);
      backward.unshift(current.nodes.map((n) => n.id));
      expect(current.pageInfo.hasNextPage).toBe(before != null);
      if (!current.pageInfo.hasPreviousPage) break;
      before = current.pageInfo.startCursor;
    }
    expect(backward.flat()).toEqual(busyNewestFirst.map((n) => n.id));
    expect(backward[backward.length - 1]).toEqual(busyNewestFirst.slice(-3).map((n) => n.id));
  });

  it('bounds a forward page by before and a backward page by after', async () => {
    const ids = busyNewestFirst.map((n) => n.id);
    const all = await page(BUSY, 10);
    const cursorOf = (i: number) => all.edges[i]!.cursor;
    const firstBefore = await page(BUSY, 2, null, undefined, cursorOf(5));
    expect(firstBefore.nodes.map((n) => n.id)).toEqual(ids.slice(0, 2));
    expect(firstBefore.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    const lastAfter = await page(BUSY, undefined, cursorOf(1), 2);
    expect(lastAfter.nodes.map((n) => n.id)).toEqual(ids.slice(-2));
    expect(lastAfter.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
    const beforeAlone = await page(BUSY, undefined, undefined, undefined, cursorOf(2));
    expect(beforeAlone.nodes.map((n) => n.id)).toEqual(ids.slice(0, 2));
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
    expect(res.data!.a!.mandatoryNotices).toMatchObject({ nodes: [{ id: busyNewestFirst[0]!.id }], totalCount: busyNewestFirst.length, pageInfo: { hasNextPage: true } });
    expect(res.data!.b!.mandatoryNotices).toMatchObject({ totalCount: 1, pageInfo: { hasNextPage: false } });
    expect(res.data!.c!.mandatoryNotices).toMatchObject({ nodes: [], totalCount: 0, pageInfo: { hasNextPage: false } });
  });

  it('an empty page still says whether notices exist', async () => {
    const empty = await page(BUSY, 0);
    expect(empty.nodes).toEqual([]);
    expect(empty.pageInfo).toMatchObject({ hasNextPage: true, startCursor: null, endCursor: null });
  });

  it.each([
    ['a cursor it did not make', { after: 'bm90LWEtY3Vyc29y' }, ['after']],
    ['a cursor of another list', { before: Buffer.from(JSON.stringify(['2024-01-01T00:00:00.000Z', 'not-an-id'])).toString('base64url') }, ['before']],
    ['a page over the maximum', { first: 101 }, ['first']],
    ['first and last together', { first: 1, last: 1 }, ['first']],
    ['several problems at once', { last: -1, after: 'eA' }, ['last', 'after']],
  ])('refuses %s with BAD_USER_INPUT naming the argument', async (_label, variables, paths) => {
    const res = await graph.query(PAGE, { cf: BUSY, ...variables });
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect((res.errors?.[0]?.extensions?.problems as { path: string }[]).map((p) => p.path)).toEqual(paths);
  });
});
