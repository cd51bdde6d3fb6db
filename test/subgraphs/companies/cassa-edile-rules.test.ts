import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { companiesSubgraph } from '../../../subgraphs/companies';
import { type CompaniesLoaders } from '../../../subgraphs/companies/loaders';
import { encodeNumericFiscalCode, omocodeVariant } from '../../../subgraphs/lib/codes';
import { createTestSubgraph, type TestSubgraph } from '../../utils/subgraph';
import { addBuilder, addRelationship, anomalies, type AnomalyNode, line, monthsAgo, reconcile, register, submitReturns } from './cassa-edile-fixtures';
import { addEmployer, employerCode, workerCode } from './fixtures';

// Each rule of domain.md §11 (CE-01 … CE-08) on one month's data: a case that raises it and
// a near case that does not. One reconciliation of the month, then one assertion per rule.
const FIRM_A = employerCode(501); // construction, MI00, firm 10000001: most cases
const FIRM_D = employerCode(504); // construction, MI00, "no employees" return with a CO relationship
const FIRM_E = employerCode(505); // construction, MI00, "no employees" return and no relationship
const SHOP = employerCode(502); // retail, no Cassa Edile
const OTHER_BUILDER = employerCode(503); // construction, not registered with MI00
const { year, month } = monthsAgo(2);
const last = monthsAgo(1);
const mm = String(month).padStart(2, '0');
const w = (n: number) => workerCode(500 + n);
const PROVISIONAL = encodeNumericFiscalCode('7654321', '015');
const PROVISIONAL_FLAGGED = encodeNumericFiscalCode('7654322', '015');

