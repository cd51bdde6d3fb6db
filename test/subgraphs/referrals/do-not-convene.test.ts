import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, today } from '../../../subgraphs/lib/dates';
import { type Caller } from '../../../subgraphs/lib/identity';
import { OutboxEvent } from '../../../subgraphs/lib/outbox/outbox-event.entity';
import { referralsSubgraph } from '../../../subgraphs/referrals';
import { Appointment, AppointmentEvent, AppointmentReminder } from '../../../subgraphs/referrals/appointment/appointment.entity';
import { ConvocationExclusionReplica } from '../../../subgraphs/referrals/convocation-exclusion/convocation-exclusion-replica.entity';
import { type ReferralsLoaders } from '../../../subgraphs/referrals/loaders';
import { asCaller, callerAs } from '../../utils/callers';
import { person } from '../../utils/people';
import { createTestSubgraph, type TestSubgraph } from '../../utils/subgraph';
import { insertServicePoints, POINTS } from './fixtures';

// A decision of the replica holds from `since` until the day before `endedOn`, on the
// Italian calendar day of the appointment; only a CONVOCATION at a job centre or its desks
// is refused (social services convene their own beneficiaries; other kinds are not convocations).
const EXCLUDED = { workerId: randomUUID(), fiscalCode: person(51).fiscalCode };
const CPI_MILAN = callerAs('CPI_OPERATOR', 'EMPLOYMENT_SERVICES', { subject: 'operator-cpi-mi', organisation: 'org-afol', territory: ['015'] });
const SOCIAL_MILAN = callerAs('SOCIAL_WORKER', 'SOCIAL_INCLUSION', { subject: 'social-mi', organisation: 'org-comune-mi', territory: ['015146'] });
const SINCE = 5;
const ENDED_ON = 10;

const SCHEDULE = 'mutation($input: ScheduleAppointmentInput!) { scheduleAppointment(input: $input) { id state } }';
const RESCHEDULE = 'mutation($input: RescheduleAppointmentInput!) { rescheduleAppointment(input: $input) { id state } }';

/** Late morning, Italian time, `days` days from today. */
const on = (days: number) => new Date(`${addDays(today(), days)}T10:00:00Z`).toISOString();

describe('a job centre does not convene a person under a do-not-convene decision', () => {
  let graph: TestSubgraph<ReferralsLoaders>;
  beforeAll(async () => {
    graph = await createTestSubgraph(referralsSubgraph, { caller: CPI_MILAN });
    await insertServicePoints(graph.em());
    await graph.em().insertMany(ConvocationExclusionReplica, [
      { exclusionId: randomUUID(), fiscalCode: EXCLUDED.fiscalCode, reason: 'VIOLENCE_PROTECTION_PROGRAMME', since: addDays(today(), SINCE), endedOn: addDays(today(), ENDED_ON), changedAt: new Date() },
      // An earlier decision, long ended, changes nothing.
      { exclusionId: randomUUID(), fiscalCode: EXCLUDED.fiscalCode, reason: 'EMPLOYED', since: '2024-01-01', endedOn: '2024-06-01', changedAt: new Date('2024-06-01T08:00:00Z') },
    ]);
  });
  afterAll(() => graph.close());

  const written = async () => ({
    appointments: await graph.em().count(Appointment, {}),
    history: await graph.em().count(AppointmentEvent, {}),
    reminders: await graph.em().count(AppointmentReminder, {}),
    events: await graph.em().count(OutboxEvent, {}),
  });
  const schedule = (days: number, overrides: Record<string, unknown> = {}, caller: Caller = CPI_MILAN) =>
    graph.query<{ scheduleAppointment: { id: string; state: string } }>(
      SCHEDULE,
      { input: { servicePointCode: POINTS.desk.code, kind: 'CONVOCATION', workerId: EXCLUDED.workerId, fiscalCode: EXCLUDED.fiscalCode, scheduledAt: on(days), reminderChannels: ['SMS'], ...overrides } },
      asCaller(caller),
    );

  it('refuses a convocation on a day the decision holds, from its first day to the day before its end, writing nothing', async () => {
    for (const days of [SINCE, ENDED_ON - 1]) {
      const before = await written();
      const res = await schedule(days);
      expect(res.errors).toHaveLength(1);
      expect(res.errors![0]!.extensions).toMatchObject({ code: 'CONFLICT', reason: 'DO_NOT_CONVENE', exclusionReason: 'VIOLENCE_PROTECTION_PROGRAMME', excludedSince: addDays(today(), SINCE) });
      expect(await written()).toEqual(before);
    }
  });

  it('convenes before the decision takes effect and from the day it ends', async () => {
    for (const days of [SINCE - 1, ENDED_ON]) {
      const res = await schedule(days);
      expect(res.errors).toBeUndefined();
      expect(res.data!.scheduleAppointment.state).toBe('SCHEDULED');
    }
  });

  it('at a job-centre office as at its desks; not for social services, nor for other kinds', async () => {
    expect((await schedule(SINCE + 1, { servicePointCode: POINTS.jobCentre.code })).errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect((await schedule(SINCE + 1, { servicePointCode: POINTS.social.code }, SOCIAL_MILAN)).errors).toBeUndefined();
    expect((await schedule(SINCE + 1, { kind: 'DESK_MEETING' })).errors).toBeUndefined();
  });

  it('refuses moving a convocation onto a day the decision holds, writing nothing; another day is fine', async () => {
    const { id } = (await schedule(1)).data!.scheduleAppointment;
    const before = await written();
    const refused = await graph.query(RESCHEDULE, { input: { id, scheduledAt: on(SINCE + 2), reason: 'operator unavailable' } });
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'DO_NOT_CONVENE' });
    expect(await written()).toEqual(before);
    expect((await graph.em().findOneOrFail(Appointment, id)).state).toBe('SCHEDULED');

    const moved = await graph.query<{ rescheduleAppointment: { id: string; state: string } }>(RESCHEDULE, { input: { id, scheduledAt: on(2), reason: 'operator unavailable' } });
    expect(moved.errors).toBeUndefined();
    expect(moved.data!.rescheduleAppointment.state).toBe('SCHEDULED');
  });
});
