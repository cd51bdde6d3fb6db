import { type EntityData, type EntityManager } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, today } from '../../../subgraphs/lib/dates';
import { type Caller, Purpose } from '../../../subgraphs/lib/identity';
import { OutboxEvent } from '../../../subgraphs/lib/outbox/outbox-event.entity';
import { referralsSubgraph } from '../../../subgraphs/referrals';
import { Appointment, AppointmentChannel, AppointmentEvent, AppointmentKind, AppointmentState } from '../../../subgraphs/referrals/appointment/appointment.entity';
import { PersonCompetence } from '../../../subgraphs/referrals/competence/person-competence.entity';
import { ConsentRecording, DeskContactAction, DeskNeed, DeskUserType, OrientationOutcome } from '../../../subgraphs/referrals/desk-contact/desk-contact.codes';
import { DeskContact, DeskContactEvent } from '../../../subgraphs/referrals/desk-contact/desk-contact.entity';
import { type ReferralsLoaders } from '../../../subgraphs/referrals/loaders';
import { Referral, ReferralEvent, ReferralState } from '../../../subgraphs/referrals/referral/referral.entity';
import { asCaller, callerAs } from '../../utils/callers';
import { person } from '../../utils/people';
import { createTestSubgraph, type GraphQLResponse, type TestSubgraph } from '../../utils/subgraph';
import { ORG } from './access-fixtures';
import { insertReferral, insertServicePoints, POINTS, REGION_OPERATOR, referralInput } from './fixtures';

/**
 * Issue 5 point 8 for the referrals: each transition mutation writes history rows saying
 * who (operator and organisation), when, why (the note: motivation, rejection reason,
 * outcome) and under which purpose, all from the verified caller; each illegal one is a
 * CONFLICT that changes no referral, history, desk contact, appointment or outbox row.
 */

const MILAN_CPI = callerAs('CPI_OPERATOR', 'REFERRAL', { subject: 'operator-cpi-mi-07', organisation: 'org-afol-milano', territory: ['015'] });
const MILAN_SOCIAL = callerAs('SOCIAL_WORKER', 'REFERRAL', { subject: 'social-worker-mi-07', organisation: 'org-comune-milano', territory: ['015146'] });
const DESK = callerAs('SOCIAL_DESK_OPERATOR', 'REFERRAL', { subject: 'desk-operator-cgil-07', organisation: ORG.cgil });

/** A written motivation longer than the 500 characters of a rejection reason (transfers allow 2000). */
const LONG_MOTIVATION = `Needs beyond work emerged at the interview at the job centre. ${'The household asks for support with housing and care. '.repeat(25)}`.trim();
const MOTIVATION = 'Housing and care needs emerged at the CPI interview';

const byId = (name: string) => `mutation($id: ID!) { ${name}(id: $id) { id state } }`;
const REJECT = 'mutation($input: RejectReferralInput!) { rejectReferral(input: $input) { id state } }';
const CLOSE = 'mutation($input: CloseReferralInput!) { closeReferral(input: $input) { id state } }';
const CREATE = 'mutation($input: CreateReferralInput!) { createReferral(input: $input) { id state } }';
const TO_SOCIAL = 'mutation($input: ReferToSocialServicesInput!) { referToSocialServices(input: $input) { person { outcome referral { id } } } }';
const TO_JOB_CENTRE = 'mutation($input: ReferHouseholdMembersToJobCentreInput!) { referHouseholdMembersToJobCentre(input: $input) { members { outcome referral { id } } } }';
const REGISTER = 'mutation($input: RegisterDeskContactInput!) { registerDeskContact(input: $input) { id } }';
const REFER = 'mutation($input: ReferFromDeskContactInput!) { referFromDeskContact(input: $input) { id state } }';
const WITHDRAW_CONSENT = 'mutation($id: ID!) { withdrawDeskContactConsent(id: $id) { id } }';

/** The history rows a legal transition must have written on one referral. */
interface Expected {
  transitions: [ReferralState | null, ReferralState][];
  note: string | null;
}

