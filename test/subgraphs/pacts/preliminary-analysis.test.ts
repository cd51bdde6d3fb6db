import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ActivationRouting } from '../../../subgraphs/pacts/activation-routing/activation-routing.entity';
import { DigitalActivationPact } from '../../../subgraphs/pacts/digital-activation-pact/digital-activation-pact.entity';
import { type Household } from '../../../subgraphs/pacts/household/household.entity';
import { InclusionPactState, SocialInclusionPact, SocialInclusionPactStateChange } from '../../../subgraphs/pacts/inclusion-pact/inclusion-pact.entity';
import { type PactsLoaders } from '../../../subgraphs/pacts/loaders';
import { asCaller } from '../../utils/callers';
import { type TestSubgraph } from '../../utils/subgraph';
import { createPactsGraph, errorCode, jobCentre, newPerson, type Person, problemsOf, socialWorker, storeHousehold, storeInclusionPact, storePact } from './support';

const RECORD = `mutation($input: RecordPreliminaryAnalysisInput!) { recordPreliminaryAnalysis(input: $input) {
  state preliminaryAnalysisOn paisDueOn nextDeadline history { toState reason recordedBy purpose }
  activationRoutings { fiscalCode routedOn jobCentre { code } recordedBy purpose } } }`;
const WORKLIST = `query($includeExcluded: Boolean) { activationWorklist(includeExcluded: $includeExcluded) {
  totalCount nodes { fiscalCode routedOn waitingDays jobCentre { code } worker { id } convocationExcluded convocationExclusionReason } } }`;
const RECORD_PAD = `mutation($input: RecordDigitalActivationPactInput!) { recordDigitalActivationPact(input: $input) { signedOn recordedBy purpose } }`;
const SET_EXCLUSION = `mutation($input: SetConvocationExclusionInput!) { setConvocationExclusion(input: $input) { reason } }`;

interface Item {
  fiscalCode: string;
  routedOn: string;
  waitingDays: number;
  jobCentre: { code: string };
  worker: { id: string } | null;
  convocationExcluded: boolean;
  convocationExclusionReason: string | null;
}

