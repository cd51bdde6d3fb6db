import { describe, expect, it } from 'vitest';
import { isConstruction } from '../../subgraphs/lib/codes';
import { isLate, noticeProblems, relationshipEnd, relationships } from './dataset-rules';
import { demoDataset, tally, TODAY } from './fixture';

describe('demo data set: mandatory notices', () => {
  const data = demoDataset();

  it('has at least 5,000 notices for 2,000 workers', () => {
    expect(data.notices.length).toBeGreaterThanOrEqual(5000);
    expect(data.notices.length).toBeLessThan(8000);
  });

  it('obeys the notice rules: references, contract types, end dates, hours, seasonal work, events, permits', () => {
    expect(noticeProblems(data, TODAY)).toEqual([]);
  });

  it('tells every kind of event, and every transformation the generator uses', () => {
    const types = tally(data.notices, (n) => n.type);
    for (const type of ['HIRE', 'EXTENSION', 'TRANSFORMATION', 'TERMINATION', 'TRANSFER']) expect(types[type] ?? 0).toBeGreaterThan(0);
    const codes = tally(data.notices.filter((n) => n.type === 'TRANSFORMATION'), (n) => n.transformationCode!);
    for (const code of ['DI', 'PP', 'TP', 'FF']) expect(codes[code] ?? 0).toBeGreaterThan(0);
  });

  it('mixes contract forms: open-ended, fixed-term, apprenticeships, agency work, part-time and seasonal work', () => {
    const hires = data.notices.filter((n) => n.type === 'HIRE');
    const contracts = tally(hires, (n) => n.contractType);
    for (const code of ['A.01.00', 'A.02.00', 'A.03.09', 'A.06.01', 'A.05.02', 'C.01.00']) expect(contracts[code] ?? 0).toBeGreaterThan(0);
    expect(hires.filter((n) => n.workingTime !== 'F').length / hires.length).toBeGreaterThan(0.1);
    expect(hires.some((n) => n.seasonal)).toBe(true);
    expect(hires.some((n) => n.residencePermitType !== null)).toBe(true);
  });

  it('files about 8% of notices late, so lateness shows', () => {
    const late = data.notices.filter(isLate).length / data.notices.length;
    expect(late).toBeGreaterThan(0.04);
    expect(late).toBeLessThan(0.14);
  });

  it('spans 2019 to today, with relationships still going on', () => {
    const starts = data.notices.map((n) => n.startDate).sort();
    expect(starts[0]! < '2019-07-01').toBe(true);
    expect(starts[starts.length - 1]! > '2026-01-01').toBe(true);
    const ongoing = [...relationships(data).values()].filter((list) => {
      const end = relationshipEnd(list);
      return end === null || end > TODAY;
    });
    expect(ongoing.length).toBeGreaterThan(100);
  });

  it('gives construction firms a share of the hires in line with their share of employers', () => {
    const construction = new Set(data.employers.filter((e) => isConstruction(e.ateco)).map((e) => e.fiscalCode));
    const hires = data.notices.filter((n) => n.type === 'HIRE');
    const share = hires.filter((n) => construction.has(n.employerFiscalCode)).length / hires.length;
    expect(share).toBeGreaterThan(0.08);
    expect(share).toBeLessThan(0.35);
  });
});
