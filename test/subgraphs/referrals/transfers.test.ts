import { type EntityData } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { referralsSubgraph } from '../../../subgraphs/referrals';
import { PersonCompetence } from '../../../subgraphs/referrals/competence/person-competence.entity';
import { type ReferralsLoaders } from '../../../subgraphs/referrals/loaders';
import { Referral, ReferralEvent } from '../../../subgraphs/referrals/referral/referral.entity';
import { asCaller, callerAs } from '../../utils/callers';
import { person } from '../../utils/people';
import { createTestSubgraph, type TestSubgraph } from '../../utils/subgraph';
import { insertServicePoints, POINTS } from './fixtures';

/** Social services of Milan, for a referral. */
const MILAN_SOCIAL_WORKER = callerAs('SOCIAL_WORKER', 'REFERRAL', { subject: 'social-worker-mi-01', organisation: 'comune-milano', territory: ['015146'] });
/** A job-centre operator of the province of Milan, for a referral. */
const MILAN_CPI = callerAs('CPI_OPERATOR', 'REFERRAL', { subject: 'operator-cpi-mi-01', organisation: 'afol', territory: ['015'] });

const cf = (n: number) => person(n).fiscalCode;
/** The people of the replica, by what decides their competence. */
const PEOPLE = {
  didInCremona: { fiscalCode: cf(11), domicileMunicipality: '015146', availabilityJobCentre: POINTS.jobCentreCremona.code },
  milanese: { fiscalCode: cf(12), domicileMunicipality: '015146' },
  cremonese: { fiscalCode: cf(13), domicileMunicipality: '019036' },
  cremonesePactInMilan: { fiscalCode: cf(14), domicileMunicipality: '019036', inclusionPactMunicipality: '015146' },
  bergamascoPactInMilan: { fiscalCode: cf(15), domicileMunicipality: '016024', inclusionPactMunicipality: '015146' },
  pactAtDesk: { fiscalCode: cf(16), domicileMunicipality: '015146', servicePactJobCentre: POINTS.desk.code, availabilityJobCentre: POINTS.jobCentreCremona.code },
} as const;
const UNKNOWN = cf(99);

const TO_JOB_CENTRE = `mutation($input: ReferHouseholdMembersToJobCentreInput!) {
  referHouseholdMembersToJobCentre(input: $input) {
    members { fiscalCode outcome competenceRule competentServicePoint { code }
      referral { id state reason legalBasis motivation workerFiscalCode from { code } to { code } worker { id } history { toState recordedBy purpose note } } }
  }
}`;
const TO_SOCIAL_SERVICES = `mutation($input: ReferToSocialServicesInput!) {
  referToSocialServices(input: $input) {
    person { fiscalCode outcome competenceRule competentServicePoint { code } referral { id state reason motivation from { code } to { code } history { toState recordedBy purpose note } } }
  }
}`;

interface Transfer {
  fiscalCode: string;
  outcome: string;
  competenceRule: string | null;
  competentServicePoint: { code: string } | null;
  referral: { id: string; state: string; from: { code: string }; to: { code: string }; [k: string]: unknown } | null;
}