interface Case {
  name: string;
  caller: Caller;
  query: string;
  /** Arranges the data; returns the variables and the referral concerned, when it exists before. */
  arrange: (em: EntityManager) => Promise<{ variables: Record<string, unknown>; referralId?: string }>;
  /** Finds the referral written, for the mutations that write one. */
  written?: (data: Record<string, unknown>) => string;
  expected: Expected;
}

const PAST = addDays(today(), -1);

const move = (name: string, from: ReferralState, to: ReferralState, options: { query?: string; input?: (id: string) => Record<string, unknown>; note?: string | null } = {}): Case => ({
  name: `${name} ${from} -> ${to}`,
  caller: REGION_OPERATOR,
  query: options.query ?? byId(name),
  arrange: async (em) => {
    const id = await insertReferral(em, { state: from, dueBy: from === ReferralState.DRAFT ? null : PAST });
    return { referralId: id, variables: options.input ? { input: options.input(id) } : { id } };
  },
  expected: { transitions: [[from, to]], note: options.note ?? null },
});

/** A person of the competence replica living in Milan, for the transfers. */
async function milanese(em: EntityManager, n: number): Promise<string> {
  const fiscalCode = person(n).fiscalCode;
  await em.insertMany(PersonCompetence, [{ fiscalCode, workerId: randomUUID(), domicileMunicipality: '015146', updatedAt: new Date() } as EntityData<PersonCompetence>]);
  return fiscalCode;
}

let people = 300;

const LEGAL: Case[] = [
  {
    name: 'createReferral as a draft -> DRAFT',
    caller: REGION_OPERATOR,
    query: CREATE,
    arrange: async () => ({ variables: { input: referralInput({ motivation: MOTIVATION, send: false }) } }),
    written: (data) => (data.createReferral as { id: string }).id,
    expected: { transitions: [[null, ReferralState.DRAFT]], note: MOTIVATION },
  },
  {
    name: 'createReferral sent at once -> DRAFT -> SENT',
    caller: REGION_OPERATOR,
    query: CREATE,
    arrange: async () => ({ variables: { input: referralInput({ motivation: MOTIVATION }) } }),
    written: (data) => (data.createReferral as { id: string }).id,
    expected: { transitions: [[null, ReferralState.DRAFT], [ReferralState.DRAFT, ReferralState.SENT]], note: MOTIVATION },
  },
  move('sendReferral', ReferralState.DRAFT, ReferralState.SENT),
  move('acceptReferral', ReferralState.SENT, ReferralState.ACCEPTED),
  move('rejectReferral', ReferralState.SENT, ReferralState.REJECTED, { query: REJECT, input: (id) => ({ id, reason: 'Outside our competence' }), note: 'Outside our competence' }),
  move('withdrawReferral', ReferralState.SENT, ReferralState.WITHDRAWN),
  move('withdrawReferral', ReferralState.ACCEPTED, ReferralState.WITHDRAWN),
  move('expireReferral', ReferralState.SENT, ReferralState.EXPIRED),
  move('setReferralAppointment', ReferralState.ACCEPTED, ReferralState.APPOINTMENT_SET),
  move('takeReferralInCharge', ReferralState.APPOINTMENT_SET, ReferralState.TAKEN_IN_CHARGE),
  move('closeReferral', ReferralState.TAKEN_IN_CHARGE, ReferralState.CLOSED, { query: CLOSE, input: (id) => ({ id, outcome: 'PaIS signed with the household' }), note: 'PaIS signed with the household' }),
  {
    name: 'referToSocialServices with a long written motivation -> DRAFT -> SENT',
    caller: MILAN_CPI,
    query: TO_SOCIAL,
    arrange: async (em) => ({ variables: { input: { fiscalCode: await milanese(em, ++people), motivation: LONG_MOTIVATION } } }),
    written: (data) => (data.referToSocialServices as { person: { outcome: string; referral: { id: string } } }).person.referral.id,
    expected: { transitions: [[null, ReferralState.DRAFT], [ReferralState.DRAFT, ReferralState.SENT]], note: LONG_MOTIVATION },
  },
  {
    name: 'referHouseholdMembersToJobCentre -> DRAFT -> SENT',
    caller: MILAN_SOCIAL,
    query: TO_JOB_CENTRE,
    arrange: async (em) => ({ variables: { input: { members: [{ fiscalCode: await milanese(em, ++people) }], motivation: 'Able to work after the preliminary analysis' } } }),
    written: (data) => (data.referHouseholdMembersToJobCentre as { members: { referral: { id: string } }[] }).members[0]!.referral.id,
    expected: { transitions: [[null, ReferralState.DRAFT], [ReferralState.DRAFT, ReferralState.SENT]], note: 'Able to work after the preliminary analysis' },
  },
];

