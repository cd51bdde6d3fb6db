import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workersSubgraph } from '../../../subgraphs/workers';
import { AvailabilityDeclaration, DidChannel, DidStatus } from '../../../subgraphs/workers/availability/availability.entity';
import { type WorkersLoaders } from '../../../subgraphs/workers/loaders';
import { Worker } from '../../../subgraphs/workers/worker/worker.entity';
import { person } from '../../utils/people';
import { createTestSubgraph, type TestSubgraph } from '../../utils/subgraph';
import { addDirectory, REGIONAL_CPI } from './support';

const ENTITIES = `query($representations: [_Any!]!) {
  _entities(representations: $representations) {
    __typename
    ... on Worker { id fiscalCode lastName }
    ... on AvailabilityDeclaration { id status }
    ... on PersonStatus { checkedFiscalCode: fiscalCode availabilityDeclarationActive availabilityDeclarationStatus availabilityDeclarationStatusDate }
  }
}`;

describe('workers entities through _entities', () => {
  let graph: TestSubgraph<WorkersLoaders>;
  const withDid = person(1);
  const without = person(2);
  let workerId = '';
  let didId = '';

  beforeAll(async () => {
    graph = await createTestSubgraph(workersSubgraph, { caller: REGIONAL_CPI });
    await addDirectory(graph.em());
    const em = graph.em();
    const worker = em.create(Worker, withDid as Worker);
    em.create(Worker, without as Worker);
    const did = em.create(AvailabilityDeclaration, {
      worker, declaredOn: '2025-01-10', channel: DidChannel.JOB_CENTRE, status: DidStatus.VALIDATED, statusDate: '2025-02-01', jobCentre: 'CPI-015-MILANO',
    });
    await em.flush();
    workerId = worker.id;
    didId = did.id;
  });
  afterAll(() => graph.close());

  it('resolves Worker by id and by fiscal code, and null for unknown keys', async () => {
    const res = await graph.query<{ _entities: ({ id: string; lastName: string } | null)[] }>(ENTITIES, {
      representations: [
        { __typename: 'Worker', id: workerId },
        { __typename: 'Worker', fiscalCode: without.fiscalCode },
        { __typename: 'Worker', id: '00000000-0000-4000-8000-000000000000' },
        { __typename: 'Worker', fiscalCode: 'RSSMRA85T10A562S' },
        { __typename: 'Worker', id: 'not-a-uuid' },
      ],
    });
    expect(res.errors).toBeUndefined();
    expect(res.data!._entities[0]?.lastName).toBe(withDid.lastName);
    expect(res.data!._entities[1]?.lastName).toBe(without.lastName);
    expect(res.data!._entities.slice(2)).toEqual([null, null, null]);
  });

  it('never returns invented fields of a representation as data', async () => {
    const res = await graph.query<{ _entities: ({ lastName: string } | null)[] }>(ENTITIES, {
      representations: [{ __typename: 'Worker', id: workerId, lastName: 'Invented' }],
    });
    expect(res.data!._entities[0]?.lastName).toBe(withDid.lastName);
  });

  it('resolves AvailabilityDeclaration by id', async () => {
    const res = await graph.query<{ _entities: ({ status: string } | null)[] }>(ENTITIES, {
      representations: [{ __typename: 'AvailabilityDeclaration', id: didId }],
    });
    expect(res.data!._entities[0]?.status).toBe('VALIDATED');
  });

  it('answers the DID side of PersonStatus for a holder and a non-holder; an unknown person is no entity', async () => {
    const res = await graph.query<{ _entities: ({ availabilityDeclarationActive: boolean; availabilityDeclarationStatus: string | null; availabilityDeclarationStatusDate: string | null } | null)[] }>(ENTITIES, {
      representations: [
        { __typename: 'PersonStatus', fiscalCode: withDid.fiscalCode },
        { __typename: 'PersonStatus', fiscalCode: without.fiscalCode },
        { __typename: 'PersonStatus', fiscalCode: 'RSSMRA85T10A562S' },
      ],
    });
    expect(res.errors).toBeUndefined();
    expect(res.data!._entities[0]).toMatchObject({ availabilityDeclarationActive: true, availabilityDeclarationStatus: 'VALIDATED', availabilityDeclarationStatusDate: '2025-02-01' });
    expect(res.data!._entities[1]).toMatchObject({ availabilityDeclarationActive: false, availabilityDeclarationStatus: null });
    // Since the access policy, a person the workers subgraph cannot show (unknown, or outside
    // the caller's scope) resolves to null: the two cases cannot be told apart.
    expect(res.data!._entities[2]).toBeNull();
  });
});
