import { type EntityManager } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Caller } from '../../../subgraphs/lib/identity';
import { referralsSubgraph } from '../../../subgraphs/referrals';
import { Appointment, AppointmentEvent, AppointmentReminder, AppointmentState } from '../../../subgraphs/referrals/appointment/appointment.entity';
import { type ReferralsLoaders } from '../../../subgraphs/referrals/loaders';
import { Referral, ReferralState } from '../../../subgraphs/referrals/referral/referral.entity';
import { asCaller, callerAs } from '../../utils/callers';
import { person } from '../../utils/people';
import { createTestSubgraph, type TestSubgraph } from '../../utils/subgraph';
import { insertReferral, insertServicePoints, POINTS } from './fixtures';

const DAY = 86_400_000;
const PERSON = { workerId: randomUUID(), fiscalCode: person(21).fiscalCode };
const OTHER = { workerId: randomUUID(), fiscalCode: person(22).fiscalCode };

/** A job-centre operator of the province of Milan, convening for employment services. */
const CPI_MILAN = callerAs('CPI_OPERATOR', 'EMPLOYMENT_SERVICES', { subject: 'operator-cpi-mi', organisation: 'org-afol', territory: ['015'], purposes: ['EMPLOYMENT_SERVICES', 'REFERRAL'] as never });
const CPI_MILAN_REFERRAL: Caller = { ...CPI_MILAN, purpose: 'REFERRAL' as Caller['purpose'] };
const CPI_CREMONA = callerAs('CPI_OPERATOR', 'EMPLOYMENT_SERVICES', { subject: 'operator-cpi-cr', organisation: 'org-cr', territory: ['019'] });
const SOCIAL_MILAN = callerAs('SOCIAL_WORKER', 'SOCIAL_INCLUSION', { subject: 'social-mi', organisation: 'org-comune-mi', territory: ['015146'] });
const DESK_CGIL = callerAs('SOCIAL_DESK_OPERATOR', 'REFERRAL', { subject: 'desk-cgil', organisation: 'org-cgil' });
const DESK_UIL = callerAs('SOCIAL_DESK_OPERATOR', 'REFERRAL', { subject: 'desk-uil', organisation: 'org-uil' });
const CITIZEN = callerAs('CITIZEN', 'SELF_SERVICE', { subject: PERSON.fiscalCode, organisation: 'org-spid' });
const OTHER_CITIZEN = callerAs('CITIZEN', 'SELF_SERVICE', { subject: OTHER.fiscalCode, organisation: 'org-spid' });

/** Every field a job centre reads; the others read less (see {@link fieldsFor}). */
const FIELDS = `
  id kind state scheduledAt durationMinutes channel workerFiscalCode convokedBy convokedByOrganisation purpose
  absenceJustification changeReason confirmedAt rescheduledFrom rescheduledTo noShow
  servicePoint { code } worker { id } referral { id state }
  reminders { id channel dueAt status }
  history { sequence fromState toState recordedBy organisation purpose note }
`;
/** The fields of {@link FIELDS} the caller may read: noShow is the job centre's; the operator behind a change is not the person's to read here. */
function fieldsFor(caller: Caller): string {
  let fields = FIELDS;
  if (caller.role !== 'CPI_OPERATOR') fields = fields.replace(' noShow', '');
  if (caller.role === 'CITIZEN') fields = fields.replace(' convokedBy ', ' ').replace(' recordedBy organisation', '');
  return fields;
}
const SCHEDULE = `mutation($input: ScheduleAppointmentInput!) { scheduleAppointment(input: $input) { %F } }`;
const RESCHEDULE = `mutation($input: RescheduleAppointmentInput!) { rescheduleAppointment(input: $input) { %F } }`;
const CANCEL = `mutation($input: CancelAppointmentInput!) { cancelAppointment(input: $input) { %F } }`;
const OUTCOME = `mutation($input: RecordAppointmentOutcomeInput!) { recordAppointmentOutcome(input: $input) { %F } }`;
const CONFIRM = `mutation($id: ID!) { confirmAppointment(id: $id) { %F } }`;
const GET = `query($id: ID!) { appointment(id: $id) { %F } }`;
const DELIVERY = `mutation($input: RecordReminderDeliveryInput!) { recordReminderDelivery(input: $input) { id status updatedBy updatedForPurpose } }`;

