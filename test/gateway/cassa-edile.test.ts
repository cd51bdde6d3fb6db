import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role, Purpose } from '../../subgraphs/lib/identity';
import { OutboxEvent, OutboxStatus } from '../../subgraphs/lib/outbox/outbox-event.entity';
import { EmploymentLink } from '../../subgraphs/workers/employment-link/employment-link.entity';
import { Worker } from '../../subgraphs/workers/worker/worker.entity';
import { addEmployer, employerCode, hireInput } from '../subgraphs/companies/fixtures';
import { authHeaders } from '../utils/auth';
import { createTestGraph, type TestGraph } from '../utils/graph';
import { person } from '../utils/people';

// Issue 4 through the gateway, with real tokens: employers and consultants file, a Cassa
// Edile reads the construction sector only, pulls its notifications and submits courses,
// and nothing else.
const BUILDER = employerCode(91); // construction, registered with MI00
const SHOP = employerCode(92); // retail
const BUILDER_WORKER = person(91);
const SHOP_WORKER = person(92);

const FILE = `mutation($input: FileMandatoryNoticeInput!) { fileMandatoryNotice(input: $input) { id code employer { fiscalCode } } }`;
const EMPLOYER = `query($cf: FiscalCode!) { employer(fiscalCode: $cf) { fiscalCode name construction } }`;
const FEED = `{ cassaEdileNotifications(first: 20) { nodes { eventId payload deliveryStatus } } }`;
const SUBMIT = `mutation($courses: [TrainingCourseSubmission!]!) { submitTrainingCourses(courses: $courses) { created rejected items { status problems { path } } } }`;

const asEmployer = (...employers: string[]) => authHeaders({ role: Role.EMPLOYER, purposes: [Purpose.MANDATORY_NOTICE], employers, organisation: 'CONSULENTI-TEST' });
const asCassa = (purpose: Purpose) => authHeaders({ role: Role.CASSA_EDILE, purposes: [purpose], organisation: 'MI00', territory: [] });