/** Stores a named desk contact of the CGIL desk, consent standing (or withdrawn). */
async function deskContact(em: EntityManager, withdrawn = false): Promise<string> {
  const at = new Date('2025-05-02T09:00:00Z');
  const contact = em.create(DeskContact, {
    desk: POINTS.socialDesk.code,
    organisation: ORG.cgil,
    fiscalCode: withdrawn ? null : person(++people).fiscalCode,
    workerId: withdrawn ? null : randomUUID(),
    userType: DeskUserType.PENSIONER,
    need: DeskNeed.HOUSING,
    outcome: OrientationOutcome.REFERRAL,
    contactedAt: at,
    consentGivenAt: at,
    consentRecordedAs: ConsentRecording.SIGNED_FORM,
    consentWithdrawnAt: withdrawn ? at : null,
    recordedBy: DESK.subject,
    createdAt: at,
  });
  em.create(DeskContactEvent, { contact, sequence: 1, action: DeskContactAction.REGISTERED, at, recordedBy: DESK.subject, organisation: ORG.cgil, purpose: Purpose.REFERRAL, note: 'fixture' });
  await em.flush();
  return contact.id;
}

/** A SCHEDULED intake appointment of a referral: it must be attended before the referral is taken in charge. */
async function intakeAppointment(em: EntityManager, referralId: string): Promise<void> {
  const referral = await em.findOneOrFail(Referral, referralId);
  em.create(Appointment, {
    servicePoint: POINTS.social.code,
    workerId: referral.workerId,
    workerFiscalCode: referral.workerFiscalCode,
    kind: AppointmentKind.REFERRAL_INTAKE,
    referral,
    scheduledAt: new Date('2099-01-10T09:00:00Z'),
    durationMinutes: 30,
    channel: AppointmentChannel.IN_PERSON,
    state: AppointmentState.SCHEDULED,
    convokedBy: 'social-worker-mi-07',
    convokedByOrganisation: 'org-comune-milano',
    purpose: Purpose.REFERRAL,
  });
  await em.flush();
}

interface Illegal {
  name: string;
  caller: Caller;
  query: string;
  arrange: (em: EntityManager) => Promise<{ variables: Record<string, unknown>; referralId?: string; contactId?: string }>;
}

const illegalMove = (name: string, from: ReferralState, options: { query?: string; input?: (id: string) => Record<string, unknown>; dueBy?: string } = {}): Illegal => ({
  name: `${name} from ${from}`,
  caller: REGION_OPERATOR,
  query: options.query ?? byId(name),
  arrange: async (em) => {
    const id = await insertReferral(em, { state: from, dueBy: options.dueBy ?? (from === ReferralState.DRAFT ? null : PAST) });
    return { referralId: id, variables: options.input ? { input: options.input(id) } : { id } };
  },
});

