import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Caller } from '../../../subgraphs/lib/identity';
import { HouseholdRelation } from '../../../subgraphs/pacts/household/household.entity';
import { InclusionPactState, SocialInclusionPact } from '../../../subgraphs/pacts/inclusion-pact/inclusion-pact.entity';
import { type PactsLoaders } from '../../../subgraphs/pacts/loaders';
import { ServicePact, ServicePactProgramme, ServicePactState } from '../../../subgraphs/pacts/service-pact/service-pact.entity';
import { asCaller, callerAs } from '../../utils/callers';
import { type GraphQLResponse, type TestSubgraph } from '../../utils/subgraph';
import { citizen, createPactsGraph, errorCode, jobCentre, newPerson, type Person, socialWorker, storeHousehold, storeInclusionPact, storePact } from './support';

/** Job centres of the province of Milan (015): CPI_MI_01 and the desk CPI_MI_02 are theirs, CPI_BG_01 is not. */
const CPI_MILAN = jobCentre(['015']);
/** The same operators, declaring a referral rather than employment services. */
const CPI_MILAN_REFERRAL = jobCentre(['015'], 'REFERRAL');
/** Social services of the municipality of Milan (015146). */
const SW_MILAN = socialWorker(['015146']);
const SW_MILAN_REFERRAL = socialWorker(['015146'], 'REFERRAL');

/** Roles that have no row of any type of this subgraph, each with a purpose it may declare. */
const NO_ROWS: [string, Caller][] = [
  ['Cassa Edile', callerAs('CASSA_EDILE', 'REGULARITY_CHECK', { organisation: 'cassa-edile-test' })],
  ['an employer', callerAs('EMPLOYER', 'MANDATORY_NOTICE', { employers: ['01234567890'] })],
  ['a social desk', callerAs('SOCIAL_DESK_OPERATOR', 'REFERRAL', { organisation: 'desk-test' })],
  ['a ministry analyst', callerAs('MINISTRY_ANALYST', 'STATISTICS')],
  ['a region analyst', callerAs('REGION_ANALYST', 'STATISTICS', { territory: ['015'] })],
  ['a data protection officer', callerAs('DATA_PROTECTION_OFFICER', 'SUPERVISION')],
  ['a platform administrator', callerAs('PLATFORM_ADMIN', 'ADMINISTRATION')],
];

const ENTITIES = `query($reps: [_Any!]!) { _entities(representations: $reps) {
  __typename
  ... on ServicePact { id state fiscalCode }
  ... on SocialInclusionPact { id paisState: state }
  ... on Household { id municipality }
  ... on PersonStatus { cf: fiscalCode servicePactActive }
  ... on Worker { id }
} }`;
const CHECK = `query($cf: FiscalCode!) { employmentStatusCheck(fiscalCode: $cf) {
  person { fiscalCode servicePactActive servicePactState } householdMembers { fiscalCode servicePactActive }
} }`;

type Row = Record<string, unknown> | null;

/** The errors of a response as (code, path) pairs, for comparing refusals. */
function refusals(res: GraphQLResponse<unknown>): { code: unknown; path: string }[] {
  return (res.errors ?? []).map((e) => ({ code: e.extensions?.code, path: (e.path ?? []).join('.') }));
}

