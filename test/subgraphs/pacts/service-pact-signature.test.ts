import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PactsLoaders } from '../../../subgraphs/pacts/loaders';
import {
  GolPathway,
  ServicePact,
  ServicePactProgramme,
  ServicePactState,
  ServicePactStateChange,
} from '../../../subgraphs/pacts/service-pact/service-pact.entity';
import { REPLACED_BY_NEW_PACT } from '../../../subgraphs/pacts/service-pact/service-pact.service';
import { asCaller } from '../../utils/callers';
import { type TestSubgraph } from '../../utils/subgraph';
import { createPactsGraph, errorCode, jobCentre, newPerson, problemsOf, storePact } from './support';

const SIGN = `mutation($input: SignServicePactInput!) { signServicePact(input: $input) { id state signedOn } }`;
const WORKER = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Worker { servicePacts { id state } } } }`;

describe('signing a service pact closes the previous active pact of the same programme', () => {
  let graph: TestSubgraph<PactsLoaders>;
  beforeAll(async () => {
    graph = await createPactsGraph(jobCentre());
  });
  afterAll(() => graph.close());

  const load = async (id: string) => {
    const em = graph.em();
    const pact = await em.findOneOrFail(ServicePact, id);
    const history = await em.find(ServicePactStateChange, { pact: id }, { orderBy: { effectiveOn: 'asc', recordedAt: 'asc' } });
    return { pact, history };
  };

  it('completes the active pact of the same programme on the signature date, in the same operation', async () => {
    const person = newPerson();
    const old = await storePact(graph.em(), { person, state: ServicePactState.IN_PROGRESS, proposedOn: '2023-01-10', stateDate: '2023-02-01' });
    const next = await storePact(graph.em(), { person, state: ServicePactState.PROPOSED, proposedOn: '2024-03-01' });

    const res = await graph.query<{ signServicePact: { state: string } }>(SIGN, { input: { id: next.id, signedOn: '2024-03-05' } });
    expect(res.errors).toBeUndefined();
    expect(res.data!.signServicePact.state).toBe('SIGNED');

    const closed = await load(old.id);
    expect(closed.pact).toMatchObject({ state: ServicePactState.COMPLETED, endedOn: '2024-03-05', stateDate: '2024-03-05' });
    expect(closed.history.at(-1)).toMatchObject({
      fromState: ServicePactState.IN_PROGRESS,
      toState: ServicePactState.COMPLETED,
      effectiveOn: '2024-03-05',
      reason: REPLACED_BY_NEW_PACT,
    });

    const listed = await graph.query<{ _entities: { servicePacts: { id: string; state: string }[] }[] }>(WORKER, {
      reps: [{ __typename: 'Worker', id: person.workerId }],
    });
    expect(listed.data!._entities[0]!.servicePacts).toEqual([
      { id: next.id, state: 'SIGNED' },
      { id: old.id, state: 'COMPLETED' },
    ]);
  });

  it('also closes a pact that is signed but not yet in progress', async () => {
    const person = newPerson();
    const old = await storePact(graph.em(), { person, state: ServicePactState.SIGNED, proposedOn: '2024-01-10', signedOn: '2024-01-12' });
    const next = await storePact(graph.em(), { person, state: ServicePactState.PROPOSED, proposedOn: '2024-02-01' });
    const res = await graph.query(SIGN, { input: { id: next.id, signedOn: '2024-02-02' } });
    expect(res.errors).toBeUndefined();
    expect((await load(old.id)).pact).toMatchObject({ state: ServicePactState.COMPLETED, endedOn: '2024-02-02' });
  });

  it('closes the active pact of the same programme held by a job centre outside the territory, which stays out of sight', async () => {
    const person = newPerson();
    const elsewhere = await storePact(graph.em(), { person, state: ServicePactState.IN_PROGRESS, proposedOn: '2023-01-10', stateDate: '2023-02-01', jobCentreCode: 'CPI_BG_01' });
    const next = await storePact(graph.em(), { person, state: ServicePactState.PROPOSED, proposedOn: '2024-03-01', jobCentreCode: 'CPI_MI_01' });
    const milan = asCaller(jobCentre(['015']));

    const res = await graph.query(SIGN, { input: { id: next.id, signedOn: '2024-03-05' } }, milan);
    expect(res.errors).toBeUndefined();
    // One active pact per person and programme, whoever holds the other one.
    expect((await load(elsewhere.id)).pact).toMatchObject({ state: ServicePactState.COMPLETED, endedOn: '2024-03-05' });
    const listed = await graph.query<{ _entities: { servicePacts: { id: string; state: string }[] }[] }>(
      WORKER,
      { reps: [{ __typename: 'Worker', id: person.workerId }] },
      milan,
    );
    expect(listed.data!._entities[0]!.servicePacts).toEqual([{ id: next.id, state: 'SIGNED' }]);
  });

  it('leaves alone the pacts of other programmes, ended pacts, other proposals and other people', async () => {
    const person = newPerson();
    const other = newPerson();
    const gol = await storePact(graph.em(), {
      person,
      programme: ServicePactProgramme.GOL,
      golPathway: GolPathway.UPSKILLING,
      state: ServicePactState.IN_PROGRESS,
      stateDate: '2024-01-20',
    });
    const interrupted = await storePact(graph.em(), { person, state: ServicePactState.INTERRUPTED, stateDate: '2023-12-01', proposedOn: '2023-06-01' });
    const otherProposal = await storePact(graph.em(), { person, state: ServicePactState.PROPOSED, proposedOn: '2024-02-10' });
    const someoneElse = await storePact(graph.em(), { person: other, state: ServicePactState.IN_PROGRESS, stateDate: '2024-01-20' });
    const next = await storePact(graph.em(), { person, state: ServicePactState.PROPOSED, proposedOn: '2024-02-15' });

    const res = await graph.query(SIGN, { input: { id: next.id, signedOn: '2024-02-20' } });
    expect(res.errors).toBeUndefined();
    expect((await load(gol.id)).pact.state).toBe(ServicePactState.IN_PROGRESS);
    expect((await load(interrupted.id)).pact).toMatchObject({ state: ServicePactState.INTERRUPTED, stateDate: '2023-12-01' });
    expect((await load(otherProposal.id)).pact.state).toBe(ServicePactState.PROPOSED);
    expect((await load(someoneElse.id)).pact.state).toBe(ServicePactState.IN_PROGRESS);
  });

  it('closes nothing and signs nothing when the signature is refused', async () => {
    const person = newPerson();
    const old = await storePact(graph.em(), { person, state: ServicePactState.IN_PROGRESS, proposedOn: '2023-01-10', stateDate: '2024-02-10' });
    const next = await storePact(graph.em(), { person, state: ServicePactState.PROPOSED, proposedOn: '2024-01-01' });

    const res = await graph.query(SIGN, { input: { id: next.id, signedOn: '2024-02-01' } });
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
    expect(problemsOf(res)).toEqual([{ path: 'input.signedOn', message: 'must not be before the state date of the active pact it closes' }]);
    expect((await load(old.id)).pact.state).toBe(ServicePactState.IN_PROGRESS);
    expect((await load(old.id)).history).toHaveLength(1);
    expect((await load(next.id)).pact).toMatchObject({ state: ServicePactState.PROPOSED, signedOn: null });
    expect((await load(next.id)).history).toHaveLength(1);
  });

  it('refuses a signature dated before the proposal or in the future', async () => {
    const next = await storePact(graph.em(), { person: newPerson(), state: ServicePactState.PROPOSED, proposedOn: '2024-03-01' });
    const early = await graph.query(SIGN, { input: { id: next.id, signedOn: '2024-02-28' } });
    expect(problemsOf(early)).toEqual([{ path: 'input.signedOn', message: 'must not be before the date of the proposal' }]);
    const future = await graph.query(SIGN, { input: { id: next.id, signedOn: '2999-01-01' } });
    expect(problemsOf(future)).toEqual([{ path: 'input.signedOn', message: 'must not be in the future' }]);
    expect((await load(next.id)).pact.state).toBe(ServicePactState.PROPOSED);
  });
});
