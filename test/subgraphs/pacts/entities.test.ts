import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InclusionPactState } from '../../../subgraphs/pacts/inclusion-pact/inclusion-pact.entity';
import { type PactsLoaders } from '../../../subgraphs/pacts/loaders';
import { ServicePactProgramme, ServicePactState } from '../../../subgraphs/pacts/service-pact/service-pact.entity';
import { type Caller } from '../../../subgraphs/lib/identity';
import { asCaller } from '../../utils/callers';
import { type TestSubgraph } from '../../utils/subgraph';
import { citizen, createPactsGraph, jobCentre, newPerson, type Person, socialWorker, storeHousehold, storeInclusionPact, storePact } from './support';

/** Social services of the municipality of the household of these tests. */
const SOCIAL = socialWorker(['017029']);

/** What each test asks of its entity type (one type per query: the types share field names of different types). */
const SELECTIONS: Record<string, string> = {
  ServicePact: 'id programme state fiscalCode worker { id } jobCentre { code }',
  Household: 'id municipality members { fiscalCode relation worker { id } }',
  SocialInclusionPact: 'id state household { id } socialServices { code }',
  PersonStatus: 'fiscalCode servicePactActive servicePactState servicePactStateDate',
  Worker: 'id servicePacts { id } household { id }',
};

type Entity = Record<string, unknown> | null;

