import { type EntityData } from '@mikro-orm/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Purpose, Role } from '../../subgraphs/lib/identity';
import { Household, HouseholdMember, HouseholdRelation } from '../../subgraphs/pacts/household/household.entity';
import { PersonCompetence } from '../../subgraphs/referrals/competence/person-competence.entity';
import { ServicePoint } from '../../subgraphs/referrals/service-point/service-point.entity';
import { ContactSource, WorkerContactsRow } from '../../subgraphs/workers/contacts/worker-contacts.entity';
import { EmploymentLink } from '../../subgraphs/workers/employment-link/employment-link.entity';
import { Worker } from '../../subgraphs/workers/worker/worker.entity';
import { employerCode } from '../subgraphs/companies/fixtures';
import { POINTS } from '../subgraphs/referrals/fixtures';
import { authHeaders } from '../utils/auth';
import { createTestGraph, type TestGraph } from '../utils/graph';
import { person } from '../utils/people';

// Issue 5 point 1, what each side needs to convene the person (RdC Annex 5 §1.1-1.2): the
// receiving service reads the person's contacts in the transfer answer and its inbox, and
// the household context the policy allows it (social services: the household; a job centre:
// the status check of each member); employers, desks and analysts never read the contacts;
// the person keeps their own contacts up to date.
const SENT_TO_JOB_CENTRE = person(61);
const SENT_TO_SOCIAL = person(62);
const RELATIVE = person(63);
const EMPLOYER = employerCode(61);
const RECORDED = new Date('2026-01-15T09:00:00Z');

const CONTACTS = 'contacts { phone { value source updatedAt } mobilePhone { value source } email { value source } pec { value } domicileAddress { street streetNumber postcode municipality source } }';
const REFER = `mutation($input: ReferHouseholdMembersToJobCentreInput!) { referHouseholdMembersToJobCentre(input: $input) {
  members { outcome referral { id worker { fiscalCode ${CONTACTS} household { municipality members { fiscalCode relation } } } } } } }`;
const TO_SOCIAL = `mutation($input: ReferToSocialServicesInput!) { referToSocialServices(input: $input) {
  person { outcome referral { id worker { fiscalCode ${CONTACTS} household { municipality } } } } } }`;
const READ = `query($id: ID!) { referral(id: $id) { state worker { fiscalCode firstName lastName ${CONTACTS} household { municipality members { fiscalCode relation } } } } }`;
const STATUS = `query($cf: FiscalCode!) { employmentStatusCheck(fiscalCode: $cf) {
  person { fiscalCode servicePactActive availabilityDeclarationActive convocationExcluded } householdMembers { fiscalCode servicePactActive convocationExcluded } } }`;
const WORKER = `query($cf: FiscalCode!) { worker(fiscalCode: $cf) { firstName ${CONTACTS} } }`;
const UPDATE = `mutation($input: UpdateMyContactsInput!) { updateMyContacts(input: $input) { fiscalCode ${CONTACTS} } }`;

const socialWorkerMilan = () => authHeaders({ role: Role.SOCIAL_WORKER, purposes: [Purpose.REFERRAL], organisation: 'comune-milano', subject: 'sw-mi', territory: ['015146'] });
const cpiMilan = () => authHeaders({ role: Role.CPI_OPERATOR, purposes: [Purpose.REFERRAL], organisation: 'org-afol', subject: 'operator-cpi-mi', territory: ['015'] });
const citizen = (fiscalCode: string) => authHeaders({ role: Role.CITIZEN, purposes: [Purpose.SELF_SERVICE], organisation: 'spid', subject: fiscalCode });

type Contacts = Record<string, unknown>;
const codes = (errors?: readonly { path?: readonly (string | number)[]; extensions?: Record<string, unknown> }[]) => (errors ?? []).map((e) => [e.path?.join('.'), e.extensions?.code]);

