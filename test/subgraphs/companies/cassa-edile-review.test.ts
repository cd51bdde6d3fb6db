import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { companiesSubgraph } from '../../../subgraphs/companies';
import { CassaEdileAnomaly, CassaEdileAnomalyChange, CassaEdileVerification } from '../../../subgraphs/companies/cassa-edile/anomaly.entity';
import { AnomalyState } from '../../../subgraphs/companies/cassa-edile/cassa-edile.codes';
import { type CompaniesLoaders } from '../../../subgraphs/companies/loaders';
import { asCaller, callerAs } from '../../utils/callers';
import { createTestSubgraph, type TestSubgraph } from '../../utils/subgraph';
import { addBuilder, addRelationship, anomalies, type AnomalyNode, asCassa, line, monthsAgo, reconcile, register, REVIEW, submitReturns } from './cassa-edile-fixtures';
import { asEmployer, employerCode, fileOk, hireInput, workerCode } from './fixtures';

// The review workflow, idempotent re-runs with automatic resolution, the closing of a
// month's verification, and the own-cassa scope.
const FIRM = employerCode(701); // MI00, firm 30000001
const FIRM_BG = employerCode(702); // BG00, firm 40000001
const { year, month } = monthsAgo(4);
const w = (n: number) => workerCode(700 + n);

interface Reviewed {
  reviewCassaEdileAnomaly: { id: string; state: string; dismissalReason: string | null; history: { fromState: string | null; toState: string; changedBy: string; reason: string | null }[] } | null;
}

