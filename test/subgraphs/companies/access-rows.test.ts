import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { companiesSubgraph } from '../../../subgraphs/companies';
import { type CompaniesLoaders } from '../../../subgraphs/companies/loaders';
import { type Caller } from '../../../subgraphs/lib/identity';
import { asCaller } from '../../utils/callers';
import { createTestSubgraph, type GraphQLResponse, type TestSubgraph } from '../../utils/subgraph';
import {
  ALL_RELATIONSHIPS,
  BUILDER,
  CASSA,
  CITIZEN_BG,
  CITIZEN_MI,
  CONSTRUCTION,
  CPI_BERGAMO,
  CPI_MILANO,
  CRAFT,
  EMPLOYERS,
  FACTORY,
  FACTORY_CONSULTANT,
  NOTICE_CODES,
  R,
  type RelationshipName,
  seedAccessWorld,
  SHOP,
  SHOP_CONSULTANT,
  SITE,
  UNKNOWN_NOTICE_CODE,
  UNKNOWN_UUID,
  VISIBLE,
  W_BG,
  W_CR,
  W_MI,
} from './access-fixtures';
import { employerCaller } from './fixtures';

// Row scopes (schema/policy/companies.yaml): a row outside the caller's scope answers
// exactly like a row that does not exist, and lists hold only the caller's rows, counted
// and paged in the database.
describe('row scopes of the companies subgraph', () => {
  let graph: TestSubgraph<CompaniesLoaders>;
  const as = <D = Record<string, unknown>>(caller: Caller, query: string, variables?: Record<string, unknown>) =>
    graph.query<D>(query, variables, asCaller(caller));

  beforeAll(async () => {
    graph = await createTestSubgraph(companiesSubgraph);
    await seedAccessWorld(graph);
  });
  afterAll(() => graph.close());

  const RELATIONSHIP = 'query($id: ID!) { employmentRelationship(id: $id) { id startDate } }';
  const NOTICE = 'query($code: MandatoryNoticeCode!) { mandatoryNotice(code: $code) { code type } }';

  describe.each(VISIBLE)('%s', (_label, caller, visible) => {
    it('reads its relationships, and one outside its scope exactly as an unknown id', async () => {
      const unknown = await as(caller, RELATIONSHIP, { id: UNKNOWN_UUID });
      expect(unknown).toEqual({ data: { employmentRelationship: null } });
      for (const name of ALL_RELATIONSHIPS) {
        const res = await as<{ employmentRelationship: { id: string } | null }>(caller, RELATIONSHIP, { id: R[name] });
        if (visible.includes(name)) expect(res, name).toEqual({ data: { employmentRelationship: { id: R[name], startDate: expect.any(String) } } });
        else expect(res, name).toEqual(unknown);
      }
    });

    it('reads the notices of those relationships, and another exactly as an unknown code', async () => {
      const unknown = await as(caller, NOTICE, { code: UNKNOWN_NOTICE_CODE });
      expect(unknown).toEqual({ data: { mandatoryNotice: null } });
      for (const name of ALL_RELATIONSHIPS) {
        for (const code of NOTICE_CODES[name]) {
          const res = await as(caller, NOTICE, { code });
          if (visible.includes(name)) expect(res, name).toEqual({ data: { mandatoryNotice: { code, type: expect.any(String) } } });
          else expect(res, name).toEqual(unknown);
        }
      }
    });
  });

  describe('employers', () => {
    const EMPLOYER = 'query($cf: FiscalCode!) { employer(fiscalCode: $cf) { fiscalCode name } }';
    const LIST = `query($first: Int, $after: String) { employers(first: $first, after: $after) {
      totalCount nodes { fiscalCode } pageInfo { hasNextPage endCursor }
    } }`;
    type Page = { employers: { totalCount: number; nodes: { fiscalCode: string }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } };

    it.each([
      ['a job centre (the business-registry identity of every employer)', CPI_MILANO, EMPLOYERS],
      ['a Cassa Edile (the construction sector, by ATECO or by CCNL)', CASSA, CONSTRUCTION],
      ['a consultant (the employers of its credential)', employerCaller(SHOP, FACTORY), [SHOP, FACTORY]],
      ['a citizen (public business-register identity)', CITIZEN_MI, EMPLOYERS],
    ])('%s: reads the employers in scope, another as an unknown one', async (_label, caller, visible) => {
      const unknown = await as(caller, EMPLOYER, { cf: '00000000000' });
      expect(unknown).toEqual({ data: { employer: null } });
      for (const cf of EMPLOYERS) {
        const res = await as(caller, EMPLOYER, { cf });
        if (visible.includes(cf)) expect(res).toEqual({ data: { employer: { fiscalCode: cf, name: expect.any(String) } } });
        else expect(res).toEqual(unknown);
      }
    });

    it.each([
      ['a job centre', CPI_MILANO, EMPLOYERS],
      ['a Cassa Edile', CASSA, CONSTRUCTION],
      ['a consultant', employerCaller(SHOP, FACTORY), [SHOP, FACTORY]],
      ['a consultant of no employer', employerCaller(), []],
    ])('%s: the list, its totalCount and its pages hold only the employers in scope', async (_label, caller, visible) => {
      const seen: string[] = [];
      let after: string | null = null;
      let pages = 0;
      for (;;) {
        const res: GraphQLResponse<Page> = await as<Page>(caller, LIST, { first: 1, after });
        expect(res.errors).toBeUndefined();
        const page = res.data!.employers;
        expect(page.totalCount).toBe(visible.length);
        seen.push(...page.nodes.map((n) => n.fiscalCode));
        pages += 1;
        if (!page.pageInfo.hasNextPage) break;
        after = page.pageInfo.endCursor;
      }
      expect(seen).toEqual([...visible].sort());
      expect(pages).toBe(Math.max(visible.length, 1));
    });

    it('the construction filter of a Cassa Edile stays within its scope', async () => {
      const res = await as<{ employers: { totalCount: number } }>(CASSA, '{ employers(construction: false) { totalCount } }');
      expect(res).toEqual({ data: { employers: { totalCount: 0 } } });
    });

    it('a stored, derived construction column: a CCNL of the building trade is enough', async () => {
      const res = await as<{ employer: { construction: boolean; atecoSection: string } }>(CASSA, 'query($cf: FiscalCode!) { employer(fiscalCode: $cf) { construction atecoSection } }', { cf: CRAFT });
      expect(res).toEqual({ data: { employer: { construction: true, atecoSection: 'G' } } });
    });
  });

  describe('children are scoped by their own type', () => {
    const HISTORY = `query($reps: [_Any!]!) { _entities(representations: $reps) {
      ... on Worker { fiscalCode employments { id } mandatoryNotices { code } }
    } }`;
    type History = { _entities: ({ fiscalCode: string; employments: { id: string }[]; mandatoryNotices: { code: string }[] } | null)[] };

    it.each([
      ['a job centre of Milano', CPI_MILANO, ['build', 'factory']],
      ['a job centre of Bergamo', CPI_BERGAMO, []],
      ['a Cassa Edile', CASSA, ['build']],
      ['a consultant of the factory', FACTORY_CONSULTANT, ['factory']],
      ['the person themselves', CITIZEN_MI, ['build', 'factory']],
    ] as [string, Caller, RelationshipName[]][])('%s: a worker’s employment history holds only its rows', async (_label, caller, visible) => {
      const res = await as<History>(caller, HISTORY, { reps: [{ __typename: 'Worker', fiscalCode: W_MI }] });
      expect(res.errors).toBeUndefined();
      const [history] = res.data!._entities;
      expect(history!.employments.map((e) => e.id).sort()).toEqual(visible.map((name) => R[name]).sort());
      expect(history!.mandatoryNotices.map((n) => n.code).sort()).toEqual(visible.flatMap((name) => NOTICE_CODES[name]).sort());
    });

    it('a citizen is no Worker of anyone else’s: the representation resolves to null', async () => {
      const res = await as<History>(CITIZEN_MI, HISTORY, { reps: [{ __typename: 'Worker', fiscalCode: W_BG }] });
      expect(res).toEqual({ data: { _entities: [null] } });
      const own = await as<History>(CITIZEN_BG, HISTORY, { reps: [{ __typename: 'Worker', fiscalCode: W_BG }] });
      expect(own.data!._entities[0]!.employments.map((e) => e.id)).toEqual([R.shop]);
    });

    it('a Cassa Edile reads the employees, notices and sites of a construction firm', async () => {
      const res = await as<{ employer: { employees: { id: string }[]; workSites: { id: string }[]; mandatoryNotices: { totalCount: number; nodes: { code: string }[] } } }>(
        CASSA,
        'query($cf: FiscalCode!) { employer(fiscalCode: $cf) { employees { id } workSites { id } mandatoryNotices { totalCount nodes { code } } } }',
        { cf: BUILDER },
      );
      expect(res.errors).toBeUndefined();
      expect(res.data!.employer).toEqual({
        employees: [{ id: R.build }],
        workSites: expect.arrayContaining([{ id: SITE.builderBergamo }, { id: SITE.builderMilano }]),
        mandatoryNotices: { totalCount: 1, nodes: [{ code: NOTICE_CODES.build[0] }] },
      });
    });

    it('a job centre sees the work site of a notice only when the site is in its territory', async () => {
      const QUERY = 'query($code: MandatoryNoticeCode!) { mandatoryNotice(code: $code) { workSite { id municipality } } }';
      // R_FACTORY: domicile in Milano (the notice is the job centre's), work site in Cremona (not its row).
      expect(await as(CPI_MILANO, QUERY, { code: NOTICE_CODES.factory[0] })).toEqual({ data: { mandatoryNotice: { workSite: null } } });
      expect(await as(CPI_MILANO, QUERY, { code: NOTICE_CODES.nodom[0] })).toEqual({
        data: { mandatoryNotice: { workSite: { id: SITE.shopMilano, municipality: '015146' } } },
      });
    });

    it('an employer’s notice connection counts and pages only the notices in scope, in the database', async () => {
      const QUERY = 'query($cf: FiscalCode!) { employer(fiscalCode: $cf) { mandatoryNotices(first: 1) { totalCount pageInfo { hasNextPage } nodes { code } } } }';
      const res = await as<{ employer: { mandatoryNotices: { totalCount: number; pageInfo: { hasNextPage: boolean } } } }>(SHOP_CONSULTANT, QUERY, { cf: SHOP });
      expect(res.data!.employer.mandatoryNotices).toMatchObject({ totalCount: 3, pageInfo: { hasNextPage: true } });
      // The same employer is no row of a consultant of another firm.
      expect(await as(FACTORY_CONSULTANT, QUERY, { cf: SHOP })).toEqual({ data: { employer: null } });
    });

    it('scoped lists cost the same statements for one worker or three', async () => {
      const HISTORIES = `query($reps: [_Any!]!) { _entities(representations: $reps) {
        ... on Worker { employments { id employer { name } notices { code } } mandatoryNotices { code } }
      } }`;
      const statements = async (reps: string[]) => {
        graph.runtime.db.sql.reset();
        const res = await as(CPI_MILANO, HISTORIES, { reps: reps.map((fiscalCode) => ({ __typename: 'Worker', fiscalCode })) });
        expect(res.errors).toBeUndefined();
        return graph.runtime.db.sql.statements;
      };
      const one = await statements([W_MI]);
      const three = await statements([W_MI, W_BG, W_CR]);
      expect(three).toBe(one);
    });
  });
});
