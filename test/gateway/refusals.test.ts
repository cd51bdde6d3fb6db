import { type EntityData, type EntityManager } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { today } from '../../subgraphs/lib/dates';
import { Purpose, Role } from '../../subgraphs/lib/identity';
import { OutboxEvent } from '../../subgraphs/lib/outbox/outbox-event.entity';
import { ServicePointDirectoryEntry } from '../../subgraphs/lib/service-point-directory.entity';
import { ActivationRouting } from '../../subgraphs/pacts/activation-routing/activation-routing.entity';
import { ConvocationExclusion } from '../../subgraphs/pacts/convocation-exclusion/convocation-exclusion.entity';
import { DigitalActivationPact } from '../../subgraphs/pacts/digital-activation-pact/digital-activation-pact.entity';
import { Household, HouseholdMember, HouseholdRelation } from '../../subgraphs/pacts/household/household.entity';
import { InclusionPactState, SocialInclusionPact, SocialInclusionPactStateChange } from '../../subgraphs/pacts/inclusion-pact/inclusion-pact.entity';
import { ServicePact, ServicePactProgramme, ServicePactState, ServicePactStateChange } from '../../subgraphs/pacts/service-pact/service-pact.entity';
import { Appointment } from '../../subgraphs/referrals/appointment/appointment.entity';
import { PersonCompetence } from '../../subgraphs/referrals/competence/person-competence.entity';
import { DeskContact, DeskContactEvent } from '../../subgraphs/referrals/desk-contact/desk-contact.entity';
import { Referral, ReferralEvent } from '../../subgraphs/referrals/referral/referral.entity';
import { Worker } from '../../subgraphs/workers/worker/worker.entity';
import { DIRECTORY } from '../subgraphs/pacts/support';
import { ORG } from '../subgraphs/referrals/access-fixtures';
import { insertReferral, insertServicePoints, POINTS } from '../subgraphs/referrals/fixtures';
import { authHeaders } from '../utils/auth';
import { createTestGraph, type GatewayAnswer, type TestGraph } from '../utils/graph';
import { person } from '../utils/people';

// Issue 5 point 9, the refusals, through the gateway with real tokens: a desk operator
// asking for pacts gets no pact data; a social worker acting outside their municipality
// and a job-centre operator outside their province find nothing (NOT_FOUND, null, an
// outcome NOT_FOUND) and write nothing in either database.
const MILANESE = person(61); // service pact in Milan, domicile Milan
const BERGAMASCO = person(62); // member of a Bergamo household with an inclusion pact and a PAD
const BERGAMASCO_NO_PAD = person(63);
const CREMONESE = person(64); // domicile Cremona, in the competence replica
const MILAN_MEMBER = person(65); // member of a Milan household with an inclusion pact

const workerIds = new Map<string, string>();
/** A stable worker id (a UUID) per synthetic person. */
const workerIdOf = (who: { fiscalCode: string }): string => {
  if (!workerIds.has(who.fiscalCode)) workerIds.set(who.fiscalCode, randomUUID());
  return workerIds.get(who.fiscalCode)!;
};

const ids = { milanPact: '', milanProposedPact: '', bergamoPais: '', bergamoHousehold: '', milanPais: '', milanReferral: '', cremonaReferral: '' };

const desk = () => authHeaders({ role: Role.SOCIAL_DESK_OPERATOR, purposes: [Purpose.REFERRAL], organisation: ORG.cgil, subject: 'desk-operator-cgil' });
const milanSocial = (purpose: Purpose = Purpose.SOCIAL_INCLUSION) =>
  authHeaders({ role: Role.SOCIAL_WORKER, purposes: [purpose], organisation: 'org-comune-milano', subject: 'sw-mi', territory: ['015146'] });
const cremonaCpi = (purpose: Purpose = Purpose.EMPLOYMENT_SERVICES) =>
  authHeaders({ role: Role.CPI_OPERATOR, purposes: [purpose], organisation: 'org-cpi-cremona', subject: 'operator-cpi-cr', territory: ['019'] });