describe('the preliminary analysis and the job centre activation worklist', () => {
  let graph: TestSubgraph<PactsLoaders>;
  let able: Person;
  let carer: Person;
  let child: Person;
  let home: Household;
  let pactId: string;
  const cpiMilan = asCaller(jobCentre(['015']));

  beforeAll(async () => {
    graph = await createPactsGraph(socialWorker());
    [able, carer, child] = [newPerson(), newPerson(), newPerson()];
    home = await storeHousehold(graph.em(), [{ person: able }, { person: carer }, { person: child }]);
    pactId = (await storeInclusionPact(graph.em(), home, { padSignedOn: '2024-02-01' })).id;
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2024-05-01T10:00:00Z'));
  });
  afterAll(async () => {
    vi.useRealTimers();
    await graph.close();
  });

  const written = async () => {
    const em = graph.em();
    const pact = await em.findOneOrFail(SocialInclusionPact, pactId);
    return { state: pact.state, on: pact.preliminaryAnalysisOn ?? null, changes: await em.count(SocialInclusionPactStateChange, { pact: pactId }), routings: await em.count(ActivationRouting, {}) };
  };
  const input = (activatable: { fiscalCode: string; jobCentreCode: string }[]) => ({ pactId, effectiveOn: '2024-03-15', reason: 'esito: attivabili al lavoro', activatable });
  const worklist = async (headers = cpiMilan, includeExcluded = false) => {
    const res = await graph.query<{ activationWorklist: { totalCount: number; nodes: Item[] } }>(WORKLIST, { includeExcluded }, headers);
    expect(res.errors).toBeUndefined();
    return res.data!.activationWorklist;
  };

  it("records each member's PAD once, with who recorded it and under which purpose", async () => {
    for (const member of [able, carer]) {
      const res = await graph.query<{ recordDigitalActivationPact: unknown }>(RECORD_PAD, { input: { fiscalCode: member.fiscalCode, signedOn: '2024-02-01' } });
      expect(res.errors).toBeUndefined();
      expect(res.data!.recordDigitalActivationPact).toEqual({ signedOn: '2024-02-01', recordedBy: 'SOCIAL-WORKER-1', purpose: 'SOCIAL_INCLUSION' });
    }
    const pads = () => graph.em().count(DigitalActivationPact, {});
    const before = await pads();
    expect(errorCode(await graph.query(RECORD_PAD, { input: { fiscalCode: able.fiscalCode, signedOn: '2024-02-02' } }))).toBe('CONFLICT');
    expect(errorCode(await graph.query(RECORD_PAD, { input: { fiscalCode: child.fiscalCode, signedOn: '2024-02-02' } }, asCaller(socialWorker(['016024']))))).toBe('NOT_FOUND');
    expect(errorCode(await graph.query(RECORD_PAD, { input: { fiscalCode: child.fiscalCode, signedOn: '2024-02-02' } }, cpiMilan))).toBe('FORBIDDEN');
    expect(await pads()).toBe(before);
    const read = await graph.query<{ household: { members: { fiscalCode: string; digitalActivationPact: { signedOn: string } | null }[] } }>(
      'query($id: ID!) { household(id: $id) { members { fiscalCode digitalActivationPact { signedOn } } } }',
      { id: home.id },
    );
    expect(Object.fromEntries(read.data!.household.members.map((m) => [m.fiscalCode, m.digitalActivationPact?.signedOn ?? null]))).toEqual({
      [able.fiscalCode]: '2024-02-01',
      [carer.fiscalCode]: '2024-02-01',
      [child.fiscalCode]: null,
    });
  });

  it.each([
    ['a member without a PAD', () => [{ fiscalCode: child.fiscalCode, jobCentreCode: 'CPI_MI_01' }], 'input.activatable.0.fiscalCode'],
    ['someone outside the household', () => [{ fiscalCode: newPerson().fiscalCode, jobCentreCode: 'CPI_MI_01' }], 'input.activatable.0.fiscalCode'],
    ['social services as the job centre', () => [{ fiscalCode: able.fiscalCode, jobCentreCode: 'SS_MI_01' }], 'input.activatable.0.jobCentreCode'],
    ['a member listed twice', () => [{ fiscalCode: able.fiscalCode, jobCentreCode: 'CPI_MI_01' }, { fiscalCode: able.fiscalCode, jobCentreCode: 'CPI_MI_02' }], 'input.activatable.1.fiscalCode'],
  ])('refuses routing %s with BAD_USER_INPUT, and writes nothing', async (_what, activatable, path) => {
    const before = await written();
    const res = await graph.query(RECORD, { input: input(activatable()) });
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
    expect(problemsOf(res).map((p) => p.path)).toContain(path);
    expect(await written()).toEqual(before);
  });

  it('moves the pact to PRELIMINARY_ANALYSIS, starts the PaIS timer and routes the members able to work', async () => {
    const res = await graph.query<{ recordPreliminaryAnalysis: Record<string, unknown> }>(RECORD, {
      input: input([{ fiscalCode: able.fiscalCode, jobCentreCode: 'CPI_MI_01' }, { fiscalCode: carer.fiscalCode, jobCentreCode: 'CPI_MI_02' }]),
    });
    expect(res.errors).toBeUndefined();
    const pact = res.data!.recordPreliminaryAnalysis;
    expect(pact).toMatchObject({ state: 'PRELIMINARY_ANALYSIS', preliminaryAnalysisOn: '2024-03-15', paisDueOn: '2024-07-13', nextDeadline: 'PAIS_SIGNATURE' });
    expect((pact.history as unknown[]).at(-1)).toEqual({ toState: 'PRELIMINARY_ANALYSIS', reason: 'esito: attivabili al lavoro', recordedBy: 'SOCIAL-WORKER-1', purpose: 'SOCIAL_INCLUSION' });
    expect(pact.activationRoutings).toEqual(
      [
        { fiscalCode: able.fiscalCode, routedOn: '2024-03-15', jobCentre: { code: 'CPI_MI_01' }, recordedBy: 'SOCIAL-WORKER-1', purpose: 'SOCIAL_INCLUSION' },
        { fiscalCode: carer.fiscalCode, routedOn: '2024-03-15', jobCentre: { code: 'CPI_MI_02' }, recordedBy: 'SOCIAL-WORKER-1', purpose: 'SOCIAL_INCLUSION' },
      ].sort((a, b) => a.fiscalCode.localeCompare(b.fiscalCode)),
    );
  });

  it('refuses a second analysis with CONFLICT, and writes nothing', async () => {
    const before = await written();
    const res = await graph.query(RECORD, { input: input([]) });
    expect(errorCode(res)).toBe('CONFLICT');
    expect(await written()).toEqual(before);
  });

  it('puts the routed members on the job centre worklist with how long they have waited', async () => {
    const list = await worklist();
    expect(list.totalCount).toBe(2);
    expect(list.nodes.map((n) => [n.fiscalCode, n.waitingDays, n.jobCentre.code, n.convocationExcluded])).toEqual(
      expect.arrayContaining([
        [able.fiscalCode, 47, 'CPI_MI_01', false],
        [carer.fiscalCode, 47, 'CPI_MI_02', false],
      ]),
    );
    expect(list.nodes.find((n) => n.fiscalCode === able.fiscalCode)?.worker).toEqual({ id: able.workerId });
  });

  it('leaves out the people not to be convened, and says why when asked', async () => {
    const set = await graph.query(SET_EXCLUSION, { input: { fiscalCode: carer.fiscalCode, reason: 'CARE_OF_CHILD_UNDER_3', details: 'twins aged 1', since: '2024-04-01' } });
    expect(set.errors).toBeUndefined();
    expect((await worklist()).nodes.map((n) => n.fiscalCode)).toEqual([able.fiscalCode]);
    const all = await worklist(cpiMilan, true);
    expect(all.nodes.find((n) => n.fiscalCode === carer.fiscalCode)).toMatchObject({ convocationExcluded: true, convocationExclusionReason: 'CARE_OF_CHILD_UNDER_3' });
    expect(JSON.stringify(all)).not.toContain('twins');
  });

  it('drops a member once a service pact is proposed to them', async () => {
    await storePact(graph.em(), { person: able, proposedOn: '2024-04-20', jobCentreCode: 'CPI_MI_01' });
    expect((await worklist()).nodes).toEqual([]);
  });

  it("shows another territory's job centre nothing", async () => {
    expect(await worklist(asCaller(jobCentre(['016'])), true)).toMatchObject({ totalCount: 0, nodes: [] });
  });

  it('keeps who recorded the routing from the job centre', async () => {
    const res = await graph.query<{ activationWorklist: { nodes: { recordedBy: string | null }[] } }>(
      '{ activationWorklist(includeExcluded: true) { nodes { fiscalCode recordedBy } } }',
      {},
      cpiMilan,
    );
    expect(errorCode(res)).toBe('FORBIDDEN');
    expect(res.data?.activationWorklist?.nodes.every((n) => n.recordedBy === null)).toBe(true);
  });

  it.each([
    ['the activation worklist to a social worker', WORKLIST, false, asCaller(socialWorker())],
    ['the analysis to a job centre', RECORD, true, cpiMilan],
    ['the analysis to a social worker declaring REFERRAL', RECORD, true, asCaller(socialWorker(['015146'], 'REFERRAL'))],
  ])('refuses %s with FORBIDDEN', async (_what, query, analysis, headers) => {
    const before = await written();
    const variables = analysis ? { input: { pactId, effectiveOn: '2024-03-15', reason: 'x', activatable: [] } } : {};
    expect(errorCode(await graph.query(query, variables, headers))).toBe('FORBIDDEN');
    expect(await written()).toEqual(before);
  });

  it('refuses to route a member with a do-not-convene decision in force', async () => {
    const student = newPerson();
    const other = await storeHousehold(graph.em(), [{ person: student }]);
    const pact = await storeInclusionPact(graph.em(), other, { padSignedOn: '2024-02-01' });
    expect((await graph.query(RECORD_PAD, { input: { fiscalCode: student.fiscalCode, signedOn: '2024-02-01' } })).errors).toBeUndefined();
    expect((await graph.query(SET_EXCLUSION, { input: { fiscalCode: student.fiscalCode, reason: 'IN_EDUCATION_OR_TRAINING', since: '2024-02-10' } })).errors).toBeUndefined();
    const res = await graph.query(RECORD, { input: { pactId: pact.id, effectiveOn: '2024-03-15', reason: 'x', activatable: [{ fiscalCode: student.fiscalCode, jobCentreCode: 'CPI_MI_01' }] } });
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
    expect(problemsOf(res)).toEqual([{ path: 'input.activatable.0.fiscalCode', message: 'has a do-not-convene decision in force: end it first' }]);
    expect((await graph.em().findOneOrFail(SocialInclusionPact, pact.id)).state).toBe(InclusionPactState.TO_CONVENE);
  });
});
