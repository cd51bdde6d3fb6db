import 'reflect-metadata';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { InclusionPactState, SocialInclusionPact, SocialInclusionPactStateChange } from '../../../subgraphs/pacts/inclusion-pact/inclusion-pact.entity';
import { InclusionPathDeadline, inclusionPathTimers } from '../../../subgraphs/pacts/inclusion-pact/inclusion-path';
import { type PactsLoaders } from '../../../subgraphs/pacts/loaders';
import { asCaller } from '../../utils/callers';
import { type TestSubgraph } from '../../utils/subgraph';
import { createPactsGraph, errorCode, jobCentre, newPerson, socialWorker, storeHousehold, storeInclusionPact } from './support';

const TIMERS = 'state padSignedOn preliminaryAnalysisOn convocationDueOn paisDueOn nextDeadline nextDueOn overdue';
const CREATE = `mutation($input: CreateSocialInclusionPactInput!) { createSocialInclusionPact(input: $input) { id ${TIMERS} } }`;
const CHANGE = `mutation($input: ChangeSocialInclusionPactStateInput!) { changeSocialInclusionPactState(input: $input) { id ${TIMERS} history { toState recordedBy purpose } } }`;
const PACT = `query($id: ID!) { socialInclusionPact(id: $id) { ${TIMERS} } }`;
const WORKLIST = `query($overdueOnly: Boolean, $first: Int, $after: String, $last: Int, $before: String) {
  inclusionPathWorklist(overdueOnly: $overdueOnly, first: $first, after: $after, last: $last, before: $before) {
    totalCount nodes { id nextDeadline nextDueOn overdue } pageInfo { hasNextPage hasPreviousPage endCursor startCursor }
  }
}`;

interface Timers {
  id: string;
  state: string;
  convocationDueOn: string;
  paisDueOn: string;
  nextDeadline: string | null;
  nextDueOn: string | null;
  overdue: boolean;
}
interface Worklist {
  totalCount: number;
  nodes: { id: string; nextDeadline: string; nextDueOn: string; overdue: boolean }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; endCursor: string | null; startCursor: string | null };
}

/** Sets the clock to an instant given in UTC; Rome is UTC+1 in winter, UTC+2 in summer. */
const at = (iso: string) => vi.setSystemTime(new Date(iso));

describe('the timers of the inclusion path (domain.md §8.2)', () => {
  it('counts 60 days from the PAD to the convocation and 120 from the convocation to the PaIS', () => {
    const pad = { state: InclusionPactState.TO_CONVENE, padSignedOn: '2024-02-01', preliminaryAnalysisOn: null };
    expect(inclusionPathTimers(pad, '2024-04-01')).toEqual({
      convocationDueOn: '2024-04-01',
      paisDueOn: '2024-07-30',
      nextDeadline: InclusionPathDeadline.CONVOCATION,
      nextDueOn: '2024-04-01',
      overdue: false,
    });
    expect(inclusionPathTimers(pad, '2024-04-02').overdue).toBe(true);
    const analysed = { state: InclusionPactState.ANALYSIS_FRAMEWORK, padSignedOn: '2024-02-01', preliminaryAnalysisOn: '2024-03-15' };
    expect(inclusionPathTimers(analysed, '2024-07-13')).toMatchObject({ paisDueOn: '2024-07-13', nextDeadline: 'PAIS_SIGNATURE', overdue: false });
    expect(inclusionPathTimers(analysed, '2024-07-14').overdue).toBe(true);
  });

  it('does not extend the PaIS deadline when the convocation was late', () => {
    const late = { state: InclusionPactState.PRELIMINARY_ANALYSIS, padSignedOn: '2024-02-01', preliminaryAnalysisOn: '2024-05-20' };
    expect(inclusionPathTimers(late, '2024-06-01').paisDueOn).toBe('2024-07-30');
  });

  it('has no pending deadline once the PaIS is signed or the path has ended', () => {
    for (const state of [InclusionPactState.SIGNED, InclusionPactState.MONITORING, InclusionPactState.COMPLETED, InclusionPactState.LAPSED]) {
      expect(inclusionPathTimers({ state, padSignedOn: '2020-01-01', preliminaryAnalysisOn: null }, '2026-01-01')).toMatchObject({ nextDeadline: null, nextDueOn: null, overdue: false });
    }
  });
});

