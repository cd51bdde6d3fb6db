import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { companiesSubgraph } from '../../../subgraphs/companies';
import { type CompaniesLoaders } from '../../../subgraphs/companies/loaders';
import { MandatoryNotice } from '../../../subgraphs/companies/mandatory-notice/mandatory-notice.entity';
import { OutboxEvent, OutboxStatus } from '../../../subgraphs/lib/outbox/outbox-event.entity';
import { asCaller, callerAs } from '../../utils/callers';
import { createTestSubgraph, type TestSubgraph } from '../../utils/subgraph';
import { addEmployer, asEmployer, day, employerCaller, employerCode, file, fileOk, hireInput, problemsOf, workerCode } from './fixtures';

// Integrated mode (convention art. 2): a notice of a construction employer registered with
// a Cassa Edile, or filed asking for it, writes its notification in the same transaction;
// the Cassa Edile pulls its own feed.
const BUILDER = employerCode(71); // construction (ATECO F), registered with MI00
const BUILDER_CR = employerCode(72); // construction, registered with CR00
const SHOP = employerCode(73); // retail, registered with MI00 (e.g. a mixed activity)
const UNREGISTERED = employerCode(74); // retail, no Cassa Edile

const FEED = `query($first: Int, $after: String) { cassaEdileNotifications(first: $first, after: $after) {
  totalCount pageInfo { hasNextPage endCursor } nodes { eventId payload deliveryStatus attempts deliveredAt lastError } } }`;

interface Feed {
  cassaEdileNotifications: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    nodes: { eventId: string; payload: string; deliveryStatus: string; attempts: number; deliveredAt: string | null; lastError: string | null }[];
  } | null;
}

