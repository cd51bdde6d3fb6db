import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role, Purpose } from '../../subgraphs/lib/identity';
import { signEvent } from '../../subgraphs/lib/outbox/signature';
import { OutboxEvent } from '../../subgraphs/lib/outbox/outbox-event.entity';
import { EmploymentLink } from '../../subgraphs/workers/employment-link/employment-link.entity';
import { Worker } from '../../subgraphs/workers/worker/worker.entity';
import { addEmployer, employerCode, hireInput } from '../subgraphs/companies/fixtures';
import { authHeaders } from '../utils/auth';
import { createTestGraph, TEST_EVENTS_SECRET, type TestGraph } from '../utils/graph';
import { person } from '../utils/people';
import { deliverEmploymentLinks } from '../utils/outbox';

// The workers subgraph's employment links (the row scope of employers and Cassa Edile over
// people) follow the relationships of the companies subgraph through its outbox: a hire
// filed now lets its employer read the new employee's registry once the event is applied.
const BUILDER = employerCode(95);
const NEW_HIRE = person(95);

describe('employment links kept in sync from the companies outbox', () => {
  let graph: TestGraph;
  let eventsUrl: string;
  const asEmployer = () => authHeaders({ role: Role.EMPLOYER, purposes: [Purpose.MANDATORY_NOTICE], employers: [BUILDER], organisation: 'CONSULENTI-TEST' });
  const readWorker = async () =>
    (await graph.query<{ worker: { fiscalCode: string; lastName: string | null } | null }>('query($cf: FiscalCode!) { worker(fiscalCode: $cf) { fiscalCode lastName } }', { cf: NEW_HIRE.fiscalCode }, await asEmployer())).data?.worker ?? null;
  const links = () => graph.subgraphs.workers!.runtime.db.orm.em.fork().find(EmploymentLink, { employerFiscalCode: BUILDER });
  const post = (body: string, secret = TEST_EVENTS_SECRET) =>
    fetch(eventsUrl, { method: 'POST', headers: { 'content-type': 'application/json', ...signEvent({ secret, eventId: 'evt-test', timestamp: Math.floor(Date.now() / 1000), body }) }, body });

  beforeAll(async () => {
    graph = await createTestGraph({
      seed: async ({ companies, workers }) => {
        await addEmployer(companies!, BUILDER, { atecoCode: '41.20.00', ccnl: '063', cassaEdileCode: 'MI00' });
        workers!.create(Worker, NEW_HIRE as Worker);
        await workers!.flush();
      },
    });
    eventsUrl = `${graph.subgraphs.workers!.url.replace(/\/graphql$/, '')}/events/employment.link`;
  });
  afterAll(() => graph?.close());

  it('refuses an unsigned or wrongly signed event, and a topic the subgraph does not take', async () => {
    const body = JSON.stringify({ relationshipId: '00000000-0000-4000-8000-000000000001' });
    expect((await fetch(eventsUrl, { method: 'POST', body })).status).toBe(401);
    expect((await post(body, 'another-secret-'.padEnd(40, 'y'))).status).toBe(401);
    expect((await post('{"not":"an event"}')).status).toBe(400);
    expect((await fetch(eventsUrl.replace('employment.link', 'other.topic'), { method: 'POST', body })).status).toBe(404);
    expect(await links()).toEqual([]);
  });

  it('a hire reaches the workers subgraph: before, the employer cannot read the new employee; after, it can', async () => {
    const filed = await graph.query<{ fileMandatoryNotice: { relationship: { id: string } } }>(
      'mutation($input: FileMandatoryNoticeInput!) { fileMandatoryNotice(input: $input) { relationship { id } } }',
      { input: hireInput(BUILDER, NEW_HIRE.fiscalCode, { ccnl: '063' }) },
      await asEmployer(),
    );
    expect(filed.errors).toBeUndefined();
    expect(await readWorker()).toBeNull();

    await deliverEmploymentLinks(graph);
    const em = () => graph.subgraphs.companies!.runtime.db.orm.em.fork();
    expect((await links()).map((l) => [l.id, l.construction])).toEqual([[filed.data!.fileMandatoryNotice.relationship.id, true]]);
    expect(await readWorker()).toMatchObject({ fiscalCode: NEW_HIRE.fiscalCode, lastName: NEW_HIRE.lastName });
    // The same event again changes nothing.
    const [event] = await em().find(OutboxEvent, { topic: 'employment.link' });
    const again = await post(JSON.stringify(event!.payload));
    expect(((await again.json()) as { status: string }).status).toMatch(/^updated\b/);
    expect(await links()).toHaveLength(1);
    // An annulled relationship takes its link away, and with it the employer's view of the person.
    const annulled = await post(JSON.stringify({ ...event!.payload, annulled: true }));
    expect(((await annulled.json()) as { status: string }).status).toMatch(/^removed\b/);
    expect(await links()).toEqual([]);
    expect(await readWorker()).toBeNull();
  });
});
