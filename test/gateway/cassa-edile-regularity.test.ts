import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Purpose, Role } from '../../subgraphs/lib/identity';
import { addRelationship, line, monthsAgo } from '../subgraphs/companies/cassa-edile-fixtures';
import { addEmployer, employerCode, workerCode } from '../subgraphs/companies/fixtures';
import { authHeaders } from '../utils/auth';
import { createTestGraph, type TestGraph } from '../utils/graph';

// Issue 4.5 through the gateway, with real tokens: a Cassa Edile registers its firms, sends
// its monthly returns, reconciles a month and reviews the anomalies; another Cassa, other
// roles and other purposes reach none of it; every read and write is in the audit trail.
const BUILDER = employerCode(801); // construction
const BUILDER_BG = employerCode(802); // construction, Bergamo's
const SHOP = employerCode(803); // retail
const MISSING = workerCode(801); // hired per CO, missing from the return → CE-01
const UNDECLARED = workerCode(802); // on the return, no CO → CE-02
const { year, month } = monthsAgo(3);

const REGISTER = `mutation Register($r: [CassaEdileRegistrationInput!]!) { submitCassaEdileRegistrations(registrations: $r) { created rejected items { status problems { path message } } } }`;
const RETURNS = `mutation Returns($r: [MonthlyReturnInput!]!) { submitMonthlyReturns(returns: $r) { created rejected } }`;
const RECONCILE = `mutation Reconcile($y: Int!, $m: Int!) { reconcileCassaEdile(year: $y, month: $m) { detected created verification { runs state } } }`;
const ANOMALIES = `query Anomalies($y: Int) { cassaEdileAnomalies(filter: { year: $y }, first: 20) { totalCount nodes { id rule severity state workerFiscalCode evidence employer { fiscalCode name } } } }`;
const REVIEW = `mutation Review($id: ID!, $a: CassaEdileReviewAction!, $reason: String) { reviewCassaEdileAnomaly(id: $id, action: $a, reason: $reason) { id state } }`;

const cassa = (org: string, purpose: Purpose = Purpose.REGULARITY_CHECK) => authHeaders({ role: Role.CASSA_EDILE, purposes: [purpose], organisation: org, territory: [], subject: `${org}-operator` } as never);

