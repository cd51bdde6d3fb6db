import { type EntityData } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, today } from '../../subgraphs/lib/dates';
import { Purpose, Role } from '../../subgraphs/lib/identity';
import { OutboxEvent } from '../../subgraphs/lib/outbox/outbox-event.entity';
import { Household, HouseholdMember, HouseholdRelation } from '../../subgraphs/pacts/household/household.entity';
import { InclusionPactState, SocialInclusionPact } from '../../subgraphs/pacts/inclusion-pact/inclusion-pact.entity';
import { Appointment, AppointmentReminder } from '../../subgraphs/referrals/appointment/appointment.entity';
import { ConvocationExclusionReplica } from '../../subgraphs/referrals/convocation-exclusion/convocation-exclusion-replica.entity';
import { ServicePoint } from '../../subgraphs/referrals/service-point/service-point.entity';
import { POINTS } from '../subgraphs/referrals/fixtures';
import { authHeaders } from '../utils/auth';
import { createTestGraph, type TestGraph } from '../utils/graph';
import { deliverEvents } from '../utils/outbox';
import { person } from '../utils/people';

// Issue 5 points 2 and 9 through the gateway, with real tokens: the social worker of an
// inclusion pact decides that a member must not be convened (plan §1.4); once the pacts
// subgraph's event reaches the referrals subgraph, a job centre's convocation of that member
// is refused (CONFLICT, with the coded reason) and writes nothing, while the other member
// may be convened; when the decision ends, the member may be convened again.
const CARER = person(61);
const PARTNER = person(62);
const WORKER_IDS = { [CARER.fiscalCode]: randomUUID(), [PARTNER.fiscalCode]: randomUUID() };

const SET = `mutation($input: SetConvocationExclusionInput!) { setConvocationExclusion(input: $input) { reason } }`;
const END = `mutation($input: EndConvocationExclusionInput!) { endConvocationExclusion(input: $input) { endedOn } }`;
const SCHEDULE = `mutation($input: ScheduleAppointmentInput!) { scheduleAppointment(input: $input) { id state kind } }`;

const socialWorker = () => authHeaders({ role: Role.SOCIAL_WORKER, purposes: [Purpose.SOCIAL_INCLUSION], organisation: 'org-comune-milano', subject: 'case-manager-1', territory: ['015146'] });
const cpiMilan = () => authHeaders({ role: Role.CPI_OPERATOR, purposes: [Purpose.EMPLOYMENT_SERVICES], organisation: 'org-afol', subject: 'operator-cpi-mi', territory: ['015'] });

function convocation(fiscalCode: string, daysAhead = 7): Record<string, unknown> {
  return {
    servicePointCode: POINTS.desk.code,
    kind: 'CONVOCATION',
    workerId: WORKER_IDS[fiscalCode],
    fiscalCode,
    scheduledAt: new Date(Date.now() + daysAhead * 86_400_000).toISOString(),
  };
}

describe('do not convene (plan §1.4) through the gateway', () => {
  let graph: TestGraph;
  const referrals = () => graph.subgraphs.referrals!.runtime.db.orm.em.fork();
  const written = async () => ({
    appointments: await referrals().count(Appointment, {}),
    reminders: await referrals().count(AppointmentReminder, {}),
    events: await referrals().count(OutboxEvent, {}),
  });

  beforeAll(async () => {
    graph = await createTestGraph({
      seed: async ({ pacts, referrals: points }) => {
        await points!.insertMany(ServicePoint, [POINTS.jobCentre] as EntityData<ServicePoint>[]);
        await points!.insertMany(ServicePoint, [POINTS.desk] as EntityData<ServicePoint>[]);
        const home = pacts!.create(Household, { municipality: '015146' });
        pacts!.create(HouseholdMember, { household: home, workerId: WORKER_IDS[CARER.fiscalCode]!, fiscalCode: CARER.fiscalCode, relation: HouseholdRelation.APPLICANT });
        pacts!.create(HouseholdMember, { household: home, workerId: WORKER_IDS[PARTNER.fiscalCode]!, fiscalCode: PARTNER.fiscalCode, relation: HouseholdRelation.SPOUSE });
        const signedOn = addDays(today(), -10);
        pacts!.create(SocialInclusionPact, { household: home, municipality: '015146', socialServicesCode: 'SS_MI_01', state: InclusionPactState.TO_CONVENE, padSignedOn: signedOn, stateDate: signedOn });
        await pacts!.flush();
      },
    });
  });
  afterAll(() => graph?.close());

  it('a CPI operator convening an excluded member is refused with CONFLICT and the coded reason; nothing is written', async () => {
    const set = await graph.query(SET, { input: { fiscalCode: CARER.fiscalCode, reason: 'CARE_OF_CHILD_UNDER_3', details: 'twins born this spring', since: today() } }, await socialWorker());
    expect(set.errors).toBeUndefined();
    await deliverEvents(graph, 'pacts', 'convocation.exclusion');
    const replica = await referrals().find(ConvocationExclusionReplica, { fiscalCode: CARER.fiscalCode });
    expect(replica.map((r) => ({ reason: r.reason, since: r.since, endedOn: r.endedOn }))).toEqual([{ reason: 'CARE_OF_CHILD_UNDER_3', since: today(), endedOn: null }]);

    const before = await written();
    const refused = await graph.query(SCHEDULE, { input: convocation(CARER.fiscalCode) }, await cpiMilan());
    expect(refused.data?.scheduleAppointment ?? null).toBeNull();
    expect(refused.errors).toHaveLength(1);
    const error = refused.errors![0]!;
    expect(error.extensions).toMatchObject({ code: 'CONFLICT', reason: 'DO_NOT_CONVENE', exclusionReason: 'CARE_OF_CHILD_UNDER_3' });
    expect(error.message).toMatch(/must not be convened/);
    // The coded reason only: neither the social worker's details nor the person.
    expect(JSON.stringify(error)).not.toMatch(/twins/);
    expect(JSON.stringify(error)).not.toContain(CARER.fiscalCode);
    expect(await written()).toEqual(before);
  });

  it('the other member of the household may be convened', async () => {
    const res = await graph.query<{ scheduleAppointment: { state: string } }>(SCHEDULE, { input: convocation(PARTNER.fiscalCode) }, await cpiMilan());
    expect(res.errors).toBeUndefined();
    expect(res.data!.scheduleAppointment).toMatchObject({ state: 'SCHEDULED', kind: 'CONVOCATION' });
  });

  it('once the decision ends and the event is delivered, the member may be convened again', async () => {
    const ended = await graph.query(END, { input: { fiscalCode: CARER.fiscalCode, endedOn: today(), reason: 'a nursery place was found' } }, await socialWorker());
    expect(ended.errors).toBeUndefined();
    // Until the event arrives, the referrals subgraph still refuses.
    expect((await graph.query(SCHEDULE, { input: convocation(CARER.fiscalCode) }, await cpiMilan())).errors?.[0]?.extensions?.code).toBe('CONFLICT');

    await deliverEvents(graph, 'pacts', 'convocation.exclusion');
    const res = await graph.query<{ scheduleAppointment: { state: string } }>(SCHEDULE, { input: convocation(CARER.fiscalCode) }, await cpiMilan());
    expect(res.errors).toBeUndefined();
    expect(res.data!.scheduleAppointment.state).toBe('SCHEDULED');
  });
});