/** Every row of pacts and referrals a refusal must leave as it was: counts and the states of the rows concerned. */
async function databaseState(graph: TestGraph): Promise<Record<string, unknown>> {
  const pacts = graph.subgraphs.pacts!.runtime.db.orm.em.fork() as EntityManager;
  const referrals = graph.subgraphs.referrals!.runtime.db.orm.em.fork() as EntityManager;
  return {
    servicePacts: (await pacts.find(ServicePact, {}, { orderBy: { id: 'asc' } })).map((p) => [p.id, p.state, p.stateDate]),
    servicePactChanges: await pacts.count(ServicePactStateChange),
    inclusionPacts: (await pacts.find(SocialInclusionPact, {}, { orderBy: { id: 'asc' } })).map((p) => [p.id, p.state, p.stateDate]),
    inclusionPactChanges: await pacts.count(SocialInclusionPactStateChange),
    routings: await pacts.count(ActivationRouting),
    exclusions: await pacts.count(ConvocationExclusion),
    pads: await pacts.count(DigitalActivationPact),
    pactsOutbox: await pacts.count(OutboxEvent),
    referrals: (await referrals.find(Referral, {}, { orderBy: { id: 'asc' } })).map((r) => [r.id, r.state, r.updatedAt.getTime()]),
    referralEvents: await referrals.count(ReferralEvent),
    deskContacts: await referrals.count(DeskContact),
    deskContactEvents: await referrals.count(DeskContactEvent),
    appointments: await referrals.count(Appointment),
    referralsOutbox: await referrals.count(OutboxEvent),
  };
}

const codes = (res: GatewayAnswer<unknown>) => (res.errors ?? []).map((e) => e.extensions?.code);