describe('the Cassa Edile regularity check through the gateway', () => {
  let graph: TestGraph;

  beforeAll(async () => {
    graph = await createTestGraph({
      audit: true,
      seed: async ({ companies }) => {
        await addEmployer(companies!, BUILDER, { atecoCode: '41.20.00', ccnl: '068' });
        await addEmployer(companies!, BUILDER_BG, { atecoCode: '43.21.01', ccnl: '068' });
        await addEmployer(companies!, SHOP);
        await addRelationship(companies!, BUILDER, MISSING);
      },
    });
  });
  afterAll(() => graph?.close());

  it('registers its construction firms only, sends returns and reconciles a month into anomalies', async () => {
    const mi = await cassa('MI00');
    const registered = await graph.query<{ submitCassaEdileRegistrations: { created: number; rejected: number; items: { problems: { path: string }[] }[] } }>(
      REGISTER,
      {
        r: [
          { firmCode: '50000001', employerFiscalCode: BUILDER, registeredOn: '2012-01-01', state: 'ACTIVE' },
          { firmCode: '50000003', employerFiscalCode: SHOP, registeredOn: '2012-01-01', state: 'ACTIVE' },
        ],
      },
      mi,
    );
    expect(registered.errors).toBeUndefined();
    expect(registered.data!.submitCassaEdileRegistrations).toMatchObject({ created: 1, rejected: 1 });
    expect(registered.data!.submitCassaEdileRegistrations.items[1]!.problems.map((p) => p.path)).toEqual(['employerFiscalCode']);
    const bg = await cassa('BG00');
    await graph.query(REGISTER, { r: [{ firmCode: '60000001', employerFiscalCode: BUILDER_BG, registeredOn: '2012-01-01', state: 'ACTIVE' }] }, bg);
    const sent = await graph.query<{ submitMonthlyReturns: { created: number } }>(
      RETURNS,
      { r: [{ firmCode: '50000001', year, month, sequence: 1, situation: 'NORMAL', lines: [line(UNDECLARED, 160)] }] },
      mi,
    );
    expect(sent.data!.submitMonthlyReturns.created).toBe(1);
    const run = await graph.query<{ reconcileCassaEdile: { detected: number; created: number; verification: { runs: number } } }>(RECONCILE, { y: year, m: month }, mi);
    expect(run.errors).toBeUndefined();
    expect(run.data!.reconcileCassaEdile).toMatchObject({ detected: 2, created: 2, verification: { runs: 1 } });
    const listed = await graph.query<{ cassaEdileAnomalies: { nodes: { rule: string; workerFiscalCode: string; employer: { fiscalCode: string } }[] } }>(ANOMALIES, { y: year }, mi);
    expect(listed.data!.cassaEdileAnomalies.nodes.map((a) => [a.rule, a.workerFiscalCode, a.employer.fiscalCode]).sort()).toEqual([
      ['CE_01', MISSING, BUILDER],
      ['CE_02', UNDECLARED, BUILDER],
    ]);
  });

  it('another Cassa sees none of those anomalies and cannot review them', async () => {
    const mine = (await graph.query<{ cassaEdileAnomalies: { nodes: { id: string }[] } }>(ANOMALIES, { y: year }, await cassa('MI00'))).data!.cassaEdileAnomalies.nodes;
    const bg = await cassa('BG00');
    const theirs = await graph.query<{ cassaEdileAnomalies: { totalCount: number } }>(ANOMALIES, { y: year }, bg);
    expect(theirs.data!.cassaEdileAnomalies.totalCount).toBe(0);
    const review = await graph.query<{ reviewCassaEdileAnomaly: unknown }>(REVIEW, { id: mine[0]!.id, a: 'START_REVIEW' }, bg);
    expect(review.data?.reviewCassaEdileAnomaly ?? null).toBeNull();
    expect(review.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const own = await graph.query<{ reviewCassaEdileAnomaly: { state: string } }>(REVIEW, { id: mine[0]!.id, a: 'START_REVIEW' }, await cassa('MI00'));
    expect(own.data!.reviewCassaEdileAnomaly.state).toBe('UNDER_REVIEW');
  });

  it('refuses employers, job centres, citizens and the Cassa Edile under its other purposes', async () => {
    const refused = {
      employer: await authHeaders({ role: Role.EMPLOYER, purposes: [Purpose.MANDATORY_NOTICE], employers: [BUILDER], organisation: 'CONSULENTI-TEST' }),
      jobCentre: await authHeaders({ role: Role.CPI_OPERATOR, purposes: [Purpose.EMPLOYMENT_SERVICES], organisation: 'CPI-MI', territory: ['015'] }),
      citizen: await authHeaders({ role: Role.CITIZEN, purposes: [Purpose.SELF_SERVICE], subject: MISSING, organisation: 'SPID' } as never),
      notification: await cassa('MI00', Purpose.CASSA_EDILE_NOTIFICATION),
      training: await cassa('MI00', Purpose.TRAINING_RECORD),
    };
    for (const [who, headers] of Object.entries(refused)) {
      const read = await graph.query<{ cassaEdileAnomalies: unknown }>(ANOMALIES, { y: year }, headers);
      expect([who, read.data?.cassaEdileAnomalies ?? null, read.errors?.[0]?.extensions?.code]).toEqual([who, null, 'FORBIDDEN']);
      const run = await graph.query(RECONCILE, { y: year, m: month }, headers);
      expect([who, run.errors?.[0]?.extensions?.code]).toEqual([who, 'FORBIDDEN']);
    }
  });

  it('records the reconciliation and the reads of anomalies in the audit trail, with the people and firms concerned', async () => {
    const reads = await graph.audit!.query({ person: UNDECLARED, organisation: 'MI00' }, { first: 20 });
    const operations = reads.records.map((r) => r.operationName);
    expect(operations).toEqual(expect.arrayContaining(['Returns', 'Reconcile', 'Anomalies']));
    expect(reads.records.every((r) => r.purpose === 'REGULARITY_CHECK' && r.employers.includes(BUILDER))).toBe(true);
    expect((await graph.audit!.query({ person: UNDECLARED, organisation: 'BG00' }, { first: 5 })).records).toHaveLength(0);
  });
});
