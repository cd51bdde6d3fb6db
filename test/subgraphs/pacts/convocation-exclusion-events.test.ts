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
});
