import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  INCLUSION_PACT_TRANSITIONS,
  InclusionPactState,
  SocialInclusionPact,
  SocialInclusionPactStateChange,
} from '../../../subgraphs/pacts/inclusion-pact/inclusion-pact.entity';
import { type PactsLoaders } from '../../../subgraphs/pacts/loaders';
import { type TestSubgraph } from '../../utils/subgraph';
import { createPactsGraph, errorCode, newPerson, socialWorker, storeHousehold, storeInclusionPact } from './support';

const PACT_FIELDS = 'id state padSignedOn signedOn stateDate household { id } socialServices { code } history { fromState toState effectiveOn reason }';
const CREATE = `mutation($input: CreateSocialInclusionPactInput!) { createSocialInclusionPact(input: $input) { ${PACT_FIELDS} } }`;
const CHANGE = `mutation($input: ChangeSocialInclusionPactStateInput!) { changeSocialInclusionPactState(input: $input) { ${PACT_FIELDS} } }`;

interface Pact {
  id: string;
  state: string;
  padSignedOn: string;
  signedOn: string | null;
  stateDate: string;
  household: { id: string };
  socialServices: { code: string };
  history: { fromState: string | null; toState: string; effectiveOn: string; reason: string }[];
}

const ALL_STATES = Object.values(InclusionPactState);
const MOVES = ALL_STATES.flatMap((from) => ALL_STATES.map((to) => ({ from, to, legal: INCLUSION_PACT_TRANSITIONS[from].includes(to) })));

describe('the social inclusion pact (PaIS) state machine', () => {
  let graph: TestSubgraph<PactsLoaders>;
  beforeAll(async () => {
    graph = await createPactsGraph(socialWorker());
  });
  afterAll(() => graph.close());

  const household = () => storeHousehold(graph.em(), [{ person: newPerson() }]);
  const stored = async (id: string) => {
    const em = graph.em();
    const pact = await em.findOneOrFail(SocialInclusionPact, id);
    return { state: pact.state, stateDate: pact.stateDate, signedOn: pact.signedOn ?? null, changes: await em.count(SocialInclusionPactStateChange, { pact: id }) };
  };

  it('has exactly the transitions of PaisState (domain.md §13.4), the in-depth analysis being optional', () => {
    expect(INCLUSION_PACT_TRANSITIONS).toEqual({
      TO_CONVENE: ['PRELIMINARY_ANALYSIS'],
      PRELIMINARY_ANALYSIS: ['ANALYSIS_FRAMEWORK', 'SIGNED'],
      ANALYSIS_FRAMEWORK: ['SIGNED'],
      SIGNED: ['MONITORING'],
      MONITORING: ['COMPLETED', 'LAPSED'],
      COMPLETED: [],
      LAPSED: [],
    });
  });

  it('opens a pact TO_CONVENE from the PAD date, then follows it to COMPLETED with a dated history', async () => {
    const home = await household();
    const created = await graph.query<{ createSocialInclusionPact: Pact }>(CREATE, {
      input: { householdId: home.id, municipality: '015146', socialServicesCode: 'SS_MI_01', padSignedOn: '2024-02-01' },
    });
    expect(created.errors).toBeUndefined();
    const pact = created.data!.createSocialInclusionPact;
    expect(pact).toMatchObject({ state: 'TO_CONVENE', padSignedOn: '2024-02-01', stateDate: '2024-02-01', signedOn: null, household: { id: home.id }, socialServices: { code: 'SS_MI_01' } });

    const steps: [string, string][] = [
      ['PRELIMINARY_ANALYSIS', '2024-03-01'],
      ['ANALYSIS_FRAMEWORK', '2024-03-20'],
      ['SIGNED', '2024-04-10'],
      ['MONITORING', '2024-04-11'],
      ['COMPLETED', '2025-04-10'],
    ];
    let last: Pact = pact;
    for (const [state, effectiveOn] of steps) {
      const res = await graph.query<{ changeSocialInclusionPactState: Pact }>(CHANGE, { input: { id: pact.id, state, effectiveOn, reason: 'case manager' } });
      expect(res.errors).toBeUndefined();
      last = res.data!.changeSocialInclusionPactState;
    }
    expect(last).toMatchObject({ state: 'COMPLETED', stateDate: '2025-04-10', signedOn: '2024-04-10' });
    expect(last.history.map((h) => [h.fromState, h.toState, h.effectiveOn])).toEqual([
      [null, 'TO_CONVENE', '2024-02-01'],
      ['TO_CONVENE', 'PRELIMINARY_ANALYSIS', '2024-03-01'],
      ['PRELIMINARY_ANALYSIS', 'ANALYSIS_FRAMEWORK', '2024-03-20'],
      ['ANALYSIS_FRAMEWORK', 'SIGNED', '2024-04-10'],
      ['SIGNED', 'MONITORING', '2024-04-11'],
      ['MONITORING', 'COMPLETED', '2025-04-10'],
    ]);
  });

  describe.each(MOVES.filter((m) => m.legal))('allows $from to $to', ({ from, to }) => {
    it('moves the pact and records the change', async () => {
      const pact = await storeInclusionPact(graph.em(), await household(), { state: from, stateDate: '2024-03-01' });
      const res = await graph.query(CHANGE, { input: { id: pact.id, state: to, effectiveOn: '2024-04-01', reason: 'case manager' } });
      expect(res.errors).toBeUndefined();
      expect(await stored(pact.id)).toEqual({
        state: to,
        stateDate: '2024-04-01',
        signedOn: to === InclusionPactState.SIGNED ? '2024-04-01' : null,
        changes: 2,
      });
    });
  });

  describe.each(MOVES.filter((m) => !m.legal))('refuses $from to $to', ({ from, to }) => {
    it('with a CONFLICT naming both states, and writes nothing', async () => {
      const pact = await storeInclusionPact(graph.em(), await household(), { state: from, stateDate: '2024-03-01' });
      const before = await stored(pact.id);
      const res = await graph.query(CHANGE, { input: { id: pact.id, state: to, effectiveOn: '2024-04-01', reason: 'case manager' } });
      expect(errorCode(res)).toBe('CONFLICT');
      expect(res.errors?.[0]?.extensions).toMatchObject({ currentState: from, requestedState: to });
      expect(await stored(pact.id)).toEqual(before);
    });
  });

  it('refuses a second open pact for the same household, and writes nothing', async () => {
    const home = await household();
    await storeInclusionPact(graph.em(), home, { state: InclusionPactState.MONITORING });
    const res = await graph.query(CREATE, { input: { householdId: home.id, municipality: '015146', socialServicesCode: 'SS_MI_01', padSignedOn: '2024-05-01' } });
    expect(errorCode(res)).toBe('CONFLICT');
    expect(await graph.em().count(SocialInclusionPact, { household: home.id })).toBe(1);
  });

  it('opens a new pact once the previous one has ended', async () => {
    const home = await household();
    await storeInclusionPact(graph.em(), home, { state: InclusionPactState.LAPSED });
    const res = await graph.query(CREATE, { input: { householdId: home.id, municipality: '015146', socialServicesCode: 'SS_MI_01', padSignedOn: '2024-05-01' } });
    expect(res.errors).toBeUndefined();
    expect(await graph.em().count(SocialInclusionPact, { household: home.id })).toBe(2);
  });

  it('answers NOT_FOUND for a pact that does not exist', async () => {
    const res = await graph.query(CHANGE, { input: { id: randomUUID(), state: 'SIGNED', effectiveOn: '2024-04-01', reason: 'x' } });
    expect(errorCode(res)).toBe('NOT_FOUND');
  });
});
