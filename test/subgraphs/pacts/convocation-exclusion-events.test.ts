import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OutboxEvent } from '../../../subgraphs/lib/outbox/outbox-event.entity';
import { ConvocationExclusion } from '../../../subgraphs/pacts/convocation-exclusion/convocation-exclusion.entity';
import { CONVOCATION_EXCLUSION_EVENTS } from '../../../subgraphs/pacts/events';
import { InclusionPactState } from '../../../subgraphs/pacts/inclusion-pact/inclusion-pact.entity';
import { type PactsLoaders } from '../../../subgraphs/pacts/loaders';
import { type TestSubgraph } from '../../utils/subgraph';
import { createPactsGraph, errorCode, newPerson, type Person, socialWorker, storeHousehold, storeInclusionPact } from './support';

const SET = `mutation($input: SetConvocationExclusionInput!) { setConvocationExclusion(input: $input) { id } }`;
const END = `mutation($input: EndConvocationExclusionInput!) { endConvocationExclusion(input: $input) { id } }`;

describe('every change of a do-not-convene decision is sent to the referrals subgraph', () => {
  let graph: TestSubgraph<PactsLoaders>;
  let carer: Person;
  beforeAll(async () => {
    graph = await createPactsGraph(socialWorker());
    carer = newPerson();
    const home = await storeHousehold(graph.em(), [{ person: carer }]);
    await storeInclusionPact(graph.em(), home, { state: InclusionPactState.PRELIMINARY_ANALYSIS, stateDate: '2024-03-01' });
  });
  afterAll(() => graph.close());

  const events = () => graph.em().find(OutboxEvent, {}, { orderBy: { seq: 'asc' } });

  it('setting, then ending, queues one event each with the coded reason only, in the same transaction as the change', async () => {
    const set = await graph.query<{ setConvocationExclusion: { id: string } }>(SET, {
      input: { fiscalCode: carer.fiscalCode, reason: 'HEALTH_OR_CARE_PROGRAMME', details: 'therapy at the local health unit', since: '2024-03-01' },
    });
    expect(set.errors).toBeUndefined();
    const id = set.data!.setConvocationExclusion.id;
    const recordedAt = (await graph.em().findOneOrFail(ConvocationExclusion, id)).recordedAt;
    let queued = await events();
    expect(queued.map((e) => ({ topic: e.topic, recipient: e.recipient }))).toEqual([CONVOCATION_EXCLUSION_EVENTS]);
    expect(queued[0]!.payload).toEqual({ exclusionId: id, fiscalCode: carer.fiscalCode, reason: 'HEALTH_OR_CARE_PROGRAMME', since: '2024-03-01', endedOn: null, changedAt: recordedAt.toISOString() });
    expect(JSON.stringify(queued[0]!.payload)).not.toMatch(/therapy/);

    // A refused change (a decision already in force) queues nothing.
    const again = await graph.query(SET, { input: { fiscalCode: carer.fiscalCode, reason: 'DISABILITY', since: '2024-03-02' } });
    expect(errorCode(again)).toBe('CONFLICT');
    expect(await events()).toHaveLength(1);

    const ended = await graph.query(END, { input: { fiscalCode: carer.fiscalCode, endedOn: '2024-06-01', reason: 'programme completed' } });
    expect(ended.errors).toBeUndefined();
    queued = await events();
    expect(queued).toHaveLength(2);
    const payload = queued[1]!.payload as Record<string, unknown>;
    expect(payload).toMatchObject({ exclusionId: id, reason: 'HEALTH_OR_CARE_PROGRAMME', since: '2024-03-01', endedOn: '2024-06-01' });
    expect(Object.keys(payload).sort()).toEqual(['changedAt', 'endedOn', 'exclusionId', 'fiscalCode', 'reason', 'since']);
    expect(new Date(payload.changedAt as string).getTime()).toBeGreaterThanOrEqual(recordedAt.getTime());
    expect(JSON.stringify(payload)).not.toMatch(/programme completed/);
  });

  it("ends the decisions in force when the household's pact closes, and sends each end in the pact change's transaction", async () => {
    const carerOfTwo = newPerson();
    const elder = newPerson();
    const other = newPerson();
    const home = await storeHousehold(graph.em(), [{ person: carerOfTwo }, { person: elder }, { person: other }]);
    const pact = await storeInclusionPact(graph.em(), home, { state: InclusionPactState.MONITORING, stateDate: '2024-03-01' });
    for (const [person, reason] of [[carerOfTwo, 'CARE_OF_CHILD_UNDER_3'], [elder, 'AGED_60_OR_OVER']] as const) {
      const res = await graph.query(SET, { input: { fiscalCode: person.fiscalCode, reason, since: '2024-03-01' } });
      expect(res.errors).toBeUndefined();
    }
    const before = (await events()).length;
    const CHANGE = `mutation($input: ChangeSocialInclusionPactStateInput!) { changeSocialInclusionPactState(input: $input) { state } }`;
    const closed = await graph.query(CHANGE, { input: { id: pact.id, state: 'COMPLETED', effectiveOn: '2024-09-30', reason: 'path completed' } });
    expect(closed.errors).toBeUndefined();
    const decisions = await graph.em().find(ConvocationExclusion, { fiscalCode: { $in: [carerOfTwo.fiscalCode, elder.fiscalCode, other.fiscalCode] } });
    expect(decisions.map((d) => [d.endedOn, d.endReason, d.endedBy != null, d.endPurpose])).toEqual([
      ['2024-09-30', 'the social inclusion pact ended (COMPLETED)', true, 'SOCIAL_INCLUSION'],
      ['2024-09-30', 'the social inclusion pact ended (COMPLETED)', true, 'SOCIAL_INCLUSION'],
    ]);
    const sent = (await events()).slice(before).filter((e) => e.topic === CONVOCATION_EXCLUSION_EVENTS.topic);
    expect(sent.map((e) => (e.payload as { exclusionId: string; endedOn: string }).endedOn)).toEqual(['2024-09-30', '2024-09-30']);
    expect(new Set(sent.map((e) => (e.payload as { exclusionId: string }).exclusionId))).toEqual(new Set(decisions.map((d) => d.id)));
  });

  it('leaves the decisions in force when the pact moves between open states', async () => {
    const member = newPerson();
    const home = await storeHousehold(graph.em(), [{ person: member }]);
    const pact = await storeInclusionPact(graph.em(), home, { state: InclusionPactState.SIGNED, stateDate: '2024-03-01' });
    expect((await graph.query(SET, { input: { fiscalCode: member.fiscalCode, reason: 'DISABILITY', since: '2024-03-01' } })).errors).toBeUndefined();
    const before = (await events()).length;
    const CHANGE = `mutation($input: ChangeSocialInclusionPactStateInput!) { changeSocialInclusionPactState(input: $input) { state } }`;
    expect((await graph.query(CHANGE, { input: { id: pact.id, state: 'MONITORING', effectiveOn: '2024-04-01', reason: 'follow-up' } })).errors).toBeUndefined();
    expect((await graph.em().findOneOrFail(ConvocationExclusion, { fiscalCode: member.fiscalCode })).endedOn).toBeNull();
    expect((await events()).slice(before).filter((e) => e.topic === CONVOCATION_EXCLUSION_EVENTS.topic)).toHaveLength(0);
  });
});
