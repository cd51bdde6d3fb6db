import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { companiesSubgraph } from '../../../subgraphs/companies';
import { type CompaniesLoaders } from '../../../subgraphs/companies/loaders';
import { createTestSubgraph, type TestSubgraph } from '../../utils/subgraph';
import { addEmployer, employerCaller, employerCode } from './fixtures';

// Fiscal codes grow with the serial number, so the order by fiscal code is A, B, C, D, E.
const A = employerCode(51); // Milano, construction by ATECO and CCNL
const B = employerCode(52); // Milano, retail applying the construction crafts CCNL (ministerial code 071)
const C = employerCode(53); // Bergamo, construction by ATECO only
const D = employerCode(54); // Cremona, software, no CCNL
const E = employerCode(55); // Milano, food manufacturing

interface Page {
  employers: {
    nodes: { fiscalCode: string }[];
    edges: { cursor: string }[];
    pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
    totalCount: number;
  };
}

const PAGE = `query($first: Int, $after: String, $last: Int, $before: String, $province: String, $atecoSection: String, $construction: Boolean) {
  employers(first: $first, after: $after, last: $last, before: $before, province: $province, atecoSection: $atecoSection, construction: $construction) {
    nodes { fiscalCode } edges { cursor } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } totalCount
  }
}`;

describe('employer queries', () => {
  let graph: TestSubgraph<CompaniesLoaders>;
  const page = async (variables: Record<string, unknown>) => {
    const res = await graph.query<Page>(PAGE, variables);
    expect(res.errors).toBeUndefined();
    return res.data!.employers;
  };
  const codes = async (variables: Record<string, unknown>) => (await page(variables)).nodes.map((n) => n.fiscalCode);

  beforeAll(async () => {
    graph = await createTestSubgraph(companiesSubgraph, { caller: employerCaller(A, B, C, D, E) });
    const em = graph.em();
    await addEmployer(em, A, { name: 'Costruzioni Demo', atecoCode: '41.20.00', ccnl: 'F012', cassaEdileCode: 'MI00' }, [
      { municipality: '015146', address: 'Via Uno 1' },
      { municipality: '015209', address: 'Via Due 2' },
    ]);
    await addEmployer(em, B, { atecoCode: '47.52.10', ccnl: '071' });
    await addEmployer(em, C, { atecoCode: '43.21.01', legalSeatMunicipality: '016024' });
    await addEmployer(em, D, { atecoCode: '62.01.00', legalSeatMunicipality: '019036', ccnl: null }, []);
    await addEmployer(em, E, { atecoCode: '10.11.00' });
  });
  afterAll(() => graph.close());

  it('Query.employer returns the employer with its legal seat, work sites and derived fields', async () => {
    const res = await graph.query<{ employer: Record<string, unknown> }>(
      `query($cf: FiscalCode!) { employer(fiscalCode: $cf) {
        fiscalCode name atecoCode atecoSection construction publicAdministration ccnl cassaEdileCode
        legalSeat { municipality province address } workSites { municipality province address }
      } }`,
      { cf: A },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?.employer).toEqual({
      fiscalCode: A,
      name: 'Costruzioni Demo',
      atecoCode: '41.20.00',
      atecoSection: 'F',
      construction: true,
      publicAdministration: false,
      ccnl: 'F012',
      cassaEdileCode: 'MI00',
      legalSeat: { municipality: '015146', province: '015', address: 'Via Demo 1' },
      workSites: [
        { municipality: '015146', province: '015', address: 'Via Uno 1' },
        { municipality: '015209', province: '015', address: 'Via Due 2' },
      ],
    });
  });

  it('Query.employer is null for an unknown fiscal code', async () => {
    const res = await graph.query('query($cf: FiscalCode!) { employer(fiscalCode: $cf) { name } }', { cf: employerCode(59) });
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({ employer: null });
  });

  it('construction is ATECO section F or a construction CCNL', async () => {
    const res = await graph.query<{ employers: { nodes: { fiscalCode: string; construction: boolean; atecoSection: string }[] } }>(
      '{ employers { nodes { fiscalCode construction atecoSection } } }',
    );
    expect(res.data?.employers.nodes).toEqual([
      { fiscalCode: A, construction: true, atecoSection: 'F' },
      { fiscalCode: B, construction: true, atecoSection: 'G' },
      { fiscalCode: C, construction: true, atecoSection: 'F' },
      { fiscalCode: D, construction: false, atecoSection: 'J' },
      { fiscalCode: E, construction: false, atecoSection: 'C' },
    ]);
  });

  it.each([
    ['province 015', { province: '015' }, [A, B, E]],
    ['province 016', { province: '016' }, [C]],
    ['ATECO section F', { atecoSection: 'F' }, [A, C]],
    ['ATECO section J', { atecoSection: 'J' }, [D]],
    ['construction', { construction: true }, [A, B, C]],
    ['not construction', { construction: false }, [D, E]],
    ['province 015 and construction', { province: '015', construction: true }, [A, B]],
    ['province 015 and section F', { province: '015', atecoSection: 'F' }, [A]],
    ['a province with no employer', { province: '017' }, []],
  ])('filters by %s', async (_, filter, expected) => {
    const result = await page(filter);
    expect(result.nodes.map((n) => n.fiscalCode)).toEqual(expected);
    expect(result.totalCount).toBe(expected.length);
  });

  it('rejects malformed filters, naming each argument', async () => {
    const res = await graph.query(PAGE, { province: '15', atecoSection: 'f' });
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect((res.errors?.[0]?.extensions?.problems as { path: string }[]).map((p) => p.path)).toEqual(['province', 'atecoSection']);
  });

  it('pages forward with first/after until the end', async () => {
    const first = await page({ first: 2 });
    expect(first.nodes.map((n) => n.fiscalCode)).toEqual([A, B]);
    expect(first.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    expect(first.totalCount).toBe(5);
    expect(first.pageInfo.endCursor).toBe(first.edges[1]!.cursor);
    const second = await page({ first: 2, after: first.pageInfo.endCursor });
    expect(second.nodes.map((n) => n.fiscalCode)).toEqual([C, D]);
    expect(second.pageInfo.hasNextPage).toBe(true);
    const third = await page({ first: 2, after: second.pageInfo.endCursor });
    expect(third.nodes.map((n) => n.fiscalCode)).toEqual([E]);
    expect(third.pageInfo.hasNextPage).toBe(false);
  });

  it('pages backward with last/before, and within a filter', async () => {
    const last = await page({ last: 2 });
    expect(last.nodes.map((n) => n.fiscalCode)).toEqual([D, E]);
    expect(last.pageInfo.hasPreviousPage).toBe(true);
    const before = await page({ last: 2, before: last.pageInfo.startCursor });
    expect(before.nodes.map((n) => n.fiscalCode)).toEqual([B, C]);
    const filtered = await page({ construction: true, first: 1 });
    const next = await codes({ construction: true, first: 5, after: filtered.pageInfo.endCursor });
    expect(next).toEqual([B, C]);
  });

  it('refuses a page larger than the maximum', async () => {
    const res = await graph.query(PAGE, { first: 101 });
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