interface Data {
  id: string;
  state: string;
  scheduledAt: string;
  rescheduledFrom: string | null;
  rescheduledTo: string | null;
  absenceJustification: string | null;
  noShow: boolean | null;
  referral: { id: string; state: string } | null;
  reminders: { id: string; channel: string; dueAt: string; status: string }[];
  history: { sequence: number; fromState: string | null; toState: string; recordedBy: string; organisation: string; purpose: string; note: string | null }[];
  [key: string]: unknown;
}

function convocation(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    servicePointCode: POINTS.desk.code,
    kind: 'CONVOCATION',
    workerId: PERSON.workerId,
    fiscalCode: PERSON.fiscalCode,
    scheduledAt: new Date(Date.now() + 10 * DAY).toISOString(),
    ...overrides,
  };
}

/** What a test reads back to prove that nothing was written. */
async function snapshot(em: EntityManager, id: string) {
  const appointment = await em.findOneOrFail(Appointment, id);
  const events = await em.count(AppointmentEvent, { appointment: id });
  const reminders = await em.find(AppointmentReminder, { appointment: id }, { orderBy: { id: 'asc' } });
  return { state: appointment.state, updatedAt: appointment.updatedAt.getTime(), events, reminders: reminders.map((r) => r.status), total: await em.count(Appointment, {}) };
}

