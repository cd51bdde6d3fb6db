import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workersSubgraph } from '../../../subgraphs/workers';
import { type WorkersLoaders } from '../../../subgraphs/workers/loaders';
import { Worker } from '../../../subgraphs/workers/worker/worker.entity';
import { person } from '../../utils/people';
import { createTestSubgraph, type TestSubgraph } from '../../utils/subgraph';
import { REGIONAL_CPI } from './support';

const PAGE = `query($first: Int, $after: String, $last: Int, $before: String, $province: String, $municipality: IstatMunicipalityCode) {
  workers(first: $first, after: $after, last: $last, before: $before, province: $province, municipality: $municipality) {
    totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { id domicileProvince } }
  }
}`;

interface Page {
  workers: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
    edges: { cursor: string; node: { id: string; domicileProvince: string } }[];
  };
}

describe('worker queries', () => {
  let graph: TestSubgraph<WorkersLoaders>;
  const people = Array.from({ length: 24 }, (_, n) => person(n));

  beforeAll(async () => {
    // A job-centre operator of the whole region: every person here is in its scope.
    graph = await createTestSubgraph(workersSubgraph, { caller: REGIONAL_CPI, maxPageSize: 10 });
    const em = graph.em();
    for (const p of people) em.create(Worker, p as Worker);
    await em.flush();
  });
  afterAll(() => graph.close());

  it('finds a person by fiscal code and answers null for an unknown one', async () => {
    const known = await graph.query<{ worker: { firstName: string } | null }>('query($cf: FiscalCode!) { worker(fiscalCode: $cf) { firstName } }', { cf: people[5]!.fiscalCode });
    expect(known.data?.worker?.firstName).toBe(people[5]!.firstName);
    const unknown = await graph.query<{ worker: null }>('query($cf: FiscalCode!) { worker(fiscalCode: $cf) { firstName } }', { cf: 'RSSMRA85T10A562S' });
    expect(unknown.errors).toBeUndefined();
    expect(unknown.data?.worker).toBeNull();
  });

  it('filters by province and by municipality', async () => {
    const milan = await graph.query<Page>(PAGE, { first: 10, province: '015' });
    const expected = people.filter((p) => p.domicileProvince === '015').length;
    expect(milan.data?.workers.totalCount).toBe(expected);
    expect(milan.data?.workers.edges.every((e) => e.node.domicileProvince === '015')).toBe(true);
    const cremona = await graph.query<Page>(PAGE, { first: 10, municipality: '019036' });
    expect(cremona.data?.workers.totalCount).toBe(people.filter((p) => p.domicileMunicipality === '019036').length);
  });

  it('pages forward through every item exactly once, then backward', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const res: { data?: Page | null } = await graph.query<Page>(PAGE, { first: 7, after });
      const page: Page['workers'] = res.data!.workers;
      seen.push(...page.edges.map((e) => e.node.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(people.length);
    expect(new Set(seen).size).toBe(people.length);
    const last = await graph.query<Page>(PAGE, { last: 5 });
    expect(last.data!.workers.edges.map((e) => e.node.id)).toEqual(seen.slice(-5));
    expect(last.data!.workers.pageInfo.hasPreviousPage).toBe(true);
    const before = await graph.query<Page>(PAGE, { last: 3, before: last.data!.workers.pageInfo.startCursor });
    expect(before.data!.workers.edges.map((e) => e.node.id)).toEqual(seen.slice(-8, -5));
  });

  it.each([
    [{ first: 11 }, 'first', 'between 0 and 10'],
    [{ first: 2, last: 2 }, 'first', 'not both'],
    [{ first: -1 }, 'first', 'between 0 and 10'],
    [{ province: '15' }, 'province', 'three-digit'],
    [{ first: 2, after: 'not-a-cursor' }, 'after', 'not a cursor'],
  ])('rejects bad paging or filter arguments %j', async (variables, path, message) => {
    const res = await graph.query(PAGE, variables);
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect((res.errors?.[0]?.extensions?.problems as { path: string }[])[0]?.path).toBe(path);
    expect(res.errors?.[0]?.message).toContain(message);
  });

  it('rejects an invalid municipality code in a literal, naming the argument', async () => {
    const res = await graph.query('{ workers(municipality: "15146") { totalCount } }');
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.message).toContain('argument "municipality"');
    expect(res.errors?.[0]?.message).not.toContain('15146');
  });
});
