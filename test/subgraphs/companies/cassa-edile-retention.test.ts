import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { companiesSubgraph } from '../../../subgraphs/companies';
import { type CompaniesLoaders } from '../../../subgraphs/companies/loaders';
import { CassaEdileDeletionConfirmation } from '../../../subgraphs/companies/retention/deletion-confirmation.entity';
import { purgeNotificationPayloads } from '../../../subgraphs/companies/retention/notification-purge';
import { runRetention } from '../../../subgraphs/companies/retention/retention.background';
import { createLogger } from '../../../subgraphs/lib/logger';
import { monthsAfter, readRetentionSettings } from '../../../subgraphs/lib/retention';
import { AuditKind, type AuditStore } from '../../../subgraphs/lib/audit';
import { ConfigError } from '../../../subgraphs/lib/config';
import { OutboxEvent, OutboxStatus } from '../../../subgraphs/lib/outbox/outbox-event.entity';
import { asCaller, callerAs } from '../../utils/callers';
import { createTestSubgraph, type TestSubgraph } from '../../utils/subgraph';
import { type AuditTestDatabase, createAuditDatabase } from '../audit/support';
import { addEmployer, asEmployer, employerCaller, employerCode, fileOk, hireInput, workerCode } from './fixtures';

// Retention of what the platform holds for a Cassa Edile's verification (convention art.
// 3): notification payloads are erased no later than the configured months after receipt,
// each erasure leaves a PURGE tombstone naming whom it concerned, a second run does
// nothing; the Cassa confirms its own deletion, and the data protection officer sees the
// confirmations that are overdue. The clock is moved, never waited for.
const BUILDER = employerCode(91);
const BUILDER_BG = employerCode(92);
const MONTH = 30 * 86_400_000;

const FEED = `{ cassaEdileNotifications(first: 50) { nodes { eventId payload erasedAt deliveryStatus } } }`;
const CONFIRM = `mutation($period: String!) { confirmCassaEdileDeletion(period: $period) { period confirmedAt notifications } }`;
const OVERDUE = `{ overdueCassaEdileDeletionConfirmations { cassaCode period notifications reason dueSince daysOverdue } }`;

