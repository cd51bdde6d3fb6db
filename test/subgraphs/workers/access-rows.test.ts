import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Caller } from '../../../subgraphs/lib/identity';
import { workersSubgraph } from '../../../subgraphs/workers';
import { AvailabilityDeclaration, DidChannel, DidStatus } from '../../../subgraphs/workers/availability/availability.entity';
import { type WorkersLoaders } from '../../../subgraphs/workers/loaders';
import { Worker } from '../../../subgraphs/workers/worker/worker.entity';
import { asCaller, callerAs } from '../../utils/callers';
import { person } from '../../utils/people';
import { createTestSubgraph, type GraphQLResponse, type TestSubgraph } from '../../utils/subgraph';
import { addDirectory, arrangeScopes, CALLERS, citizen, type PersonKey, type ScopeFixture, UNKNOWN_FISCAL_CODE, UNKNOWN_ID } from './support';

const WORKER = 'query($cf: FiscalCode!) { worker(fiscalCode: $cf) { id fiscalCode } }';
const PAGE = `query($first: Int, $after: String) {
  workers(first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { id } }
}`;
const ENTITIES = `query($representations: [_Any!]!) { _entities(representations: $representations) {
  ... on Worker { id }
  ... on AvailabilityDeclaration { id }
  ... on PersonStatus { fiscalCode availabilityDeclarationActive availabilityDeclarationStatus }
} }`;

type Page = { workers: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: { id: string }[] } };
type Entities = { _entities: ({ id?: string; fiscalCode?: string; availabilityDeclarationActive?: boolean | null; availabilityDeclarationStatus?: string | null } | null)[] };

const EVERYONE: PersonKey[] = ['milan', 'milanNoDid', 'commuter', 'cremona', 'bergamo'];

