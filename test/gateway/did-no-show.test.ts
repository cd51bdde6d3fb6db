import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Purpose, Role } from '../../subgraphs/lib/identity';
import { signEvent } from '../../subgraphs/lib/outbox/signature';
import { AvailabilityDeclaration, AvailabilityStatusChange, DidChannel, DidStatus } from '../../subgraphs/workers/availability/availability.entity';
import { Worker } from '../../subgraphs/workers/worker/worker.entity';
import { addDirectory, DIRECTORY } from '../subgraphs/workers/support';
import { authHeaders } from '../utils/auth';
import { createTestGraph, TEST_EVENTS_SECRET, type TestGraph } from '../utils/graph';
import { person } from '../utils/people';

// Issue 5.4, sanctions through the same path as employment: a convocation missed without
// justification (recorded in referrals) reaches the workers subgraph as a signed event and
// waits in the job centre's worklist; the operator who recorded the absence cannot confirm
// it, another one does, and the DID history names the cause, the proposal, who confirmed
// and under which purpose.
const MISSED = person(97, { domicileMunicipality: '015146', domicileProvince: '015' });
const RECORDING = 'OPERATOR-MI-11';
const CONFIRMING = 'OPERATOR-MI-12';

describe('a missed convocation becomes a DID sanction confirmed by a second operator', () => {
  let graph: TestGraph;
  let didId: string;
  const asCpi = (subject: string) => authHeaders({ role: Role.CPI_OPERATOR, purposes: [Purpose.EMPLOYMENT_SERVICES], territory: ['015'], subject, organisation: 'CPI-015' });

  beforeAll(async () => {
    graph = await createTestGraph({
      seed: async ({ workers }) => {
        await addDirectory(workers!);
        const worker = workers!.create(Worker, MISSED as Worker);
        const did = workers!.create(AvailabilityDeclaration, { worker, declaredOn: '2025-06-01', channel: DidChannel.JOB_CENTRE, status: DidStatus.VALIDATED, statusDate: '2025-06-20', jobCentre: DIRECTORY.milanJobCentre.code });
        workers!.create(AvailabilityStatusChange, { declaration: did, fromStatus: DidStatus.INSERTED, toStatus: DidStatus.VALIDATED, effectiveOn: '2025-06-20', recordedBy: 'OPERATOR-TEST-9' });
        await workers!.flush();
        didId = did.id;
      },
    });
  });
  afterAll(() => graph?.close());

  it('event, worklist, four eyes, REVOKED with its history', async () => {
    const appointmentId = randomUUID();
    const body = JSON.stringify({
      appointmentId,
      workerFiscalCode: MISSED.fiscalCode,
      servicePointCode: DIRECTORY.milanJobCentre.code,
      scheduledAt: '2026-03-10T09:30:00.000Z',
      recordedAt: '2026-03-10T12:00:00.000Z',
      recordedBy: RECORDING,
      organisation: 'CPI-015',
      purpose: 'EMPLOYMENT_SERVICES',
    });
    const eventsUrl = `${graph.subgraphs.workers!.url.replace(/\/graphql$/, '')}/events/appointment.no-show`;
    const post = () =>
      fetch(eventsUrl, { method: 'POST', headers: { 'content-type': 'application/json', ...signEvent({ secret: TEST_EVENTS_SECRET, eventId: `evt-${appointmentId}`, timestamp: Math.floor(Date.now() / 1000), body }) }, body });
    const delivered = await post();
    expect(delivered.status).toBe(200);
    expect(await delivered.json()).toEqual({ status: 'proposed SANCTION_NO_SHOW' });
    // Redelivered by the outbox: nothing more.
    expect(await (await post()).json()).toEqual({ status: 'SANCTION_NO_SHOW already proposed' });
    expect((await fetch(eventsUrl, { method: 'POST', body })).status).toBe(401);

    const worklist = await graph.query<{ didChangeProposals: { nodes: { id: string; kind: string; status: string; causeReference: string; proposedBy: string; proposedPurpose: string; proposalReason: string; declaration: { id: string; status: string } }[] } }>(
      '{ didChangeProposals(first: 10) { nodes { id kind status causeReference proposedBy proposedPurpose proposalReason declaration { id status } } } }',
      undefined,
      await asCpi(CONFIRMING),
    );
    expect(worklist.errors).toBeUndefined();
    expect(worklist.data!.didChangeProposals.nodes).toHaveLength(1);
    const [proposal] = worklist.data!.didChangeProposals.nodes;
    expect(proposal).toMatchObject({
      kind: 'SANCTION_NO_SHOW',
      status: 'PENDING',
      causeReference: appointmentId,
      proposedBy: RECORDING,
      proposedPurpose: 'EMPLOYMENT_SERVICES',
      declaration: { id: didId, status: 'VALIDATED' },
    });
    expect(proposal!.proposalReason).toContain('missed without justification');

    const CONFIRM = 'mutation($id: ID!) { confirmDidChangeProposal(input: { id: $id }) { status decidedBy declaration { status history { fromStatus toStatus reason causeKind causeReference proposalId proposedBy recordedBy recordedAt purpose } } } }';
    const bySameOperator = await graph.query(CONFIRM, { id: proposal!.id }, await asCpi(RECORDING));
    expect(bySameOperator.errors?.[0]?.extensions?.code).toBe('CONFLICT');

    const confirmed = await graph.query<{ confirmDidChangeProposal: { status: string; decidedBy: string; declaration: { status: string; history: Record<string, unknown>[] } } }>(
      CONFIRM,
      { id: proposal!.id },
      await asCpi(CONFIRMING),
    );
    expect(confirmed.errors).toBeUndefined();
    const decided = confirmed.data!.confirmDidChangeProposal;
    expect(decided).toMatchObject({ status: 'CONFIRMED', decidedBy: CONFIRMING, declaration: { status: 'REVOKED' } });
    expect(decided.declaration.history).toHaveLength(2);
    const last = decided.declaration.history.at(-1)!;
    expect(last).toMatchObject({
      fromStatus: 'VALIDATED',
      toStatus: 'REVOKED',
      reason: proposal!.proposalReason,
      causeKind: 'SANCTION_NO_SHOW',
      causeReference: appointmentId,
      proposalId: proposal!.id,
      proposedBy: RECORDING,
      recordedBy: CONFIRMING,
      purpose: 'EMPLOYMENT_SERVICES',
    });
    expect(typeof last.recordedAt).toBe('string');
  });
});