describe('Cassa Edile retention: notification payloads, tombstones, deletion confirmations', () => {
  let graph: TestSubgraph<CompaniesLoaders>;
  let auditDb: AuditTestDatabase;
  let audit: AuditStore;
  const cassa = (org: string, purpose: 'CASSA_EDILE_NOTIFICATION' | 'REGULARITY_CHECK' = 'CASSA_EDILE_NOTIFICATION') => asCaller(callerAs('CASSA_EDILE', purpose, { organisation: org }));
  const dpo = asCaller(callerAs('DATA_PROTECTION_OFFICER', 'SUPERVISION', { organisation: 'DPO-OFFICE' }));
  const events = () => graph.em().find(OutboxEvent, { topic: 'cassa-edile.notice' }, { orderBy: { seq: 'asc' } });
  const deliverAll = async (at: Date) => {
    await graph.em().nativeUpdate(OutboxEvent, { topic: 'cassa-edile.notice' }, { status: OutboxStatus.DELIVERED, deliveredAt: at, attempts: 1 });
  };
  const purges = async () => (await audit.query({ kind: AuditKind.PURGE }, { first: 100 })).records;

  beforeAll(async () => {
    graph = await createTestSubgraph(companiesSubgraph, { caller: employerCaller(BUILDER, BUILDER_BG) });
    auditDb = await createAuditDatabase('retention');
    audit = await auditDb.open();
    await addEmployer(graph.em(), BUILDER, { atecoCode: '41.20.00', ccnl: '063', cassaEdileCode: 'MI00' });
    await addEmployer(graph.em(), BUILDER_BG, { atecoCode: '43.21.01', ccnl: '063', cassaEdileCode: 'BG00' });
    for (let n = 0; n < 3; n += 1) await fileOk(graph, hireInput(BUILDER, workerCode(91 + n)), asEmployer(BUILDER, BUILDER_BG));
    await fileOk(graph, hireInput(BUILDER_BG, workerCode(95)), asEmployer(BUILDER, BUILDER_BG));
  });
  afterEach(() => vi.useRealTimers());
  afterAll(async () => {
    await audit.close();
    await auditDb.drop();
    await graph.close();
  });

  it('reads the retention settings: 24 months by default, shorter allowed, longer refused naming the variable', () => {
    expect(readRetentionSettings({})).toMatchObject({ retentionMonths: 24, confirmationGraceDays: 30 });
    expect(readRetentionSettings({ CASSA_EDILE_RETENTION_MONTHS: '6' }).retentionMonths).toBe(6);
    expect(() => readRetentionSettings({ CASSA_EDILE_RETENTION_MONTHS: '25' })).toThrow(ConfigError);
    expect(() => readRetentionSettings({ CASSA_EDILE_RETENTION_MONTHS: '25' })).toThrow(/CASSA_EDILE_RETENTION_MONTHS: must not exceed 24 months/);
    expect(() => readRetentionSettings({ CASSA_EDILE_RETENTION_MONTHS: 'soon' })).toThrow(/CASSA_EDILE_RETENTION_MONTHS/);
  });

  it('keeps each notification’s month, and erases nothing before the retention limit', async () => {
    const written = await events();
    expect(written).toHaveLength(4);
    expect(written.every((event) => /^\d{4}-\d{2}$/.test(event.period ?? ''))).toBe(true);
    const now = new Date(written[0]!.createdAt.getTime() + 23 * MONTH);
    expect(await purgeNotificationPayloads(graph.em(), audit, { now, retentionMonths: 24 })).toEqual([]);
    expect((await events()).every((event) => event.erasedAt == null && Object.keys(event.payload).length > 0)).toBe(true);
    expect(await purges()).toHaveLength(0);
  });

  it('a Cassa Edile confirms deleting a month it received, once; a month it received nothing for is refused', async () => {
    const period = (await events())[0]!.period!;
    const before = await graph.query(CONFIRM, { period }, cassa('MI00'));
    expect(before.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(before.errors?.[0]?.message).toMatch(/no notification of that month was delivered/);
    await deliverAll(new Date());
    const first = await graph.query<{ confirmCassaEdileDeletion: { period: string; confirmedAt: string; notifications: number } }>(CONFIRM, { period }, cassa('MI00'));
    expect(first.errors).toBeUndefined();
    expect(first.data?.confirmCassaEdileDeletion).toMatchObject({ period, notifications: 3 });
    const again = await graph.query<{ confirmCassaEdileDeletion: { confirmedAt: string } }>(CONFIRM, { period }, cassa('MI00', 'REGULARITY_CHECK'));
    expect(again.data?.confirmCassaEdileDeletion.confirmedAt).toBe(first.data?.confirmCassaEdileDeletion.confirmedAt);
    expect(await graph.em().count(CassaEdileDeletionConfirmation, {})).toBe(1);
    for (const bad of ['2026-13', '26-01', 'last month', '2999-01']) {
      const refused = await graph.query(CONFIRM, { period: bad }, cassa('MI00'));
      expect(refused.errors?.[0]?.extensions?.code, bad).toBe('BAD_USER_INPUT');
      expect(refused.errors?.[0]?.extensions?.problems).toEqual([expect.objectContaining({ path: 'period' })]);
    }
    // Not a Cassa Edile's business: an employer, or the training purpose.
    const employer = await graph.query(CONFIRM, { period }, asEmployer(BUILDER));
    expect(employer.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const training = await graph.query(CONFIRM, { period }, asCaller(callerAs('CASSA_EDILE', 'TRAINING_RECORD', { organisation: 'MI00' })));
    expect(training.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('shows the data protection officer the confirmations that are overdue, and to no one else', async () => {
    const delivered = (await events())[0]!.deliveredAt!;
    // Just before the limit: nothing overdue.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date(monthsAfter(delivered, 24).getTime() - 60_000));
    const early = await graph.query<{ overdueCassaEdileDeletionConfirmations: unknown[] }>(OVERDUE, undefined, dpo);
    expect(early.errors).toBeUndefined();
    expect(early.data?.overdueCassaEdileDeletionConfirmations).toEqual([]);
    // Ten days past the limit: BG00 never confirmed; MI00 did.
    vi.setSystemTime(new Date(monthsAfter(delivered, 24).getTime() + 10 * 86_400_000));
    const late = await graph.query<{ overdueCassaEdileDeletionConfirmations: { cassaCode: string; period: string; notifications: number; reason: string; daysOverdue: number }[] }>(OVERDUE, undefined, dpo);
    expect(late.data?.overdueCassaEdileDeletionConfirmations).toEqual([
      expect.objectContaining({ cassaCode: 'BG00', notifications: 1, reason: 'RETENTION_LIMIT', daysOverdue: 10 }),
    ]);
    const asCassa = await graph.query(OVERDUE, undefined, cassa('BG00'));
    expect(asCassa.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('erases payloads past the limit with one tombstone per Cassa naming the people, and does nothing the second time', async () => {
    const written = await events();
    const now = monthsAfter(written[written.length - 1]!.createdAt, 24);
    now.setTime(now.getTime() + 60_000);
    const summaries = await purgeNotificationPayloads(graph.em(), audit, { now, retentionMonths: 24 });
    expect(summaries).toEqual(
      expect.arrayContaining([
        { what: 'CASSA_EDILE_NOTIFICATION_PAYLOAD', recipient: 'MI00', reason: 'RETENTION_LIMIT', count: 3 },
        { what: 'CASSA_EDILE_NOTIFICATION_PAYLOAD', recipient: 'BG00', reason: 'RETENTION_LIMIT', count: 1 },
      ]),
    );
    const erased = await events();
    expect(erased.every((event) => event.erasedAt?.getTime() === now.getTime() && Object.keys(event.payload).length === 0)).toBe(true);
    // The event ids and delivery state stay: the feed shows them as erased.
    expect(erased.map((event) => event.eventId)).toEqual(written.map((event) => event.eventId));
    const feed = await graph.query<{ cassaEdileNotifications: { nodes: { payload: string | null; erasedAt: string | null; deliveryStatus: string }[] } }>(FEED, undefined, cassa('MI00'));
    expect(feed.data?.cassaEdileNotifications.nodes).toHaveLength(3);
    expect(feed.data?.cassaEdileNotifications.nodes.every((node) => node.payload === null && node.erasedAt !== null && node.deliveryStatus === 'DELIVERED')).toBe(true);

    const tombstones = await purges();
    expect(tombstones).toHaveLength(2);
    const mi = tombstones.find((record) => record.detail?.includes('recipient=MI00'))!;
    expect(mi).toMatchObject({ kind: AuditKind.PURGE, subgraph: 'companies', subject: 'system:retention', employers: [BUILDER] });
    expect(mi.people).toEqual([workerCode(91), workerCode(92), workerCode(93)].sort());
    expect(mi.detail).toMatch(/^CASSA_EDILE_NOTIFICATION_PAYLOAD RETENTION_LIMIT recipient=MI00 count=3 keys=/);
    // The person sees in their access log that data about them was deleted.
    const log = await audit.accessLogOf(workerCode(95), { first: 10 });
    expect(log.entries.map((entry) => entry.kind)).toContain(AuditKind.PURGE);

    // Idempotent: nothing left to erase, no tombstone written.
    expect(await purgeNotificationPayloads(graph.em(), audit, { now: new Date(now.getTime() + MONTH), retentionMonths: 24 })).toEqual([]);
    expect(await purges()).toHaveLength(2);
  });

  it('a shorter configured period erases sooner: new notifications six months on', async () => {
    await fileOk(graph, hireInput(BUILDER, workerCode(96)), asEmployer(BUILDER, BUILDER_BG));
    const fresh = (await events()).filter((event) => event.erasedAt == null);
    expect(fresh).toHaveLength(1);
    const at = fresh[0]!.createdAt;
    expect(await purgeNotificationPayloads(graph.em(), audit, { now: monthsAfter(at, 5), retentionMonths: 6 })).toEqual([]);
    const done = await purgeNotificationPayloads(graph.em(), audit, { now: new Date(monthsAfter(at, 6).getTime() + 1000), retentionMonths: 6 });
    expect(done).toEqual([{ what: 'CASSA_EDILE_NOTIFICATION_PAYLOAD', recipient: 'MI00', reason: 'RETENTION_LIMIT', count: 1 }]);
  });

  it('runs in the subgraph process: erases what is due on its interval, and not at all without an audit trail', async () => {
    await fileOk(graph, hireInput(BUILDER, workerCode(97)), asEmployer(BUILDER, BUILDER_BG));
    const [latest] = await graph.em().find(OutboxEvent, { topic: 'cassa-edile.notice', erasedAt: null }, { orderBy: { seq: 'desc' }, limit: 1 });
    // Written three months ago, with a one-month retention.
    await graph.em().nativeUpdate(OutboxEvent, { seq: latest!.seq }, { createdAt: new Date(Date.now() - 3 * MONTH) });
    const logger = createLogger('retention-test', 'silent');
    const env = { CASSA_EDILE_RETENTION_MONTHS: '1', RETENTION_INTERVAL_MS: '50' };
    expect(runRetention({ db: graph.runtime.db, logger, production: false, env, audit: null })).toBeNull();
    expect(() => runRetention({ db: graph.runtime.db, logger, production: false, env: { CASSA_EDILE_RETENTION_MONTHS: '36' }, audit })).toThrow(/CASSA_EDILE_RETENTION_MONTHS/);
    const work = runRetention({ db: graph.runtime.db, logger, production: false, env, audit })!;
    try {
      const deadline = Date.now() + 15_000;
      while ((await graph.em().findOneOrFail(OutboxEvent, { seq: latest!.seq })).erasedAt == null) {
        if (Date.now() > deadline) throw new Error('the purge did not run in time');
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    } finally {
      await work.stop();
    }
    expect((await purges()).filter((record) => record.people.includes(workerCode(97)))).toHaveLength(1);
  });
});
