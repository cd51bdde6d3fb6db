import { type EntityData } from '@mikro-orm/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Purpose, Role } from '../../subgraphs/lib/identity';
import { OutboxEvent, OutboxStatus } from '../../subgraphs/lib/outbox/outbox-event.entity';
import { Appointment } from '../../subgraphs/referrals/appointment/appointment.entity';
import { ServicePoint } from '../../subgraphs/referrals/service-point/service-point.entity';
import { AvailabilityDeclaration, DidChannel, DidStatus } from '../../subgraphs/workers/availability/availability.entity';
import { DidChangeKind } from '../../subgraphs/workers/availability/did-change-kind';
import { DidChangeProposal } from '../../subgraphs/workers/availability/did-change-proposal.entity';
import { Worker } from '../../subgraphs/workers/worker/worker.entity';
import { POINTS } from '../subgraphs/referrals/fixtures';
import { addDirectory, DIRECTORY } from '../subgraphs/workers/support';
import { authHeaders } from '../utils/auth';
import { createTestGraph, type TestGraph } from '../utils/graph';
import { deliverEvents } from '../utils/outbox';
import { person } from '../utils/people';

// Issue 5 points 4 and 5 end to end, through the gateway with real tokens and through the
// referrals outbox: a job-centre operator records a convocation missed without
// justification in the referrals subgraph; the dispatcher carries it to the workers
// subgraph, where it waits as a proposed sanction; another operator confirms it and only
// then is the DID revoked. A justified absence sends nothing.
const MISSED = person(131, { domicileMunicipality: '015146', domicileProvince: '015' });
const EXCUSED = person(132, { domicileMunicipality: '015146', domicileProvince: '015' });
const RECORDING = 'operator-cpi-mi-21';
const CONFIRMING = 'operator-cpi-mi-22';
const HOUR = 3_600_000;

const SCHEDULE = 'mutation($input: ScheduleAppointmentInput!) { scheduleAppointment(input: $input) { id } }';
const OUTCOME = 'mutation($input: RecordAppointmentOutcomeInput!) { recordAppointmentOutcome(input: $input) { state noShow } }';
const WORKLIST = '{ didChangeProposals(first: 10, status: PENDING) { nodes { id kind causeReference proposedBy declaration { id status } } } }';
const CONFIRM = 'mutation($id: ID!) { confirmDidChangeProposal(input: { id: $id }) { status declaration { status history { toStatus causeKind causeReference recordedBy purpose } } } }';