describe('Cassa Edile anomalies: review, re-runs, verification and scope', () => {
  let graph: TestSubgraph<CompaniesLoaders>;
  let first: AnomalyNode[];
  const review = (id: string, action: string, reason?: string | null, headers = asCassa()) => graph.query<Reviewed>(REVIEW, { id, action, reason }, headers);
  const byRule = (list: AnomalyNode[], rule: string, worker: string) => list.find((a) => a.rule === rule && a.workerFiscalCode === worker)!;
  const list = async () => (await anomalies(graph, { year, month })).data!.cassaEdileAnomalies!.nodes;
  const changes = () => graph.em().count(CassaEdileAnomalyChange);

  beforeAll(async () => {
    graph = await createTestSubgraph(companiesSubgraph);
    await addBuilder(graph.em(), FIRM);
    await addBuilder(graph.em(), FIRM_BG);
    await register(graph, [{ firmCode: '30000001', employerFiscalCode: FIRM }]);
    await register(graph, [{ firmCode: '40000001', employerFiscalCode: FIRM_BG }], asCassa('BG00'));
    await addRelationship(graph.em(), FIRM, w(1)); // missing from the return: CE-01
    await addRelationship(graph.em(), FIRM, w(3)); // hire date differs: CE-03
    await addRelationship(graph.em(), FIRM_BG, w(9)); // BG00's own CE-01
    await submitReturns(graph, [
      { firmCode: '30000001', year, month, sequence: 1, situation: 'NORMAL', lines: [line(w(2), 160), line(w(3), 160, { hireDate: '2020-02-03' }), line(w(4), 160)] },
    ]);
    await submitReturns(graph, [{ firmCode: '40000001', year, month, sequence: 1, situation: 'NORMAL', lines: [line(w(8), 100)] }], asCassa('BG00'));
    const run = await reconcile(graph, year, month);
    expect(run.data!.reconcileCassaEdile).toMatchObject({ detected: 4, created: 4, resolved: 0, verification: { runs: 1, state: 'OPEN' } });
    expect((await reconcile(graph, year, month, asCassa('BG00'))).data!.reconcileCassaEdile.created).toBe(2);
    first = await list();
  });
  afterAll(() => graph?.close());

  it('a re-run with the same data is idempotent: same anomalies and ids, nothing written but the run count', async () => {
    const historyBefore = await changes();
    const run = await reconcile(graph, year, month);
    expect(run.data!.reconcileCassaEdile).toMatchObject({ detected: 4, created: 0, reopened: 0, resolved: 0, verification: { runs: 2 } });
    const again = await list();
    expect(again.map((a) => a.id).sort()).toEqual(first.map((a) => a.id).sort());
    expect(again.map((a) => a.evidence).sort()).toEqual(first.map((a) => a.evidence).sort());
    expect(await changes()).toBe(historyBefore);
    expect(await graph.em().count(CassaEdileAnomaly, { cassaCode: 'MI00' })).toBe(4);
  });

  it('each review step moves along the machine and is recorded with who, organisation and reason', async () => {
    const target = byRule(first, 'CE_02', w(2));
    const started = await review(target.id, 'START_REVIEW');
    expect(started.errors).toBeUndefined();
    expect(started.data!.reviewCassaEdileAnomaly).toMatchObject({ state: 'UNDER_REVIEW' });
    const dismissed = await review(target.id, 'DISMISS', 'worker on the return by mistake; corrected return announced');
    expect(dismissed.data!.reviewCassaEdileAnomaly).toMatchObject({ state: 'DISMISSED', dismissalReason: 'worker on the return by mistake; corrected return announced' });
    expect(dismissed.data!.reviewCassaEdileAnomaly!.history.map((h) => [h.fromState, h.toState, h.changedBy])).toEqual([
      [null, 'OPEN', 'system:reconciliation'],
      ['OPEN', 'UNDER_REVIEW', 'CASSA-OPERATOR-1'],
      ['UNDER_REVIEW', 'DISMISSED', 'CASSA-OPERATOR-1'],
    ]);
    const confirmed = byRule(first, 'CE_03', w(3));
    await review(confirmed.id, 'START_REVIEW');
    expect((await review(confirmed.id, 'CONFIRM')).data!.reviewCassaEdileAnomaly!.state).toBe('CONFIRMED');
    const resolved = await review(confirmed.id, 'RESOLVE', 'firm regularised the hire date');
    expect(resolved.data!.reviewCassaEdileAnomaly!.state).toBe('RESOLVED');
    const stored = await graph.em().find(CassaEdileAnomalyChange, { anomaly: confirmed.id, toState: AnomalyState.RESOLVED });
    expect(stored.map((c) => [c.organisation, c.reason])).toEqual([['MI00', 'firm regularised the hire date']]);
  });

  it('an illegal step is a CONFLICT that writes nothing; a dismissal without a reason is BAD_USER_INPUT', async () => {
    const target = byRule(first, 'CE_01', w(1));
    const before = await changes();
    for (const action of ['CONFIRM', 'DISMISS', 'RESOLVE'] as const) {
      const res = await review(target.id, action, 'a reason');
      expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', currentState: 'OPEN' });
      expect(res.data?.reviewCassaEdileAnomaly ?? null).toBeNull();
    }
    await review(target.id, 'START_REVIEW');
    const noReason = await review(target.id, 'DISMISS', '  ');
    expect(noReason.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect((await review(target.id, 'DISMISS')).errors?.[0]?.message).toContain('reason: is required to dismiss an anomaly');
    expect((await review(target.id, 'RESOLVE')).errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const dismissedOne = byRule(first, 'CE_02', w(2));
    expect((await review(dismissedOne.id, 'START_REVIEW')).errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', currentState: 'DISMISSED' });
    expect(await changes()).toBe(before + 1);
    expect((await graph.em().findOneOrFail(CassaEdileAnomaly, { id: target.id })).state).toBe('UNDER_REVIEW');
  });

  it('a re-run leaves reviewed anomalies as they are, and resolves an OPEN one whose cause disappeared (the missing notice filed)', async () => {
    const reviewed = await list();
    const missingNotice = byRule(first, 'CE_02', w(4));
    expect(byRule(reviewed, 'CE_02', w(4)).state).toBe('OPEN');
    await fileOk(graph, hireInput(FIRM, w(4), { startDate: '2020-01-13', endDate: null, contractType: 'A.01.00', ccnl: '068', qualification: '6.1.2.1.0.1' }), asEmployer(FIRM));
    const run = await reconcile(graph, year, month);
    expect(run.data!.reconcileCassaEdile).toMatchObject({ detected: 3, created: 0, resolved: 1 });
    const after = await list();
    expect(after).toHaveLength(4);
    for (const a of reviewed.filter((r) => r.id !== missingNotice.id)) {
      const now = after.find((x) => x.id === a.id)!;
      expect([now.state, now.evidence, now.history.length]).toEqual([a.state, a.evidence, a.history.length]);
    }
    const resolved = after.find((a) => a.id === missingNotice.id)!;
    expect(resolved.state).toBe('RESOLVED');
    expect(resolved.history.at(-1)).toMatchObject({ fromState: 'OPEN', toState: 'RESOLVED', changedBy: 'system:reconciliation', reason: 'NOT_DETECTED_ON_RERUN' });
  });

  it('a verification closes only when every anomaly is dismissed or resolved; then it runs no more', async () => {
    const VERIFICATION = `query($y: Int!, $m: Int!) { cassaEdileVerification(year: $y, month: $m) { runs state closedAt closedBy } }`;
    const CLOSE = `mutation($y: Int!, $m: Int!) { closeCassaEdileVerification(year: $y, month: $m) { state closedAt closedBy } }`;
    const refused = await graph.query<{ closeCassaEdileVerification: unknown }>(CLOSE, { y: year, m: month }, asCassa());
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', unsettled: 1 });
    expect(refused.errors?.[0]?.message).toContain('1 anomaly is neither dismissed nor resolved');
    expect((await graph.em().findOneOrFail(CassaEdileVerification, { cassaCode: 'MI00', year, month })).state).toBe('OPEN');
    await review(byRule(first, 'CE_01', w(1)).id, 'DISMISS', 'worker on leave, documents attached to the return');
    const closed = await graph.query<{ closeCassaEdileVerification: { state: string; closedAt: string; closedBy: string } }>(CLOSE, { y: year, m: month }, asCassa());
    expect(closed.errors).toBeUndefined();
    expect(closed.data!.closeCassaEdileVerification).toMatchObject({ state: 'CLOSED', closedBy: 'CASSA-OPERATOR-1' });
    expect(Date.parse(closed.data!.closeCassaEdileVerification.closedAt)).toBeGreaterThan(Date.now() - 60_000);
    const read = await graph.query<{ cassaEdileVerification: { runs: number; state: string } }>(VERIFICATION, { y: year, m: month }, asCassa());
    expect(read.data!.cassaEdileVerification).toMatchObject({ runs: 3, state: 'CLOSED' });
    expect((await reconcile(graph, year, month)).errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect((await graph.query(CLOSE, { y: year, m: month }, asCassa())).errors?.[0]?.extensions?.code).toBe('CONFLICT');
    // BG00's verification of the same month is its own, still open.
    expect((await graph.query<{ cassaEdileVerification: { state: string } }>(VERIFICATION, { y: year, m: month }, asCassa('BG00'))).data!.cassaEdileVerification.state).toBe('OPEN');
  });

  it('another Cassa sees none of these rows and cannot review them: they answer as unknown', async () => {
    const bg = (await anomalies(graph, {}, asCassa('BG00'))).data!.cassaEdileAnomalies!;
    expect(bg.totalCount).toBe(2);
    expect(bg.nodes.every((a) => a.employer?.fiscalCode === FIRM_BG)).toBe(true);
    const one = await graph.query<{ cassaEdileAnomaly: unknown }>(`query($id: ID!) { cassaEdileAnomaly(id: $id) { id } }`, { id: first[0]!.id }, asCassa('BG00'));
    expect(one.data!.cassaEdileAnomaly).toBeNull();
    const before = await changes();
    const res = await review(byRule(first, 'CE_01', w(1)).id, 'START_REVIEW', null, asCassa('BG00'));
    expect(res.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(await changes()).toBe(before);
    const RETURNS = `{ monthlyReturns(first: 50) { totalCount nodes { firmCode employer { fiscalCode } lines { workerFiscalCode } } } }`;
    const returns = await graph.query<{ monthlyReturns: { totalCount: number; nodes: { firmCode: string }[] } }>(RETURNS, undefined, asCassa('BG00'));
    expect(returns.data!.monthlyReturns.nodes.map((r) => r.firmCode)).toEqual(['40000001']);
    const own = await graph.query<{ monthlyReturns: { nodes: { firmCode: string; lines: unknown[] }[] } }>(RETURNS, undefined, asCassa());
    expect(own.data!.monthlyReturns.nodes).toEqual([expect.objectContaining({ firmCode: '30000001', lines: expect.arrayContaining([{ workerFiscalCode: w(2) }]) })]);
  });

  it('refuses every other role, and a Cassa Edile under another purpose', async () => {
    const callers = {
      employer: asEmployer(FIRM),
      jobCentre: asCaller(callerAs('CPI_OPERATOR', 'EMPLOYMENT_SERVICES', { territory: ['015'] })),
      citizen: asCaller(callerAs('CITIZEN', 'SELF_SERVICE', { subject: w(1) })),
      notification: asCassa('MI00', 'CASSA_EDILE_NOTIFICATION'),
      training: asCassa('MI00', 'TRAINING_RECORD'),
    };
    for (const [who, headers] of Object.entries(callers)) {
      const read = await anomalies(graph, {}, headers);
      expect([who, read.data?.cassaEdileAnomalies ?? null, read.errors?.[0]?.extensions?.code]).toEqual([who, null, 'FORBIDDEN']);
      const run = await reconcile(graph, year, month, headers);
      expect([who, run.errors?.[0]?.extensions?.code]).toEqual([who, 'FORBIDDEN']);
      const step = await review(first[0]!.id, 'START_REVIEW', null, headers);
      expect([who, step.errors?.[0]?.extensions?.code]).toEqual([who, 'FORBIDDEN']);
    }
  });

  it('a reconciliation reads in a fixed number of statements, whatever the number of lines and anomalies', async () => {
    const statementsFor = async (ago: number, lines: number) => {
      const m = monthsAgo(ago);
      await submitReturns(graph, [
        { firmCode: '30000001', year: m.year, month: m.month, sequence: 1, situation: 'NORMAL', lines: Array.from({ length: lines }, (_, i) => line(workerCode(2000 + ago * 100 + i), 100)) },
      ]);
      const before = graph.runtime.db.sql.statements;
      const run = await reconcile(graph, m.year, m.month);
      expect(run.data!.reconcileCassaEdile.created).toBeGreaterThanOrEqual(lines);
      return graph.runtime.db.sql.statements - before;
    };
    expect(await statementsFor(7, 40)).toBe(await statementsFor(6, 2));
  });
});
