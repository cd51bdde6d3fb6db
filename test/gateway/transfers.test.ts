import { type EntityData } from '@mikro-orm/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Purpose, Role } from '../../subgraphs/lib/identity';
import { PersonCompetence } from '../../subgraphs/referrals/competence/person-competence.entity';
import { ServicePoint } from '../../subgraphs/referrals/service-point/service-point.entity';
import { Worker } from '../../subgraphs/workers/worker/worker.entity';
import { POINTS } from '../subgraphs/referrals/fixtures';
import { authHeaders } from '../utils/auth';
import { createTestGraph, type TestGraph } from '../utils/graph';
import { person } from '../utils/people';

// Issue 5 point 1 through the gateway, with real tokens: the social services of Milan send a
// household member to the competent job centre, and what each side reads of the person to
// convene them is what the Worker policy releases to it for the purpose REFERRAL.
const PERSON = person(51);

const REFER = `mutation($input: ReferHouseholdMembersToJobCentreInput!) { referHouseholdMembersToJobCentre(input: $input) {
  members { fiscalCode outcome competentServicePoint { code name address }
    referral { id state worker { fiscalCode firstName lastName domicileMunicipality availabilityDeclaration { status } } } } } }`;
const READ = `query($id: ID!) { referral(id: $id) { state from { code } motivation
  worker { fiscalCode firstName lastName birthDate domicileMunicipality professionalRecord { education { level } } } } }`;

const socialWorkerMilan = () => authHeaders({ role: Role.SOCIAL_WORKER, purposes: [Purpose.REFERRAL], organisation: 'comune-milano', subject: 'sw-mi', territory: ['015146'] });
const cpiMilan = () => authHeaders({ role: Role.CPI_OPERATOR, purposes: [Purpose.REFERRAL], organisation: 'org-afol', subject: 'operator-cpi-mi', territory: ['015'] });

describe('transfers through the gateway', () => {
  let graph: TestGraph;
  beforeAll(async () => {
    graph = await createTestGraph({
      audit: true,
      seed: async ({ referrals, workers }) => {
        await referrals!.insertMany(ServicePoint, [POINTS.jobCentre, POINTS.social] as EntityData<ServicePoint>[]);
        const worker = workers!.create(Worker, { ...PERSON, domicileMunicipality: '015146' } as Worker);
        await workers!.flush();
        await referrals!.insertMany(PersonCompetence, [{ fiscalCode: PERSON.fiscalCode, workerId: worker.id, domicileMunicipality: '015146', updatedAt: new Date() }]);
      },
    });
  });
  afterAll(() => graph?.close());

  it('audits every person looked up, whatever the outcome', async () => {
    const unknown = person(52).fiscalCode;
    const res = await graph.query<{ referHouseholdMembersToJobCentre: { members: { outcome: string }[] } }>(
      REFER,
      { input: { members: [{ fiscalCode: unknown }] } },
      await socialWorkerMilan(),
    );
    expect(res.data!.referHouseholdMembersToJobCentre.members.map((m) => m.outcome)).toEqual(['NOT_FOUND']);
    // An unknown person was never loaded: nothing of theirs was processed.
    expect((await graph.audit!.query({ person: unknown }, { first: 10 })).records).toHaveLength(0);
  });

  it('the social services send a member; each side reads what the policy releases to convene them', async () => {
    const sent = await graph.query<{ referHouseholdMembersToJobCentre: { members: { outcome: string; competentServicePoint: { code: string }; referral: { id: string; worker: Record<string, unknown> } }[] } }>(
      REFER,
      { input: { members: [{ fiscalCode: PERSON.fiscalCode }] } },
      await socialWorkerMilan(),
    );
    const member = sent.data!.referHouseholdMembersToJobCentre.members[0]!;
    expect(member).toMatchObject({ outcome: 'SENT', competentServicePoint: { code: POINTS.jobCentre.code, address: POINTS.jobCentre.address } });
    // Social services read the identity and domicile, not the DID (its status only, through the status check).
    expect(member.referral.worker).toEqual({
      fiscalCode: PERSON.fiscalCode, firstName: PERSON.firstName, lastName: PERSON.lastName, domicileMunicipality: '015146', availabilityDeclaration: null,
    });
    expect(sent.errors?.map((e) => [e.path?.join('.'), e.extensions?.code])).toEqual([
      ['referHouseholdMembersToJobCentre.members.0.referral.worker.availabilityDeclaration', 'FORBIDDEN'],
    ]);

    // The job centre convenes from its inbox: identity, birth date and domicile for a referral; the SAP is for employment services.
    const read = await graph.query<{ referral: { state: string; from: { code: string }; worker: Record<string, unknown> } }>(READ, { id: member.referral.id }, await cpiMilan());
    expect(read.data!.referral).toMatchObject({ state: 'SENT', from: { code: POINTS.social.code } });
    expect(read.data!.referral.worker).toEqual({
      fiscalCode: PERSON.fiscalCode, firstName: PERSON.firstName, lastName: PERSON.lastName, birthDate: PERSON.birthDate, domicileMunicipality: '015146', professionalRecord: null,
    });
    expect(read.errors?.map((e) => [e.path?.join('.'), e.extensions?.code])).toEqual([['referral.worker.professionalRecord', 'FORBIDDEN']]);

    // The referrals subgraph audited the person for both: the transfer and the reading.
    const records = (await graph.audit!.query({ person: PERSON.fiscalCode }, { first: 10 })).records.filter((r) => r.subgraph === 'referrals');
    expect(records.map((r) => [r.role, r.purpose]).sort()).toEqual([['CPI_OPERATOR', 'REFERRAL'], ['SOCIAL_WORKER', 'REFERRAL']]);
  });
});
