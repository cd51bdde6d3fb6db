import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { companiesSubgraph } from '../../../subgraphs/companies';
import { CassaEdileAnomaly } from '../../../subgraphs/companies/cassa-edile/anomaly.entity';
import { MonthlyReturn, MonthlyReturnLine } from '../../../subgraphs/companies/cassa-edile/monthly-return.entity';
import { type CompaniesLoaders } from '../../../subgraphs/companies/loaders';
import { purgeCassaEdileData } from '../../../subgraphs/companies/retention/cassa-edile-purge';
import { AuditKind, type AuditStore } from '../../../subgraphs/lib/audit';
import { OutboxEvent, OutboxStatus } from '../../../subgraphs/lib/outbox/outbox-event.entity';
import { asCaller, callerAs } from '../../utils/callers';
import { createTestSubgraph, type TestSubgraph } from '../../utils/subgraph';
import { type AuditTestDatabase, createAuditDatabase } from '../audit/support';
import { addBuilder, addRelationship, anomalies, type AnomalyNode, asCassa, line, monthsAgo, reconcile, register, REVIEW, submitReturns } from './cassa-edile-fixtures';
import { employerCode, workerCode } from './fixtures';

// Convention art. 3: what the platform holds for a Cassa Edile's verification of a month
// (anomaly evidence, the returns' worker lines, the notifications of that month) is
// deleted as soon as the verification closes, with tombstones; the month cannot run
// again; the Cassa has a grace period to confirm its own deletion, then the data
// protection officer sees it overdue. The clock is moved, never waited for.
const FIRM = employerCode(801);
const { year, month } = monthsAgo(3);
const period = `${year}-${String(month).padStart(2, '0')}`;
const w = (n: number) => workerCode(800 + n);
const CLOSE = `mutation($y: Int!, $m: Int!) { closeCassaEdileVerification(year: $y, month: $m) { state closedAt } }`;
const OVERDUE = `{ overdueCassaEdileDeletionConfirmations { cassaCode period reason daysOverdue } }`;
const DAY = 86_400_000;

