import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Dataset } from '../../../scripts/seed/dataset.types';
import { pactsSubgraph } from '../../../subgraphs/pacts';
import { Household, HouseholdMember } from '../../../subgraphs/pacts/household/household.entity';
import { SocialInclusionPact, SocialInclusionPactStateChange } from '../../../subgraphs/pacts/inclusion-pact/inclusion-pact.entity';
import { type PactsLoaders } from '../../../subgraphs/pacts/loaders';
import { ServicePact, ServicePactStateChange } from '../../../subgraphs/pacts/service-pact/service-pact.entity';
import { seedPacts } from '../../../subgraphs/pacts/seed';
import { ServicePointDirectoryEntry } from '../../../subgraphs/lib/service-point-directory.entity';
import { generateDataset } from '../../../scripts/seed/dataset';
import { asCaller, LOMBARDY } from '../../utils/callers';
import { createTestSubgraph, type TestSubgraph } from '../../utils/subgraph';
import { ConvocationExclusion } from '../../../subgraphs/pacts/convocation-exclusion/convocation-exclusion.entity';
import { citizen, fiscalCode, jobCentre, socialWorker } from './support';

const EMPTY: Dataset = { workers: [], dids: [], servicePoints: [], employers: [], notices: [], households: [], servicePacts: [], inclusionPacts: [], referrals: [], deskContacts: [], convocationExclusions: [] };

/** A service point of the data set (only code, kind, municipality and province reach the pacts subgraph). */
function point(code: string, kind: Dataset['servicePoints'][number]['kind'], municipality: string): Dataset['servicePoints'][number] {
  return { code, kind, name: `Punto ${code}`, municipality, province: municipality.slice(0, 3), address: 'Sede', manager: 'Gestore', publicHousingNeighbourhood: false, parentCode: null };
}

/** A hand-made data set: one household of two, a GOL pact and an older ordinary one, one PaIS. */
function smallDataset() {
  const applicant = { workerId: randomUUID(), fiscalCode: fiscalCode(20_001) };
  const child = { workerId: randomUUID(), fiscalCode: fiscalCode(20_002) };
  const householdId = randomUUID();
  const golPact = randomUUID();
  const oldPact = randomUUID();
  const pais = randomUUID();
  const data: Dataset = {
    ...EMPTY,
    servicePoints: [point('CPI_MI_01', 'JOB_CENTRE', '015146'), point('CPI_MI_02', 'JOB_CENTRE_DESK', '015146'), point('SS_MI_01', 'SOCIAL_SERVICES', '015146')],
    households: [{ id: householdId, municipality: '015146', members: [{ ...applicant, relation: 'APPLICANT' }, { ...child, relation: 'CHILD' }] }],
    servicePacts: [
      { id: oldPact, workerId: applicant.workerId, fiscalCode: applicant.fiscalCode, didId: null, jobCentreCode: 'CPI_MI_01', programme: 'ORDINARY', golPathway: null, state: 'COMPLETED', proposedOn: '2022-03-01', signedOn: '2022-03-03', endedOn: '2022-12-31', stateDate: '2022-12-31' },
      { id: golPact, workerId: applicant.workerId, fiscalCode: applicant.fiscalCode, didId: randomUUID(), jobCentreCode: 'CPI_MI_02', programme: 'GOL', golPathway: 'UPSKILLING', state: 'IN_PROGRESS', proposedOn: '2024-01-10', signedOn: '2024-01-12', endedOn: null, stateDate: '2024-02-01' },
    ],
    inclusionPacts: [
      { id: pais, householdId, municipality: '015146', socialServicesCode: 'SS_MI_01', state: 'SIGNED', padSignedOn: '2024-01-05', signedOn: '2024-03-01', stateDate: '2024-03-01' },
    ],
    convocationExclusions: [{ id: randomUUID(), householdId, workerId: applicant.workerId, fiscalCode: applicant.fiscalCode, reason: 'CARE_OF_CHILD_UNDER_3', since: '2024-01-05' }],
  };
  return { data, applicant, child, householdId, golPact, oldPact, pais };
}

