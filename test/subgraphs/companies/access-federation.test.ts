import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { companiesSubgraph } from '../../../subgraphs/companies';
import { type CompaniesLoaders } from '../../../subgraphs/companies/loaders';
import { type Caller } from '../../../subgraphs/lib/identity';
import { asCaller } from '../../utils/callers';
import { createTestSubgraph, type TestSubgraph } from '../../utils/subgraph';
import {
  BUILDER,
  CASSA,
  CITIZEN_MI,
  CPI_BERGAMO,
  CPI_CREMONA,
  CPI_MILANO,
  FACTORY,
  NOTICE_CODES,
  R,
  seedAccessWorld,
  SHOP,
  SHOP_CONSULTANT,
  SITE,
  UNKNOWN_UUID,
  W_BG,
  W_MI,
} from './access-fixtures';

const ENTITIES = `query($reps: [_Any!]!) { _entities(representations: $reps) {
  __typename
  ... on Employer { fiscalCode name }
  ... on WorkSite { id municipality }
  ... on EmploymentRelationship { id workerDomicileMunicipality employer { fiscalCode } }
  ... on MandatoryNotice { id code workerDomicileMunicipality }
  ... on Worker { person: fiscalCode employments { id } }
} }`;

type Entity = Record<string, unknown> | null;