describe('mandatory notices and the Cassa Edile through the gateway', () => {
  let graph: TestGraph;
  const hire = (employer: string, worker: string) => hireInput(employer, worker, { ccnl: '063' });

  beforeAll(async () => {
    graph = await createTestGraph({
      seed: async ({ companies, workers }) => {
        await addEmployer(companies!, BUILDER, { atecoCode: '41.20.00', ccnl: '063', cassaEdileCode: 'MI00' });
        await addEmployer(companies!, SHOP);
        const builderWorker = workers!.create(Worker, BUILDER_WORKER as Worker);
        const shopWorker = workers!.create(Worker, SHOP_WORKER as Worker);
        workers!.create(EmploymentLink, { worker: builderWorker, employerFiscalCode: BUILDER, construction: true, startDate: '2024-01-01' });
        workers!.create(EmploymentLink, { worker: shopWorker, employerFiscalCode: SHOP, construction: false, startDate: '2024-01-01' });
        await workers!.flush();
      },
    });
  });
  afterAll(() => graph?.close());

  it('a consultant files for each employer in its token; an employer cannot file for another', async () => {
    const consultant = await asEmployer(BUILDER, SHOP);
    for (const [employer, worker] of [[BUILDER, BUILDER_WORKER], [SHOP, SHOP_WORKER]] as const) {
      const res = await graph.query<{ fileMandatoryNotice: { employer: { fiscalCode: string } } }>(FILE, { input: hire(employer, worker.fiscalCode) }, consultant);
      expect(res.errors).toBeUndefined();
      expect(res.data!.fileMandatoryNotice.employer.fiscalCode).toBe(employer);
    }
    const builderOnly = await asEmployer(BUILDER);
    const refused = await graph.query(FILE, { input: hire(SHOP, SHOP_WORKER.fiscalCode) }, builderOnly);
    expect(refused.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(refused.errors)).toContain('input.employerFiscalCode');
    const other = await graph.query<{ employer: unknown }>(EMPLOYER, { cf: SHOP }, builderOnly);
    expect(other.data?.employer).toBeNull();
  });

  it('a Cassa Edile sees construction employers only', async () => {
    const cassa = await asCassa(Purpose.REGULARITY_CHECK);
    const builder = await graph.query<{ employer: { construction: boolean } | null }>(EMPLOYER, { cf: BUILDER }, cassa);
    expect(builder.data?.employer).toMatchObject({ construction: true });
    const shop = await graph.query<{ employer: unknown }>(EMPLOYER, { cf: SHOP }, cassa);
    expect(shop.errors).toBeUndefined();
    expect(shop.data?.employer).toBeNull();
  });

  it('its integration pulls the notices of its firms, not of others; other purposes cannot', async () => {
    const feed = await graph.query<{ cassaEdileNotifications: { nodes: { payload: string }[] } }>(FEED, {}, await asCassa(Purpose.CASSA_EDILE_NOTIFICATION));
    expect(feed.errors).toBeUndefined();
    const employers = feed.data!.cassaEdileNotifications.nodes.map((n) => (JSON.parse(n.payload) as { employer: { fiscalCode: string } }).employer.fiscalCode);
    expect(employers).toEqual([BUILDER]);
    const wrongPurpose = await graph.query(FEED, {}, await asCassa(Purpose.REGULARITY_CHECK));
    expect(wrongPurpose.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('its school submits courses for construction workers only, and it never reads a DID', async () => {
    const courses = [
      { courseId: 'ESEM-G-1', workerFiscalCode: BUILDER_WORKER.fiscalCode, title: 'Ponteggi', provider: 'ESEM-CPT', hours: 28, completedOn: '2025-05-10' },
      { courseId: 'ESEM-G-2', workerFiscalCode: SHOP_WORKER.fiscalCode, title: 'Ponteggi', provider: 'ESEM-CPT', hours: 28, completedOn: '2025-05-10' },
    ];
    const res = await graph.query<{ submitTrainingCourses: { created: number; rejected: number; items: { status: string }[] } }>(SUBMIT, { courses }, await asCassa(Purpose.TRAINING_RECORD));
    expect(res.errors).toBeUndefined();
    expect(res.data!.submitTrainingCourses).toMatchObject({ created: 1, rejected: 1 });
    expect(res.data!.submitTrainingCourses.items.map((i) => i.status)).toEqual(['CREATED', 'REJECTED']);
    const did = await graph.query<{ worker: { availabilityDeclaration: unknown } | null }>(
      'query($cf: FiscalCode!) { worker(fiscalCode: $cf) { fiscalCode availabilityDeclaration { status } } }',
      { cf: BUILDER_WORKER.fiscalCode },
      await asCassa(Purpose.REGULARITY_CHECK),
    );
    expect(did.data?.worker?.availabilityDeclaration ?? null).toBeNull();
    expect(did.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
  });

  it('the Cassa records that it deleted a month it received; only the data protection officer reads what is overdue', async () => {
    const companies = graph.subgraphs.companies!.runtime.db.orm.em.fork();
    await companies.nativeUpdate(OutboxEvent, { topic: 'cassa-edile.notice' }, { status: OutboxStatus.DELIVERED, deliveredAt: new Date() });
    const [event] = await companies.find(OutboxEvent, { topic: 'cassa-edile.notice' });
    const CONFIRM = 'mutation($p: String!) { confirmCassaEdileDeletion(period: $p) { period notifications } }';
    const confirmed = await graph.query<{ confirmCassaEdileDeletion: { period: string; notifications: number } }>(CONFIRM, { p: event!.period }, await asCassa(Purpose.CASSA_EDILE_NOTIFICATION));
    expect(confirmed.errors).toBeUndefined();
    expect(confirmed.data!.confirmCassaEdileDeletion).toEqual({ period: event!.period, notifications: 1 });
    const byEmployer = await graph.query(CONFIRM, { p: event!.period }, await asEmployer(BUILDER));
    expect(byEmployer.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const OVERDUE = '{ overdueCassaEdileDeletionConfirmations { cassaCode period } }';
    const dpo = await graph.query<{ overdueCassaEdileDeletionConfirmations: unknown[] }>(OVERDUE, {}, await authHeaders({ role: Role.DATA_PROTECTION_OFFICER, purposes: [Purpose.SUPERVISION], organisation: 'DPO-OFFICE' }));
    expect(dpo.errors).toBeUndefined();
    expect(dpo.data!.overdueCassaEdileDeletionConfirmations).toEqual([]);
    const cassa = await graph.query(OVERDUE, {}, await asCassa(Purpose.REGULARITY_CHECK));
    expect(cassa.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
