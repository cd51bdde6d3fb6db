import { type EventArgs, type EventSubscriber } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Caller } from '../../../subgraphs/lib/identity';
import { OutboxEvent } from '../../../subgraphs/lib/outbox/outbox-event.entity';
import { referralsSubgraph } from '../../../subgraphs/referrals';
import { Appointment, AppointmentEvent, AppointmentState } from '../../../subgraphs/referrals/appointment/appointment.entity';
import { APPOINTMENT_NO_SHOW_EVENTS } from '../../../subgraphs/referrals/events';
import { type ReferralsLoaders } from '../../../subgraphs/referrals/loaders';
import { asCaller, callerAs } from '../../utils/callers';
import { person } from '../../utils/people';
import { createTestSubgraph, type TestSubgraph } from '../../utils/subgraph';
import { insertServicePoints, POINTS } from './fixtures';

const DAY = 86_400_000;
const PERSON = { workerId: randomUUID(), fiscalCode: person(41).fiscalCode };
const CPI_MILAN = callerAs('CPI_OPERATOR', 'EMPLOYMENT_SERVICES', { subject: 'operator-cpi-mi', organisation: 'org-afol', territory: ['015'] });
const SOCIAL_MILAN = callerAs('SOCIAL_WORKER', 'SOCIAL_INCLUSION', { subject: 'social-mi', organisation: 'org-comune-mi', territory: ['015146'] });

const SCHEDULE = 'mutation($input: ScheduleAppointmentInput!) { scheduleAppointment(input: $input) { id } }';
const OUTCOME = 'mutation($input: RecordAppointmentOutcomeInput!) { recordAppointmentOutcome(input: $input) { id state } }';

/** Fails the flush that writes an outcome, after its rows were sent (within the transaction), while `armed`. */
class FailingOutcomeWrite implements EventSubscriber<Appointment> {
  armed = false;
  getSubscribedEntities() {
    return [Appointment];
  }
  afterUpdate(args: EventArgs<Appointment>): void {
    if (this.armed && args.entity.state === AppointmentState.ABSENT) throw new Error('the database went away');
  }
}

describe('a no-show at a job-centre convocation is sent to the workers subgraph', () => {
  let graph: TestSubgraph<ReferralsLoaders>;
  const failing = new FailingOutcomeWrite();
  beforeAll(async () => {
    graph = await createTestSubgraph(referralsSubgraph, { caller: CPI_MILAN });
    await insertServicePoints(graph.em());
    graph.runtime.db.orm.em.getEventManager().registerSubscriber(failing);
  });
  afterAll(() => graph.close());
  beforeEach(async () => {
    failing.armed = false;
    await graph.em().nativeDelete(OutboxEvent, {});
  });

  const events = () => graph.em().find(OutboxEvent, {}, { orderBy: { seq: 'asc' } });

  /** A convocation whose time has come, scheduled by `caller` at `servicePointCode`. */
  async function pastConvocation(servicePointCode: string = POINTS.desk.code, caller: Caller = CPI_MILAN): Promise<string> {
    const input = { servicePointCode, kind: 'CONVOCATION', workerId: PERSON.workerId, fiscalCode: PERSON.fiscalCode, scheduledAt: new Date(Date.now() + 10 * DAY).toISOString() };
    const res = await graph.query<{ scheduleAppointment: { id: string } }>(SCHEDULE, { input }, asCaller(caller));
    expect(res.errors).toBeUndefined();
    const id = res.data!.scheduleAppointment.id;
    await graph.em().nativeUpdate(Appointment, { id }, { scheduledAt: new Date(Date.now() - 3_600_000) });
    return id;
  }
  const record = (id: string, outcome: string, justification: string | null = null, caller: Caller = CPI_MILAN) =>
    graph.query<{ recordAppointmentOutcome: { id: string; state: string } }>(OUTCOME, { input: { id, outcome, justification } }, asCaller(caller));

  it('ABSENT queues exactly one appointment.no-show event with who, when, where and under which purpose', async () => {
    const id = await pastConvocation();
    const scheduledAt = (await graph.em().findOneOrFail(Appointment, id)).scheduledAt;
    const before = Date.now();
    const res = await record(id, 'ABSENT');
    expect(res.errors).toBeUndefined();
    expect(res.data!.recordAppointmentOutcome.state).toBe('ABSENT');

    const queued = await events();
    expect(queued).toHaveLength(1);
    expect({ topic: queued[0]!.topic, recipient: queued[0]!.recipient }).toEqual(APPOINTMENT_NO_SHOW_EVENTS);
    const payload = queued[0]!.payload as Record<string, unknown>;
    expect(Object.keys(payload).sort()).toEqual(['appointmentId', 'organisation', 'purpose', 'recordedAt', 'recordedBy', 'scheduledAt', 'servicePointCode', 'workerFiscalCode']);
    expect(payload).toMatchObject({
      appointmentId: id,
      workerFiscalCode: PERSON.fiscalCode,
      servicePointCode: POINTS.desk.code,
      scheduledAt: scheduledAt.toISOString(),
      recordedBy: 'operator-cpi-mi',
      organisation: 'org-afol',
      purpose: 'EMPLOYMENT_SERVICES',
    });
    const recordedAt = new Date(payload.recordedAt as string).getTime();
    expect(recordedAt).toBeGreaterThanOrEqual(before - 1000);
    expect(recordedAt).toBeLessThanOrEqual(Date.now());
    // The outcome is final: a second one is refused and queues nothing more.
    expect((await record(id, 'ABSENT')).errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(await events()).toHaveLength(1);
  });

  it('JUSTIFIED_ABSENCE and ATTENDED queue nothing', async () => {
    expect((await record(await pastConvocation(), 'JUSTIFIED_ABSENCE', 'ILLNESS')).errors).toBeUndefined();
    expect((await record(await pastConvocation(), 'ATTENDED')).errors).toBeUndefined();
    expect(await events()).toEqual([]);
  });

  it('an ABSENT at a social-services convocation is no job-centre no-show: nothing is queued', async () => {
    const id = await pastConvocation(POINTS.social.code, SOCIAL_MILAN);
    expect((await record(id, 'ABSENT', null, SOCIAL_MILAN)).data?.recordAppointmentOutcome.state).toBe('ABSENT');
    expect(await events()).toEqual([]);
  });

  it('when the outcome cannot be written, no event is left either', async () => {
    const id = await pastConvocation();
    failing.armed = true;
    const res = await record(id, 'ABSENT');
    expect(res.errors).toHaveLength(1);
    failing.armed = false;
    const appointment = await graph.em().findOneOrFail(Appointment, id);
    expect(appointment.state).toBe(AppointmentState.SCHEDULED);
    expect(await graph.em().count(AppointmentEvent, { appointment: id })).toBe(1);
    expect(await events()).toEqual([]);
  });
});