describe('a missed job-centre convocation travels to the DID as a sanction an operator confirms', () => {
  let graph: TestGraph;
  const ids = { missed: '', excused: '', missedDid: '' };
  const asCpi = (subject: string) => authHeaders({ role: Role.CPI_OPERATOR, purposes: [Purpose.EMPLOYMENT_SERVICES], territory: ['015'], subject, organisation: 'org-afol' });

  beforeAll(async () => {
    graph = await createTestGraph({
      seed: async ({ workers, referrals }) => {
        await referrals!.insertMany(ServicePoint, [POINTS.jobCentre] as EntityData<ServicePoint>[]);
        await addDirectory(workers!);
        for (const [key, data] of [['missed', MISSED], ['excused', EXCUSED]] as const) {
          const worker = workers!.create(Worker, data as Worker);
          const did = workers!.create(AvailabilityDeclaration, { worker, declaredOn: '2025-06-01', channel: DidChannel.JOB_CENTRE, status: DidStatus.VALIDATED, statusDate: '2025-06-20', jobCentre: DIRECTORY.milanJobCentre.code });
          await workers!.flush();
          ids[key] = worker.id;
          if (key === 'missed') ids.missedDid = did.id;
        }
      },
    });
  });
  afterAll(() => graph?.close());

  /** A convocation at the job centre, scheduled through the gateway, whose time has come. */
  async function pastConvocation(workerId: string, fiscalCode: string): Promise<string> {
    const input = { servicePointCode: POINTS.jobCentre.code, kind: 'CONVOCATION', workerId, fiscalCode, scheduledAt: new Date(Date.now() + 48 * HOUR).toISOString() };
    const res = await graph.query<{ scheduleAppointment: { id: string } }>(SCHEDULE, { input }, await asCpi(RECORDING));
    expect(res.errors).toBeUndefined();
    const id = res.data!.scheduleAppointment.id;
    // The day of the convocation has come (nothing else of the appointment changes).
    await graph.subgraphs.referrals!.runtime.db.orm.em.fork().nativeUpdate(Appointment, { id }, { scheduledAt: new Date(Date.now() - HOUR) });
    return id;
  }
  const pending = async (subject: string) =>
    (await graph.query<{ didChangeProposals: { nodes: { id: string; kind: string; causeReference: string; proposedBy: string; declaration: { id: string; status: string } }[] } }>(WORKLIST, undefined, await asCpi(subject))).data!
      .didChangeProposals.nodes;

  it('records the absence, delivers it, proposes the sanction, and revokes the DID only when a second operator confirms', async () => {
    const appointment = await pastConvocation(ids.missed, MISSED.fiscalCode);
    const absent = await graph.query<{ recordAppointmentOutcome: { state: string; noShow: boolean } }>(OUTCOME, { input: { id: appointment, outcome: 'ABSENT' } }, await asCpi(RECORDING));
    expect(absent.errors).toBeUndefined();
    expect(absent.data!.recordAppointmentOutcome).toEqual({ state: 'ABSENT', noShow: true });
    // Nothing reaches the DID until the outbox has delivered the event.
    expect(await pending(CONFIRMING)).toEqual([]);

    await deliverEvents(graph, 'referrals', 'appointment.no-show');
    const sent = await graph.subgraphs.referrals!.runtime.db.orm.em.fork().find(OutboxEvent, { topic: 'appointment.no-show' });
    expect(sent.map((e) => e.status)).toEqual([OutboxStatus.DELIVERED]);
    const [proposal, ...others] = await pending(CONFIRMING);
    expect(others).toEqual([]);
    expect(proposal).toMatchObject({ kind: 'SANCTION_NO_SHOW', causeReference: appointment, proposedBy: RECORDING, declaration: { id: ids.missedDid, status: 'VALIDATED' } });

    // The operator who recorded the absence does not also confirm the sanction.
    const own = await graph.query(CONFIRM, { id: proposal!.id }, await asCpi(RECORDING));
    expect(own.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const stillValidated = await graph.subgraphs.workers!.runtime.db.orm.em.fork().findOneOrFail(AvailabilityDeclaration, ids.missedDid);
    expect(stillValidated.status).toBe(DidStatus.VALIDATED);

    const confirmed = await graph.query<{ confirmDidChangeProposal: { status: string; declaration: { status: string; history: Record<string, unknown>[] } } }>(
      CONFIRM,
      { id: proposal!.id },
      await asCpi(CONFIRMING),
    );
    expect(confirmed.errors).toBeUndefined();
    expect(confirmed.data!.confirmDidChangeProposal).toMatchObject({ status: 'CONFIRMED', declaration: { status: 'REVOKED' } });
    expect(confirmed.data!.confirmDidChangeProposal.declaration.history.at(-1)).toEqual({
      toStatus: 'REVOKED',
      causeKind: 'SANCTION_NO_SHOW',
      causeReference: appointment,
      recordedBy: CONFIRMING,
      purpose: 'EMPLOYMENT_SERVICES',
    });
  });

  it('sends nothing for a justified absence, and a redelivered event proposes nothing twice', async () => {
    const referralsEm = () => graph.subgraphs.referrals!.runtime.db.orm.em.fork();
    const workersEm = () => graph.subgraphs.workers!.runtime.db.orm.em.fork();
    const sentBefore = await referralsEm().count(OutboxEvent, { topic: 'appointment.no-show' });
    const appointment = await pastConvocation(ids.excused, EXCUSED.fiscalCode);
    const excused = await graph.query(OUTCOME, { input: { id: appointment, outcome: 'JUSTIFIED_ABSENCE', justification: 'ILLNESS' } }, await asCpi(RECORDING));
    expect(excused.errors).toBeUndefined();
    expect(await referralsEm().count(OutboxEvent, { topic: 'appointment.no-show' })).toBe(sentBefore);

    // Every no-show event is made due again, as after lost acknowledgements: the DID side gains nothing.
    await deliverEvents(graph, 'referrals', 'appointment.no-show');
    const proposalsBefore = await workersEm().count(DidChangeProposal, { kind: DidChangeKind.SANCTION_NO_SHOW });
    await referralsEm().nativeUpdate(OutboxEvent, { topic: 'appointment.no-show' }, { status: OutboxStatus.PENDING, nextAttemptAt: new Date(0) });
    await deliverEvents(graph, 'referrals', 'appointment.no-show');
    expect(await referralsEm().count(OutboxEvent, { topic: 'appointment.no-show', status: { $ne: OutboxStatus.DELIVERED } })).toBe(0);
    expect(await workersEm().count(DidChangeProposal, { kind: DidChangeKind.SANCTION_NO_SHOW })).toBe(proposalsBefore);
    expect(await workersEm().count(DidChangeProposal, { worker: ids.excused })).toBe(0);
  });
});