describe('row scopes of the workers subgraph', () => {
  let graph: TestSubgraph<WorkersLoaders>;
  let fixture: ScopeFixture;

  beforeAll(async () => {
    // No default caller: every request names its own.
    graph = await createTestSubgraph(workersSubgraph);
    fixture = await arrangeScopes(graph.em());
  });
  afterAll(() => graph.close());

  const as = <D>(caller: Caller, query: string, variables?: Record<string, unknown>) => graph.query<D>(query, variables, asCaller(caller));

  /** Every id of the list, page by page; each page must be full until the last one. */
  async function listAll(caller: Caller, first = 1): Promise<{ ids: string[]; totalCount: number; pages: number }> {
    const ids: string[] = [];
    let after: string | null = null;
    let totalCount = -1;
    let pages = 0;
    for (;;) {
      const res: GraphQLResponse<Page> = await as<Page>(caller, PAGE, { first, after });
      expect(res.errors).toBeUndefined();
      const page = res.data!.workers;
      totalCount = page.totalCount;
      pages += 1;
      ids.push(...page.nodes.map((n) => n.id));
      if (!page.pageInfo.hasNextPage) break;
      expect(page.nodes).toHaveLength(first);
      after = page.pageInfo.endCursor;
    }
    return { ids, totalCount, pages };
  }

  const workerScopes: [string, () => Caller, PersonKey[]][] = [
    ['CPI_OPERATOR (territory: domicile or a DID at a job centre of it)', () => CALLERS.cpiMilan, ['milan', 'milanNoDid', 'commuter']],
    ['CPI_OPERATOR for a referral (same territory)', () => CALLERS.cpiMilanReferral, ['milan', 'milanNoDid', 'commuter']],
    ['SOCIAL_WORKER (municipality of domicile)', () => CALLERS.socialWorkerMilan, ['milan', 'milanNoDid']],
    ['CASSA_EDILE (employed by a construction firm)', () => CALLERS.cassaEdile, ['milan', 'bergamo']],
    ['CASSA_EDILE for training records (same rows)', () => CALLERS.cassaEdileTraining, ['milan', 'bergamo']],
    ['EMPLOYER (employed by its own employers)', () => CALLERS.retailEmployer, ['commuter', 'cremona']],
    ['CITIZEN (self)', () => citizen(fixture.people.milan.fiscalCode), ['milan']],
  ];

  describe.each(workerScopes)('Worker rows for %s', (_label, callerOf, visible) => {
    it('finds a person in scope, and answers for one out of scope exactly as for an unknown fiscal code', async () => {
      const caller = callerOf();
      const unknown = await as(caller, WORKER, { cf: UNKNOWN_FISCAL_CODE });
      expect(unknown).toEqual({ data: { worker: null } });
      for (const key of EVERYONE) {
        const res = await as<{ worker: { id: string } | null }>(caller, WORKER, { cf: fixture.people[key].fiscalCode });
        if (visible.includes(key)) expect(res).toEqual({ data: { worker: { id: fixture.people[key].id, fiscalCode: fixture.people[key].fiscalCode } } });
        else expect(res).toEqual(unknown);
      }
    });

    it('lists only the people in scope: pages and totalCount come from the filtered query', async () => {
      const caller = callerOf();
      const all = await listAll(caller);
      expect(all.totalCount).toBe(visible.length);
      expect(all.ids.sort()).toEqual(visible.map((key) => fixture.people[key].id).sort());
      expect(all.pages).toBe(Math.max(visible.length, 1));
      // One statement for the page and one for the count, whatever the scope: nothing is
      // loaded to be filtered afterwards.
      graph.runtime.db.sql.reset();
      await as(caller, PAGE, { first: 10 });
      expect(graph.runtime.db.sql.statements).toBe(2);
    });

    it('resolves _entities for people in scope only, by id and by fiscal code', async () => {
      const caller = callerOf();
      const representations = [
        ...EVERYONE.map((key) => ({ __typename: 'Worker', id: fixture.people[key].id })),
        ...EVERYONE.map((key) => ({ __typename: 'Worker', fiscalCode: fixture.people[key].fiscalCode })),
        { __typename: 'Worker', id: UNKNOWN_ID },
      ];
      const res = await as<Entities>(caller, ENTITIES, { representations });
      expect(res.errors).toBeUndefined();
      const expected = [...EVERYONE, ...EVERYONE].map((key) => (visible.includes(key) ? { id: fixture.people[key].id } : null));
      expect(res.data!._entities).toEqual([...expected, null]);
    });
  });

  it('gives a job-centre operator without territory no rows', async () => {
    expect((await listAll(CALLERS.cpiNoTerritory)).totalCount).toBe(0);
    expect(await as(CALLERS.cpiNoTerritory, WORKER, { cf: fixture.people.milan.fiscalCode })).toEqual({ data: { worker: null } });
  });

  it('keeps the filters of the list within the scope', async () => {
    const res = await as<Page>(CALLERS.cpiMilan, 'query { workers(first: 10, province: "016") { totalCount nodes { id } } }');
    // Of the two people domiciled in Bergamo, only the one with a DID at a Milan desk.
    expect(res.data!.workers.totalCount).toBe(1);
    expect(res.data!.workers.nodes.map((n) => n.id)).toEqual([fixture.people.commuter.id]);
  });

  describe('AvailabilityDeclaration rows', () => {
    const didsQuery = 'query($cf: FiscalCode!) { worker(fiscalCode: $cf) { availabilityDeclaration { id } availabilityDeclarations { id } } }';
    type Dids = { worker: { availabilityDeclaration: { id: string } | null; availabilityDeclarations: { id: string }[] } | null };

    it('CPI_OPERATOR: DIDs at a job centre of the territory or of people domiciled in it, and no other', async () => {
      const { dids } = fixture;
      const res = await as<Entities>(CALLERS.cpiMilan, ENTITIES, {
        representations: [dids.milan, dids.commuterDesk, dids.commuterBergamo, dids.cremona, UNKNOWN_ID].map((id) => ({ __typename: 'AvailabilityDeclaration', id })),
      });
      expect(res.errors).toBeUndefined();
      expect(res.data!._entities).toEqual([{ id: dids.milan }, { id: dids.commuterDesk }, null, null, null]);
      // A person in scope through a Milan desk: only that DID, not the one held in Bergamo.
      const commuter = await as<Dids>(CALLERS.cpiMilan, didsQuery, { cf: fixture.people.commuter.fiscalCode });
      expect(commuter.data!.worker).toEqual({ availabilityDeclaration: { id: dids.commuterDesk }, availabilityDeclarations: [{ id: dids.commuterDesk }] });
    });

    it('CITIZEN: their own DIDs only', async () => {
      const { dids } = fixture;
      const res = await as<Entities>(citizen(fixture.people.milan.fiscalCode), ENTITIES, {
        representations: [dids.milan, dids.commuterDesk, dids.cremona].map((id) => ({ __typename: 'AvailabilityDeclaration', id })),
      });
      expect(res.errors).toBeUndefined();
      expect(res.data!._entities).toEqual([{ id: dids.milan }, null, null]);
      const own = await as<Dids>(citizen(fixture.people.milan.fiscalCode), didsQuery, { cf: fixture.people.milan.fiscalCode });
      expect(own.data!.worker).toEqual({ availabilityDeclaration: { id: dids.milan }, availabilityDeclarations: [{ id: dids.milan }] });
    });

    it.each([
      ['SOCIAL_WORKER', () => CALLERS.socialWorkerMilan],
      ['CASSA_EDILE', () => CALLERS.cassaEdile],
      ['EMPLOYER', () => CALLERS.retailEmployer],
      ['MINISTRY_ANALYST', () => CALLERS.ministryAnalyst],
      ['DATA_PROTECTION_OFFICER', () => CALLERS.dpo],
    ])('%s: no DID rows at all, even of people it sees', async (_role, callerOf) => {
      const res = await as<Entities>(callerOf(), ENTITIES, {
        representations: Object.values(fixture.dids).map((id) => ({ __typename: 'AvailabilityDeclaration', id })),
      });
      expect(res).toEqual({ data: { _entities: [null, null, null, null] } });
    });
  });

  describe('PersonStatus rows (the DID status check)', () => {
    const statusOf = (caller: Caller, keys: PersonKey[]) =>
      as<Entities>(caller, ENTITIES, {
        representations: [...keys.map((key) => fixture.people[key].fiscalCode), UNKNOWN_FISCAL_CODE].map((fiscalCode) => ({ __typename: 'PersonStatus', fiscalCode })),
      });
    const expected: Record<PersonKey, { availabilityDeclarationActive: boolean; availabilityDeclarationStatus: string | null }> = {
      milan: { availabilityDeclarationActive: true, availabilityDeclarationStatus: 'VALIDATED' },
      milanNoDid: { availabilityDeclarationActive: false, availabilityDeclarationStatus: null },
      commuter: { availabilityDeclarationActive: true, availabilityDeclarationStatus: 'INSERTED' },
      cremona: { availabilityDeclarationActive: true, availabilityDeclarationStatus: 'INSERTED' },
      bergamo: { availabilityDeclarationActive: false, availabilityDeclarationStatus: null },
    };

    it.each([
      ['CPI_OPERATOR (territory)', () => CALLERS.cpiMilan, ['milan', 'milanNoDid', 'commuter']],
      ['SOCIAL_WORKER (municipality), who has no DID rows', () => CALLERS.socialWorkerMilan, ['milan', 'milanNoDid']],
      ['CITIZEN (self)', () => citizen(fixture.people.commuter.fiscalCode), ['commuter']],
      ['CASSA_EDILE (no status rows)', () => CALLERS.cassaEdile, []],
      ['EMPLOYER (no status rows)', () => CALLERS.retailEmployer, []],
      ['REGION_ANALYST (no status rows)', () => CALLERS.regionAnalyst, []],
    ] as [string, () => Caller, PersonKey[]][])('%s: a person out of scope is null like an unknown one', async (_label, callerOf, visible) => {
      const res = await statusOf(callerOf(), EVERYONE);
      expect(res.errors).toBeUndefined();
      expect(res.data!._entities).toEqual([
        ...EVERYONE.map((key) => (visible.includes(key) ? { fiscalCode: fixture.people[key].fiscalCode, ...expected[key] } : null)),
        null,
      ]);
    });
  });
});