const ILLEGAL: Illegal[] = [
  illegalMove('sendReferral', ReferralState.SENT),
  illegalMove('acceptReferral', ReferralState.DRAFT),
  illegalMove('rejectReferral', ReferralState.ACCEPTED, { query: REJECT, input: (id) => ({ id, reason: 'Too late' }) }),
  illegalMove('closeReferral', ReferralState.APPOINTMENT_SET, { query: CLOSE, input: (id) => ({ id, outcome: 'Too early' }) }),
  illegalMove('withdrawReferral', ReferralState.APPOINTMENT_SET),
  // From the final states.
  illegalMove('acceptReferral', ReferralState.REJECTED),
  illegalMove('withdrawReferral', ReferralState.CLOSED),
  illegalMove('sendReferral', ReferralState.WITHDRAWN),
  illegalMove('setReferralAppointment', ReferralState.EXPIRED),
  illegalMove('closeReferral', ReferralState.CLOSED, { query: CLOSE, input: (id) => ({ id, outcome: 'Closed twice' }) }),
  // Legal moves whose precondition does not hold yet.
  { ...illegalMove('expireReferral', ReferralState.SENT, { dueBy: addDays(today(), 5) }), name: 'expireReferral before the response deadline' },
  {
    name: 'takeReferralInCharge before the intake appointment was attended',
    caller: REGION_OPERATOR,
    query: byId('takeReferralInCharge'),
    arrange: async (em) => {
      const id = await insertReferral(em, { state: ReferralState.APPOINTMENT_SET });
      await intakeAppointment(em, id);
      return { referralId: id, variables: { id } };
    },
  },
  {
    name: 'referFromDeskContact after the consent was withdrawn',
    caller: DESK,
    query: REFER,
    arrange: async (em) => {
      const id = await deskContact(em, true);
      return { contactId: id, variables: { input: { id, toCode: POINTS.socialCremona.code, motivation: 'Sfratto in corso' } } };
    },
  },
  {
    name: 'withdrawDeskContactConsent a second time',
    caller: DESK,
    query: WITHDRAW_CONSENT,
    arrange: async (em) => {
      const id = await deskContact(em, true);
      return { contactId: id, variables: { id } };
    },
  },
];

/** Every row count a refused mutation must leave as it was. */
async function counts(em: EntityManager): Promise<Record<string, number>> {
  return {
    referrals: await em.count(Referral),
    referralEvents: await em.count(ReferralEvent),
    deskContacts: await em.count(DeskContact),
    deskContactEvents: await em.count(DeskContactEvent),
    appointments: await em.count(Appointment),
    appointmentEvents: await em.count(AppointmentEvent),
    outbox: await em.count(OutboxEvent),
  };
}

async function referralRow(em: EntityManager, id: string): Promise<Record<string, unknown>> {
  const r = await em.findOneOrFail(Referral, id);
  return { state: r.state, updatedAt: r.updatedAt.getTime(), sentAt: r.sentAt?.getTime() ?? null, dueBy: r.dueBy ?? null, rejectionReason: r.rejectionReason ?? null, outcome: r.outcome ?? null };
}

async function contactRow(em: EntityManager, id: string): Promise<Record<string, unknown>> {
  const c = await em.findOneOrFail(DeskContact, id);
  return { fiscalCode: c.fiscalCode ?? null, workerId: c.workerId ?? null, consentWithdrawnAt: c.consentWithdrawnAt?.getTime() ?? null };
}

/** The author fields of a history row, as the verified caller gives them. */
const author = (caller: Caller) => ({ recordedBy: caller.subject, organisation: caller.organisation, purpose: caller.purpose });

