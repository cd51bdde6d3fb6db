import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PactsLoaders } from '../../../subgraphs/pacts/loaders';
import {
  SERVICE_PACT_TRANSITIONS,
  ServicePact,
  ServicePactState,
  ServicePactStateChange,
} from '../../../subgraphs/pacts/service-pact/service-pact.entity';
import { type TestSubgraph } from '../../utils/subgraph';
import { createPactsGraph, errorCode, jobCentre, newPerson, problemsOf, storePact } from './support';

const PACT_FIELDS = 'id state active proposedOn signedOn endedOn stateDate history { fromState toState effectiveOn reason }';
const CREATE = `mutation($input: CreateServicePactInput!) { createServicePact(input: $input) { ${PACT_FIELDS} } }`;
const SIGN = `mutation($input: SignServicePactInput!) { signServicePact(input: $input) { ${PACT_FIELDS} } }`;
const CHANGE = `mutation($input: ChangeServicePactStateInput!) { changeServicePactState(input: $input) { ${PACT_FIELDS} } }`;

interface Pact {
  id: string;
  state: string;
  active: boolean;
  proposedOn: string;
  signedOn: string | null;
  endedOn: string | null;
  stateDate: string;
  history: { fromState: string | null; toState: string; effectiveOn: string; reason: string }[];
}

const ALL_STATES = Object.values(ServicePactState);
/** Every move changeServicePactState may be asked for (signing has its own mutation). */
const MOVES = ALL_STATES.flatMap((from) =>
  ALL_STATES.filter((to) => to !== ServicePactState.SIGNED).map((to) => ({ from, to, legal: SERVICE_PACT_TRANSITIONS[from].includes(to) })),
);
const FINAL = [ServicePactState.COMPLETED, ServicePactState.INTERRUPTED, ServicePactState.LAPSED, ServicePactState.CANCELLED];