describe('seedPacts stores the households, service pacts and inclusion pacts of the data set', () => {
  let graph: TestSubgraph<PactsLoaders>;
  let fixture: ReturnType<typeof smallDataset>;

  beforeAll(async () => {
    graph = await createTestSubgraph(pactsSubgraph, { caller: jobCentre() });
    fixture = smallDataset();
    await seedPacts(graph.em(), fixture.data);
  });
  afterAll(() => graph.close());

  it('makes the seeded rows readable through the graph, to the person they concern', async () => {
    const res = await graph.query<{ _entities: Record<string, unknown>[]; socialInclusionPact: Record<string, unknown> }>(
      `query($reps: [_Any!]!, $pais: ID!) {
        _entities(representations: $reps) {
          ... on Worker { servicePacts { id programme golPathway state signedOn endedOn stateDate jobCentre { code } history { fromState toState effectiveOn } }
                          household { id municipality members { fiscalCode relation worker { id } } } }
        }
        socialInclusionPact(id: $pais) { state padSignedOn signedOn stateDate household { id } socialServices { code } }
      }`,
      { reps: [{ __typename: 'Worker', id: fixture.applicant.workerId }], pais: fixture.pais },
      asCaller(citizen(fixture.applicant)),
    );
    expect(res.errors).toBeUndefined();
    const worker = res.data!._entities[0]!;
    expect(worker.servicePacts).toEqual([
      { id: fixture.golPact, programme: 'GOL', golPathway: 'UPSKILLING', state: 'IN_PROGRESS', signedOn: '2024-01-12', endedOn: null, stateDate: '2024-02-01', jobCentre: { code: 'CPI_MI_02' }, history: [{ fromState: null, toState: 'IN_PROGRESS', effectiveOn: '2024-02-01' }] },
      { id: fixture.oldPact, programme: 'ORDINARY', golPathway: null, state: 'COMPLETED', signedOn: '2022-03-03', endedOn: '2022-12-31', stateDate: '2022-12-31', jobCentre: { code: 'CPI_MI_01' }, history: [{ fromState: null, toState: 'COMPLETED', effectiveOn: '2022-12-31' }] },
    ]);
    expect(worker.household).toEqual({
      id: fixture.householdId,
      municipality: '015146',
      members: [
        { fiscalCode: fixture.applicant.fiscalCode, relation: 'APPLICANT', worker: { id: fixture.applicant.workerId } },
        // Another member is no Worker row of the person's (the Worker scope of a citizen is themselves).
        { fiscalCode: fixture.child.fiscalCode, relation: 'CHILD', worker: null },
      ],
    });
    expect(res.data!.socialInclusionPact).toEqual({
      state: 'SIGNED',
      padSignedOn: '2024-01-05',
      signedOn: '2024-03-01',
      stateDate: '2024-03-01',
      household: { id: fixture.householdId },
      socialServices: { code: 'SS_MI_01' },
    });
  });

  it('feeds the status check: the active GOL pact answers for the applicant and for the household', async () => {
    const res = await graph.query<{ employmentStatusCheck: { person: Record<string, unknown>; householdMembers: Record<string, unknown>[] } }>(
      `query($cf: FiscalCode!) { employmentStatusCheck(fiscalCode: $cf) {
        person { servicePactActive servicePactState } householdMembers { fiscalCode servicePactActive }
      } }`,
      { cf: fixture.child.fiscalCode },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.employmentStatusCheck.person).toEqual({ servicePactActive: false, servicePactState: null });
    expect(res.data!.employmentStatusCheck.householdMembers).toEqual([{ fiscalCode: fixture.applicant.fiscalCode, servicePactActive: true }]);
  });

  it('stores the service-point directory, which places the pacts in the territory of their job centre', async () => {
    const entries = await graph.em().find(ServicePointDirectoryEntry, {}, { orderBy: { code: 'asc' } });
    expect(entries.map((e) => ({ code: e.code, kind: e.kind, municipality: e.municipality, province: e.province }))).toEqual([
      { code: 'CPI_MI_01', kind: 'JOB_CENTRE', municipality: '015146', province: '015' },
      { code: 'CPI_MI_02', kind: 'JOB_CENTRE_DESK', municipality: '015146', province: '015' },
      { code: 'SS_MI_01', kind: 'SOCIAL_SERVICES', municipality: '015146', province: '015' },
    ]);
    const pacts = (territory: string[]) =>
      graph.query<{ servicePacts: { totalCount: number } }>(
        'query($cf: FiscalCode!) { servicePacts(fiscalCode: $cf) { totalCount } }',
        { cf: fixture.applicant.fiscalCode },
        asCaller(jobCentre(territory)),
      );
    expect((await pacts(['015'])).data!.servicePacts.totalCount).toBe(2);
    expect((await pacts(['015146'])).data!.servicePacts.totalCount).toBe(2);
    expect((await pacts(['016'])).data!.servicePacts.totalCount).toBe(0);
  });

  it("stores the do-not-convene decisions on the member of the household, in force, as a social worker records them", async () => {
    const rows = await graph.em().find(ConvocationExclusion, {}, { populate: ['member'] });
    expect(rows.map((x) => [x.id, x.member.workerId, x.fiscalCode, x.reason, x.since, x.endedOn, x.purpose])).toEqual([
      [fixture.data.convocationExclusions[0]!.id, fixture.applicant.workerId, fixture.applicant.fiscalCode, 'CARE_OF_CHILD_UNDER_3', '2024-01-05', null, 'SOCIAL_INCLUSION'],
    ]);
  });

  it('refuses a decision on someone who is not a member of its household, naming the record', async () => {
    const other = await createTestSubgraph(pactsSubgraph);
    try {
      const { data } = smallDataset();
      const bad: Dataset = { ...data, convocationExclusions: [{ ...data.convocationExclusions[0]!, householdId: randomUUID() }] };
      await expect(seedPacts(other.em(), bad)).rejects.toThrow('convocationExclusions[0]');
      expect(await other.em().count(Household, {})).toBe(0);
    } finally {
      await other.close();
    }
  });

  it('makes the seeded households and inclusion pacts readable to the social services of their municipality', async () => {
    const res = await graph.query<{ socialInclusionPact: { household: { id: string } } | null }>(
      'query($id: ID!) { socialInclusionPact(id: $id) { household { id } } }',
      { id: fixture.pais },
      asCaller(socialWorker(['015146'])),
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.socialInclusionPact).toEqual({ household: { id: fixture.householdId } });
  });

  it('refuses a data set with a value outside the enums, naming the record and not the value', async () => {
    const { data } = smallDataset();
    data.servicePacts[0]!.state = 'SOMEWHERE';
    await expect(seedPacts(graph.em(), data)).rejects.toThrow(/servicePacts\[0\]\.state has an unknown value/);
    const point = smallDataset().data;
    point.servicePoints[0]!.kind = 'SOMEWHERE' as never;
    await expect(seedPacts(graph.em(), point)).rejects.toThrow(/servicePoints\[0\]\.kind has an unknown value/);
  });

  it('refuses a GOL pact without a pathway, and writes nothing of that data set', async () => {
    const { data, householdId } = smallDataset();
    data.servicePacts[1]!.golPathway = null;
    await expect(seedPacts(graph.em(), data)).rejects.toThrow(/servicePacts\[1\]/);
    expect(await graph.em().count(Household, { id: householdId })).toBe(0);
  });
});

