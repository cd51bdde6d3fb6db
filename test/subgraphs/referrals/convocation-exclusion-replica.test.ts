import { type Server } from 'node:http';
import { once } from 'node:events';
import { type AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSubgraphServer } from '../../../subgraphs/lib/http';
import { signEvent } from '../../../subgraphs/lib/outbox/signature';
import { BadEventError } from '../../../subgraphs/lib/subgraph';
import { CONVOCATION_EXCLUSION_EVENTS } from '../../../subgraphs/pacts/events';
import { referralsSubgraph } from '../../../subgraphs/referrals';
import { ConvocationExclusionReplica } from '../../../subgraphs/referrals/convocation-exclusion/convocation-exclusion-replica.entity';
import { applyConvocationExclusionEvent, CONVOCATION_EXCLUSION_TOPIC } from '../../../subgraphs/referrals/convocation-exclusion/convocation-exclusion.events';
import { type ReferralsLoaders } from '../../../subgraphs/referrals/loaders';
import { person } from '../../utils/people';
import { createTestSubgraph, type TestSubgraph } from '../../utils/subgraph';

const SECRET = 'replica-test-events-secret-'.padEnd(40, 'z');
const PERSON = person(31).fiscalCode;

function event(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    exclusionId: randomUUID(),
    fiscalCode: PERSON,
    reason: 'CARE_OF_CHILD_UNDER_3',
    since: '2026-01-10',
    endedOn: null,
    changedAt: '2026-01-10T09:00:00.000Z',
    ...overrides,
  };
}

describe('the do-not-convene replica kept from the pacts subgraph events', () => {
  let graph: TestSubgraph<ReferralsLoaders>;
  let server: Server;
  let eventsUrl: string;
  const apply = (payload: unknown) => applyConvocationExclusionEvent(graph.em(), payload);
  const rows = () => graph.em().find(ConvocationExclusionReplica, { fiscalCode: PERSON }, { orderBy: { exclusionId: 'asc' } });
  const post = (body: string) =>
    fetch(eventsUrl, { method: 'POST', headers: { 'content-type': 'application/json', ...signEvent({ secret: SECRET, eventId: randomUUID(), timestamp: Math.floor(Date.now() / 1000), body }) }, body });

  beforeAll(async () => {
    graph = await createTestSubgraph(referralsSubgraph);
    server = createSubgraphServer(graph.runtime, { eventsSecret: SECRET });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    eventsUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/events/${CONVOCATION_EXCLUSION_TOPIC}`;
  });
  afterAll(async () => {
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
    await graph?.close();
  });

  it('takes the topic the pacts subgraph sends to referrals', () => {
    expect(CONVOCATION_EXCLUSION_EVENTS).toEqual({ topic: CONVOCATION_EXCLUSION_TOPIC, recipient: 'referrals' });
    expect(referralsSubgraph.eventHandlers?.[CONVOCATION_EXCLUSION_TOPIC]).toBe(applyConvocationExclusionEvent);
  });

  it('creates the row from a signed event, and a repeated delivery changes nothing', async () => {
    const started = event();
    const first = await post(JSON.stringify(started));
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ status: 'created' });
    expect(await post(JSON.stringify(started))).toHaveProperty('status', 200);
    const stored = (await rows()).filter((r) => r.exclusionId === started.exclusionId);
    expect(stored.map((r) => ({ reason: r.reason, since: r.since, endedOn: r.endedOn, changedAt: r.changedAt.toISOString() }))).toEqual([
      { reason: 'CARE_OF_CHILD_UNDER_3', since: '2026-01-10', endedOn: null, changedAt: '2026-01-10T09:00:00.000Z' },
    ]);
    expect(await graph.em().count(ConvocationExclusionReplica, { exclusionId: started.exclusionId as string })).toBe(1);
  });

  it('applies the end of a decision, and ignores the start delivered after it (out of order)', async () => {
    const started = event({ reason: 'DISABILITY' });
    const ended = { ...started, endedOn: '2026-03-01', changedAt: '2026-03-01T10:00:00.000Z' };
    expect(await apply(ended)).toBe('created');
    expect(await apply(started)).toBe('ignored: older than the replica');
    const row = await graph.em().findOneOrFail(ConvocationExclusionReplica, { exclusionId: started.exclusionId as string });
    expect({ endedOn: row.endedOn, changedAt: row.changedAt.toISOString() }).toEqual({ endedOn: '2026-03-01', changedAt: '2026-03-01T10:00:00.000Z' });
  });

  it('in order, the end updates the row; at the same instant, an end is kept over a start', async () => {
    const started = event({ reason: 'EMPLOYED' });
    expect(await apply(started)).toBe('created');
    const ended = { ...started, endedOn: '2026-02-01', changedAt: started.changedAt };
    expect(await apply(ended)).toBe('updated');
    expect(await apply(started)).toBe('ignored: older than the replica');
    const row = await graph.em().findOneOrFail(ConvocationExclusionReplica, { exclusionId: started.exclusionId as string });
    expect(row.endedOn).toBe('2026-02-01');
  });

  it('refuses a malformed event with 400 (BadEventError), writing nothing', async () => {
    const before = await graph.em().count(ConvocationExclusionReplica, {});
    expect((await post(JSON.stringify({ exclusionId: 'not-a-uuid' }))).status).toBe(400);
    expect((await post(JSON.stringify(event({ since: '10/01/2026' })))).status).toBe(400);
    expect((await post(JSON.stringify(event({ endedOn: '2025-12-31' })))).status).toBe(400);
    await expect(apply(event({ changedAt: 'yesterday' }))).rejects.toBeInstanceOf(BadEventError);
    await expect(apply(event({ reason: 'free text, not a code' }))).rejects.toThrow(/reason/);
    expect(await graph.em().count(ConvocationExclusionReplica, {})).toBe(before);
  });
});