describe('pacts entities resolve through _entities', () => {
  let graph: TestSubgraph<PactsLoaders>;
  let applicant: Person;
  let child: Person;
  let pactId: string;
  let householdId: string;
  let inclusionPactId: string;

  /** `_entities` as `caller` (by default a job-centre operator of the whole region). */
  const entities = async (representations: ({ __typename: string } & Record<string, string>)[], caller?: Caller, selection?: string): Promise<Entity[]> => {
    const typename = representations[0]!.__typename;
    const query = `query($representations: [_Any!]!) {
      _entities(representations: $representations) { __typename ... on ${typename} { ${selection ?? SELECTIONS[typename]} } }
    }`;
    const res = await graph.query<{ _entities: Entity[] }>(query, { representations }, caller ? asCaller(caller) : undefined);
    expect(res.errors).toBeUndefined();
    return res.data!._entities;
  };

  beforeAll(async () => {
    graph = await createPactsGraph(jobCentre());
    applicant = newPerson();
    child = newPerson();
    const em = graph.em();
    pactId = (await storePact(em, { person: applicant, state: ServicePactState.IN_PROGRESS, programme: ServicePactProgramme.ADI, stateDate: '2024-02-01' })).id;
    const household = await storeHousehold(em, [{ person: applicant }, { person: child }], '017029');
    householdId = household.id;
    inclusionPactId = (await storeInclusionPact(em, household, { state: InclusionPactState.SIGNED })).id;
  });
  afterAll(() => graph.close());

  it('declares the keys of the entities it owns and of those it extends', () => {
    const sdl = graph.runtime.schema.sdl;
    expect(sdl).toMatch(/type ServicePact\s+@key\(fields: "id"\)/);
    expect(sdl).toMatch(/type Household\s+@key\(fields: "id"\)/);
    expect(sdl).toMatch(/type SocialInclusionPact\s+@key\(fields: "id"\)/);
    expect(sdl).toMatch(/type PersonStatus\s+@key\(fields: "fiscalCode"\)/);
    expect(sdl).toMatch(/type Worker\s+@key\(fields: "id"\)\s*\{/);
    expect(sdl).toMatch(/type ServicePoint\s+@key\(fields: "code", resolvable: false\)/);
  });

  it('resolves a ServicePact by id, and null for an unknown or malformed id', async () => {
    const [found, unknown, malformed] = await entities([
      { __typename: 'ServicePact', id: pactId },
      { __typename: 'ServicePact', id: randomUUID() },
      { __typename: 'ServicePact', id: 'not-a-uuid' },
    ]);
    expect(found).toEqual({
      __typename: 'ServicePact',
      id: pactId,
      programme: 'ADI',
      state: 'IN_PROGRESS',
      fiscalCode: applicant.fiscalCode,
      worker: { id: applicant.workerId },
      jobCentre: { code: 'CPI_MI_01' },
    });
    expect(unknown).toBeNull();
    expect(malformed).toBeNull();
  });

  it('resolves a Household by id with its members, and null for an unknown id', async () => {
    const [found, unknown] = await entities(
      [
        { __typename: 'Household', id: householdId },
        { __typename: 'Household', id: randomUUID() },
      ],
      SOCIAL,
    );
    expect(found).toEqual({
      __typename: 'Household',
      id: householdId,
      municipality: '017029',
      members: [
        { fiscalCode: applicant.fiscalCode, relation: 'APPLICANT', worker: { id: applicant.workerId } },
        { fiscalCode: child.fiscalCode, relation: 'CHILD', worker: { id: child.workerId } },
      ],
    });
    expect(unknown).toBeNull();
  });

  it('resolves a SocialInclusionPact by id, and null for an unknown id', async () => {
    const [found, unknown] = await entities(
      [
        { __typename: 'SocialInclusionPact', id: inclusionPactId },
        { __typename: 'SocialInclusionPact', id: randomUUID() },
      ],
      SOCIAL,
    );
    expect(found).toEqual({
      __typename: 'SocialInclusionPact',
      id: inclusionPactId,
      state: 'SIGNED',
      household: { id: householdId },
      socialServices: { code: 'SS_MI_01' },
    });
    expect(unknown).toBeNull();
  });

  it('resolves a PersonStatus by fiscal code; an unknown code is null for a job centre, a person with no active pact for the person', async () => {
    const stranger = newPerson();
    const [known, unknown] = await entities([
      { __typename: 'PersonStatus', fiscalCode: applicant.fiscalCode },
      { __typename: 'PersonStatus', fiscalCode: stranger.fiscalCode },
    ]);
    expect(known).toEqual({
      __typename: 'PersonStatus',
      fiscalCode: applicant.fiscalCode,
      servicePactActive: true,
      servicePactState: 'IN_PROGRESS',
      servicePactStateDate: '2024-02-01',
    });
    // Unknown to the pacts: no pact or household in the job centre's territory, so no row.
    expect(unknown).toBeNull();
    const [themselves] = await entities([{ __typename: 'PersonStatus', fiscalCode: stranger.fiscalCode }], citizen(stranger));
    expect(themselves).toEqual({
      __typename: 'PersonStatus',
      fiscalCode: stranger.fiscalCode,
      servicePactActive: false,
      servicePactState: null,
      servicePactStateDate: null,
    });
  });

  it('resolves the Worker stub: its pacts and household for a known id, empty for an unknown one', async () => {
    const unknownId = randomUUID();
    const reps = [
      { __typename: 'Worker', id: applicant.workerId },
      { __typename: 'Worker', id: unknownId },
    ];
    // A job centre reads the pacts, social services the household: each stub exists, with what their scopes hold.
    const [pacts, noPacts] = await entities(reps, jobCentre(), 'id servicePacts { id }');
    expect(pacts).toEqual({ __typename: 'Worker', id: applicant.workerId, servicePacts: [{ id: pactId }] });
    expect(noPacts).toEqual({ __typename: 'Worker', id: unknownId, servicePacts: [] });
    const [home, noHome] = await entities(reps, SOCIAL, 'id household { id }');
    expect(home).toEqual({ __typename: 'Worker', id: applicant.workerId, household: { id: householdId } });
    expect(noHome).toEqual({ __typename: 'Worker', id: unknownId, household: null });
    // The person sees both on their own stub; another id is not theirs, so no row.
    const [own, other] = await entities(reps, citizen(applicant));
    expect(own).toEqual({ __typename: 'Worker', id: applicant.workerId, servicePacts: [{ id: pactId }], household: { id: householdId } });
    expect(other).toBeNull();
  });
});
