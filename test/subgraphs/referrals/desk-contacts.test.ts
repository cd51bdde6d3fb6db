import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Caller } from '../../../subgraphs/lib/identity';
import { referralsSubgraph } from '../../../subgraphs/referrals';
import { DeskContact, DeskContactEvent } from '../../../subgraphs/referrals/desk-contact/desk-contact.entity';
import { type ReferralsLoaders } from '../../../subgraphs/referrals/loaders';
import { Referral } from '../../../subgraphs/referrals/referral/referral.entity';
import { asCaller, callerAs } from '../../utils/callers';
import { person } from '../../utils/people';
import { createTestSubgraph, type GraphQLResponse, type TestSubgraph } from '../../utils/subgraph';
import { ORG } from './access-fixtures';
import { insertServicePoints, POINTS } from './fixtures';

// Issue 5 point 6 (and point 8 for what it adds): the sportello sociale's contacts, on consent.
const DESK = callerAs('SOCIAL_DESK_OPERATOR', 'REFERRAL', { subject: 'desk-operator-cgil', organisation: ORG.cgil });
const OTHER_DESK = callerAs('SOCIAL_DESK_OPERATOR', 'REFERRAL', { subject: 'desk-operator-uil', organisation: ORG.uil });
const SOCIAL_CREMONA = callerAs('SOCIAL_WORKER', 'REFERRAL', { subject: 'social-worker-cr', organisation: 'org-comune-cremona', territory: ['019036'] });
const PERSON = { fiscalCode: person(21).fiscalCode, workerId: randomUUID() };

const CONTACT_FIELDS = `id fiscalCode userType need outcome contactedAt consentGivenAt consentRecordedAs consentWithdrawnAt recordedBy desk { code }
  referrals { id state legalBasis from { code } to { code } }
  history { sequence action recordedBy organisation purpose note }`;
const REGISTER = `mutation($input: RegisterDeskContactInput!) { registerDeskContact(input: $input) { ${CONTACT_FIELDS} } }`;
const WITHDRAW = `mutation($id: ID!) { withdrawDeskContactConsent(id: $id) { ${CONTACT_FIELDS} } }`;
const REFER = `mutation($input: ReferFromDeskContactInput!) { referFromDeskContact(input: $input) { id state legalBasis reason motivation from { code } to { code } } }`;
const READ = `query($id: ID!) { deskContact(id: $id) { ${CONTACT_FIELDS} } }`;

interface Contact {
  id: string;
  fiscalCode: string | null;
  consentWithdrawnAt: string | null;
  referrals: { id: string; state: string; legalBasis: string; from: { code: string }; to: { code: string } }[];
  history: { sequence: number; action: string; recordedBy: string; organisation: string; purpose: string; note: string }[];
}

function contactInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    deskCode: POINTS.socialDesk.code,
    consent: { givenAt: '2025-05-02T09:00:00Z', recordedAs: 'SIGNED_FORM' },
    fiscalCode: PERSON.fiscalCode,
    workerId: PERSON.workerId,
    userType: 'PENSIONER',
    need: 'HOUSING',
    outcome: 'REFERRAL',
    contactedAt: '2025-05-02T09:00:00Z',
    ...overrides,
  };
}

const codes = (res: GraphQLResponse) => (res.errors ?? []).map((e) => e.extensions?.code);
const problems = (res: GraphQLResponse) => (res.errors?.[0]?.extensions?.problems as { path: string }[] | undefined)?.map((p) => p.path);