describe('seedPacts on the generated demo data set', () => {
  let graph: TestSubgraph<PactsLoaders>;
  let data: Dataset;
  beforeAll(async () => {
    graph = await createTestSubgraph(pactsSubgraph, { caller: jobCentre() });
    data = generateDataset({ workers: 300, seed: 7, today: '2025-06-30' });
    await seedPacts(graph.em(), data);
  });
  afterAll(() => graph.close());

  it('places every service pact at a job centre or desk of the directory, so the region sees them all and each province its own', async () => {
    const count = async (territory: string[]) =>
      (await graph.query<{ servicePacts: { totalCount: number } }>('{ servicePacts { totalCount } }', undefined, asCaller(jobCentre(territory)))).data!.servicePacts.totalCount;
    expect(data.servicePacts.length).toBeGreaterThan(0);
    expect(await count(LOMBARDY)).toBe(data.servicePacts.length);
    const byProvince = await Promise.all(LOMBARDY.map((province) => count([province])));
    expect(byProvince.reduce((a, b) => a + b, 0)).toBe(data.servicePacts.length);
  });

  it('gives every inclusion pact social services of the directory, and its municipality to the social workers', async () => {
    const kinds = new Map(data.servicePoints.map((p) => [p.code, p.kind]));
    expect(data.inclusionPacts.every((p) => kinds.get(p.socialServicesCode) === 'SOCIAL_SERVICES')).toBe(true);
    const municipalities = [...new Set(data.inclusionPacts.map((p) => p.municipality))];
    const counts = await Promise.all(
      municipalities.map(async (m) =>
        (await graph.query<{ socialInclusionPacts: { totalCount: number } }>('{ socialInclusionPacts { totalCount } }', undefined, asCaller(socialWorker([m])))).data!
          .socialInclusionPacts.totalCount,
      ),
    );
    expect(counts.reduce((a, b) => a + b, 0)).toBe(data.inclusionPacts.length);
  });
});