describe('a household along its inclusion path, through the API', () => {
  let graph: TestSubgraph<PactsLoaders>;
  beforeAll(async () => {
    graph = await createPactsGraph(socialWorker());
    vi.useFakeTimers({ toFake: ['Date'] });
  });
  afterAll(async () => {
    vi.useRealTimers();
    await graph.close();
  });

  const read = async (id: string) => (await graph.query<{ socialInclusionPact: Timers }>(PACT, { id })).data!.socialInclusionPact;
  const change = async (id: string, state: string, effectiveOn: string) => {
    const res = await graph.query<{ changeSocialInclusionPactState: Timers & { history: { toState: string; recordedBy: string; purpose: string }[] } }>(CHANGE, {
      input: { id, state, effectiveOn, reason: 'case manager' },
    });
    expect(res.errors).toBeUndefined();
    return res.data!.changeSocialInclusionPactState;
  };

  it('is overdue from the day after each deadline on the Italian calendar, and not before', async () => {
    at('2024-02-01T10:00:00Z');
    const home = await storeHousehold(graph.em(), [{ person: newPerson() }]);
    const created = await graph.query<{ createSocialInclusionPact: Timers }>(CREATE, {
      input: { householdId: home.id, municipality: '015146', socialServicesCode: 'SS_MI_01', padSignedOn: '2024-02-01' },
    });
    expect(created.errors).toBeUndefined();
    const id = created.data!.createSocialInclusionPact.id;
    expect(created.data!.createSocialInclusionPact).toMatchObject({ convocationDueOn: '2024-04-01', nextDeadline: 'CONVOCATION', nextDueOn: '2024-04-01', overdue: false });

    at('2024-04-01T21:30:00Z'); // 23:30 in Rome on 1 April: the due day itself
    expect((await read(id)).overdue).toBe(false);
    at('2024-04-01T22:30:00Z'); // 00:30 in Rome on 2 April
    expect(await read(id)).toMatchObject({ overdue: true, nextDeadline: 'CONVOCATION' });

    const analysed = await change(id, 'PRELIMINARY_ANALYSIS', '2024-03-15');
    expect(analysed).toMatchObject({ preliminaryAnalysisOn: '2024-03-15', paisDueOn: '2024-07-13', nextDeadline: 'PAIS_SIGNATURE', nextDueOn: '2024-07-13', overdue: false });
    expect(analysed.history.at(-1)).toEqual({ toState: 'PRELIMINARY_ANALYSIS', recordedBy: 'SOCIAL-WORKER-1', purpose: 'SOCIAL_INCLUSION' });

    at('2024-07-13T21:30:00Z'); // 23:30 in Rome (summer time) on 13 July
    expect((await read(id)).overdue).toBe(false);
    at('2024-07-13T22:30:00Z'); // 00:30 in Rome on 14 July
    expect(await read(id)).toMatchObject({ overdue: true, nextDeadline: 'PAIS_SIGNATURE' });

    expect(await change(id, 'SIGNED', '2024-07-14')).toMatchObject({ state: 'SIGNED', nextDeadline: null, nextDueOn: null, overdue: false });
  });

  it('refuses an illegal move on the path with CONFLICT and writes nothing, not even the analysis date', async () => {
    at('2024-06-01T10:00:00Z');
    const pact = await storeInclusionPact(graph.em(), await storeHousehold(graph.em(), [{ person: newPerson() }]), { padSignedOn: '2024-02-01' });
    const res = await graph.query(CHANGE, { input: { id: pact.id, state: 'SIGNED', effectiveOn: '2024-05-01', reason: 'skip the analysis' } });
    expect(errorCode(res)).toBe('CONFLICT');
    const em = graph.em();
    const stored = await em.findOneOrFail(SocialInclusionPact, pact.id);
    expect([stored.state, stored.preliminaryAnalysisOn ?? null, stored.signedOn ?? null]).toEqual(['TO_CONVENE', null, null]);
    expect(await em.count(SocialInclusionPactStateChange, { pact: pact.id })).toBe(1);
  });
});

