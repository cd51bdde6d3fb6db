import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HouseholdRelation } from '../../../subgraphs/pacts/household/household.entity';
import { InclusionPactState } from '../../../subgraphs/pacts/inclusion-pact/inclusion-pact.entity';
import { type PactsLoaders } from '../../../subgraphs/pacts/loaders';
import { GolPathway, ServicePactProgramme, ServicePactState } from '../../../subgraphs/pacts/service-pact/service-pact.entity';
import { asCaller } from '../../utils/callers';
import { type TestSubgraph } from '../../utils/subgraph';
import { createPactsGraph, jobCentre, newPerson, type Person, socialWorker, storeHousehold, storeInclusionPact, storePact } from './support';

/** Social services of Milan and Bergamo provinces: every household and inclusion pact of these tests. */
const SOCIAL = asCaller(socialWorker(['015', '016']));

interface Page {
  totalCount: number;
  nodes: { id: string }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

// Job-centre operator of the whole region by default (every pact of these tests is in
// scope); households and inclusion pacts are read as social services.
describe('pacts queries', () => {
  let graph: TestSubgraph<PactsLoaders>;
  let anna: Person;
  let bruno: Person;
  let carla: Person;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    graph = await createPactsGraph(jobCentre());
    [anna, bruno, carla] = [newPerson(), newPerson(), newPerson()];
    const em = graph.em();
    ids.annaGol = (await storePact(em, {
      person: anna,
      programme: ServicePactProgramme.GOL,
      golPathway: GolPathway.RESKILLING,
      state: ServicePactState.IN_PROGRESS,
      proposedOn: '2024-02-01',
      stateDate: '2024-02-20',
      jobCentreCode: 'CPI_MI_01',
    })).id;
    ids.annaOld = (await storePact(em, { person: anna, state: ServicePactState.COMPLETED, proposedOn: '2022-05-01', stateDate: '2023-01-01', jobCentreCode: 'CPI_MI_01' })).id;
    ids.bruno = (await storePact(em, { person: bruno, state: ServicePactState.PROPOSED, proposedOn: '2024-03-01', jobCentreCode: 'CPI_BG_01' })).id;
    ids.carla = (await storePact(em, { person: carla, programme: ServicePactProgramme.ADI, state: ServicePactState.SIGNED, proposedOn: '2023-07-01', jobCentreCode: 'CPI_MI_01' })).id;
    const home = await storeHousehold(em, [
      { person: carla, relation: HouseholdRelation.APPLICANT },
      { person: anna, relation: HouseholdRelation.CHILD },
      { person: bruno, relation: HouseholdRelation.SPOUSE },
    ], '015146');
    ids.household = home.id;
    ids.paisOld = (await storeInclusionPact(em, home, { state: InclusionPactState.LAPSED, padSignedOn: '2023-01-10', stateDate: '2023-09-01' })).id;
    ids.pais = (await storeInclusionPact(em, home, { state: InclusionPactState.MONITORING, padSignedOn: '2024-01-10', stateDate: '2024-05-01' })).id;
    const other = await storeHousehold(em, [{ person: newPerson() }], '016024');
    ids.paisOther = (await storeInclusionPact(em, other, { state: InclusionPactState.TO_CONVENE, padSignedOn: '2024-03-10' })).id;
  });
  afterAll(() => graph.close());

  it('returns a service pact by id with its person, job centre, GOL pathway, activity and history', async () => {
    const res = await graph.query<{ servicePact: Record<string, unknown> }>(
      `query($id: ID!) { servicePact(id: $id) {
        id fiscalCode programme golPathway state active proposedOn signedOn endedOn stateDate
        worker { id } jobCentre { code } history { fromState toState effectiveOn }
      } }`,
      { id: ids.annaGol },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.servicePact).toEqual({
      id: ids.annaGol,
      fiscalCode: anna.fiscalCode,
      programme: 'GOL',
      golPathway: 'RESKILLING',
      state: 'IN_PROGRESS',
      active: true,
      proposedOn: '2024-02-01',
      signedOn: '2024-02-06',
      endedOn: null,
      stateDate: '2024-02-20',
      worker: { id: anna.workerId },
      jobCentre: { code: 'CPI_MI_01' },
      history: [{ fromState: null, toState: 'IN_PROGRESS', effectiveOn: '2024-02-20' }],
    });
  });

  it('returns null for a service pact, household or inclusion pact that does not exist', async () => {
    const asJobCentre = await graph.query<Record<string, unknown>>(
      `query($a: ID!, $b: ID!) { servicePact(id: $a) { id } socialInclusionPact(id: $b) { id } }`,
      { a: randomUUID(), b: 'not-a-uuid' },
    );
    expect(asJobCentre.errors).toBeUndefined();
    expect(asJobCentre.data).toEqual({ servicePact: null, socialInclusionPact: null });
    const asSocialServices = await graph.query<Record<string, unknown>>(
      `query($a: ID!, $b: ID!) { household(id: $a) { id } socialInclusionPact(id: $b) { id } }`,
      { a: randomUUID(), b: 'not-a-uuid' },
      SOCIAL,
    );
    expect(asSocialServices.errors).toBeUndefined();
    expect(asSocialServices.data).toEqual({ household: null, socialInclusionPact: null });
  });