describe('transfers between social services and job centres (RdC Annex 5 §1.1-1.2)', () => {
  let graph: TestSubgraph<ReferralsLoaders>;
  const workerIds = new Map<string, string>();
  let rowsBefore: number;

  beforeAll(async () => {
    graph = await createTestSubgraph(referralsSubgraph, { caller: MILAN_SOCIAL_WORKER });
    await insertServicePoints(graph.em());
    const rows = Object.values(PEOPLE).map((p) => {
      const workerId = randomUUID();
      workerIds.set(p.fiscalCode, workerId);
      return { ...p, workerId, updatedAt: new Date() } as EntityData<PersonCompetence>;
    });
    await graph.em().insertMany(PersonCompetence, rows);
  });
  afterAll(() => graph.close());
  beforeEach(async () => {
    rowsBefore = await rowCount();
  });

  async function rowCount(): Promise<number> {
    return (await graph.em().count(Referral)) + (await graph.em().count(ReferralEvent));
  }
  const written = async () => (await rowCount()) - rowsBefore;

  async function toJobCentre(members: string[], headers?: Record<string, string>, motivation?: string): Promise<Transfer[]> {
    const res = await graph.query<{ referHouseholdMembersToJobCentre: { members: Transfer[] } }>(
      TO_JOB_CENTRE,
      { input: { members: members.map((fiscalCode) => ({ fiscalCode })), motivation } },
      headers,
    );
    expect(res.errors).toBeUndefined();
    return res.data!.referHouseholdMembersToJobCentre.members;
  }

  async function toSocialServices(fiscalCode: string, motivation: string, headers = asCaller(MILAN_CPI)) {
    return graph.query<{ referToSocialServices: { person: Transfer } }>(TO_SOCIAL_SERVICES, { input: { fiscalCode, motivation } }, headers);
  }

  describe('social services to the job centre', () => {
    it('decides each member apart: valid members are sent, the others are coded outcomes', async () => {
      const members = await toJobCentre(
        [PEOPLE.didInCremona.fiscalCode, PEOPLE.milanese.fiscalCode, UNKNOWN, PEOPLE.cremonese.fiscalCode, PEOPLE.bergamascoPactInMilan.fiscalCode, PEOPLE.pactAtDesk.fiscalCode],
        undefined,
        'Attivabili al lavoro dopo analisi preliminare',
      );
      expect(members.map((m) => [m.fiscalCode, m.outcome, m.competenceRule, m.competentServicePoint?.code ?? null])).toEqual([
        [PEOPLE.didInCremona.fiscalCode, 'SENT', 'AVAILABILITY_DECLARATION', POINTS.jobCentreCremona.code],
        [PEOPLE.milanese.fiscalCode, 'SENT', 'DOMICILE', POINTS.jobCentre.code],
        [UNKNOWN, 'NOT_FOUND', null, null],
        // A person outside the caller's municipality is answered exactly like an unknown one.
        [PEOPLE.cremonese.fiscalCode, 'NOT_FOUND', null, null],
        // In the charge of Milan's social services (the inclusion pact), but no job centre in the province of Bergamo.
        [PEOPLE.bergamascoPactInMilan.fiscalCode, 'NO_COMPETENT_SERVICE', null, null],
        [PEOPLE.pactAtDesk.fiscalCode, 'SENT', 'SERVICE_PACT', POINTS.desk.code],
      ]);
      expect(members.filter((m) => m.outcome !== 'SENT').every((m) => m.referral === null)).toBe(true);
      const sent = members[0]!.referral!;
      expect(sent).toMatchObject({
        state: 'SENT',
        reason: 'WORK_ACTIVATION',
        legalBasis: 'LEGAL_OBLIGATION',
        motivation: 'Attivabili al lavoro dopo analisi preliminare',
        workerFiscalCode: PEOPLE.didInCremona.fiscalCode,
        from: { code: POINTS.social.code },
        to: { code: POINTS.jobCentreCremona.code },
        worker: { id: workerIds.get(PEOPLE.didInCremona.fiscalCode) },
      });
      // Who, when, why and under which purpose.
      expect(sent.history).toEqual([
        { toState: 'DRAFT', recordedBy: 'social-worker-mi-01', purpose: 'REFERRAL', note: 'Attivabili al lavoro dopo analisi preliminare' },
        { toState: 'SENT', recordedBy: 'social-worker-mi-01', purpose: 'REFERRAL', note: 'Attivabili al lavoro dopo analisi preliminare' },
      ]);
      expect(await written()).toBe(3 * 3);
    });

    it('returns the open referral on a re-send and writes nothing', async () => {
      const [first] = await toJobCentre([PEOPLE.milanese.fiscalCode]);
      expect(first!.outcome).toBe('ALREADY_REFERRED');
      expect(first!.referral!.state).toBe('SENT');
      expect(first!.competentServicePoint!.code).toBe(POINTS.jobCentre.code);
      const [again] = await toJobCentre([PEOPLE.milanese.fiscalCode]);
      expect(again!.referral!.id).toBe(first!.referral!.id);
      expect(await written()).toBe(0);
    });

    it.each([
      ['no member', [], 'input.members'],
      ['a member twice', [cf(12), cf(12)], 'input.members.1.fiscalCode'],
    ])('refuses %s with BAD_USER_INPUT and writes nothing', async (_label, members, path) => {
      const res = await graph.query(TO_JOB_CENTRE, { input: { members: members.map((fiscalCode) => ({ fiscalCode })) } });
      expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect((res.errors?.[0]?.extensions?.problems as { path: string }[]).map((p) => p.path)).toEqual([path]);
      expect(await written()).toBe(0);
    });
  });

  describe('job centre to social services', () => {
    it.each([
      ['empty', '', ['is required: a job centre states in writing why it sends the person to social services']],
      ['blank', '     ', ['is required: a job centre states in writing why it sends the person to social services']],
      ['short and two words', 'Bisogni sociali', ['must be at least 20 characters', 'must be written out in at least 3 words']],
      ['not written out', 'xxxxxxxxxxxxxxxxxxxxxxxxx', ['must be written out in at least 3 words']],
      ['too long', `Bisogni sociali ${'molto '.repeat(400)}`, ['must be at most 2000 characters']],
    ])('refuses a motivation that is %s, listing the problems, and writes nothing', async (_label, motivation, messages) => {
      const res = await toSocialServices(PEOPLE.milanese.fiscalCode, motivation);
      expect(res.data).toEqual({ referToSocialServices: null });
      expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(res.errors?.[0]?.extensions?.problems).toEqual(messages.map((message) => ({ path: 'input.motivation', message })));
      expect(await written()).toBe(0);
    });

    it('sends the person to the competent social services with the motivation, once', async () => {
      const motivation = 'Bisogni complessi oltre il lavoro emersi al colloquio';
      const res = await toSocialServices(PEOPLE.milanese.fiscalCode, motivation);
      expect(res.errors).toBeUndefined();
      const transfer = res.data!.referToSocialServices.person;
      expect(transfer).toMatchObject({ outcome: 'SENT', competenceRule: 'DOMICILE', competentServicePoint: { code: POINTS.social.code } });
      expect(transfer.referral).toMatchObject({ state: 'SENT', reason: 'SOCIAL_NEEDS', motivation, from: { code: POINTS.jobCentre.code }, to: { code: POINTS.social.code } });
      expect(transfer.referral!.history).toEqual([
        { toState: 'DRAFT', recordedBy: 'operator-cpi-mi-01', purpose: 'REFERRAL', note: motivation },
        { toState: 'SENT', recordedBy: 'operator-cpi-mi-01', purpose: 'REFERRAL', note: motivation },
      ]);
      const again = (await toSocialServices(PEOPLE.milanese.fiscalCode, motivation)).data!.referToSocialServices.person;
      expect(again.outcome).toBe('ALREADY_REFERRED');
      expect(again.referral!.id).toBe(transfer.referral!.id);
      expect(await written()).toBe(3);
    });

    it('sends to the municipality in charge of the inclusion pact, and refuses a person whose job centre is elsewhere', async () => {
      const motivation = 'Bisogni complessi oltre il lavoro emersi al colloquio';
      // Competent job centre by DID: Cremona, outside the operator's province.
      const elsewhere = (await toSocialServices(PEOPLE.didInCremona.fiscalCode, motivation)).data!.referToSocialServices.person;
      expect(elsewhere).toMatchObject({ outcome: 'NOT_FOUND', referral: null, competentServicePoint: null, competenceRule: null });
      const unknown = (await toSocialServices(UNKNOWN, motivation)).data!.referToSocialServices.person;
      // An unknown person and one outside the territory cannot be told apart.
      expect({ ...unknown, fiscalCode: null }).toEqual({ ...elsewhere, fiscalCode: null });
      expect(await written()).toBe(0);
    });
  });

  describe('who may transfer', () => {
    const socialInclusion = callerAs('SOCIAL_WORKER', 'SOCIAL_INCLUSION', { subject: 'sw', organisation: 'comune-milano', territory: ['015146'] });
    const cpiServices = callerAs('CPI_OPERATOR', 'EMPLOYMENT_SERVICES', { subject: 'op', organisation: 'afol', territory: ['015'] });
    const desk = callerAs('SOCIAL_DESK_OPERATOR', 'REFERRAL', { subject: 'desk', organisation: 'SPS-CR-CGIL' });
    it.each([
      ['a social worker for social inclusion', TO_JOB_CENTRE, socialInclusion],
      ['a job centre', TO_JOB_CENTRE, MILAN_CPI],
      ['a social desk', TO_JOB_CENTRE, desk],
      ['a social worker', TO_SOCIAL_SERVICES, MILAN_SOCIAL_WORKER],
      ['a job centre for employment services', TO_SOCIAL_SERVICES, cpiServices],
    ])('%s is FORBIDDEN and writes nothing', async (_label, mutation, caller) => {
      const input =
        mutation === TO_JOB_CENTRE
          ? { members: [{ fiscalCode: PEOPLE.pactAtDesk.fiscalCode }] }
          : { fiscalCode: PEOPLE.pactAtDesk.fiscalCode, motivation: 'Bisogni complessi oltre il lavoro emersi' };
      const res = await graph.query(mutation, { input }, asCaller(caller));
      expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(Object.values(res.data ?? {})).toEqual([null]);
      expect(await written()).toBe(0);
    });
  });

  describe('changes of a transferred referral', () => {
    it('records the purpose of each change, and an illegal one is a CONFLICT that writes nothing', async () => {
      const [member] = await toJobCentre([PEOPLE.didInCremona.fiscalCode]);
      const id = member!.referral!.id;
      const cremonaCpi = asCaller(callerAs('CPI_OPERATOR', 'REFERRAL', { subject: 'operator-cpi-cr-01', organisation: 'provincia-cr', territory: ['019'] }));
      const accepted = await graph.query<{ acceptReferral: { history: { toState: string; recordedBy: string; purpose: string }[] } }>(
        `mutation($id: ID!) { acceptReferral(id: $id) { history { toState recordedBy purpose } } }`,
        { id },
        cremonaCpi,
      );
      expect(accepted.errors).toBeUndefined();
      expect(accepted.data!.acceptReferral.history.at(-1)).toEqual({ toState: 'ACCEPTED', recordedBy: 'operator-cpi-cr-01', purpose: 'REFERRAL' });
      rowsBefore = await rowCount();
      const again = await graph.query(`mutation($id: ID!) { acceptReferral(id: $id) { state } }`, { id }, cremonaCpi);
      expect(again.errors?.[0]?.extensions?.code).toBe('CONFLICT');
      expect(await written()).toBe(0);
    });
  });
});