const RECORDED_CONTACTS = {
  phone: { value: '+390299990001', source: 'JOB_CENTRE', updatedAt: RECORDED.toISOString() },
  mobilePhone: { value: '+393000000061', source: 'SELF_DECLARED' },
  email: { value: 'persona.61@example.org', source: 'SELF_DECLARED' },
  pec: { value: 'persona.61@pec.example.org' },
  domicileAddress: { street: 'Via Esempio', streetNumber: '1', postcode: '20100', municipality: '015146', source: 'SOCIAL_SERVICES' },
};

describe('what the receiving service reads to convene a transferred person', () => {
  let graph: TestGraph;
  beforeAll(async () => {
    graph = await createTestGraph({
      audit: true,
      seed: async ({ referrals, workers, pacts }) => {
        await referrals!.insertMany(ServicePoint, [POINTS.jobCentre, POINTS.social] as EntityData<ServicePoint>[]);
        const people = [SENT_TO_JOB_CENTRE, SENT_TO_SOCIAL, RELATIVE].map((p) => workers!.create(Worker, { ...p, domicileMunicipality: '015146', domicileProvince: '015' } as Worker));
        await workers!.flush();
        const [sentToJobCentre, sentToSocial, relative] = people as [Worker, Worker, Worker];
        workers!.create(WorkerContactsRow, {
          worker: sentToJobCentre,
          phone: '+390299990001', phoneSource: ContactSource.JOB_CENTRE, phoneUpdatedAt: RECORDED,
          mobilePhone: '+393000000061', mobilePhoneSource: ContactSource.SELF_DECLARED, mobilePhoneUpdatedAt: RECORDED,
          email: 'persona.61@example.org', emailSource: ContactSource.SELF_DECLARED, emailUpdatedAt: RECORDED,
          pec: 'persona.61@pec.example.org', pecSource: ContactSource.SELF_DECLARED, pecUpdatedAt: RECORDED,
          street: 'Via Esempio', streetNumber: '1', postcode: '20100', addressSource: ContactSource.SOCIAL_SERVICES, addressUpdatedAt: RECORDED,
        });
        workers!.create(WorkerContactsRow, { worker: sentToSocial, mobilePhone: '+393000000062', mobilePhoneSource: ContactSource.JOB_CENTRE, mobilePhoneUpdatedAt: RECORDED });
        // The person sent to the job centre once worked for an employer: the employer still sees them, not their contacts.
        workers!.create(EmploymentLink, { worker: sentToJobCentre, employerFiscalCode: EMPLOYER, construction: false, startDate: '2024-01-01', endDate: '2024-06-30' });
        await workers!.flush();
        await referrals!.insertMany(
          PersonCompetence,
          people.map((w) => ({ fiscalCode: w.fiscalCode, workerId: w.id, domicileMunicipality: '015146', updatedAt: new Date() })),
        );
        const home = pacts!.create(Household, { municipality: '015146' });
        pacts!.create(HouseholdMember, { household: home, workerId: sentToJobCentre.id, fiscalCode: sentToJobCentre.fiscalCode, relation: HouseholdRelation.APPLICANT });
        pacts!.create(HouseholdMember, { household: home, workerId: relative.id, fiscalCode: relative.fiscalCode, relation: HouseholdRelation.CHILD });
        pacts!.create(HouseholdMember, { household: pacts!.create(Household, { municipality: '015146' }), workerId: sentToSocial.id, fiscalCode: sentToSocial.fiscalCode, relation: HouseholdRelation.APPLICANT });
        await pacts!.flush();
      },
    });
  });
  afterAll(() => graph?.close());

  let toJobCentreId = '';

  it('social services to job centre (§1.1): the answer carries the contacts and household; the job centre reads the contacts and the members\' status', async () => {
    const sent = await graph.query<{ referHouseholdMembersToJobCentre: { members: { outcome: string; referral: { id: string; worker: { contacts: Contacts; household: unknown } } }[] } }>(
      REFER,
      { input: { members: [{ fiscalCode: SENT_TO_JOB_CENTRE.fiscalCode }] } },
      await socialWorkerMilan(),
    );
    expect(sent.errors).toBeUndefined();
    const member = sent.data!.referHouseholdMembersToJobCentre.members[0]!;
    expect(member.outcome).toBe('SENT');
    expect(member.referral.worker.contacts).toEqual(RECORDED_CONTACTS);
    expect(member.referral.worker.household).toEqual({
      municipality: '015146',
      members: expect.arrayContaining([{ fiscalCode: SENT_TO_JOB_CENTRE.fiscalCode, relation: 'APPLICANT' }, { fiscalCode: RELATIVE.fiscalCode, relation: 'CHILD' }]),
    });
    toJobCentreId = member.referral.id;

    // The job centre convenes from its inbox: identity and contacts; the household's composition is social data.
    const read = await graph.query<{ referral: { worker: { firstName: string; contacts: Contacts; household: unknown } } }>(READ, { id: toJobCentreId }, await cpiMilan());
    expect(read.data!.referral.worker).toMatchObject({ firstName: SENT_TO_JOB_CENTRE.firstName, contacts: RECORDED_CONTACTS, household: null });
    expect(codes(read.errors)).toEqual([['referral.worker.household', 'FORBIDDEN']]);

    // The household context a job centre gets: the status check of the person and each member.
    const status = await graph.query<{ employmentStatusCheck: { person: Record<string, unknown>; householdMembers: { fiscalCode: string }[] } }>(
      STATUS,
      { cf: SENT_TO_JOB_CENTRE.fiscalCode },
      await cpiMilan(),
    );
    expect(status.errors).toBeUndefined();
    expect(status.data!.employmentStatusCheck.person).toMatchObject({ fiscalCode: SENT_TO_JOB_CENTRE.fiscalCode, servicePactActive: false, convocationExcluded: false });
    expect(status.data!.employmentStatusCheck.householdMembers.map((m) => m.fiscalCode)).toEqual([RELATIVE.fiscalCode]);
  });

  it('job centre to social services (§1.2): the social services read the contacts and the household', async () => {
    const sent = await graph.query<{ referToSocialServices: { person: { outcome: string; referral: { id: string; worker: { contacts: Contacts } } } } }>(
      TO_SOCIAL,
      { input: { fiscalCode: SENT_TO_SOCIAL.fiscalCode, motivation: 'Needs beyond work: housing and care of a dependent relative.' } },
      await cpiMilan(),
    );
    const transfer = sent.data!.referToSocialServices.person;
    expect(transfer.outcome).toBe('SENT');
    // The sending job centre reads the contacts it needs too; the household is not its data.
    expect(transfer.referral.worker.contacts).toMatchObject({ mobilePhone: { value: '+393000000062', source: 'JOB_CENTRE' }, email: null, domicileAddress: null });
    expect(codes(sent.errors)).toEqual([['referToSocialServices.person.referral.worker.household', 'FORBIDDEN']]);

    const read = await graph.query<{ referral: { state: string; worker: { contacts: Contacts; household: unknown } } }>(READ, { id: transfer.referral.id }, await socialWorkerMilan());
    expect(read.errors).toBeUndefined();
    expect(read.data!.referral.worker.contacts).toMatchObject({ mobilePhone: { value: '+393000000062' } });
    expect(read.data!.referral.worker.household).toEqual({ municipality: '015146', members: [{ fiscalCode: SENT_TO_SOCIAL.fiscalCode, relation: 'APPLICANT' }] });
  });

  it.each([
    ['an employer of the person', { role: Role.EMPLOYER, purposes: [Purpose.MANDATORY_NOTICE], organisation: 'employer-1', employers: [EMPLOYER] }, [['worker.contacts', 'FORBIDDEN']]],
    ['a social desk', { role: Role.SOCIAL_DESK_OPERATOR, purposes: [Purpose.REFERRAL], organisation: 'desk-cgil', territory: ['015146'] }, [['worker', 'FORBIDDEN']]],
    ['a regional analyst', { role: Role.REGION_ANALYST, purposes: [Purpose.STATISTICS], organisation: 'regione-lombardia', territory: ['015'] }, [['worker', 'FORBIDDEN']]],
  ] as const)('%s never reads the contacts', async (_label, token, refused) => {
    const res = await graph.query<{ worker: { firstName: string | null; contacts: unknown } | null }>(WORKER, { cf: SENT_TO_JOB_CENTRE.fiscalCode }, await authHeaders(token));
    expect(codes(res.errors)).toEqual(refused);
    expect(res.data?.worker?.contacts ?? null).toBeNull();
    if (token.role === Role.EMPLOYER) expect(res.data!.worker!.firstName).toBe(SENT_TO_JOB_CENTRE.firstName);
  });

  it('the person updates their own contacts (source SELF_DECLARED), the write is audited, and the job centre reads the new ones', async () => {
    const res = await graph.query<{ updateMyContacts: { fiscalCode: string; contacts: Contacts } }>(
      UPDATE,
      { input: { mobilePhone: '+39 300 000 1234', email: 'nuovo.indirizzo@Example.ORG', pec: null, domicileAddress: { street: ' Via  Nuova ', streetNumber: '12/b', postcode: '20121' } } },
      await citizen(SENT_TO_JOB_CENTRE.fiscalCode),
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.updateMyContacts.contacts).toEqual({
      phone: RECORDED_CONTACTS.phone,
      mobilePhone: { value: '+393000001234', source: 'SELF_DECLARED' },
      email: { value: 'nuovo.indirizzo@example.org', source: 'SELF_DECLARED' },
      pec: null,
      domicileAddress: { street: 'Via Nuova', streetNumber: '12/B', postcode: '20121', municipality: '015146', source: 'SELF_DECLARED' },
    });

    const records = (await graph.audit!.query({ person: SENT_TO_JOB_CENTRE.fiscalCode }, { first: 20 })).records.filter((r) => r.subgraph === 'workers' && r.role === 'CITIZEN');
    expect(records.map((r) => [r.purpose, r.subject])).toEqual([['SELF_SERVICE', SENT_TO_JOB_CENTRE.fiscalCode]]);
    expect(records[0]!.fieldsReleased).toContain('Mutation.updateMyContacts');

    const read = await graph.query<{ referral: { worker: { contacts: Contacts } } }>(READ, { id: toJobCentreId }, await cpiMilan());
    expect(read.data!.referral.worker.contacts).toMatchObject({ mobilePhone: { value: '+393000001234', source: 'SELF_DECLARED' }, pec: null });
  });

  it('refuses bad contacts listing every problem with its path, writing nothing', async () => {
    const res = await graph.query<{ updateMyContacts: unknown }>(
      UPDATE,
      { input: { phone: '12345', mobilePhone: '02 1234567', email: 'not-an-address', pec: 'a@b', domicileAddress: { street: ' ', streetNumber: 'twelve', postcode: '2012' } } },
      await citizen(SENT_TO_SOCIAL.fiscalCode),
    );
    expect(res.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    const problems = (res.errors![0]!.extensions!.problems as { path: string }[]).map((p) => p.path);
    expect(problems).toEqual([
      'input.phone', 'input.mobilePhone', 'input.email', 'input.pec',
      'input.domicileAddress.street', 'input.domicileAddress.streetNumber', 'input.domicileAddress.postcode',
    ]);
    expect(res.errors![0]!.message).not.toContain('not-an-address');
    const mine = await graph.query<{ worker: { contacts: Contacts } }>(WORKER, { cf: SENT_TO_SOCIAL.fiscalCode }, await citizen(SENT_TO_SOCIAL.fiscalCode));
    expect(mine.data!.worker.contacts).toMatchObject({ phone: null, mobilePhone: { value: '+393000000062', source: 'JOB_CENTRE' }, email: null });
  });

  it('is the citizen\'s own: a job centre cannot call it', async () => {
    const res = await graph.query<{ updateMyContacts: unknown }>(UPDATE, { input: { email: 'x@example.org' } }, await cpiMilan());
    expect(res.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
  });
});