describe('the service pact state machine', () => {
  let graph: TestSubgraph<PactsLoaders>;
  beforeAll(async () => {
    graph = await createPactsGraph(jobCentre());
  });
  afterAll(() => graph.close());

  const stored = async (id: string) => {
    const em = graph.em();
    const pact = await em.findOneOrFail(ServicePact, id);
    const changes = await em.count(ServicePactStateChange, { pact: id });
    return { state: pact.state, stateDate: pact.stateDate, endedOn: pact.endedOn ?? null, changes };
  };

  it('has exactly the transitions of PactState (domain.md §13.4)', () => {
    expect(SERVICE_PACT_TRANSITIONS).toEqual({
      PROPOSED: ['SIGNED', 'CANCELLED'],
      SIGNED: ['IN_PROGRESS', 'CANCELLED'],
      IN_PROGRESS: ['COMPLETED', 'INTERRUPTED', 'LAPSED', 'CANCELLED'],
      COMPLETED: [],
      INTERRUPTED: [],
      LAPSED: [],
      CANCELLED: [],
    });
  });

  it('follows PROPOSED, SIGNED, IN_PROGRESS, COMPLETED with a dated history and active only while signed or in progress', async () => {
    const person = newPerson();
    const created = await graph.query<{ createServicePact: Pact }>(CREATE, {
      input: { workerId: person.workerId, fiscalCode: person.fiscalCode, jobCentreCode: 'CPI_MI_01', programme: 'ORDINARY', proposedOn: '2024-01-10' },
    });
    expect(created.errors).toBeUndefined();
    const id = created.data!.createServicePact.id;
    expect(created.data!.createServicePact).toMatchObject({ state: 'PROPOSED', active: false, stateDate: '2024-01-10', signedOn: null, endedOn: null });

    const signed = await graph.query<{ signServicePact: Pact }>(SIGN, { input: { id, signedOn: '2024-01-15' } });
    expect(signed.errors).toBeUndefined();
    expect(signed.data!.signServicePact).toMatchObject({ state: 'SIGNED', active: true, signedOn: '2024-01-15', stateDate: '2024-01-15', endedOn: null });

    const started = await graph.query<{ changeServicePactState: Pact }>(CHANGE, {
      input: { id, state: 'IN_PROGRESS', effectiveOn: '2024-02-01', reason: 'first workshop attended' },
    });
    expect(started.errors).toBeUndefined();
    expect(started.data!.changeServicePactState).toMatchObject({ state: 'IN_PROGRESS', active: true, endedOn: null });

    const completed = await graph.query<{ changeServicePactState: Pact }>(CHANGE, {
      input: { id, state: 'COMPLETED', effectiveOn: '2024-06-30', reason: '  measures completed  ' },
    });
    expect(completed.errors).toBeUndefined();
    const pact = completed.data!.changeServicePactState;
    expect(pact).toMatchObject({ state: 'COMPLETED', active: false, endedOn: '2024-06-30', stateDate: '2024-06-30', signedOn: '2024-01-15' });
    expect(pact.history.map((h) => [h.fromState, h.toState, h.effectiveOn])).toEqual([
      [null, 'PROPOSED', '2024-01-10'],
      ['PROPOSED', 'SIGNED', '2024-01-15'],
      ['SIGNED', 'IN_PROGRESS', '2024-02-01'],
      ['IN_PROGRESS', 'COMPLETED', '2024-06-30'],
    ]);
    expect(pact.history[3]!.reason).toBe('measures completed');
  });

  describe.each(MOVES.filter((m) => m.legal))('allows $from to $to', ({ from, to }) => {
    it('moves the pact, dates the state, records the change, and ends the pact in a final state', async () => {
      const pact = await storePact(graph.em(), { person: newPerson(), state: from, proposedOn: '2024-01-10', stateDate: '2024-02-01' });
      const res = await graph.query<{ changeServicePactState: Pact }>(CHANGE, {
        input: { id: pact.id, state: to, effectiveOn: '2024-03-01', reason: 'operator decision' },
      });
      expect(res.errors).toBeUndefined();
      expect(res.data!.changeServicePactState).toMatchObject({ state: to, stateDate: '2024-03-01' });
      expect(await stored(pact.id)).toEqual({
        state: to,
        stateDate: '2024-03-01',
        endedOn: FINAL.includes(to) ? '2024-03-01' : null,
        changes: 2,
      });
    });
  });

  describe.each(MOVES.filter((m) => !m.legal))('refuses $from to $to', ({ from, to }) => {
    it('with a CONFLICT naming both states, and writes nothing', async () => {
      const pact = await storePact(graph.em(), { person: newPerson(), state: from, proposedOn: '2024-01-10', stateDate: '2024-02-01' });
      const before = await stored(pact.id);
      const res = await graph.query(CHANGE, { input: { id: pact.id, state: to, effectiveOn: '2024-03-01', reason: 'operator decision' } });
      expect(errorCode(res)).toBe('CONFLICT');
      expect(res.errors?.[0]?.message).toContain(from);
      expect(res.errors?.[0]?.message).toContain(to);
      expect(res.errors?.[0]?.extensions).toMatchObject({ currentState: from, requestedState: to });
      expect(await stored(pact.id)).toEqual(before);
    });
  });

  it.each(ALL_STATES.filter((s) => s !== ServicePactState.PROPOSED))('refuses to sign a pact that is %s, and writes nothing', async (from) => {
    const pact = await storePact(graph.em(), { person: newPerson(), state: from, proposedOn: '2024-01-10', stateDate: '2024-02-01' });
    const before = await stored(pact.id);
    const res = await graph.query(SIGN, { input: { id: pact.id, signedOn: '2024-03-01' } });
    expect(errorCode(res)).toBe('CONFLICT');
    expect(res.errors?.[0]?.extensions).toMatchObject({ currentState: from, requestedState: 'SIGNED' });
    expect(await stored(pact.id)).toEqual(before);
  });

  it('sends signatures to signServicePact rather than changeServicePactState', async () => {
    const pact = await storePact(graph.em(), { person: newPerson(), state: ServicePactState.PROPOSED });
    const before = await stored(pact.id);
    const res = await graph.query(CHANGE, { input: { id: pact.id, state: 'SIGNED', effectiveOn: '2024-03-01', reason: 'signed' } });
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
    expect(problemsOf(res).map((p) => p.path)).toEqual(['input.state']);
    expect(await stored(pact.id)).toEqual(before);
  });

  it('answers NOT_FOUND for a pact that does not exist', async () => {
    const change = await graph.query(CHANGE, { input: { id: randomUUID(), state: 'CANCELLED', effectiveOn: '2024-03-01', reason: 'error' } });
    const sign = await graph.query(SIGN, { input: { id: randomUUID(), signedOn: '2024-03-01' } });
    expect(errorCode(change)).toBe('NOT_FOUND');
    expect(errorCode(sign)).toBe('NOT_FOUND');
  });
});
