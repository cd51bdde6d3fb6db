import { type EntityData } from '@mikro-orm/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Purpose, Role } from '../../subgraphs/lib/identity';
import { ServicePoint } from '../../subgraphs/referrals/service-point/service-point.entity';
import { Worker } from '../../subgraphs/workers/worker/worker.entity';
import { POINTS } from '../subgraphs/referrals/fixtures';
import { authHeaders } from '../utils/auth';
import { createTestGraph, type TestGraph } from '../utils/graph';
import { person } from '../utils/people';

// Issue 5 point 6 through the gateway, with real tokens: the desk registers and refers on
// consent and never reads the person's pacts, DID or employment; the municipality reads
// the aggregated view only; a job centre reads neither.
const PERSON = person(31);
let workerId = '';

const REGISTER = `mutation($input: RegisterDeskContactInput!) { registerDeskContact(input: $input) { id fiscalCode } }`;
const REFER = `mutation($input: ReferFromDeskContactInput!) { referFromDeskContact(input: $input) { id state legalBasis } }`;
const CONTACT = `query($id: ID!) { deskContact(id: $id) { id need referrals { state legalBasis
  worker { id firstName lastName availabilityDeclaration { status } servicePacts { state } employments { status } household { id } } } } }`;
const STATISTICS = `{ deskContactStatistics(period: { from: "2025-01-01", to: "2025-12-31" }, groupBy: [NEED]) { total totalSuppressed cells { need count suppressed } } }`;

const desk = () => authHeaders({ role: Role.SOCIAL_DESK_OPERATOR, purposes: [Purpose.REFERRAL], organisation: 'org-cgil-cremona', subject: 'desk-operator', territory: [] });
const municipality = () => authHeaders({ role: Role.SOCIAL_WORKER, purposes: [Purpose.STATISTICS], organisation: 'org-comune-cremona', territory: ['019036'] });
const jobCentre = () => authHeaders({ role: Role.CPI_OPERATOR, purposes: [Purpose.EMPLOYMENT_SERVICES], organisation: 'org-cpi-cremona', territory: ['019'] });

describe('sportello sociale contacts through the gateway', () => {
  let graph: TestGraph;
  beforeAll(async () => {
    graph = await createTestGraph({
      seed: async ({ referrals, workers }) => {
        const points = [POINTS.socialDesk, POINTS.socialCremona] as EntityData<ServicePoint>[];
        await referrals!.insertMany(ServicePoint, points);
        const worker = workers!.create(Worker, PERSON as Worker);
        await workers!.flush();
        workerId = worker.id;
      },
    });
  });
  afterAll(() => graph?.close());

  it('a desk registers on consent and refers; it sees the referral\'s status, never the person\'s pacts, DID or employment', async () => {
    const headers = await desk();
    const contacts: string[] = [];
    for (const need of ['HOUSING', 'HOUSING', 'JOB_SEARCH']) {
      const res = await graph.query<{ registerDeskContact: { id: string } }>(REGISTER, {
        input: { deskCode: POINTS.socialDesk.code, consent: { givenAt: '2025-06-01T09:00:00Z', recordedAs: 'SIGNED_FORM' }, fiscalCode: PERSON.fiscalCode, workerId, userType: 'PENSIONER', need, outcome: 'REFERRAL', contactedAt: '2025-06-01T09:00:00Z' },
      }, headers);
      expect(res.errors).toBeUndefined();
      contacts.push(res.data!.registerDeskContact.id);
    }
    const referred = await graph.query<{ referFromDeskContact: { state: string; legalBasis: string } }>(REFER, { input: { id: contacts[0], toCode: POINTS.socialCremona.code, motivation: 'Sfratto in corso' } }, headers);
    expect(referred.errors).toBeUndefined();
    expect(referred.data!.referFromDeskContact).toMatchObject({ state: 'SENT', legalBasis: 'CONSENT' });

    const read = await graph.query<{ deskContact: { referrals: { state: string; worker: Record<string, unknown> | null }[] } }>(CONTACT, { id: contacts[0] }, headers);
    expect(read.data!.deskContact.referrals).toHaveLength(1);
    expect(read.data!.deskContact.referrals[0]).toMatchObject({ state: 'SENT', legalBasis: 'CONSENT' });
    // The person's data from the workers and pacts subgraphs: nothing released.
    const worker = read.data!.deskContact.referrals[0]!.worker;
    for (const field of ['firstName', 'lastName', 'availabilityDeclaration', 'servicePacts', 'employments', 'household']) expect(worker?.[field] ?? null).toBeNull();
    const refused = new Set((read.errors ?? []).map((e) => e.extensions?.code));
    expect([...refused].every((code) => code === 'FORBIDDEN')).toBe(true);
    expect(worker?.id).toBe(workerId);
    expect(JSON.stringify(read.data)).not.toContain(PERSON.lastName!);
    // The person is there for a job centre of their territory: the desk's nulls are the policy's.
    const control = await graph.query<{ worker: { lastName: string } | null }>(`query($cf: FiscalCode!) { worker(fiscalCode: $cf) { lastName } }`, { cf: PERSON.fiscalCode }, await authHeaders({ territory: [PERSON.domicileProvince!] }));
    expect(control.data?.worker?.lastName).toBe(PERSON.lastName);
    const direct = await graph.query(`query($cf: FiscalCode!) { worker(fiscalCode: $cf) { lastName } }`, { cf: PERSON.fiscalCode }, headers);
    expect(direct.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('the municipality reads the aggregated view only, with small cells suppressed', async () => {
    const headers = await municipality();
    const res = await graph.query<{ deskContactStatistics: { total: number; cells: { need: string; count: number | null; suppressed: boolean }[] } }>(STATISTICS, {}, headers);
    expect(res.errors).toBeUndefined();
    expect(res.data!.deskContactStatistics.total).toBe(3);
    const byNeed = Object.fromEntries(res.data!.deskContactStatistics.cells.map((c) => [c.need, [c.count, c.suppressed]]));
    expect(byNeed.HOUSING).toEqual([null, true]);
    expect(byNeed.JOB_SEARCH).toEqual([null, true]);
    expect(byNeed.TRAINING).toEqual([0, false]);
    const contact = await graph.query(`{ deskContact(id: "00000000-0000-4000-8000-000000000000") { id } }`, {}, headers);
    expect(contact.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('a job centre reads neither the contacts nor the statistics, and cannot register one', async () => {
    const headers = await jobCentre();
    const stats = await graph.query(STATISTICS, {}, headers);
    expect(stats.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const register = await graph.query(REGISTER, {
      input: { deskCode: POINTS.socialDesk.code, consent: { givenAt: '2025-06-01T09:00:00Z', recordedAs: 'SIGNED_FORM' }, userType: 'OTHER', need: 'OTHER', outcome: 'INFORMATION' },
    }, headers);
    expect(register.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