describe('reconciliation rules CE-01 … CE-08', () => {
  let graph: TestSubgraph<CompaniesLoaders>;
  let found: AnomalyNode[];
  const of = (rule: string, worker: string | null, employer = FIRM_A) => found.filter((a) => a.rule === rule && a.workerFiscalCode === worker && a.employer?.fiscalCode === employer);

  beforeAll(async () => {
    graph = await createTestSubgraph(companiesSubgraph);
    const em = graph.em();
    for (const code of [FIRM_A, FIRM_D, FIRM_E, OTHER_BUILDER]) await addBuilder(em, code);
    await addEmployer(em, SHOP);
    await register(graph, [
      { firmCode: '10000001', employerFiscalCode: FIRM_A },
      { firmCode: '10000004', employerFiscalCode: FIRM_D },
      { firmCode: '10000005', employerFiscalCode: FIRM_E },
    ]);
    const at = (worker: string, options: Parameters<typeof addRelationship>[3] = {}, employer = FIRM_A) => addRelationship(em, employer, worker, options);
    await at(w(1)); // in the return, consistent
    await at(w(2)); // construction worker missing from the return → CE-01
    await at(w(3), { qualification: '5.1.2.2.0.1' }); // not a construction job, missing → nothing
    await at(w(6)); // hire date differs → CE-03
    await at(w(7), { workingTime: 'P' as never, weeklyHours: 20 }); // part-time, far more hours → CE-04
    await at(w(8), { workingTime: 'P' as never, weeklyHours: 20 }); // part-time, within tolerance
    await at(w(9)); // full time, few hours unjustified → CE-04
    await at(w(10)); // full time, few hours but sickness → nothing
    await at(w(11), { contractType: 'B.03.00', plannedEndDate: '2099-12-31' }); // collaboration on the return → CE-05 HIGH
    await at(w(12), { ccnl: 'H011' }); // commerce CCNL at an ATECO F firm → CE-05
    await at(w(13), {}, SHOP); // on A's return, CO with a shop → CE-06
    await at(w(14), { transformationCode: 'DL' }, OTHER_BUILDER); // on A's return, seconded from another builder → CE-06 LOW
    await at(w(15)); // the return writes an omocodic variant → CE-07
    await at(PROVISIONAL, { startDate: '2021-04-06' }); // the CO has the provisional code, the return the definitive one → CE-07
    await at(w(17)); // override flag F on a plain code → CE-07
    await at(PROVISIONAL_FLAGGED); // override flag F on a provisional code, same in both → nothing
    await at(w(19), { terminationDate: '2021-01-01' }); // ended long before → nothing
    await at(w(20), { terminationDate: `${year}-${mm}-15` }); // ended on the 15th, return says the 20th → CE-03
    await at(w(31), {}, FIRM_D); // FIRM_D files "no employees" → CE-08
    await submitReturns(graph, [
      {
        firmCode: '10000001',
        year,
        month,
        sequence: 1,
        situation: 'NORMAL',
        lines: [
          line(w(1), 160, { hireDate: '2020-01-13' }),
          line(w(4), 120), // nobody's relationship → CE-02
          line(w(5), 0), // no hours, no relationship → nothing
          line(w(6), 160, { hireDate: '2020-02-03' }),
          line(w(7), 160),
          line(w(8), 90),
          line(w(9), 40),
          line(w(10), 40, { sicknessHours: 100 }),
          line(w(11), 160),
          line(w(12), 160),
          line(w(13), 150),
          line(w(14), 150),
          line(omocodeVariant(w(15), 1), 160),
          line(w(16), 160, { hireDate: '2021-04-06' }),
          line(w(17), 160, { fiscalCodeOverride: true }),
          line(PROVISIONAL_FLAGGED, 160, { fiscalCodeOverride: true }),
          line(w(20), 80, { cessationDay: 20 }),
        ],
      },
      { firmCode: '10000004', year, month, sequence: 1, situation: 'NO_EMPLOYEES', lines: [] },
      { firmCode: '10000005', year, month, sequence: 1, situation: 'NO_EMPLOYEES', lines: [] },
    ]);
    const run = await reconcile(graph, year, month);
    expect(run.errors).toBeUndefined();
    const res = await anomalies(graph, { year, month });
    expect(res.errors).toBeUndefined();
    found = res.data!.cassaEdileAnomalies!.nodes;
  });
  afterAll(() => graph?.close());

  it('raises exactly the expected anomalies, one per cause', () => {
    const keys = found.map((a) => `${a.rule} ${a.employer?.fiscalCode === FIRM_A ? 'A' : a.employer?.fiscalCode === FIRM_D ? 'D' : '?'} ${a.workerFiscalCode ?? '-'}`).sort();
    expect(keys).toEqual(
      [
        `CE_01 A ${w(2)}`,
        `CE_02 A ${w(4)}`,
        `CE_03 A ${w(6)}`,
        `CE_03 A ${w(20)}`,
        `CE_04 A ${w(7)}`,
        `CE_04 A ${w(9)}`,
        `CE_05 A ${w(11)}`,
        `CE_05 A ${w(12)}`,
        `CE_06 A ${w(13)}`,
        `CE_06 A ${w(14)}`,
        `CE_07 A ${omocodeVariant(w(15), 1)}`,
        `CE_07 A ${w(16)}`,
        `CE_07 A ${w(17)}`,
        'CE_08 D -',
      ].sort(),
    );
    expect(found.every((a) => a.state === 'OPEN' && a.history.length === 1 && a.history[0]!.toState === 'OPEN' && a.history[0]!.changedBy === 'system:reconciliation')).toBe(true);
  });

  it('CE-01: a construction worker per CO with no line; not a non-construction job, nor a relationship ended before the month', () => {
    expect(of('CE_01', w(2))[0]).toMatchObject({ severity: 'HIGH' });
    expect(JSON.parse(of('CE_01', w(2))[0]!.evidence!)).toMatchObject({ co: { workerFiscalCode: w(2), qualification: '6.1.2.1.0.1' }, mut: { firmCode: '10000001', received: true } });
    expect(of('CE_01', w(3))).toHaveLength(0);
    expect(of('CE_01', w(19))).toHaveLength(0);
  });

  it('CE-01 waits for the grace period: not before the return of the month arrives or falls due (end of the next month)', async () => {
    await reconcile(graph, last.year, last.month);
    const before = (await anomalies(graph, { year: last.year, month: last.month, rule: 'CE_01' })).data!.cassaEdileAnomalies!.nodes;
    expect(before.filter((a) => a.employer?.fiscalCode === FIRM_A)).toHaveLength(0);
    await submitReturns(graph, [{ firmCode: '10000001', year: last.year, month: last.month, sequence: 1, situation: 'NORMAL', lines: [line(w(1), 160)] }]);
    await reconcile(graph, last.year, last.month);
    const after = (await anomalies(graph, { year: last.year, month: last.month, rule: 'CE_01' })).data!.cassaEdileAnomalies!.nodes;
    expect(after.map((a) => a.workerFiscalCode)).toContain(w(2));
    expect(after.map((a) => a.workerFiscalCode)).not.toContain(w(1));
  });

  it('CE-02: a line with hours and no relationship anywhere; not a line without hours', () => {
    expect(of('CE_02', w(4))[0]).toMatchObject({ severity: 'HIGH' });
    expect(JSON.parse(of('CE_02', w(4))[0]!.evidence!)).toMatchObject({ mut: { hoursWorked: 120, firmCode: '10000001' }, co: { relationshipsWithEmployer: 0 } });
    expect(found.filter((a) => a.workerFiscalCode === w(5))).toHaveLength(0);
  });

  it('CE-03: hire date or cessation day differing from the CO; not equal dates', () => {
    expect(JSON.parse(of('CE_03', w(6))[0]!.evidence!)).toMatchObject({ mismatches: ['HIRE_DATE'], mut: { hireDate: '2020-02-03' }, co: { startDate: '2020-01-13' } });
    expect(JSON.parse(of('CE_03', w(20))[0]!.evidence!)).toMatchObject({ mismatches: ['CESSATION_DAY'], coCessationDay: 15, mut: { cessationDay: 20 } });
    expect(of('CE_03', w(1))).toHaveLength(0);
  });

  it('CE-04: part-time hours far above the contract, full time far below without sickness or injury; not within tolerance', () => {
    expect(JSON.parse(of('CE_04', w(7))[0]!.evidence!)).toMatchObject({ variant: 'PART_TIME_EXCEEDED', expectedMonthlyHours: 86.6 });
    expect(JSON.parse(of('CE_04', w(9))[0]!.evidence!)).toMatchObject({ variant: 'FULL_TIME_SHORT', accountedHours: 40 });
    expect(of('CE_04', w(7))[0]!.severity).toBe('MEDIUM');
    expect(of('CE_04', w(8))).toHaveLength(0);
    expect(of('CE_04', w(10))).toHaveLength(0);
  });

  it('CE-05: a collaboration contract (HIGH) or a non-construction CCNL at an ATECO F firm (MEDIUM); not a construction CCNL and contract', () => {
    expect(of('CE_05', w(11))[0]).toMatchObject({ severity: 'HIGH' });
    expect(JSON.parse(of('CE_05', w(11))[0]!.evidence!)).toMatchObject({ findings: ['UNSUITABLE_CONTRACT'], co: { contractType: 'B.03.00' } });
    expect(of('CE_05', w(12))[0]).toMatchObject({ severity: 'MEDIUM' });
    expect(JSON.parse(of('CE_05', w(12))[0]!.evidence!)).toMatchObject({ findings: ['NON_CONSTRUCTION_CCNL'], co: { ccnl: 'H011' } });
    expect(of('CE_05', w(1))).toHaveLength(0);
  });

  it('CE-06: on this firm’s return, employed per CO by another; a secondment lowers it, and a non-construction employer stays unnamed', () => {
    const shop = of('CE_06', w(13))[0]!;
    expect(shop.severity).toBe('MEDIUM');
    expect(JSON.parse(shop.evidence!).co).toEqual([expect.objectContaining({ employerFiscalCode: null, employerConstruction: false })]);
    const seconded = of('CE_06', w(14))[0]!;
    expect(seconded.severity).toBe('LOW');
    expect(JSON.parse(seconded.evidence!)).toMatchObject({ variant: 'SECONDMENT', co: [{ employerFiscalCode: OTHER_BUILDER, secondment: true }] });
    // A line with no relationship anywhere is CE-02, not CE-06.
    expect(of('CE_06', w(4))).toHaveLength(0);
    expect(found.filter((a) => a.employer?.fiscalCode === SHOP || a.employer?.fiscalCode === OTHER_BUILDER)).toHaveLength(0);
  });

  it('CE-07: omocodic variant, provisional vs definitive code, override flag F on a plain code; not F on a provisional code', () => {
    expect(JSON.parse(of('CE_07', omocodeVariant(w(15), 1))[0]!.evidence!)).toMatchObject({ variant: 'OMOCODIC_VARIANT', co: { workerFiscalCode: w(15) } });
    expect(JSON.parse(of('CE_07', w(16))[0]!.evidence!)).toMatchObject({ variant: 'PROVISIONAL_VS_DEFINITIVE', co: { workerFiscalCode: PROVISIONAL } });
    expect(JSON.parse(of('CE_07', w(17))[0]!.evidence!)).toMatchObject({ variant: 'OVERRIDE_WITHOUT_CAUSE' });
    expect(of('CE_07', w(16))[0]!.severity).toBe('LOW');
    expect(found.filter((a) => a.workerFiscalCode === PROVISIONAL_FLAGGED || a.workerFiscalCode === PROVISIONAL)).toHaveLength(0);
    // Matched by identity, so neither missing (CE-01) nor unknown (CE-02).
    expect(of('CE_01', w(15))).toHaveLength(0);
    expect(of('CE_02', omocodeVariant(w(15), 1))).toHaveLength(0);
  });

  it('CE-08: a "no employees" return while the CO shows a relationship, instead of CE-01 per worker; not with no relationship', () => {
    const firm = of('CE_08', null, FIRM_D);
    expect(firm).toHaveLength(1);
    expect(firm[0]!.severity).toBe('HIGH');
    expect(JSON.parse(firm[0]!.evidence!)).toMatchObject({ mut: { situation: 'NO_EMPLOYEES' }, co: { activeRelationships: 1 } });
    expect(of('CE_01', w(31), FIRM_D)).toHaveLength(0);
    expect(found.filter((a) => a.employer?.fiscalCode === FIRM_E)).toHaveLength(0);
  });

  it('evidence names no one but fiscal codes: no names, no domicile', () => {
    expect(found.map((a) => a.evidence).join(' ')).not.toMatch(/Prova|Demo|domicile|citizenship/i);
  });
});