describe('Cassa Edile retention when a verification closes', () => {
  let graph: TestSubgraph<CompaniesLoaders>;
  let auditDb: AuditTestDatabase;
  let audit: AuditStore;
  let found: AnomalyNode[];
  const dpo = asCaller(callerAs('DATA_PROTECTION_OFFICER', 'SUPERVISION', { organisation: 'DPO-OFFICE' }));
  const purge = (now = new Date()) => purgeCassaEdileData(graph.em(), audit, { now, retentionMonths: 24 });
  const tombstones = async () => (await audit.query({ kind: AuditKind.PURGE }, { first: 100 })).records;

  beforeAll(async () => {
    graph = await createTestSubgraph(companiesSubgraph);
    auditDb = await createAuditDatabase('verification-retention');
    audit = await auditDb.open();
    await addBuilder(graph.em(), FIRM);
    await register(graph, [{ firmCode: '30000081', employerFiscalCode: FIRM }]);
    await addRelationship(graph.em(), FIRM, w(1)); // not in the return: CE-01
    await submitReturns(graph, [{ firmCode: '30000081', year, month, sequence: 1, situation: 'NORMAL', lines: [line(w(2), 160)] }]); // no CO: CE-02
    await reconcile(graph, year, month);
    found = (await anomalies(graph, { year, month })).data!.cassaEdileAnomalies!.nodes;
    expect(found.map((a) => a.rule).sort()).toEqual(['CE_01', 'CE_02']);
    // A notification of that month, delivered to MI00.
    const em = graph.em();
    em.create(OutboxEvent, {
      topic: 'cassa-edile.notice',
      recipient: 'MI00',
      period,
      payload: { worker: { fiscalCode: w(1) }, employer: { fiscalCode: FIRM } },
      status: OutboxStatus.DELIVERED,
      deliveredAt: new Date(Date.now() - 60 * DAY),
    });
    await em.flush();
  });
  afterEach(() => vi.useRealTimers());
  afterAll(async () => {
    await audit.close();
    await auditDb.drop();
    await graph?.close();
  });

  it('deletes nothing while the verification is open', async () => {
    expect(await purge()).toEqual([]);
    expect(await graph.em().count(CassaEdileAnomaly, { evidence: { $ne: null } })).toBe(2);
    expect(await graph.em().count(MonthlyReturnLine, {})).toBe(1);
    expect(await tombstones()).toHaveLength(0);
  });

  it('once the verification closes: evidence, worker lines and that month’s notifications go, each with a tombstone, and only once', async () => {
    for (const anomaly of found) {
      await graph.query(REVIEW, { id: anomaly.id, action: 'START_REVIEW' }, asCassa());
      await graph.query(REVIEW, { id: anomaly.id, action: 'DISMISS', reason: 'explained by the firm' }, asCassa());
    }
    const closed = await graph.query<{ closeCassaEdileVerification: { state: string } }>(CLOSE, { y: year, m: month }, asCassa());
    expect(closed.data?.closeCassaEdileVerification.state).toBe('CLOSED');

    const summaries = await purge();
    expect(summaries).toEqual(
      expect.arrayContaining([
        { what: 'CASSA_EDILE_NOTIFICATION_PAYLOAD', recipient: 'MI00', reason: 'VERIFICATION_CLOSED', count: 1 },
        { what: 'CASSA_EDILE_ANOMALY_EVIDENCE', recipient: 'MI00', reason: 'VERIFICATION_CLOSED', count: 2 },
        { what: 'CASSA_EDILE_MONTHLY_RETURN_LINES', recipient: 'MI00', reason: 'VERIFICATION_CLOSED', count: 1 },
      ]),
    );
    expect(summaries).toHaveLength(3);
    // The anomalies keep rule, state and reason; their evidence is gone.
    const kept = await graph.em().find(CassaEdileAnomaly, {});
    expect(kept.map((a) => [a.rule, a.state, a.evidence ?? null, a.evidenceErasedAt != null]).sort()).toEqual([
      ['CE_01', 'DISMISSED', null, true],
      ['CE_02', 'DISMISSED', null, true],
    ]);
    expect(await graph.em().count(MonthlyReturnLine, {})).toBe(0);
    const [ret] = await graph.em().find(MonthlyReturn, {});
    expect(ret!.linesErasedAt).toBeInstanceOf(Date);
    const [event] = await graph.em().find(OutboxEvent, { topic: 'cassa-edile.notice' });
    expect(event!.payload).toEqual({});

    const records = await tombstones();
    expect(records.map((r) => r.detail!.split(' ').slice(0, 2).join(' ')).sort()).toEqual([
      'CASSA_EDILE_ANOMALY_EVIDENCE VERIFICATION_CLOSED',
      'CASSA_EDILE_MONTHLY_RETURN_LINES VERIFICATION_CLOSED',
      'CASSA_EDILE_NOTIFICATION_PAYLOAD VERIFICATION_CLOSED',
    ]);
    const lines = records.find((r) => r.detail!.startsWith('CASSA_EDILE_MONTHLY_RETURN_LINES'))!;
    expect(lines.people).toEqual([w(2)]);
    expect(lines.employers).toEqual([FIRM]);
    const evidence = records.find((r) => r.detail!.startsWith('CASSA_EDILE_ANOMALY_EVIDENCE'))!;
    expect(evidence.people).toEqual([w(1), w(2)].sort());

    // Idempotent, and the month cannot run again.
    expect(await purge()).toEqual([]);
    expect(await tombstones()).toHaveLength(3);
    const again = await reconcile(graph, year, month);
    expect(again.errors?.[0]?.extensions?.code).toBe('CONFLICT');
  });

  it('the Cassa’s confirmation falls due a grace period after the closure, then shows up for the data protection officer', async () => {
    const [verification] = await graph.em().find(CassaEdileAnomaly, {}, { populate: ['verification'], limit: 1 });
    const closedAt = verification!.verification.closedAt!;
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date(closedAt.getTime() + 29 * DAY));
    const early = await graph.query<{ overdueCassaEdileDeletionConfirmations: unknown[] }>(OVERDUE, undefined, dpo);
    expect(early.data?.overdueCassaEdileDeletionConfirmations).toEqual([]);
    vi.setSystemTime(new Date(closedAt.getTime() + 33 * DAY));
    const late = await graph.query<{ overdueCassaEdileDeletionConfirmations: { cassaCode: string; period: string; reason: string; daysOverdue: number }[] }>(OVERDUE, undefined, dpo);
    expect(late.data?.overdueCassaEdileDeletionConfirmations).toEqual([{ cassaCode: 'MI00', period, reason: 'VERIFICATION_CLOSED', daysOverdue: 3 }]);
    // The Cassa confirms: it is no longer overdue.
    const confirmed = await graph.query(`mutation($p: String!) { confirmCassaEdileDeletion(period: $p) { period } }`, { p: period }, asCassa());
    expect(confirmed.errors).toBeUndefined();
    const after = await graph.query<{ overdueCassaEdileDeletionConfirmations: unknown[] }>(OVERDUE, undefined, dpo);
    expect(after.data?.overdueCassaEdileDeletionConfirmations).toEqual([]);
  });
});