describe('referral transitions record who, when, why and purpose, and illegal ones write nothing', () => {
  let graph: TestSubgraph<ReferralsLoaders>;
  beforeAll(async () => {
    graph = await createTestSubgraph(referralsSubgraph);
    await insertServicePoints(graph.em());
  });
  afterAll(() => graph.close());

  const run = <D = Record<string, unknown>>(query: string, variables: Record<string, unknown>, caller: Caller) => graph.query<D>(query, variables, asCaller(caller));

  /** The referral's history rows written since `after` (a sequence), oldest first. */
  const newEvents = async (referralId: string, after: number) =>
    (await graph.em().find(ReferralEvent, { referral: referralId, sequence: { $gt: after } }, { orderBy: { sequence: 'asc' } })).map((e) => ({
      fromState: e.fromState ?? null,
      toState: e.toState,
      note: e.note ?? null,
      recordedBy: e.recordedBy,
      organisation: e.organisation,
      purpose: e.purpose,
      at: e.at.getTime(),
    }));

  const expectRecorded = (events: Awaited<ReturnType<typeof newEvents>>, expected: Expected, caller: Caller, before: number, after: number) => {
    expect(events.map(({ at: _at, ...rest }) => rest)).toEqual(expected.transitions.map(([fromState, toState]) => ({ fromState, toState, note: expected.note, ...author(caller) })));
    for (const e of events) {
      // Stored to the second on some platforms: within the request, give or take that second.
      expect(e.at).toBeGreaterThanOrEqual(before - 1000);
      expect(e.at).toBeLessThanOrEqual(after + 1000);
    }
  };

  it.each(LEGAL.map((c) => [c.name, c] as const))('%s writes history rows with operator, organisation, time, why and purpose', async (_name, c) => {
    const { variables, referralId } = await c.arrange(graph.em());
    const sequenceBefore = referralId ? await graph.em().count(ReferralEvent, { referral: referralId }) : 0;
    const before = Date.now();
    const res = await run(c.query, variables, c.caller);
    const after = Date.now();
    expect(res.errors).toBeUndefined();
    const id = referralId ?? c.written!(res.data!);
    expectRecorded(await newEvents(id, sequenceBefore), c.expected, c.caller, before, after);
  });

  it('a desk contact records the operator, organisation, time, why and purpose of its registration, referral and consent withdrawal, and of the referral it moves', async () => {
    const before = Date.now();
    const registered = await run<{ registerDeskContact: { id: string } }>(
      REGISTER,
      {
        input: {
          deskCode: POINTS.socialDesk.code,
          consent: { givenAt: '2025-05-02T09:00:00Z', recordedAs: 'SIGNED_FORM' },
          fiscalCode: person(++people).fiscalCode,
          workerId: randomUUID(),
          userType: 'PENSIONER',
          need: 'HOUSING',
          outcome: 'REFERRAL',
        },
      },
      DESK,
    );
    expect(registered.errors).toBeUndefined();
    const contactId = registered.data!.registerDeskContact.id;
    const referred = await run<{ referFromDeskContact: { id: string } }>(REFER, { input: { id: contactId, toCode: POINTS.socialCremona.code, motivation: 'Sfratto in corso, chiede un colloquio' } }, DESK);
    expect(referred.errors).toBeUndefined();
    const referralId = referred.data!.referFromDeskContact.id;
    const withdrawn = await run(WITHDRAW_CONSENT, { id: contactId }, DESK);
    expect(withdrawn.errors).toBeUndefined();
    const after = Date.now();

    const events = await graph.em().find(DeskContactEvent, { contact: contactId }, { orderBy: { sequence: 'asc' } });
    expect(events.map((e) => ({ action: e.action, note: e.note, recordedBy: e.recordedBy, organisation: e.organisation, purpose: e.purpose }))).toEqual([
      { action: 'REGISTERED', note: 'consent SIGNED_FORM', ...author(DESK) },
      { action: 'REFERRED', note: `referred to ${POINTS.socialCremona.code}`, ...author(DESK) },
      { action: 'CONSENT_WITHDRAWN', note: 'consent withdrawn by the person', ...author(DESK) },
    ]);
    for (const e of events) {
      expect(e.at.getTime()).toBeGreaterThanOrEqual(before - 1000);
      expect(e.at.getTime()).toBeLessThanOrEqual(after + 1000);
    }
    const history = await newEvents(referralId, 0);
    expectRecorded(history.slice(0, 2), { transitions: [[null, ReferralState.DRAFT], [ReferralState.DRAFT, ReferralState.SENT]], note: 'Sfratto in corso, chiede un colloquio' }, DESK, before, after);
    // The referral's withdrawal says why: the person withdrew consent.
    expectRecorded(history.slice(2), { transitions: [[ReferralState.SENT, ReferralState.WITHDRAWN]], note: 'consent withdrawn by the person' }, DESK, before, after);
  });

  it.each(ILLEGAL.map((c) => [c.name, c] as const))('%s is a CONFLICT and changes no referral, history, contact, appointment or outbox row', async (_name, c) => {
    const { variables, referralId, contactId } = await c.arrange(graph.em());
    const rowsBefore = await counts(graph.em());
    const rowBefore = referralId ? await referralRow(graph.em(), referralId) : await contactRow(graph.em(), contactId!);
    const res: GraphQLResponse = await run(c.query, variables, c.caller);
    expect(res.errors?.map((e) => e.extensions?.code)).toEqual(['CONFLICT']);
    expect(await counts(graph.em())).toEqual(rowsBefore);
    expect(referralId ? await referralRow(graph.em(), referralId) : await contactRow(graph.em(), contactId!)).toEqual(rowBefore);
  });
});