describe('seedPacts handles a data set of a few thousand rows', () => {
  let graph: TestSubgraph<PactsLoaders>;
  beforeAll(async () => {
    graph = await createTestSubgraph(pactsSubgraph);
  });
  afterAll(() => graph.close());

  it('stores every row, in batches larger than one insert can take', async () => {
    const households = Array.from({ length: 600 }, (_, h) => ({
      id: randomUUID(),
      municipality: '015146',
      members: [0, 1, 2].map((m) => ({ workerId: randomUUID(), fiscalCode: fiscalCode(h * 3 + m + 1), relation: m === 0 ? 'APPLICANT' : 'CHILD' })),
    }));
    const members = households.flatMap((h) => h.members);
    const data: Dataset = {
      ...EMPTY,
      households,
      servicePacts: members.map((m, i) => ({
        id: randomUUID(), workerId: m.workerId, fiscalCode: m.fiscalCode, didId: null, jobCentreCode: 'CPI_MI_01',
        programme: i % 2 ? 'ADI' : 'GOL', golPathway: i % 2 ? null : 'JOB_REINTEGRATION', state: 'SIGNED',
        proposedOn: '2024-01-10', signedOn: '2024-01-11', endedOn: null, stateDate: '2024-01-11',
      })),
      inclusionPacts: households.map((h) => ({
        id: randomUUID(), householdId: h.id, municipality: '015146', socialServicesCode: 'SS_MI_01', state: 'TO_CONVENE',
        padSignedOn: '2024-01-05', signedOn: null, stateDate: '2024-01-05',
      })),
    };
    await seedPacts(graph.em(), data);
    const em = graph.em();
    expect(await em.count(Household, {})).toBe(600);
    expect(await em.count(HouseholdMember, {})).toBe(1800);
    expect(await em.count(ServicePact, {})).toBe(1800);
    expect(await em.count(ServicePactStateChange, {})).toBe(1800);
    expect(await em.count(SocialInclusionPact, {})).toBe(600);
    expect(await em.count(SocialInclusionPactStateChange, {})).toBe(600);
  });
});