describe("the social worker's inclusion-path worklist", () => {
  let graph: TestSubgraph<PactsLoaders>;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    graph = await createPactsGraph(socialWorker());
    const em = graph.em();
    const home = (municipality = '015146') => storeHousehold(em, [{ person: newPerson() }], municipality);
    // Milan: convocation due 10 March (overdue on 15 April), 30 April, PaIS due 19 June; one signed.
    ids.late = (await storeInclusionPact(em, await home(), { padSignedOn: '2024-01-10' })).id;
    ids.soon = (await storeInclusionPact(em, await home(), { padSignedOn: '2024-03-01' })).id;
    ids.analysed = (
      await storeInclusionPact(em, await home(), { state: InclusionPactState.PRELIMINARY_ANALYSIS, padSignedOn: '2024-01-01', preliminaryAnalysisOn: '2024-02-20', stateDate: '2024-02-20' })
    ).id;
    ids.signed = (await storeInclusionPact(em, await home(), { state: InclusionPactState.SIGNED, padSignedOn: '2023-06-01', stateDate: '2023-10-01' })).id;
    // Bergamo: overdue too, but another municipality's.
    ids.bergamo = (await storeInclusionPact(em, await home('016024'), { padSignedOn: '2024-01-05', socialServicesCode: 'SS_BG_01' })).id;
    vi.useFakeTimers({ toFake: ['Date'] });
    at('2024-04-15T10:00:00Z');
  });
  afterAll(async () => {
    vi.useRealTimers();
    await graph.close();
  });

  const worklist = async (variables: Record<string, unknown>, headers?: Record<string, string>) => {
    const res = await graph.query<{ inclusionPathWorklist: Worklist }>(WORKLIST, variables, headers);
    expect(res.errors).toBeUndefined();
    return res.data!.inclusionPathWorklist;
  };

  it('lists the pacts waiting for a deadline, soonest due first, with their overdue flags', async () => {
    const list = await worklist({});
    expect(list.totalCount).toBe(3);
    expect(list.nodes).toEqual([
      { id: ids.late, nextDeadline: 'CONVOCATION', nextDueOn: '2024-03-10', overdue: true },
      { id: ids.soon, nextDeadline: 'CONVOCATION', nextDueOn: '2024-04-30', overdue: false },
      { id: ids.analysed, nextDeadline: 'PAIS_SIGNATURE', nextDueOn: '2024-06-19', overdue: false },
    ]);
  });

  it('gives the overdue ones only when asked', async () => {
    const list = await worklist({ overdueOnly: true });
    expect(list.nodes.map((n) => n.id)).toEqual([ids.late]);
    expect(list.totalCount).toBe(1);
  });

  it('pages forward and backward with stable cursors', async () => {
    const first = await worklist({ first: 2 });
    expect(first.nodes.map((n) => n.id)).toEqual([ids.late, ids.soon]);
    expect(first.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    const second = await worklist({ first: 2, after: first.pageInfo.endCursor });
    expect(second.nodes.map((n) => n.id)).toEqual([ids.analysed]);
    expect(second.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
    const back = await worklist({ last: 1, before: second.pageInfo.startCursor });
    expect(back.nodes.map((n) => n.id)).toEqual([ids.soon]);
    expect(back.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: true });
  });

  it("shows another municipality's social worker only their own pacts", async () => {
    const list = await worklist({}, asCaller(socialWorker(['016024'])));
    expect(list.nodes.map((n) => n.id)).toEqual([ids.bergamo]);
    const none = await worklist({}, asCaller(socialWorker(['017029'])));
    expect(none).toMatchObject({ totalCount: 0, nodes: [] });
  });

  it.each([
    ['a job centre', jobCentre()],
    ['a social worker declaring REFERRAL', socialWorker(['015146'], 'REFERRAL')],
  ])('is FORBIDDEN to %s', async (_who, caller) => {
    const res = await graph.query(WORKLIST, {}, asCaller(caller));
    expect(errorCode(res)).toBe('FORBIDDEN');
  });

  it('keeps the timers from a job centre, which sees the state and dates of the pacts of its territory', async () => {
    const res = await graph.query<{ socialInclusionPact: Record<string, unknown> | null }>(
      'query($id: ID!) { socialInclusionPact(id: $id) { state padSignedOn overdue } }',
      { id: ids.late },
      asCaller(jobCentre(['015'])),
    );
    expect(res.data?.socialInclusionPact).toEqual({ state: 'TO_CONVENE', padSignedOn: '2024-01-10', overdue: null });
    expect(errorCode(res)).toBe('FORBIDDEN');
  });

  it('refuses a cursor that is not one of this list', async () => {
    const res = await graph.query(WORKLIST, { after: 'not-a-cursor' });
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
  });
});