describe('a DID whose job centre the replicated directory lacks', () => {
  let graph: TestSubgraph<WorkersLoaders>;
  let didId = '';
  const resident = person(110, { domicileMunicipality: '015146', domicileProvince: '015' });

  beforeAll(async () => {
    graph = await createTestSubgraph(workersSubgraph);
    await addDirectory(graph.em());
    const em = graph.em();
    const worker = em.create(Worker, resident as Worker);
    // Not in the directory (a replica that lags behind, or an older code).
    didId = em.create(AvailabilityDeclaration, { worker, declaredOn: '2024-05-02', channel: DidChannel.JOB_CENTRE, status: DidStatus.INSERTED, statusDate: '2024-05-02', jobCentre: 'CPI-015-OLDCODE' }).id;
    await em.flush();
  });
  afterAll(() => graph.close());

  it("stays in the scope of the territory of the holder's domicile", async () => {
    const res = await graph.query<{ worker: { availabilityDeclarations: { id: string; jobCentre: { code: string } }[] } }>(
      'query($cf: FiscalCode!) { worker(fiscalCode: $cf) { availabilityDeclarations { id jobCentre { code } } } }',
      { cf: resident.fiscalCode },
      asCaller(CALLERS.cpiMilan),
    );
    expect(res).toEqual({ data: { worker: { availabilityDeclarations: [{ id: didId, jobCentre: { code: 'CPI-015-OLDCODE' } }] } } });
  });

  it('is not placed in any other territory', async () => {
    const cremona = callerAs('CPI_OPERATOR', 'EMPLOYMENT_SERVICES', { territory: ['019'] });
    const res = await graph.query(ENTITIES, { representations: [{ __typename: 'AvailabilityDeclaration', id: didId }] }, asCaller(cremona));
    expect(res).toEqual({ data: { _entities: [null] } });
  });
});