// Federation (issue 3, point 7): _entities resolves every representation by its key alone,
// through the same scoped loaders as the queries; a representation outside the caller's
// scope is null like an unknown key, and invented field values never sway the decision.
describe('federation: _entities under the row scopes', () => {
  let graph: TestSubgraph<CompaniesLoaders>;
  let noticeId: Record<string, string>;
  const entities = async (caller: Caller, reps: Record<string, unknown>[]): Promise<Entity[]> => {
    const res = await graph.query<{ _entities: Entity[] }>(ENTITIES, { reps }, asCaller(caller));
    expect(res.errors).toBeUndefined();
    return res.data!._entities;
  };

  beforeAll(async () => {
    graph = await createTestSubgraph(companiesSubgraph);
    await seedAccessWorld(graph);
    // Notice ids by code, read as the consultants of their employers.
    noticeId = {};
    for (const caller of [SHOP_CONSULTANT, CASSA, CITIZEN_MI]) {
      const res = await graph.query<{ _entities: ({ id: string; code: string } | null)[] }>(
        'query($reps: [_Any!]!) { _entities(representations: $reps) { ... on MandatoryNotice { id code } } }',
        { reps: Object.values(NOTICE_CODES).flat().map((code) => ({ __typename: 'MandatoryNotice', code })) },
        asCaller(caller),
      );
      for (const n of res.data!._entities) if (n) noticeId[n.code] = n.id;
    }
  });
  afterAll(() => graph.close());

  it('every entity type with a key has a reference resolver', () => {
    const keyed = [...graph.runtime.schema.sdl.matchAll(/type (\w+)[^{]*@key\(/g)].map((m) => m[1]!);
    expect(keyed.sort()).toEqual(['Employer', 'EmploymentRelationship', 'MandatoryNotice', 'Worker', 'WorkSite'].sort());
    for (const type of keyed) expect(typeof companiesSubgraph.referenceResolvers[type]?.__resolveReference, type).toBe('function');
  });

  it.each([
    ['a Cassa Edile, a firm outside construction', CASSA, { __typename: 'Employer', fiscalCode: SHOP }, { __typename: 'Employer', fiscalCode: '00000000000' }],
    ['a consultant, another firm', SHOP_CONSULTANT, { __typename: 'Employer', fiscalCode: FACTORY }, { __typename: 'Employer', fiscalCode: '00000000000' }],
    ['a job centre, a work site outside its territory', CPI_MILANO, { __typename: 'WorkSite', id: SITE.builderBergamo }, { __typename: 'WorkSite', id: UNKNOWN_UUID }],
    ['a citizen, any work site', CITIZEN_MI, { __typename: 'WorkSite', id: SITE.shopMilano }, { __typename: 'WorkSite', id: UNKNOWN_UUID }],
    ['a job centre, a relationship of a worker domiciled elsewhere', CPI_BERGAMO, { __typename: 'EmploymentRelationship', id: R.build }, { __typename: 'EmploymentRelationship', id: UNKNOWN_UUID }],
    ['a citizen, someone else’s relationship', CITIZEN_MI, { __typename: 'EmploymentRelationship', id: R.shop }, { __typename: 'EmploymentRelationship', id: UNKNOWN_UUID }],
    ['a job centre, a notice by code', CPI_CREMONA, { __typename: 'MandatoryNotice', code: NOTICE_CODES.factory[0] }, { __typename: 'MandatoryNotice', code: '9999999999999999' }],
    ['a citizen, someone else as a Worker', CITIZEN_MI, { __typename: 'Worker', fiscalCode: W_BG }, { __typename: 'Worker', fiscalCode: '00000000000' }],
  ])('%s: null, exactly like an unknown key', async (_label, caller, outside, unknown) => {
    const [a, b] = await Promise.all([
      graph.query(ENTITIES, { reps: [outside] }, asCaller(caller)),
      graph.query(ENTITIES, { reps: [unknown] }, asCaller(caller)),
    ]);
    expect(a).toEqual({ data: { _entities: [null] } });
    expect(a).toEqual(b);
  });

  it('a notice outside the scope is null by id as by code', async () => {
    const id = noticeId[NOTICE_CODES.shop[0]]!;
    expect(id).toBeTruthy();
    expect(await entities(CPI_MILANO, [{ __typename: 'MandatoryNotice', id }, { __typename: 'MandatoryNotice', id: UNKNOWN_UUID }])).toEqual([null, null]);
    expect(await entities(CPI_BERGAMO, [{ __typename: 'MandatoryNotice', id }])).toEqual([
      { __typename: 'MandatoryNotice', id, code: NOTICE_CODES.shop[0], workerDomicileMunicipality: '016024' },
    ]);
  });

  describe('invented field values never change the decision', () => {
    it('a Cassa Edile: a shop passed off as a construction firm stays out; a construction firm keeps its own name', async () => {
      expect(
        await entities(CASSA, [
          { __typename: 'Employer', fiscalCode: SHOP, construction: true, atecoSection: 'F', atecoCode: '41.20.00', ccnl: '068' },
          { __typename: 'Employer', fiscalCode: BUILDER, name: 'Forged name' },
        ]),
      ).toEqual([null, { __typename: 'Employer', fiscalCode: BUILDER, name: 'Costruzioni Prova S.r.l.' }]);
    });

    it('a job centre: a forged domicile or work site does not bring a notice, relationship or site into its territory', async () => {
      expect(
        await entities(CPI_MILANO, [
          { __typename: 'MandatoryNotice', code: NOTICE_CODES.shop[0], workerDomicileMunicipality: '015146', workSite: { municipality: '015146' } },
          { __typename: 'EmploymentRelationship', id: R.shop, workerDomicileMunicipality: '015146' },
          { __typename: 'WorkSite', id: SITE.builderBergamo, municipality: '015146', province: '015' },
        ]),
      ).toEqual([null, null, null]);
    });

    it('a job centre: a row in scope answers with its stored values, not the representation’s', async () => {
      expect(await entities(CPI_BERGAMO, [{ __typename: 'EmploymentRelationship', id: R.shop, workerDomicileMunicipality: '015146', employer: { fiscalCode: BUILDER } }])).toEqual([
        { __typename: 'EmploymentRelationship', id: R.shop, workerDomicileMunicipality: '016024', employer: { fiscalCode: SHOP } },
      ]);
    });

    it('a job centre: a Worker with a forged domicile gets only the relationships stored in its territory', async () => {
      expect(await entities(CPI_MILANO, [{ __typename: 'Worker', fiscalCode: W_BG, domicileMunicipality: '015146', employments: [{ id: R.shop }] }])).toEqual([
        { __typename: 'Worker', person: W_BG, employments: [] },
      ]);
    });

    it('a consultant: a relationship claimed for its employer stays out', async () => {
      expect(await entities(SHOP_CONSULTANT, [{ __typename: 'EmploymentRelationship', id: R.factory, employer: { fiscalCode: SHOP } }])).toEqual([null]);
    });

    it('a citizen: someone else’s relationship or person claimed as their own stays out', async () => {
      const [relationship, other, self] = await entities(CITIZEN_MI, [
        { __typename: 'EmploymentRelationship', id: R.shop, workerFiscalCode: W_MI, worker: { fiscalCode: W_MI } },
        { __typename: 'Worker', fiscalCode: W_BG, subject: W_MI },
        { __typename: 'Worker', fiscalCode: W_MI, employments: [{ id: R.shop }] },
      ]);
      expect([relationship, other]).toEqual([null, null]);
      // Both relationships start the same day, so their order is by id: compare as sets.
      expect(self).toEqual({ __typename: 'Worker', person: W_MI, employments: expect.arrayContaining([{ id: R.build }, { id: R.factory }]) });
      expect(self!.employments).toHaveLength(2);
    });

    it('keys of the wrong type find nothing', async () => {
      expect(
        await entities(CPI_MILANO, [
          { __typename: 'Employer', fiscalCode: 15146 },
          { __typename: 'MandatoryNotice', id: { $ne: null } },
          { __typename: 'EmploymentRelationship', id: [R.build] },
          { __typename: 'Worker', fiscalCode: { $like: '%' } },
        ]),
      ).toEqual([null, null, null, null]);
    });
  });

  it('representations are checked in the database, one statement per type however many', async () => {
    graph.runtime.db.sql.reset();
    await entities(CPI_MILANO, [
      { __typename: 'EmploymentRelationship', id: R.build },
      { __typename: 'EmploymentRelationship', id: R.shop, workerDomicileMunicipality: '015146' },
      { __typename: 'EmploymentRelationship', id: R.factory },
    ]);
    // The relationships (in scope or not), then the employers of those returned.
    expect(graph.runtime.db.sql.statements).toBe(2);
  });
});