describe('refusals through the gateway', () => {
  let graph: TestGraph;
  beforeAll(async () => {
    graph = await createTestGraph({
      seed: async ({ pacts, referrals, workers }) => {
        const em = pacts!;
        for (const entry of DIRECTORY) em.create(ServicePointDirectoryEntry, entry);
        const servicePact = (who: typeof MILANESE, state: ServicePactState) => {
          const pact = em.create(ServicePact, {
            workerId: workerIdOf(who),
            fiscalCode: who.fiscalCode,
            jobCentre: 'CPI_MI_01',
            programme: ServicePactProgramme.ORDINARY,
            state,
            proposedOn: '2025-01-10',
            signedOn: state === ServicePactState.PROPOSED ? null : '2025-01-15',
            stateDate: state === ServicePactState.PROPOSED ? '2025-01-10' : '2025-01-15',
          });
          em.create(ServicePactStateChange, { pact, fromState: null, toState: state, effectiveOn: pact.stateDate, reason: 'fixture' });
          return pact;
        };
        ids.milanPact = servicePact(MILANESE, ServicePactState.SIGNED).id;
        ids.milanProposedPact = servicePact(person(66), ServicePactState.PROPOSED).id;

        const household = (municipality: string, members: (typeof MILANESE)[], socialServicesCode: string) => {
          const home = em.create(Household, { municipality });
          const rows = members.map((m, i) =>
            em.create(HouseholdMember, { household: home, workerId: workerIdOf(m), fiscalCode: m.fiscalCode, relation: i === 0 ? HouseholdRelation.APPLICANT : HouseholdRelation.CHILD }),
          );
          const pact = em.create(SocialInclusionPact, { household: home, municipality, socialServicesCode, state: InclusionPactState.TO_CONVENE, padSignedOn: '2025-02-01', stateDate: '2025-02-01' });
          em.create(SocialInclusionPactStateChange, { pact, fromState: null, toState: pact.state, effectiveOn: pact.stateDate, reason: 'fixture' });
          return { home, rows, pact };
        };
        const bergamo = household('016024', [BERGAMASCO, BERGAMASCO_NO_PAD], 'SS_BG_01');
        em.create(DigitalActivationPact, { member: bergamo.rows[0]!, signedOn: '2025-02-01' });
        ids.bergamoPais = bergamo.pact.id;
        ids.bergamoHousehold = bergamo.home.id;
        ids.milanPais = household('015146', [MILAN_MEMBER], 'SS_MI_01').pact.id;
        await em.flush();

        await insertServicePoints(referrals!);
        ids.milanReferral = await insertReferral(referrals!, { workerId: workerIdOf(MILANESE), fiscalCode: MILANESE.fiscalCode });
        ids.cremonaReferral = await insertReferral(referrals!, { from: POINTS.jobCentreCremona.code, to: POINTS.socialCremona.code, fiscalCode: CREMONESE.fiscalCode, organisation: 'org-cpi-cremona' });
        await referrals!.insertMany(PersonCompetence, [
          { fiscalCode: MILANESE.fiscalCode, workerId: workerIdOf(MILANESE), domicileMunicipality: '015146', updatedAt: new Date() },
          { fiscalCode: CREMONESE.fiscalCode, workerId: workerIdOf(CREMONESE), domicileMunicipality: '019036', updatedAt: new Date() },
        ] as EntityData<PersonCompetence>[]);

        workers!.create(Worker, { ...MILANESE, id: workerIdOf(MILANESE), domicileMunicipality: '015146' } as Worker);
        await workers!.flush();
      },
    });
  });
  afterAll(() => graph?.close());

  /** Runs the operation and checks that neither database changed; returns the answer. */
  async function refused<D>(query: string, variables: Record<string, unknown>, headers: Record<string, string>): Promise<GatewayAnswer<D>> {
    const before = await databaseState(graph);
    const res = await graph.query<D>(query, variables, headers);
    expect(await databaseState(graph)).toEqual(before);
    return res;
  }

  it('the competent callers do find the same rows (the refusals below are about scope, not about the data)', async () => {
    const milanCpi = (purpose: Purpose) => authHeaders({ role: Role.CPI_OPERATOR, purposes: [purpose], organisation: 'org-afol', subject: 'operator-cpi-mi', territory: ['015'] });
    const pact = await graph.query<{ servicePact: unknown }>(`query($id: ID!) { servicePact(id: $id) { state } }`, { id: ids.milanPact }, await milanCpi(Purpose.EMPLOYMENT_SERVICES));
    expect(pact.data).toEqual({ servicePact: { state: 'SIGNED' } });
    const worker = await graph.query<{ worker: unknown }>(`query($cf: FiscalCode!) { worker(fiscalCode: $cf) { servicePacts { state } } }`, { cf: MILANESE.fiscalCode }, await milanCpi(Purpose.EMPLOYMENT_SERVICES));
    expect(worker.data).toEqual({ worker: { servicePacts: [{ state: 'SIGNED' }] } });
    const referral = await graph.query<{ referral: unknown }>(`query($id: ID!) { referral(id: $id) { state } }`, { id: ids.milanReferral }, await milanCpi(Purpose.REFERRAL));
    expect(referral.data).toEqual({ referral: { state: 'SENT' } });
    const pais = await graph.query<{ socialInclusionPact: unknown }>(`query($id: ID!) { socialInclusionPact(id: $id) { state } }`, { id: ids.milanPais }, await milanSocial());
    expect(pais.data).toEqual({ socialInclusionPact: { state: 'TO_CONVENE' } });
  });

  describe('a social-desk operator asking for pacts gets no pact data', () => {
    it.each([
      ['servicePact', `query($id: ID!) { servicePact(id: $id) { id state fiscalCode } }`, () => ({ id: ids.milanPact })],
      ['servicePacts', `query { servicePacts(first: 10) { totalCount nodes { id state } } }`, () => ({})],
      ['socialInclusionPact', `query($id: ID!) { socialInclusionPact(id: $id) { id state } }`, () => ({ id: ids.milanPais })],
      ['socialInclusionPacts', `query { socialInclusionPacts(first: 10) { totalCount nodes { id state } } }`, () => ({})],
      ['employmentStatusCheck', `query($cf: FiscalCode!) { employmentStatusCheck(fiscalCode: $cf) { person { servicePactActive servicePactState } } }`, () => ({ cf: MILANESE.fiscalCode })],
      ['worker { servicePacts household }', `query($cf: FiscalCode!) { worker(fiscalCode: $cf) { servicePacts { id state } household { inclusionPacts { id state } } } }`, () => ({ cf: MILANESE.fiscalCode })],
    ])('%s: FORBIDDEN or null, never a pact', async (_name, query, variables) => {
      const res = await refused<Record<string, unknown>>(query, variables(), await desk());
      const data = JSON.stringify(res.data ?? null);
      for (const id of [ids.milanPact, ids.milanProposedPact, ids.milanPais, ids.bergamoPais]) expect(data).not.toContain(id);
      expect(data).not.toMatch(/SIGNED|PROPOSED|TO_CONVENE|"servicePactActive":(true|false)/);
      expect(codes(res).every((code) => code === 'FORBIDDEN')).toBe(true);
    });

    it('changing a service pact is FORBIDDEN and writes nothing', async () => {
      const res = await refused<Record<string, unknown>>(
        `mutation($input: ChangeServicePactStateInput!) { changeServicePactState(input: $input) { id state } }`,
        { input: { id: ids.milanPact, state: 'CANCELLED', effectiveOn: today(), reason: 'entered in error' } },
        await desk(),
      );
      expect(res.data?.changeServicePactState ?? null).toBeNull();
      expect(codes(res)).toEqual(['FORBIDDEN']);
    });
  });

  describe('a social worker of Milan acting on people and pacts of another municipality', () => {
    it('a transfer of a person of Cremona answers NOT_FOUND and writes no referral', async () => {
      const res = await refused<{ referHouseholdMembersToJobCentre: { members: { outcome: string; referral: unknown; competentServicePoint: unknown }[] } }>(
        `mutation($input: ReferHouseholdMembersToJobCentreInput!) { referHouseholdMembersToJobCentre(input: $input) { members { outcome referral { id } competentServicePoint { code } } } }`,
        { input: { members: [{ fiscalCode: CREMONESE.fiscalCode }] } },
        await milanSocial(Purpose.REFERRAL),
      );
      expect(res.errors).toBeUndefined();
      expect(res.data!.referHouseholdMembersToJobCentre.members).toEqual([{ outcome: 'NOT_FOUND', referral: null, competentServicePoint: null }]);
    });

    it.each([
      ['socialInclusionPact', `query($id: ID!) { socialInclusionPact(id: $id) { id state } }`, 'socialInclusionPact', () => ({ id: ids.bergamoPais })],
      ['household', `query($id: ID!) { household(id: $id) { id members { fiscalCode } } }`, 'household', () => ({ id: ids.bergamoHousehold })],
    ])('reading the %s of Bergamo answers null', async (_name, query, field, variables) => {
      const res = await refused<Record<string, unknown>>(query, variables(), await milanSocial());
      expect(res.errors).toBeUndefined();
      expect(res.data).toEqual({ [field]: null });
    });

    it('reading a referral between services of Cremona answers null', async () => {
      const res = await refused<{ referral: unknown }>(`query($id: ID!) { referral(id: $id) { id state } }`, { id: ids.cremonaReferral }, await milanSocial(Purpose.REFERRAL));
      expect(res.data).toEqual({ referral: null });
    });

    it.each([
      [
        'recordPreliminaryAnalysis',
        `mutation($input: RecordPreliminaryAnalysisInput!) { recordPreliminaryAnalysis(input: $input) { id state } }`,
        () => ({ input: { pactId: ids.bergamoPais, effectiveOn: today(), reason: 'household convened', activatable: [] } }),
        'NOT_FOUND',
      ],
      [
        'changeSocialInclusionPactState',
        `mutation($input: ChangeSocialInclusionPactStateInput!) { changeSocialInclusionPactState(input: $input) { id state } }`,
        () => ({ input: { id: ids.bergamoPais, state: 'PRELIMINARY_ANALYSIS', effectiveOn: today(), reason: 'household convened' } }),
        'NOT_FOUND',
      ],
      [
        'setConvocationExclusion',
        `mutation($input: SetConvocationExclusionInput!) { setConvocationExclusion(input: $input) { reason } }`,
        () => ({ input: { fiscalCode: BERGAMASCO.fiscalCode, reason: 'DISABILITY', since: today() } }),
        'NOT_FOUND',
      ],
      [
        'recordDigitalActivationPact',
        `mutation($input: RecordDigitalActivationPactInput!) { recordDigitalActivationPact(input: $input) { id } }`,
        () => ({ input: { fiscalCode: BERGAMASCO_NO_PAD.fiscalCode, signedOn: today() } }),
        'NOT_FOUND',
      ],
      // The household is looked up through the caller's scope: one elsewhere is an unknown id.
      [
        'createSocialInclusionPact',
        `mutation($input: CreateSocialInclusionPactInput!) { createSocialInclusionPact(input: $input) { id } }`,
        () => ({ input: { householdId: ids.bergamoHousehold, municipality: '016024', socialServicesCode: 'SS_BG_01', padSignedOn: today() } }),
        'BAD_USER_INPUT',
      ],
      ['acceptReferral', `mutation($id: ID!) { acceptReferral(id: $id) { id state } }`, () => ({ id: ids.cremonaReferral }), 'NOT_FOUND'],
    ])('%s on a household, pact or referral of another municipality is refused and writes nothing', async (name, query, variables, code) => {
      const purpose = name === 'acceptReferral' ? Purpose.REFERRAL : Purpose.SOCIAL_INCLUSION;
      const res = await refused<Record<string, unknown>>(query, variables(), await milanSocial(purpose));
      expect(res.data?.[name] ?? null).toBeNull();
      expect(codes(res)).toEqual([code]);
    });
  });

  describe('a job-centre operator of Cremona acting on referrals and service pacts of Milan', () => {
    it('reading a Milan referral or service pact answers null', async () => {
      const referral = await refused<{ referral: unknown }>(`query($id: ID!) { referral(id: $id) { id state } }`, { id: ids.milanReferral }, await cremonaCpi(Purpose.REFERRAL));
      expect(referral.data).toEqual({ referral: null });
      const pact = await refused<{ servicePact: unknown }>(`query($id: ID!) { servicePact(id: $id) { id state } }`, { id: ids.milanPact }, await cremonaCpi());
      expect(pact.errors).toBeUndefined();
      expect(pact.data).toEqual({ servicePact: null });
    });

    it('a transfer of a person of Milan to social services answers NOT_FOUND and writes no referral', async () => {
      const res = await refused<{ referToSocialServices: { person: { outcome: string; referral: unknown } } }>(
        `mutation($input: ReferToSocialServicesInput!) { referToSocialServices(input: $input) { person { outcome referral { id } competentServicePoint { code } } } }`,
        { input: { fiscalCode: MILANESE.fiscalCode, motivation: 'Needs beyond work emerged at the interview' } },
        await cremonaCpi(Purpose.REFERRAL),
      );
      expect(res.errors).toBeUndefined();
      expect(res.data!.referToSocialServices.person).toEqual({ outcome: 'NOT_FOUND', referral: null, competentServicePoint: null });
    });

    it.each([
      ['acceptReferral', `mutation($id: ID!) { acceptReferral(id: $id) { id state } }`, () => ({ id: ids.milanReferral }), Purpose.REFERRAL, 'NOT_FOUND'],
      ['withdrawReferral', `mutation($id: ID!) { withdrawReferral(id: $id) { id state } }`, () => ({ id: ids.milanReferral }), Purpose.REFERRAL, 'NOT_FOUND'],
      ['rejectReferral', `mutation($input: RejectReferralInput!) { rejectReferral(input: $input) { id state } }`, () => ({ input: { id: ids.milanReferral, reason: 'not ours' } }), Purpose.REFERRAL, 'NOT_FOUND'],
      [
        'changeServicePactState',
        `mutation($input: ChangeServicePactStateInput!) { changeServicePactState(input: $input) { id state } }`,
        () => ({ input: { id: ids.milanPact, state: 'IN_PROGRESS', effectiveOn: today(), reason: 'first workshop attended' } }),
        Purpose.EMPLOYMENT_SERVICES,
        'NOT_FOUND',
      ],
      ['signServicePact', `mutation($input: SignServicePactInput!) { signServicePact(input: $input) { id state } }`, () => ({ input: { id: ids.milanProposedPact, signedOn: today() } }), Purpose.EMPLOYMENT_SERVICES, 'NOT_FOUND'],
      // A job centre of another territory is refused like an unknown code.
      [
        'createServicePact',
        `mutation($input: CreateServicePactInput!) { createServicePact(input: $input) { id } }`,
        () => ({ input: { workerId: '00000000-0000-4000-8000-000000000061', fiscalCode: MILANESE.fiscalCode, jobCentreCode: 'CPI_MI_01', programme: 'ORDINARY', proposedOn: today() } }),
        Purpose.EMPLOYMENT_SERVICES,
        'BAD_USER_INPUT',
      ],
    ])('%s on a referral or pact of Milan is refused and writes nothing', async (name, query, variables, purpose, code) => {
      const res = await refused<Record<string, unknown>>(query, variables(), await cremonaCpi(purpose));
      expect(res.data?.[name] ?? null).toBeNull();
      expect(codes(res)).toEqual([code]);
    });
  });
});