describe('row scopes and field refusals of the pacts subgraph', () => {
  let graph: TestSubgraph<PactsLoaders>;
  /** Milan resident, pact at a Milan job centre, household in Milan with a child who has no pact. */
  let milanese: Person;
  let milaneseChild: Person;
  /** Bergamo resident, pact at the Bergamo job centre, household in Bergamo. */
  let bergamasque: Person;
  /** Pact at a Milan job centre, household in Bergamo with a relative whose only pact is in Bergamo. */
  let commuter: Person;
  let commuterRelative: Person;
  /** Household resident in Bergamo whose inclusion pact is in the charge of Milan. */
  let followedByMilan: Person;
  const id: Record<string, string> = {};

  /** One request as `caller`. */
  const as = <D = Record<string, unknown>>(caller: Caller | null, query: string, variables?: Record<string, unknown>) =>
    graph.query<D>(query, variables, caller ? asCaller(caller) : { 'x-test-caller': 'null' });

  beforeAll(async () => {
    graph = await createPactsGraph(null);
    [milanese, milaneseChild, bergamasque, commuter, commuterRelative, followedByMilan] = Array.from({ length: 6 }, newPerson);
    const em = graph.em();
    id.milanPact = (await storePact(em, { person: milanese, state: ServicePactState.IN_PROGRESS, proposedOn: '2024-01-10', stateDate: '2024-02-01', jobCentreCode: 'CPI_MI_01' })).id;
    id.bergamoPact = (await storePact(em, { person: bergamasque, state: ServicePactState.SIGNED, proposedOn: '2024-01-12', jobCentreCode: 'CPI_BG_01' })).id;
    id.bergamoProposal = (await storePact(em, { person: bergamasque, programme: ServicePactProgramme.SFL, state: ServicePactState.PROPOSED, proposedOn: '2024-03-01', jobCentreCode: 'CPI_BG_01' })).id;
    id.commuterPact = (await storePact(em, { person: commuter, state: ServicePactState.SIGNED, proposedOn: '2024-02-01', jobCentreCode: 'CPI_MI_02' })).id;
    id.relativePact = (await storePact(em, { person: commuterRelative, state: ServicePactState.SIGNED, proposedOn: '2024-02-02', jobCentreCode: 'CPI_BG_01' })).id;

    const milanHome = await storeHousehold(em, [{ person: milanese }, { person: milaneseChild, relation: HouseholdRelation.CHILD }], '015146');
    const bergamoHome = await storeHousehold(em, [{ person: bergamasque }], '016024');
    const commuterHome = await storeHousehold(em, [{ person: commuter }, { person: commuterRelative, relation: HouseholdRelation.SPOUSE }], '016024');
    const followedHome = await storeHousehold(em, [{ person: followedByMilan }], '016024');
    Object.assign(id, { milanHome: milanHome.id, bergamoHome: bergamoHome.id, commuterHome: commuterHome.id, followedHome: followedHome.id });
    id.milanPais = (await storeInclusionPact(em, milanHome, { state: InclusionPactState.SIGNED, padSignedOn: '2024-01-05', stateDate: '2024-03-01' })).id;
    id.bergamoPais = (await storeInclusionPact(em, bergamoHome, { state: InclusionPactState.TO_CONVENE, padSignedOn: '2024-02-05', socialServicesCode: 'SS_BG_01' })).id;
    id.followedPais = (await storeInclusionPact(em, followedHome, { state: InclusionPactState.MONITORING, padSignedOn: '2024-03-05', municipality: '015146' })).id;
  });
  afterAll(() => graph.close());

  describe('ServicePact', () => {
    const PACT = 'query($id: ID!) { servicePact(id: $id) { id state jobCentre { code } } }';

    it('a job centre reads the pacts held in its territory, desks included; one held elsewhere answers exactly like an unknown id', async () => {
      expect((await as(CPI_MILAN, PACT, { id: id.milanPact })).data).toEqual({ servicePact: { id: id.milanPact, state: 'IN_PROGRESS', jobCentre: { code: 'CPI_MI_01' } } });
      expect((await as(CPI_MILAN, PACT, { id: id.commuterPact })).data).toEqual({ servicePact: { id: id.commuterPact, state: 'SIGNED', jobCentre: { code: 'CPI_MI_02' } } });
      const outside = await as(CPI_MILAN, PACT, { id: id.bergamoPact });
      const unknown = await as(CPI_MILAN, PACT, { id: randomUUID() });
      expect(outside).toEqual({ data: { servicePact: null } });
      expect(outside).toEqual(unknown);
      // A territory of one municipality works the same way (ISTAT prefix).
      expect((await as(jobCentre(['016024']), PACT, { id: id.bergamoPact })).data!.servicePact).toMatchObject({ id: id.bergamoPact });
      expect((await as(jobCentre(['016024']), PACT, { id: id.milanPact })).data!.servicePact).toBeNull();
    });

    it('the person reads their own pacts only', async () => {
      expect((await as(citizen(milanese), PACT, { id: id.milanPact })).data!.servicePact).toMatchObject({ id: id.milanPact });
      const worker = await as(citizen(milanese), 'query($id: ID!) { servicePact(id: $id) { worker { id } } }', { id: id.milanPact });
      expect(worker).toEqual({ data: { servicePact: { worker: { id: milanese.workerId } } } });
      const other = await as(citizen(milanese), PACT, { id: id.bergamoPact });
      expect(other).toEqual(await as(citizen(milanese), PACT, { id: randomUUID() }));
      expect(other).toEqual({ data: { servicePact: null } });
    });

    it('filters the list in the database: pages and totalCount hold only the rows in scope', async () => {
      // Six pacts of one programme, interleaved by date between Milan and Bergamo job centres.
      const em = graph.em();
      const milan: string[] = [];
      for (let i = 0; i < 6; i += 1) {
        const pact = await storePact(em, {
          person: newPerson(),
          programme: ServicePactProgramme.YOUTH_GUARANTEE,
          proposedOn: `2023-0${i + 1}-10`,
          jobCentreCode: i % 2 === 0 ? 'CPI_MI_01' : 'CPI_BG_01',
        });
        if (i % 2 === 0) milan.unshift(pact.id);
      }
      const page = (after: string | null) =>
        as<{ servicePacts: { totalCount: number; nodes: { id: string }[]; pageInfo: { hasNextPage: boolean; endCursor: string } } }>(
          CPI_MILAN,
          'query($after: String) { servicePacts(programme: YOUTH_GUARANTEE, first: 2, after: $after) { totalCount nodes { id } pageInfo { hasNextPage endCursor } } }',
          { after },
        );
      const first = (await page(null)).data!.servicePacts;
      expect(first.totalCount).toBe(3);
      expect(first.nodes.map((n) => n.id)).toEqual(milan.slice(0, 2));
      expect(first.pageInfo.hasNextPage).toBe(true);
      const second = (await page(first.pageInfo.endCursor)).data!.servicePacts;
      expect(second.nodes.map((n) => n.id)).toEqual(milan.slice(2));
      expect(second.pageInfo.hasNextPage).toBe(false);

      const own = await as<{ servicePacts: { totalCount: number; nodes: { id: string }[] } }>(citizen(bergamasque), '{ servicePacts { totalCount nodes { id } } }');
      expect(own.data!.servicePacts).toEqual({ totalCount: 2, nodes: [{ id: id.bergamoProposal }, { id: id.bergamoPact }] });
    });

    it('social workers get no pact rows: the list is refused, and _entities knows no such pact', async () => {
      const res = await as(SW_MILAN, '{ servicePacts { totalCount } }');
      expect(res.data).toEqual({ servicePacts: null });
      expect(refusals(res)).toEqual([{ code: 'FORBIDDEN', path: 'servicePacts' }]);
      const reps = await as<{ _entities: Row[] }>(SW_MILAN, ENTITIES, { reps: [{ __typename: 'ServicePact', id: id.milanPact }] });
      expect(reps).toEqual({ data: { _entities: [null] } });
    });

    it('refuses the operator who recorded a change to a referral, while the rest of the history arrives', async () => {
      const res = await as<{ servicePact: { state: string; history: { reason: string; recordedBy: string | null }[] } }>(
        CPI_MILAN_REFERRAL,
        'query($id: ID!) { servicePact(id: $id) { state history { reason recordedBy } } }',
        { id: id.milanPact },
      );
      expect(res.data!.servicePact).toEqual({ state: 'IN_PROGRESS', history: [{ reason: 'fixture', recordedBy: null }] });
      expect(refusals(res)).toEqual([{ code: 'FORBIDDEN', path: 'servicePact.history.0.recordedBy' }]);
      const full = await as(CPI_MILAN, 'query($id: ID!) { servicePact(id: $id) { history { recordedBy } } }', { id: id.milanPact });
      expect(full.errors).toBeUndefined();
    });
  });

  describe('SocialInclusionPact', () => {
    const PAIS = 'query($id: ID!) { socialInclusionPact(id: $id) { id state municipality household { id } } }';

    it('social services read the pacts their municipality is in charge of, wherever the household lives; others answer like an unknown id', async () => {
      expect((await as(SW_MILAN, PAIS, { id: id.milanPais })).data!.socialInclusionPact).toEqual({ id: id.milanPais, state: 'SIGNED', municipality: '015146', household: { id: id.milanHome } });
      expect((await as(SW_MILAN, PAIS, { id: id.followedPais })).data!.socialInclusionPact).toEqual({ id: id.followedPais, state: 'MONITORING', municipality: '015146', household: { id: id.followedHome } });
      const outside = await as(SW_MILAN, PAIS, { id: id.bergamoPais });
      expect(outside).toEqual({ data: { socialInclusionPact: null } });
      expect(outside).toEqual(await as(SW_MILAN, PAIS, { id: randomUUID() }));
      const list = await as<{ socialInclusionPacts: { totalCount: number; nodes: { id: string }[] } }>(SW_MILAN, '{ socialInclusionPacts { totalCount nodes { id } } }');
      expect(list.data!.socialInclusionPacts).toEqual({ totalCount: 2, nodes: [{ id: id.followedPais }, { id: id.milanPais }] });
    });

    it('a job centre of the territory sees status and dates only: the other fields are refused at their path while those arrive', async () => {
      const res = await as<{ socialInclusionPact: Record<string, unknown> }>(
        CPI_MILAN,
        'query($id: ID!) { socialInclusionPact(id: $id) { id state padSignedOn signedOn stateDate municipality household { id } socialServices { code } history { toState } } }',
        { id: id.milanPais },
      );
      expect(res.data!.socialInclusionPact).toEqual({
        id: id.milanPais,
        state: 'SIGNED',
        padSignedOn: '2024-01-05',
        signedOn: null,
        stateDate: '2024-03-01',
        municipality: null,
        household: null,
        socialServices: null,
        history: null,
      });
      expect(refusals(res).sort((a, b) => a.path.localeCompare(b.path))).toEqual(
        ['history', 'household', 'municipality', 'socialServices'].map((f) => ({ code: 'FORBIDDEN', path: `socialInclusionPact.${f}` })),
      );
      expect((await as(CPI_MILAN, 'query($id: ID!) { socialInclusionPact(id: $id) { state } }', { id: id.bergamoPais })).data).toEqual({ socialInclusionPact: null });
    });

    it('the case history is for the social worker managing the case, not for a referral', async () => {
      const res = await as<{ socialInclusionPact: Record<string, unknown> }>(SW_MILAN_REFERRAL, 'query($id: ID!) { socialInclusionPact(id: $id) { state history { toState } } }', { id: id.milanPais });
      expect(res.data!.socialInclusionPact).toEqual({ state: 'SIGNED', history: null });
      expect(refusals(res)).toEqual([{ code: 'FORBIDDEN', path: 'socialInclusionPact.history' }]);
    });

    it('a member reads the pacts of their own household only', async () => {
      expect((await as(citizen(milaneseChild), PAIS, { id: id.milanPais })).data!.socialInclusionPact).toMatchObject({ id: id.milanPais, household: { id: id.milanHome } });
      expect((await as(citizen(milaneseChild), PAIS, { id: id.bergamoPais })).data).toEqual({ socialInclusionPact: null });
      const list = await as<{ socialInclusionPacts: { totalCount: number } }>(citizen(milanese), '{ socialInclusionPacts { totalCount } }');
      expect(list.data!.socialInclusionPacts.totalCount).toBe(1);
    });
  });

  describe('Household', () => {
    const HOME = 'query($id: ID!) { household(id: $id) { id municipality members { fiscalCode worker { id } } inclusionPacts { id } } }';

    it('social services read the households of their municipality, and those with an inclusion pact of it', async () => {
      expect((await as(SW_MILAN, HOME, { id: id.milanHome })).data!.household).toEqual({
        id: id.milanHome,
        municipality: '015146',
        members: [
          { fiscalCode: milanese.fiscalCode, worker: { id: milanese.workerId } },
          { fiscalCode: milaneseChild.fiscalCode, worker: { id: milaneseChild.workerId } },
        ],
        inclusionPacts: [{ id: id.milanPais }],
      });
      expect((await as(SW_MILAN, HOME, { id: id.followedHome })).data!.household).toMatchObject({ id: id.followedHome, inclusionPacts: [{ id: id.followedPais }] });
      const outside = await as(SW_MILAN, HOME, { id: id.bergamoHome });
      expect(outside).toEqual({ data: { household: null } });
      expect(outside).toEqual(await as(SW_MILAN, HOME, { id: randomUUID() }));
    });

    it('a member reads their own household; another member is no Worker row of theirs', async () => {
      expect((await as(citizen(milanese), HOME, { id: id.milanHome })).data!.household).toEqual({
        id: id.milanHome,
        municipality: '015146',
        members: [
          { fiscalCode: milanese.fiscalCode, worker: { id: milanese.workerId } },
          { fiscalCode: milaneseChild.fiscalCode, worker: null },
        ],
        inclusionPacts: [{ id: id.milanPais }],
      });
      expect((await as(citizen(milanese), HOME, { id: id.bergamoHome })).data).toEqual({ household: null });
    });

    it('job centres get no household: the query is refused, _entities and Worker.household know none', async () => {
      const res = await as(CPI_MILAN, HOME, { id: id.milanHome });
      expect(res.data).toEqual({ household: null });
      expect(refusals(res)).toEqual([{ code: 'FORBIDDEN', path: 'household' }]);
      expect(await as(CPI_MILAN, ENTITIES, { reps: [{ __typename: 'Household', id: id.milanHome }] })).toEqual({ data: { _entities: [null] } });
      const worker = await as(CPI_MILAN, 'query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Worker { id household { id } } } }', {
        reps: [{ __typename: 'Worker', id: milanese.workerId }],
      });
      expect(worker.data).toEqual({ _entities: [{ id: milanese.workerId, household: null }] });
      expect(refusals(worker)).toEqual([{ code: 'FORBIDDEN', path: '_entities.0.household' }]);
    });
  });

  describe('PersonStatus and EmploymentStatusCheck', () => {
    type Check = { employmentStatusCheck: { person: Record<string, unknown>; householdMembers: { fiscalCode: string }[] } | null };
    const check = (caller: Caller, person: Person) => as<Check>(caller, CHECK, { cf: person.fiscalCode });

    it('a job centre checks people with a pact or household in its territory, and only such members', async () => {
      const resident = (await check(CPI_MILAN, milanese)).data!.employmentStatusCheck!;
      expect(resident.person).toEqual({ fiscalCode: milanese.fiscalCode, servicePactActive: true, servicePactState: 'IN_PROGRESS' });
      // The child has no pact, but lives in a household of the territory.
      expect(resident.householdMembers).toEqual([{ fiscalCode: milaneseChild.fiscalCode, servicePactActive: false }]);
      const child = (await check(CPI_MILAN, milaneseChild)).data!.employmentStatusCheck!;
      expect(child.person).toMatchObject({ fiscalCode: milaneseChild.fiscalCode, servicePactActive: false });

      // Pact in Milan, household in Bergamo: the person is in scope, the relative (all in Bergamo) is not listed.
      const commuting = (await check(CPI_MILAN, commuter)).data!.employmentStatusCheck!;
      expect(commuting.person).toMatchObject({ fiscalCode: commuter.fiscalCode, servicePactActive: true });
      expect(commuting.householdMembers).toEqual([]);
      expect((await check(jobCentre(['016']), commuter)).data!.employmentStatusCheck!.householdMembers).toEqual([
        { fiscalCode: commuterRelative.fiscalCode, servicePactActive: true },
      ]);

      const outside = await check(CPI_MILAN, bergamasque);
      expect(outside).toEqual({ data: { employmentStatusCheck: null } });
      expect(outside).toEqual(await check(CPI_MILAN, newPerson()));
    });

    it('social services check the members of households of their municipality (resident, or with an inclusion pact of it)', async () => {
      expect((await check(SW_MILAN, milaneseChild)).data!.employmentStatusCheck!.householdMembers).toEqual([
        { fiscalCode: milanese.fiscalCode, servicePactActive: true },
      ]);
      expect((await check(SW_MILAN, followedByMilan)).data!.employmentStatusCheck!.person).toMatchObject({ fiscalCode: followedByMilan.fiscalCode, servicePactActive: false });
      // A pact at a Milan job centre does not bring a person into the social services' scope.
      expect(await check(SW_MILAN, commuter)).toEqual({ data: { employmentStatusCheck: null } });
      expect(await check(SW_MILAN, bergamasque)).toEqual({ data: { employmentStatusCheck: null } });
    });

    it('the person checks themselves, not others, and sees no status of the other members', async () => {
      const own = (await check(citizen(milanese), milanese)).data!.employmentStatusCheck!;
      expect(own.person).toEqual({ fiscalCode: milanese.fiscalCode, servicePactActive: true, servicePactState: 'IN_PROGRESS' });
      expect(own.householdMembers).toEqual([]);
      expect(await check(citizen(milanese), milaneseChild)).toEqual({ data: { employmentStatusCheck: null } });
    });

    it('PersonStatus through _entities: in scope, computed; out of scope, null', async () => {
      const reps = [milanese, bergamasque].map((p) => ({ __typename: 'PersonStatus', fiscalCode: p.fiscalCode }));
      expect((await as(CPI_MILAN, ENTITIES, { reps })).data).toEqual({
        _entities: [{ __typename: 'PersonStatus', cf: milanese.fiscalCode, servicePactActive: true }, null],
      });
      expect((await as(SW_MILAN, ENTITIES, { reps })).data).toEqual({
        _entities: [{ __typename: 'PersonStatus', cf: milanese.fiscalCode, servicePactActive: true }, null],
      });
    });
  });

  describe('roles without rows, and no caller', () => {
    const EVERY_QUERY = `query($id: ID!, $cf: FiscalCode!) {
      servicePact(id: $id) { id } servicePacts { totalCount } socialInclusionPact(id: $id) { id } socialInclusionPacts { totalCount }
      household(id: $id) { id } employmentStatusCheck(fiscalCode: $cf) { checkedAt }
    }`;
    const QUERY_FIELDS = ['employmentStatusCheck', 'household', 'servicePact', 'servicePacts', 'socialInclusionPact', 'socialInclusionPacts'];

    it.each(NO_ROWS)('%s reads nothing: every entry point is refused and every representation is null', async (_who, caller) => {
      const res = await as(caller, EVERY_QUERY, { id: id.milanPact, cf: milanese.fiscalCode });
      expect(res.data).toEqual(Object.fromEntries(QUERY_FIELDS.map((f) => [f, null])));
      expect(refusals(res).map((r) => r.path).sort()).toEqual(QUERY_FIELDS);
      expect(refusals(res).every((r) => r.code === 'FORBIDDEN')).toBe(true);

      const reps = [
        { __typename: 'ServicePact', id: id.milanPact },
        { __typename: 'SocialInclusionPact', id: id.milanPais },
        { __typename: 'Household', id: id.milanHome },
        { __typename: 'PersonStatus', fiscalCode: milanese.fiscalCode },
        { __typename: 'Worker', id: milanese.workerId },
      ];
      expect(await as(caller, ENTITIES, { reps })).toEqual({ data: { _entities: [null, null, null, null, null] } });
    });

    it('without a caller everything is FORBIDDEN, _entities included', async () => {
      const res = await as(null, EVERY_QUERY, { id: id.milanPact, cf: milanese.fiscalCode });
      expect(res.data).toEqual(Object.fromEntries(QUERY_FIELDS.map((f) => [f, null])));
      expect(refusals(res).every((r) => r.code === 'FORBIDDEN')).toBe(true);
      const entities = await as(null, ENTITIES, { reps: [{ __typename: 'ServicePact', id: id.milanPact }] });
      expect(entities.data ?? null).toBeNull();
      expect(errorCode(entities)).toBe('FORBIDDEN');
    });
  });

  describe('writes only on rows in scope', () => {
    const CHANGE_PACT = 'mutation($input: ChangeServicePactStateInput!) { changeServicePactState(input: $input) { id } }';
    const SIGN_PACT = 'mutation($input: SignServicePactInput!) { signServicePact(input: $input) { id } }';
    const CHANGE_PAIS = 'mutation($input: ChangeSocialInclusionPactStateInput!) { changeSocialInclusionPactState(input: $input) { id } }';
    const CREATE_PACT = 'mutation($input: CreateServicePactInput!) { createServicePact(input: $input) { id } }';

    const stored = async () => {
      const em = graph.em();
      const [pact, proposal, pais] = await Promise.all([
        em.findOneOrFail(ServicePact, id.bergamoPact),
        em.findOneOrFail(ServicePact, id.bergamoProposal),
        em.findOneOrFail(SocialInclusionPact, id.bergamoPais),
      ]);
      return [pact.state, pact.stateDate, proposal.state, pais.state, pais.stateDate];
    };

    it('a pact outside the territory is NOT_FOUND exactly like an unknown one, and stays unchanged', async () => {
      const before = await stored();
      const change = (pactId: string) => as(CPI_MILAN, CHANGE_PACT, { input: { id: pactId, state: 'CANCELLED', effectiveOn: '2024-04-01', reason: 'entered in error' } });
      const outside = await change(id.bergamoPact);
      expect(errorCode(outside)).toBe('NOT_FOUND');
      expect(outside).toEqual(await change(randomUUID()));
      const sign = (pactId: string) => as(CPI_MILAN, SIGN_PACT, { input: { id: pactId, signedOn: '2024-03-02' } });
      const signOutside = await sign(id.bergamoProposal);
      expect(errorCode(signOutside)).toBe('NOT_FOUND');
      expect(signOutside).toEqual(await sign(randomUUID()));
      expect(await stored()).toEqual(before);
    });

    it('an inclusion pact of another municipality is NOT_FOUND exactly like an unknown one, and stays unchanged', async () => {
      const before = await stored();
      const change = (pactId: string) => as(SW_MILAN, CHANGE_PAIS, { input: { id: pactId, state: 'PRELIMINARY_ANALYSIS', effectiveOn: '2024-04-01', reason: 'convened' } });
      const outside = await change(id.bergamoPais);
      expect(errorCode(outside)).toBe('NOT_FOUND');
      expect(outside).toEqual(await change(randomUUID()));
      expect(await stored()).toEqual(before);
    });

    it('each write belongs to one purpose: refused to the others before anything is read', async () => {
      const input = { ...newPerson(), jobCentreCode: 'CPI_MI_01', programme: 'ORDINARY', proposedOn: '2024-01-10' };
      for (const caller of [CPI_MILAN_REFERRAL, SW_MILAN, citizen(milanese)]) {
        const res = await as(caller, CREATE_PACT, { input });
        expect(res.data).toEqual({ createServicePact: null });
        expect(refusals(res)).toEqual([{ code: 'FORBIDDEN', path: 'createServicePact' }]);
      }
      for (const caller of [CPI_MILAN, SW_MILAN_REFERRAL]) {
        const res = await as(caller, CHANGE_PAIS, { input: { id: id.milanPais, state: 'MONITORING', effectiveOn: '2024-04-01', reason: 'follow-up' } });
        expect(refusals(res)).toEqual([{ code: 'FORBIDDEN', path: 'changeSocialInclusionPactState' }]);
      }
      expect(await graph.em().count(ServicePact, { fiscalCode: input.fiscalCode })).toBe(0);
      expect((await graph.em().findOneOrFail(SocialInclusionPact, id.milanPais)).state).toBe(InclusionPactState.SIGNED);
    });
  });

  describe('federation: _entities decides on database rows, never on the representation', () => {
    const reps = (caller: Caller, representations: Record<string, unknown>[]) => as<{ _entities: Row[] }>(caller, ENTITIES, { reps: representations });

    it('a representation outside the scope is null, whatever invented fields it carries', async () => {
      expect(
        await reps(CPI_MILAN, [
          { __typename: 'ServicePact', id: id.bergamoPact },
          { __typename: 'ServicePact', id: id.bergamoPact, jobCentre: { code: 'CPI_MI_01' }, fiscalCode: milanese.fiscalCode, state: 'PROPOSED' },
          { __typename: 'SocialInclusionPact', id: id.bergamoPais, municipality: '015146' },
        ]),
      ).toEqual({ data: { _entities: [null, null, null] } });
      expect(await reps(SW_MILAN, [{ __typename: 'Household', id: id.bergamoHome, municipality: '015146', members: [{ fiscalCode: milanese.fiscalCode }] }])).toEqual({
        data: { _entities: [null] },
      });
      // A citizen forging their own fiscal code onto someone else's worker id or status.
      expect(
        await reps(citizen(milanese), [
          { __typename: 'Worker', id: bergamasque.workerId, fiscalCode: milanese.fiscalCode },
          { __typename: 'PersonStatus', fiscalCode: bergamasque.fiscalCode, servicePactActive: false },
          { __typename: 'ServicePact', id: id.bergamoPact, fiscalCode: milanese.fiscalCode },
        ]),
      ).toEqual({ data: { _entities: [null, null, null] } });
    });

    it('a representation in scope answers with the stored data, not with the invented values', async () => {
      const res = await reps(CPI_MILAN, [
        { __typename: 'ServicePact', id: id.milanPact, state: 'CANCELLED', fiscalCode: bergamasque.fiscalCode },
        { __typename: 'PersonStatus', fiscalCode: milanese.fiscalCode, servicePactActive: false },
      ]);
      expect(res.data!._entities).toEqual([
        { __typename: 'ServicePact', id: id.milanPact, state: 'IN_PROGRESS', fiscalCode: milanese.fiscalCode },
        { __typename: 'PersonStatus', cf: milanese.fiscalCode, servicePactActive: true },
      ]);
      const own = await reps(citizen(milanese), [{ __typename: 'Worker', id: milanese.workerId, fiscalCode: bergamasque.fiscalCode }]);
      expect(own.data!._entities).toEqual([{ __typename: 'Worker', id: milanese.workerId }]);
    });

    it('loads representations through the scoped loaders, in the same statements for 1 and for 6 of them', async () => {
      const measure = async (representations: Record<string, unknown>[]) => {
        graph.runtime.db.sql.reset();
        const res = await reps(CPI_MILAN, representations);
        expect(res.errors).toBeUndefined();
        return { entities: res.data!._entities, statements: graph.runtime.db.sql.statements };
      };
      const one = await measure([{ __typename: 'ServicePact', id: id.bergamoPact }]);
      const six = await measure([id.bergamoPact, id.bergamoProposal, id.relativePact, id.milanPact, id.commuterPact, randomUUID()].map((pactId) => ({ __typename: 'ServicePact', id: pactId })));
      expect(one.entities).toEqual([null]);
      expect(six.entities.map((e) => e?.id ?? null)).toEqual([null, null, null, id.milanPact, id.commuterPact, null]);
      expect(six.statements).toBe(one.statements);
    });
  });
});