describe('appointments and convocations', () => {
  let graph: TestSubgraph<ReferralsLoaders>;
  beforeAll(async () => {
    graph = await createTestSubgraph(referralsSubgraph, { caller: CPI_MILAN });
    await insertServicePoints(graph.em());
  });
  afterAll(() => graph.close());

  async function run(query: string, variables: Record<string, unknown>, caller: Caller = CPI_MILAN): Promise<Data> {
    const res = await graph.query<Record<string, Data>>(query.replace('%F', fieldsFor(caller)), variables, asCaller(caller));
    expect(res.errors).toBeUndefined();
    return Object.values(res.data!)[0]!;
  }
  async function refused(query: string, variables: Record<string, unknown>, caller: Caller = CPI_MILAN): Promise<{ code: unknown; message: string }> {
    const res = await graph.query(query.replace('%F', fieldsFor(caller)), variables, asCaller(caller));
    expect(res.errors).toHaveLength(1);
    return { code: res.errors![0]!.extensions?.code, message: res.errors![0]!.message };
  }
  /** Moves an appointment's time into the past, as if it had come. */
  async function timeHasCome(id: string): Promise<void> {
    await graph.em().nativeUpdate(Appointment, { id }, { scheduledAt: new Date(Date.now() - 3_600_000) });
  }
  async function inState(state: AppointmentState): Promise<string> {
    const { id } = await run(SCHEDULE, { input: convocation() });
    if (state === AppointmentState.SCHEDULED) return id;
    if (state === AppointmentState.CONFIRMED) return (await run(CONFIRM, { id }, CITIZEN)).id;
    if (state === AppointmentState.CANCELLED) return (await run(CANCEL, { input: { id, reason: 'service closed' } })).id;
    if (state === AppointmentState.RESCHEDULED) {
      await run(RESCHEDULE, { input: { id, scheduledAt: new Date(Date.now() + 12 * DAY).toISOString(), reason: 'operator unavailable' } });
      return id;
    }
    await timeHasCome(id);
    const justification = state === AppointmentState.JUSTIFIED_ABSENCE ? 'ILLNESS' : null;
    return (await run(OUTCOME, { input: { id, outcome: state, justification } })).id;
  }

  it('schedules a convocation with PENDING reminders 3 and 1 days before on each channel, and records who, when and under which purpose', async () => {
    // Away from the changes of summer time, so that a day is 24 hours.
    const scheduledAt = new Date('2099-06-15T07:30:00Z');
    const appointment = await run(SCHEDULE, { input: convocation({ scheduledAt: scheduledAt.toISOString(), reminderChannels: ['SMS', 'EMAIL'], channel: 'PHONE', durationMinutes: 45 }) });
    expect(appointment).toMatchObject({
      kind: 'CONVOCATION', state: 'SCHEDULED', channel: 'PHONE', durationMinutes: 45, workerFiscalCode: PERSON.fiscalCode,
      convokedBy: CPI_MILAN.subject, convokedByOrganisation: CPI_MILAN.organisation, purpose: 'EMPLOYMENT_SERVICES',
      servicePoint: { code: POINTS.desk.code }, worker: { id: PERSON.workerId }, referral: null, noShow: false,
    });
    expect(appointment.reminders.map((r) => [r.channel, Date.parse(r.dueAt), r.status]).sort()).toEqual(
      [
        ['EMAIL', scheduledAt.getTime() - 3 * DAY, 'PENDING'],
        ['EMAIL', scheduledAt.getTime() - DAY, 'PENDING'],
        ['SMS', scheduledAt.getTime() - 3 * DAY, 'PENDING'],
        ['SMS', scheduledAt.getTime() - DAY, 'PENDING'],
      ].sort(),
    );
    expect(appointment.history).toEqual([{ sequence: 1, fromState: null, toState: 'SCHEDULED', recordedBy: CPI_MILAN.subject, organisation: CPI_MILAN.organisation, purpose: 'EMPLOYMENT_SERVICES', note: null }]);
  });

  it('keeps the reminders at the same time on the Italian clock across the change to summer time', async () => {
    // Monday 30 March 2099, 10:00 in Rome (summer time from Sunday 29): reminders at 10:00 winter time on Friday 27.
    const appointment = await run(SCHEDULE, { input: convocation({ scheduledAt: '2099-03-30T08:00:00Z' }) });
    expect(appointment.reminders.map((r) => r.dueAt)).toEqual(['2099-03-27T09:00:00.000Z', '2099-03-29T08:00:00.000Z']);
  });

  it('creates no reminder whose time has already passed', async () => {
    const appointment = await run(SCHEDULE, { input: convocation({ scheduledAt: new Date(Date.now() + 2 * DAY).toISOString() }) });
    expect(appointment.reminders.map((r) => r.channel)).toEqual(['SMS']);
  });

  it('lists every input problem in one BAD_USER_INPUT and writes nothing', async () => {
    const before = await graph.em().count(Appointment, {});
    const res = await graph.query(SCHEDULE.replace('%F', FIELDS), { input: convocation({ servicePointCode: POINTS.cassaEdile.code, scheduledAt: new Date(Date.now() - DAY).toISOString(), workerId: 'nope', durationMinutes: 1 }) }, asCaller(CPI_MILAN));
    expect(res.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    expect((res.errors![0]!.extensions!.problems as { path: string }[]).map((p) => p.path).sort()).toEqual(['input.durationMinutes', 'input.scheduledAt', 'input.servicePointCode', 'input.workerId']);
    const outside = await refused(SCHEDULE, { input: convocation({ servicePointCode: POINTS.jobCentreCremona.code }) });
    expect(outside.code).toBe('BAD_USER_INPUT');
    expect(await graph.em().count(Appointment, {})).toBe(before);
  });

  it('reschedules: the old appointment is RESCHEDULED with its pending reminders CANCELLED, the new one linked with new reminders', async () => {
    const old = await run(SCHEDULE, { input: convocation({ reminderChannels: ['LETTER'] }) });
    const when = new Date(Date.now() + 20 * DAY);
    const moved = await run(RESCHEDULE, { input: { id: old.id, scheduledAt: when.toISOString(), reason: 'operator on leave' } });
    expect(moved).toMatchObject({ state: 'SCHEDULED', rescheduledFrom: old.id, rescheduledTo: null, purpose: 'EMPLOYMENT_SERVICES' });
    expect(Date.parse(moved.scheduledAt)).toBe(when.getTime());
    expect(moved.reminders.map((r) => [r.channel, r.status])).toEqual([['LETTER', 'PENDING'], ['LETTER', 'PENDING']]);
    expect(moved.history[0]!.note).toBe(`rescheduled from ${old.id}: operator on leave`);
    const after = await run(GET, { id: old.id });
    expect(after).toMatchObject({ state: 'RESCHEDULED', rescheduledTo: moved.id, changeReason: 'operator on leave' });
    expect(after.reminders.map((r) => r.status)).toEqual(['CANCELLED', 'CANCELLED']);
    expect(after.history.map((e) => [e.fromState, e.toState, e.note])).toEqual([[null, 'SCHEDULED', null], ['SCHEDULED', 'RESCHEDULED', 'operator on leave']]);
  });

  it('cancels with a reason and cancels the pending reminders; an empty reason is refused', async () => {
    const { id } = await run(SCHEDULE, { input: convocation() });
    expect((await refused(CANCEL, { input: { id, reason: '  ' } })).code).toBe('BAD_USER_INPUT');
    const cancelled = await run(CANCEL, { input: { id, reason: 'person moved to another province' } });
    expect(cancelled).toMatchObject({ state: 'CANCELLED', changeReason: 'person moved to another province' });
    expect(cancelled.reminders.every((r) => r.status === 'CANCELLED')).toBe(true);
    const reminders = await graph.em().find(AppointmentReminder, { appointment: id });
    expect(reminders.map((r) => [r.updatedBy, r.updatedForPurpose])).toEqual(reminders.map(() => [CPI_MILAN.subject, 'EMPLOYMENT_SERVICES']));
  });

  it('refuses an outcome before the scheduled time with CONFLICT and writes nothing', async () => {
    const { id } = await run(SCHEDULE, { input: convocation() });
    const before = await snapshot(graph.em(), id);
    const error = await refused(OUTCOME, { input: { id, outcome: 'ATTENDED' } });
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toContain('before its scheduled time');
    expect(await snapshot(graph.em(), id)).toEqual(before);
  });

  it('needs a coded reason for a justified absence, and refuses one with any other outcome', async () => {
    const { id } = await run(SCHEDULE, { input: convocation() });
    await timeHasCome(id);
    expect((await refused(OUTCOME, { input: { id, outcome: 'JUSTIFIED_ABSENCE' } })).code).toBe('BAD_USER_INPUT');
    expect((await refused(OUTCOME, { input: { id, outcome: 'ATTENDED', justification: 'ILLNESS' } })).code).toBe('BAD_USER_INPUT');
    expect((await refused(OUTCOME, { input: { id, outcome: 'CANCELLED' } })).code).toBe('BAD_USER_INPUT');
    const justified = await run(OUTCOME, { input: { id, outcome: 'JUSTIFIED_ABSENCE', justification: 'ILLNESS' } });
    expect(justified).toMatchObject({ state: 'JUSTIFIED_ABSENCE', absenceJustification: 'ILLNESS', noShow: false });
    expect(justified.history.at(-1)).toMatchObject({ fromState: 'SCHEDULED', toState: 'JUSTIFIED_ABSENCE', note: 'ILLNESS', recordedBy: CPI_MILAN.subject });
    expect(justified.reminders.every((r) => r.status === 'CANCELLED')).toBe(true);
  });

  it('exposes an unjustified absence from a job-centre convocation as a no-show, applying nothing', async () => {
    const id = await inState(AppointmentState.ABSENT);
    expect(await run(GET, { id })).toMatchObject({ state: 'ABSENT', noShow: true });
    // The same absence at social services is not a conditionality no-show.
    const social = await run(SCHEDULE, { input: convocation({ servicePointCode: POINTS.social.code }) }, SOCIAL_MILAN);
    await timeHasCome(social.id);
    expect(await run(OUTCOME, { input: { id: social.id, outcome: 'ABSENT' } }, SOCIAL_MILAN)).toMatchObject({ state: 'ABSENT' });
    expect(await run(GET, { id: social.id })).toMatchObject({ noShow: false });
    // noShow is the job centre's business: social services may not read it.
    expect((await graph.query(`query($id: ID!) { appointment(id: $id) { noShow } }`, { id: social.id }, asCaller(SOCIAL_MILAN))).errors![0]!.extensions!.code).toBe('FORBIDDEN');
  });

  const FINAL = [AppointmentState.ATTENDED, AppointmentState.JUSTIFIED_ABSENCE, AppointmentState.ABSENT, AppointmentState.RESCHEDULED, AppointmentState.CANCELLED];
  const REQUESTS: [string, (id: string) => [string, Record<string, unknown>, Caller]][] = [
    ['cancel', (id) => [CANCEL, { input: { id, reason: 'again' } }, CPI_MILAN]],
    ['reschedule', (id) => [RESCHEDULE, { input: { id, scheduledAt: new Date(Date.now() + 30 * DAY).toISOString(), reason: 'again' } }, CPI_MILAN]],
    ['record ATTENDED', (id) => [OUTCOME, { input: { id, outcome: 'ATTENDED' } }, CPI_MILAN]],
    ['confirm', (id) => [CONFIRM, { id }, CITIZEN]],
  ];
  it.each(FINAL.flatMap((state) => REQUESTS.map(([name, request]) => [state, name, request] as const)))('from %s, %s is a CONFLICT that writes nothing', async (state, _name, request) => {
    const id = await inState(state);
    const before = await snapshot(graph.em(), id);
    const [query, variables, caller] = request(id);
    expect((await refused(query, variables, caller)).code).toBe('CONFLICT');
    expect(await snapshot(graph.em(), id)).toEqual(before);
  });

  it('lets the person see and confirm only their own appointments, once, before the time', async () => {
    const own = await run(SCHEDULE, { input: convocation() });
    const others = await run(SCHEDULE, { input: convocation({ workerId: OTHER.workerId, fiscalCode: OTHER.fiscalCode }) });
    const mine = await graph.query<{ myAppointments: { totalCount: number; nodes: { workerFiscalCode: string }[] } }>(
      '{ myAppointments(first: 100) { totalCount nodes { workerFiscalCode } } }', {}, asCaller(OTHER_CITIZEN));
    expect(mine.errors).toBeUndefined();
    expect(mine.data!.myAppointments.totalCount).toBe(1);
    expect(mine.data!.myAppointments.nodes).toEqual([{ workerFiscalCode: OTHER.fiscalCode }]);

    const seen = await graph.query<{ appointment: unknown }>(`query($id: ID!) { appointment(id: $id) { id state } }`, { id: others.id }, asCaller(CITIZEN));
    expect(seen.data!.appointment).toBeNull();
    expect((await refused(CONFIRM, { id: others.id }, CITIZEN)).code).toBe('NOT_FOUND');

    const confirmed = await run(CONFIRM, { id: own.id }, CITIZEN);
    expect(confirmed.state).toBe('CONFIRMED');
    expect(confirmed.confirmedAt).not.toBeNull();
    expect(confirmed.history.at(-1)).toMatchObject({ fromState: 'SCHEDULED', toState: 'CONFIRMED', purpose: 'SELF_SERVICE' });
    expect((await refused(CONFIRM, { id: own.id }, CITIZEN)).code).toBe('CONFLICT');
    // A confirmed appointment still takes its outcome.
    await timeHasCome(own.id);
    expect(await run(OUTCOME, { input: { id: own.id, outcome: 'ATTENDED' } })).toMatchObject({ state: 'ATTENDED' });
    // The person may not record outcomes or cancel.
    const later = await run(SCHEDULE, { input: convocation() });
    expect((await refused(CANCEL, { input: { id: later.id, reason: 'no' } }, CITIZEN)).code).toBe('FORBIDDEN');
  });

  it('hides appointments outside the caller\'s scope: another territory or organisation sees nothing and moves nothing', async () => {
    const milan = await run(SCHEDULE, { input: convocation() });
    const agenda = (caller: Caller) => graph.query<{ serviceAppointments: { totalCount: number } }>(
      `query($code: ID!, $from: DateTime!, $to: DateTime!) { serviceAppointments(servicePointCode: $code, from: $from, to: $to, first: 100) { totalCount } }`,
      { code: POINTS.desk.code, from: new Date(Date.now() - 30 * DAY).toISOString(), to: new Date(Date.now() + 60 * DAY).toISOString() },
      asCaller(caller),
    );
    expect((await agenda(CPI_MILAN)).data!.serviceAppointments.totalCount).toBeGreaterThan(0);
    expect((await agenda(CPI_CREMONA)).data!.serviceAppointments.totalCount).toBe(0);
    const seen = await graph.query<{ appointment: unknown }>(`query($id: ID!) { appointment(id: $id) { id } }`, { id: milan.id }, asCaller(CPI_CREMONA));
    expect(seen.data!.appointment).toBeNull();
    const ENTITIES = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Appointment { id state } } }`;
    const federated = await graph.query<{ _entities: unknown[] }>(ENTITIES, { r: [{ __typename: 'Appointment', id: milan.id }, { __typename: 'Appointment', id: randomUUID() }] }, asCaller(CPI_CREMONA));
    expect(federated.data!._entities).toEqual([null, null]);
    const before = await snapshot(graph.em(), milan.id);
    expect((await refused(CANCEL, { input: { id: milan.id, reason: 'not mine' } }, CPI_CREMONA)).code).toBe('NOT_FOUND');
    expect(await snapshot(graph.em(), milan.id)).toEqual(before);

    // A social desk books a meeting; another desk's organisation does not see it.
    const booked = await run(SCHEDULE, { input: convocation({ kind: 'DESK_MEETING', servicePointCode: POINTS.socialDesk.code }) }, DESK_CGIL);
    expect((await graph.query<{ appointment: unknown }>(`query($id: ID!) { appointment(id: $id) { id } }`, { id: booked.id }, asCaller(DESK_UIL))).data!.appointment).toBeNull();
    expect((await graph.query<{ appointment: { id: string } }>(`query($id: ID!) { appointment(id: $id) { id } }`, { id: milan.id }, asCaller(DESK_CGIL))).data!.appointment).toBeNull();
    expect((await refused(SCHEDULE, { input: convocation() }, DESK_CGIL)).code).toBe('BAD_USER_INPUT');
  });

  it('refuses a wrong role or purpose with FORBIDDEN', async () => {
    const cassa = callerAs('CASSA_EDILE', 'REGULARITY_CHECK', { organisation: 'MI00', territory: ['015'] });
    expect((await refused(SCHEDULE, { input: convocation() }, cassa)).code).toBe('FORBIDDEN');
    const statistics = callerAs('CPI_OPERATOR', 'STATISTICS', { territory: ['015'] });
    expect((await refused(SCHEDULE, { input: convocation() }, statistics)).code).toBe('FORBIDDEN');
    expect((await refused(CONFIRM, { id: randomUUID() }, CPI_MILAN)).code).toBe('FORBIDDEN');
  });

  it('records the notification service\'s delivery of a PENDING reminder; SENT is final', async () => {
    const { reminders } = await run(SCHEDULE, { input: convocation() });
    const [first] = reminders;
    expect(await run(DELIVERY, { input: { id: first!.id, status: 'FAILED' } })).toMatchObject({ status: 'FAILED' });
    const notifier = callerAs('CPI_OPERATOR', 'EMPLOYMENT_SERVICES', { subject: 'notification-service', organisation: 'org-afol', territory: ['015'] });
    expect(await run(DELIVERY, { input: { id: first!.id, status: 'SENT' } }, notifier)).toMatchObject({ status: 'SENT', updatedBy: 'notification-service', updatedForPurpose: 'EMPLOYMENT_SERVICES' });
    expect((await refused(DELIVERY, { input: { id: first!.id, status: 'FAILED' } })).code).toBe('CONFLICT');
    expect((await refused(DELIVERY, { input: { id: first!.id, status: 'SENT' } }, CPI_CREMONA)).code).toBe('NOT_FOUND');
  });

  it('lists the PENDING reminders due by a time, within the caller\'s scope, for the notification service', async () => {
    const DUE = `query($dueBy: DateTime!) { dueReminders(dueBy: $dueBy, first: 100) { totalCount nodes { id status appointment { id } } } }`;
    const soon = await run(SCHEDULE, { input: convocation({ scheduledAt: new Date(Date.now() + 2 * DAY + 3_600_000).toISOString() }) });
    const dueBy = new Date(Date.now() + 2 * DAY).toISOString();
    const due = async (caller: Caller) => {
      const res = await graph.query<{ dueReminders: { totalCount: number; nodes: { id: string; status: string; appointment: { id: string } }[] } }>(DUE, { dueBy }, asCaller(caller));
      expect(res.errors).toBeUndefined();
      return res.data!.dueReminders;
    };
    const list = await due(CPI_MILAN);
    expect(list.nodes.map((n) => n.id)).toContain(soon.reminders[0]!.id);
    expect(list.nodes.every((n) => n.status === 'PENDING')).toBe(true);
    expect(list.nodes.find((n) => n.id === soon.reminders[0]!.id)!.appointment.id).toBe(soon.id);
    expect((await due(CPI_CREMONA)).totalCount).toBe(0);
    await run(DELIVERY, { input: { id: soon.reminders[0]!.id, status: 'SENT' } });
    expect((await due(CPI_MILAN)).nodes.map((n) => n.id)).not.toContain(soon.reminders[0]!.id);
    expect((await refused(DUE, { dueBy }, CITIZEN)).code).toBe('FORBIDDEN');
  });

  describe('an intake appointment of a referral', () => {
    it('moves an ACCEPTED referral to APPOINTMENT_SET, and taking it in charge waits for the attendance', async () => {
      const referralId = await insertReferral(graph.em(), { from: POINTS.social.code, to: POINTS.jobCentre.code, state: ReferralState.ACCEPTED, workerId: PERSON.workerId, fiscalCode: PERSON.fiscalCode });
      const intake = await run(SCHEDULE, { input: { servicePointCode: POINTS.jobCentre.code, kind: 'REFERRAL_INTAKE', referralId, scheduledAt: new Date(Date.now() + 5 * DAY).toISOString() } }, CPI_MILAN_REFERRAL);
      expect(intake).toMatchObject({ kind: 'REFERRAL_INTAKE', workerFiscalCode: PERSON.fiscalCode, referral: { id: referralId, state: 'APPOINTMENT_SET' }, purpose: 'REFERRAL' });

      // One appointment still to happen is enough.
      const second = await refused(SCHEDULE, { input: { servicePointCode: POINTS.jobCentre.code, kind: 'REFERRAL_INTAKE', referralId, scheduledAt: new Date(Date.now() + 6 * DAY).toISOString() } }, CPI_MILAN_REFERRAL);
      expect(second.code).toBe('CONFLICT');

      const TAKE = `mutation($id: ID!) { takeReferralInCharge(id: $id) { state } }`;
      expect((await refused(TAKE, { id: referralId }, CPI_MILAN_REFERRAL)).code).toBe('CONFLICT');
      await timeHasCome(intake.id);
      await run(OUTCOME, { input: { id: intake.id, outcome: 'ATTENDED' } }, CPI_MILAN_REFERRAL);
      expect(await run(TAKE, { id: referralId }, CPI_MILAN_REFERRAL)).toMatchObject({ state: 'TAKEN_IN_CHARGE' });
    });

    it('refuses a referral not yet accepted with CONFLICT, writing neither the appointment nor the referral\'s change', async () => {
      const referralId = await insertReferral(graph.em(), { from: POINTS.social.code, to: POINTS.jobCentre.code, state: ReferralState.SENT });
      const before = await graph.em().count(Appointment, {});
      const error = await refused(SCHEDULE, { input: { servicePointCode: POINTS.jobCentre.code, kind: 'REFERRAL_INTAKE', referralId, scheduledAt: new Date(Date.now() + 5 * DAY).toISOString() } }, CPI_MILAN_REFERRAL);
      expect(error.code).toBe('CONFLICT');
      expect(await graph.em().count(Appointment, {})).toBe(before);
      expect((await graph.em().findOneOrFail(Referral, referralId)).state).toBe(ReferralState.SENT);
    });

    it('must take place at the referral\'s receiving service point', async () => {
      const referralId = await insertReferral(graph.em(), { from: POINTS.social.code, to: POINTS.jobCentre.code, state: ReferralState.ACCEPTED });
      const error = await refused(SCHEDULE, { input: { servicePointCode: POINTS.desk.code, kind: 'REFERRAL_INTAKE', referralId, scheduledAt: new Date(Date.now() + 5 * DAY).toISOString() } }, CPI_MILAN_REFERRAL);
      expect(error.code).toBe('BAD_USER_INPUT');
    });
  });
});