describe('Cassa Edile notifications: transactional outbox and pull feed', () => {
  let graph: TestSubgraph<CompaniesLoaders>;
  const all = asEmployer(BUILDER, BUILDER_CR, SHOP, UNREGISTERED);
  const events = () => graph.em().find(OutboxEvent, { topic: 'cassa-edile.notice' }, { orderBy: { seq: 'asc' } });
  const asCassa = (org: string, purpose: 'CASSA_EDILE_NOTIFICATION' | 'REGULARITY_CHECK' = 'CASSA_EDILE_NOTIFICATION') =>
    asCaller(callerAs('CASSA_EDILE', purpose, { organisation: org }));

  beforeAll(async () => {
    graph = await createTestSubgraph(companiesSubgraph, { caller: employerCaller(BUILDER, BUILDER_CR, SHOP, UNREGISTERED) });
    await addEmployer(graph.em(), BUILDER, { atecoCode: '41.20.00', ccnl: '063', cassaEdileCode: 'MI00' });
    await addEmployer(graph.em(), BUILDER_CR, { atecoCode: '43.21.01', ccnl: '063', cassaEdileCode: 'CR00' });
    await addEmployer(graph.em(), SHOP, { cassaEdileCode: 'MI00' });
    await addEmployer(graph.em(), UNREGISTERED);
  });
  afterAll(() => graph.close());

  it('a hire at a registered construction employer writes one event with the notice, addressed to its Cassa Edile', async () => {
    const before = (await events()).length;
    const hire = await fileOk(graph, hireInput(BUILDER, workerCode(71)), all);
    const written = (await events()).slice(before);
    expect(written).toHaveLength(1);
    expect(written[0]).toMatchObject({ topic: 'cassa-edile.notice', recipient: 'MI00', status: OutboxStatus.PENDING, attempts: 0 });
    expect(written[0]!.payload).toMatchObject({
      kind: 'MANDATORY_NOTICE',
      notice: { code: hire.code, type: 'HIRE', action: 'FILING', contractType: 'A.02.00', startDate: day(1) },
      employer: { fiscalCode: BUILDER, cassaEdileCode: 'MI00' },
      worker: { fiscalCode: workerCode(71) },
    });
    // Not for a Cassa Edile: the worker's domicile, citizenship and residence permit.
    expect(JSON.stringify(written[0]!.payload)).not.toMatch(/citizenship|domicile|residencePermit/i);
    const stored = await graph.em().findOneOrFail(MandatoryNotice, { id: hire.id });
    expect(stored.notifiedTo).toBe('MI00');
  });

  it('other employers notify only when the filing asks for it, and only a Cassa Edile they are registered with', async () => {
    const before = (await events()).length;
    await fileOk(graph, hireInput(SHOP, workerCode(72)), all);
    expect(await events()).toHaveLength(before);
    await fileOk(graph, hireInput(SHOP, workerCode(73), { notifyCassaEdile: true }), all);
    expect((await events()).slice(before).map((e) => e.recipient)).toEqual(['MI00']);
    const notices = await graph.em().count(MandatoryNotice);
    const refused = await file(graph, hireInput(UNREGISTERED, workerCode(74), { notifyCassaEdile: true }), all);
    expect(problemsOf(refused)).toEqual(['input.notifyCassaEdile: the employer is registered with no Cassa Edile']);
    expect(await graph.em().count(MandatoryNotice)).toBe(notices);
    expect(await events()).toHaveLength(before + 1);
  });

  it('writes the event only with the notice: a refused filing or a lost race leaves neither', async () => {
    const hire = await fileOk(graph, hireInput(BUILDER, workerCode(75), { startDate: day(-10) }), all);
    const before = (await events()).length;
    expect((await file(graph, { type: 'EXTENSION', relationshipId: hire.relationship.id, eventDate: day(0), endDate: day(-20) }, all)).errors).toBeDefined();
    // Two terminations of one relationship at once: one wins; the other's event is rolled back with it.
    const racing = await Promise.all(
      [0, 1].map(() => file(graph, { type: 'TERMINATION', relationshipId: hire.relationship.id, eventDate: day(0), terminationCause: 'LI' }, all)),
    );
    const won = racing.filter((r) => !r.errors?.length);
    expect(won.length).toBeGreaterThanOrEqual(1);
    const written = (await events()).slice(before);
    expect(written).toHaveLength(won.length);
    const codes = await graph.em().find(MandatoryNotice, { relationship: hire.relationship.id, type: 'TERMINATION' as never });
    expect(written.map((e) => (e.payload as { notice: { code: string } }).notice.code).sort()).toEqual(codes.map((n) => n.code).sort());
  });

  it('a rectification or annulment of a notified notice is notified too, naming the notice it corrects', async () => {
    const hire = await fileOk(graph, hireInput(BUILDER, workerCode(76)), all);
    const before = (await events()).length;
    const res = await graph.query<{ rectifyMandatoryNotice: { code: string } }>(
      'mutation($input: RectifyMandatoryNoticeInput!) { rectifyMandatoryNotice(input: $input) { code } }',
      { input: { noticeId: hire.id, endDate: day(200) } },
      all,
    );
    expect(res.errors).toBeUndefined();
    const [event] = (await events()).slice(before);
    expect(event!.payload).toMatchObject({ notice: { code: res.data!.rectifyMandatoryNotice.code, action: 'RECTIFICATION', correctsCode: hire.code, endDate: day(200) } });
  });

  it('the pull feed gives a Cassa Edile its own notifications, oldest first, page after page', async () => {
    const mine = (await events()).filter((e) => e.recipient === 'MI00');
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const res: { data?: Feed | null; errors?: unknown[] } = await graph.query<Feed>(FEED, { first: 2, after }, asCassa('MI00'));
      expect(res.errors).toBeUndefined();
      const page: NonNullable<Feed['cassaEdileNotifications']> = res.data!.cassaEdileNotifications!;
      expect(page.totalCount).toBe(mine.length);
      seen.push(...page.nodes.map((n) => n.eventId));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    expect(seen).toEqual(mine.map((e) => e.eventId));
    const first = (await graph.query<Feed>(FEED, { first: 1 }, asCassa('MI00'))).data!.cassaEdileNotifications!.nodes[0]!;
    // The payload is the webhook's body, byte for byte.
    expect(JSON.parse(first.payload)).toEqual(mine[0]!.payload);
    expect(first).toMatchObject({ deliveryStatus: 'PENDING', attempts: 0, deliveredAt: null, lastError: null });
  });

  it('another Cassa Edile sees only its own; other purposes and roles read nothing of the feed', async () => {
    const cremona = (await graph.query<Feed>(FEED, { first: 50 }, asCassa('CR00'))).data!.cassaEdileNotifications!;
    expect(cremona.nodes).toEqual([]);
    await fileOk(graph, hireInput(BUILDER_CR, workerCode(77)), all);
    const after = (await graph.query<Feed>(FEED, { first: 50 }, asCassa('CR00'))).data!.cassaEdileNotifications!;
    expect(after.nodes.map((n) => (JSON.parse(n.payload) as { employer: { fiscalCode: string } }).employer.fiscalCode)).toEqual([BUILDER_CR]);
    for (const headers of [asCassa('MI00', 'REGULARITY_CHECK'), all]) {
      const res = await graph.query<Feed>(FEED, { first: 5 }, headers);
      expect(res.data?.cassaEdileNotifications ?? null).toBeNull();
      expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
  });
});