describe('contacts of a sportello sociale', () => {
  let graph: TestSubgraph<ReferralsLoaders>;
  beforeAll(async () => {
    graph = await createTestSubgraph(referralsSubgraph);
    await insertServicePoints(graph.em());
  });
  afterAll(() => graph.close());

  const run = <D = Record<string, unknown>>(query: string, variables: Record<string, unknown>, caller: Caller) => graph.query<D>(query, variables, asCaller(caller));
  const register = async (overrides: Record<string, unknown> = {}): Promise<Contact> => {
    const res = await run<{ registerDeskContact: Contact }>(REGISTER, { input: contactInput(overrides) }, DESK);
    expect(res.errors).toBeUndefined();
    return res.data!.registerDeskContact;
  };
  const written = async () => ({ contacts: await graph.em().count(DeskContact), events: await graph.em().count(DeskContactEvent), referrals: await graph.em().count(Referral) });

  it('registers a contact on the recorded consent, for the caller\'s organisation, with who, when, why and purpose', async () => {
    const contact = await register();
    expect(contact).toMatchObject({ fiscalCode: PERSON.fiscalCode, consentWithdrawnAt: null, recordedBy: DESK.subject, desk: { code: POINTS.socialDesk.code }, referrals: [] });
    expect(contact.history).toEqual([{ sequence: 1, action: 'REGISTERED', recordedBy: DESK.subject, organisation: ORG.cgil, purpose: 'REFERRAL', note: 'consent SIGNED_FORM' }]);
    const row = await graph.em().findOneOrFail(DeskContact, contact.id);
    expect(row.organisation).toBe(ORG.cgil);
  });

  it('registers an anonymous contact (information and orientation need no identity)', async () => {
    const contact = await register({ fiscalCode: null, workerId: null, outcome: 'INFORMATION' });
    expect(contact.fiscalCode).toBeNull();
  });

  it('refuses a contact without consent, listing every problem, and writes nothing', async () => {
    const before = await written();
    const res = await run(REGISTER, { input: contactInput({ consent: null, deskCode: POINTS.patronato.code, workerId: 'not-a-uuid', contactedAt: '2999-01-01T00:00:00Z' }) }, DESK);
    expect(codes(res)).toEqual(['BAD_USER_INPUT']);
    expect(problems(res)).toEqual(['input.deskCode', 'input.consent', 'input.contactedAt', 'input.workerId']);
    expect(await written()).toEqual(before);
  });

  it.each([
    ['need', { need: 'FOOD' }],
    ['user type', { userType: 'TOURIST' }],
    ['outcome', { outcome: 'MAYBE' }],
    ['consent recording', { consent: { givenAt: '2025-05-02T09:00:00Z', recordedAs: 'NOD' } }],
  ])('accepts only coded values for the %s', async (_label, overrides) => {
    const before = await written();
    const res = await run(REGISTER, { input: contactInput(overrides) }, DESK);
    expect(codes(res)).toEqual(['BAD_USER_INPUT']);
    expect(await written()).toEqual(before);
  });

  it('refers the person through the referral state machine, on CONSENT, and shows the desk the referral\'s status', async () => {
    const contact = await register();
    const res = await run<{ referFromDeskContact: Record<string, unknown> }>(REFER, { input: { id: contact.id, toCode: POINTS.socialCremona.code, motivation: 'Sfratto in corso, chiede un colloquio' } }, DESK);
    expect(res.errors).toBeUndefined();
    expect(res.data!.referFromDeskContact).toMatchObject({ state: 'SENT', legalBasis: 'CONSENT', reason: 'SOCIAL_NEEDS', from: { code: POINTS.socialDesk.code }, to: { code: POINTS.socialCremona.code } });
    const read = await run<{ deskContact: Contact }>(READ, { id: contact.id }, DESK);
    expect(read.data!.deskContact.referrals.map((r) => r.state)).toEqual(['SENT']);
    expect(read.data!.deskContact.history.map((h) => [h.action, h.purpose, h.note])).toEqual([
      ['REGISTERED', 'REFERRAL', 'consent SIGNED_FORM'],
      ['REFERRED', 'REFERRAL', `referred to ${POINTS.socialCremona.code}`],
    ]);
  });

  it('refers only to social services, a job-centre desk or a Cassa Edile, and only a person it can name', async () => {
    const anonymous = await register({ fiscalCode: null, workerId: null });
    const before = await written();
    const res = await run(REFER, { input: { id: anonymous.id, toCode: POINTS.patronato.code, motivation: 'x' } }, DESK);
    expect(codes(res)).toEqual(['BAD_USER_INPUT']);
    expect(problems(res)).toEqual(['input.id', 'input.toCode']);
    expect(await written()).toEqual(before);
    const named = await register();
    for (const toCode of [POINTS.desk.code, POINTS.cassaEdile.code]) {
      const ok = await run<{ referFromDeskContact: { state: string } }>(REFER, { input: { id: named.id, toCode, motivation: 'Orientamento' } }, DESK);
      expect(ok.data?.referFromDeskContact.state).toBe('SENT');
    }
  });

  it('answers another organisation\'s contact exactly like an unknown id, and writes nothing', async () => {
    const contact = await register();
    const before = await written();
    const unseen = await run(READ, { id: contact.id }, OTHER_DESK);
    expect(unseen).toEqual({ data: { deskContact: null } });
    for (const [query, variables] of [
      [WITHDRAW, (id: string) => ({ id })],
      [REFER, (id: string) => ({ input: { id, toCode: POINTS.socialCremona.code, motivation: 'Orientamento' } })],
    ] as const) {
      const outside = await run(query, variables(contact.id), OTHER_DESK);
      const unknown = await run(query, variables(randomUUID()), OTHER_DESK);
      expect(codes(outside)).toEqual(['NOT_FOUND']);
      expect(outside.errors?.map((e) => e.message)).toEqual(unknown.errors?.map((e) => e.message));
    }
    expect(await written()).toEqual(before);
  });

  it('is the desk\'s alone: a social worker reads no contact', async () => {
    const contact = await register();
    const res = await run(READ, { id: contact.id }, SOCIAL_CREMONA);
    expect(codes(res)).toEqual(['FORBIDDEN']);
    expect(res.data?.deskContact ?? null).toBeNull();
  });

  it('on withdrawal of consent erases the identity, withdraws the pending referrals, and refuses a second change with CONFLICT', async () => {
    const contact = await register();
    const refer = async () => {
      const res = await run<{ referFromDeskContact: { id: string } }>(REFER, { input: { id: contact.id, toCode: POINTS.socialCremona.code, motivation: 'Orientamento' } }, DESK);
      expect(res.errors).toBeUndefined();
      return res.data!.referFromDeskContact.id;
    };
    const [sent, accepted, appointment] = [await refer(), await refer(), await refer()];
    for (const id of [accepted, appointment]) expect((await run(`mutation($id: ID!) { acceptReferral(id: $id) { state } }`, { id }, SOCIAL_CREMONA)).errors).toBeUndefined();
    expect((await run(`mutation($id: ID!) { setReferralAppointment(id: $id) { state } }`, { id: appointment }, SOCIAL_CREMONA)).errors).toBeUndefined();

    const res = await run<{ withdrawDeskContactConsent: Contact }>(WITHDRAW, { id: contact.id }, DESK);
    expect(res.errors).toBeUndefined();
    const withdrawn = res.data!.withdrawDeskContactConsent;
    expect(withdrawn.fiscalCode).toBeNull();
    expect(withdrawn.consentWithdrawnAt).not.toBeNull();
    const states = Object.fromEntries(withdrawn.referrals.map((r) => [r.id, r.state]));
    expect(states).toEqual({ [sent]: 'WITHDRAWN', [accepted]: 'WITHDRAWN', [appointment]: 'APPOINTMENT_SET' });
    expect(withdrawn.history.map((h) => h.action)).toEqual(['REGISTERED', 'REFERRED', 'REFERRED', 'REFERRED', 'CONSENT_WITHDRAWN']);
    expect(withdrawn.history.at(-1)).toMatchObject({ recordedBy: DESK.subject, organisation: ORG.cgil, purpose: 'REFERRAL', note: 'consent withdrawn by the person' });
    const row = await graph.em().findOneOrFail(DeskContact, contact.id);
    expect([row.fiscalCode, row.workerId]).toEqual([null, null]);

    const before = await written();
    const again = await run(WITHDRAW, { id: contact.id }, DESK);
    expect(codes(again)).toEqual(['CONFLICT']);
    const referAfter = await run(REFER, { input: { id: contact.id, toCode: POINTS.socialCremona.code, motivation: 'Orientamento' } }, DESK);
    expect(codes(referAfter)).toEqual(['CONFLICT']);
    expect(await written()).toEqual(before);
  });

  it('writes nothing when the referral service refuses the referral', async () => {
    const contact = await register();
    const before = await written();
    const res = await run(REFER, { input: { id: contact.id, toCode: 'NO-SUCH-POINT', motivation: 'Orientamento' } }, DESK);
    expect(codes(res)).toEqual(['BAD_USER_INPUT']);
    expect(await written()).toEqual(before);
    const read = await run<{ deskContact: Contact }>(READ, { id: contact.id }, DESK);
    expect(read.data!.deskContact.history).toHaveLength(1);
  });
});