  it('lists service pacts newest proposal first, filtered by fiscal code, job centre, programme and state', async () => {
    const list = async (args: string) => {
      const res = await graph.query<{ servicePacts: Page }>(`{ servicePacts(${args}) { totalCount nodes { id } pageInfo { hasNextPage endCursor } } }`);
      expect(res.errors).toBeUndefined();
      return res.data!.servicePacts;
    };
    expect((await list('first: 10')).nodes.map((n) => n.id)).toEqual([ids.bruno, ids.annaGol, ids.carla, ids.annaOld]);
    expect((await list(`fiscalCode: "${anna.fiscalCode}"`)).nodes.map((n) => n.id)).toEqual([ids.annaGol, ids.annaOld]);
    expect((await list('jobCentreCode: "CPI_BG_01"')).nodes.map((n) => n.id)).toEqual([ids.bruno]);
    expect((await list('programme: ADI')).nodes.map((n) => n.id)).toEqual([ids.carla]);
    expect((await list('state: COMPLETED')).nodes.map((n) => n.id)).toEqual([ids.annaOld]);
  });

  it('pages through the service pacts with cursors', async () => {
    const first = await graph.query<{ servicePacts: Page }>('{ servicePacts(first: 3) { totalCount nodes { id } pageInfo { hasNextPage endCursor } } }');
    const page1 = first.data!.servicePacts;
    expect(page1.totalCount).toBe(4);
    expect(page1.pageInfo.hasNextPage).toBe(true);
    const second = await graph.query<{ servicePacts: Page }>(
      'query($after: String) { servicePacts(first: 3, after: $after) { nodes { id } pageInfo { hasNextPage } } }',
      { after: page1.pageInfo.endCursor },
    );
    expect(second.data!.servicePacts.nodes.map((n) => n.id)).toEqual([ids.annaOld]);
    expect(second.data!.servicePacts.pageInfo.hasNextPage).toBe(false);
  });

  it('returns a household with its members, applicant first, and its inclusion pacts, newest first', async () => {
    const res = await graph.query<{ household: Record<string, unknown> }>(
      `query($id: ID!) { household(id: $id) {
        id municipality members { fiscalCode relation worker { id } } inclusionPacts { id state }
      } }`,
      { id: ids.household },
      SOCIAL,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.household).toEqual({
      id: ids.household,
      municipality: '015146',
      members: [
        { fiscalCode: carla.fiscalCode, relation: 'APPLICANT', worker: { id: carla.workerId } },
        { fiscalCode: bruno.fiscalCode, relation: 'SPOUSE', worker: { id: bruno.workerId } },
        { fiscalCode: anna.fiscalCode, relation: 'CHILD', worker: { id: anna.workerId } },
      ],
      inclusionPacts: [
        { id: ids.pais, state: 'MONITORING' },
        { id: ids.paisOld, state: 'LAPSED' },
      ],
    });
  });

  it('returns a social inclusion pact by id with its household, social services and dates', async () => {
    const res = await graph.query<{ socialInclusionPact: Record<string, unknown> }>(
      `query($id: ID!) { socialInclusionPact(id: $id) {
        id municipality state padSignedOn signedOn stateDate household { id } socialServices { code } history { toState }
      } }`,
      { id: ids.pais },
      SOCIAL,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.socialInclusionPact).toEqual({
      id: ids.pais,
      municipality: '015146',
      state: 'MONITORING',
      padSignedOn: '2024-01-10',
      signedOn: null,
      stateDate: '2024-05-01',
      household: { id: ids.household },
      socialServices: { code: 'SS_MI_01' },
      history: [{ toState: 'MONITORING' }],
    });
  });

  it('lists social inclusion pacts newest PAD first, filtered by municipality and state', async () => {
    const list = async (args: string) => {
      const res = await graph.query<{ socialInclusionPacts: Page }>(`{ socialInclusionPacts(${args}) { totalCount nodes { id } } }`, undefined, SOCIAL);
      expect(res.errors).toBeUndefined();
      return res.data!.socialInclusionPacts.nodes.map((n) => n.id);
    };
    expect(await list('first: 10')).toEqual([ids.paisOther, ids.pais, ids.paisOld]);
    expect(await list('municipality: "016024"')).toEqual([ids.paisOther]);
    expect(await list('state: LAPSED')).toEqual([ids.paisOld]);
  });
});
