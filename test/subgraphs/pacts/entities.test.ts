import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pactsSubgraph } from '../../../subgraphs/pacts';
import { InclusionPactState } from '../../../subgraphs/pacts/inclusion-pact/inclusion-pact.entity';
import { type PactsLoaders } from '../../../subgraphs/pacts/loaders';
import { ServicePactProgramme, ServicePactState } from '../../../subgraphs/pacts/service-pact/service-pact.entity';
import { createTestSubgraph, type TestSubgraph } from '../../utils/subgraph';
import { newPerson, type Person, storeHousehold, storeInclusionPact, storePact } from './support';

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

  const entities = async (representations: ({ __typename: string } & Record<string, string>)[]): Promise<Entity[]> => {
    const typename = representations[0]!.__typename;
    const query = `query($representations: [_Any!]!) {
      _entities(representations: $representations) { __typename ... on ${typename} { ${SELECTIONS[typename]} } }
    }`;
    const res = await graph.query<{ _entities: Entity[] }>(query, { representations });
    expect(res.errors).toBeUndefined();
    return res.data!._entities;
  };

  beforeAll(async () => {
    graph = await createTestSubgraph(pactsSubgraph);
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
    const [found, unknown] = await entities([
      { __typename: 'Household', id: householdId },
      { __typename: 'Household', id: randomUUID() },
    ]);
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
    const [found, unknown] = await entities([
      { __typename: 'SocialInclusionPact', id: inclusionPactId },
      { __typename: 'SocialInclusionPact', id: randomUUID() },
    ]);
    expect(found).toEqual({
      __typename: 'SocialInclusionPact',
      id: inclusionPactId,
      state: 'SIGNED',
      household: { id: householdId },
      socialServices: { code: 'SS_MI_01' },
    });
    expect(unknown).toBeNull();
  });

  it('resolves a PersonStatus by fiscal code; an unknown code is a person with no active pact', async () => {
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
    expect(unknown).toEqual({
      __typename: 'PersonStatus',
      fiscalCode: stranger.fiscalCode,
      servicePactActive: false,
      servicePactState: null,
      servicePactStateDate: null,
    });
  });

  it('resolves the Worker stub: its pacts and household for a known id, empty for an unknown one', async () => {
    const unknownId = randomUUID();
    const [known, unknown] = await entities([
      { __typename: 'Worker', id: applicant.workerId },
      { __typename: 'Worker', id: unknownId },
    ]);
    expect(known).toEqual({ __typename: 'Worker', id: applicant.workerId, servicePacts: [{ id: pactId }], household: { id: householdId } });
    expect(unknown).toEqual({ __typename: 'Worker', id: unknownId, servicePacts: [], household: null });
  });
});
