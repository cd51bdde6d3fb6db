import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { companiesSubgraph } from '../../../subgraphs/companies';
import { MonthlyReturn, MonthlyReturnLine } from '../../../subgraphs/companies/cassa-edile/monthly-return.entity';
import { Employer } from '../../../subgraphs/companies/employer/employer.entity';
import { type CompaniesLoaders } from '../../../subgraphs/companies/loaders';
import { encodeNumericFiscalCode, omocodeVariant } from '../../../subgraphs/lib/codes';
import { createTestSubgraph, type TestSubgraph } from '../../utils/subgraph';
import { addBuilder, asCassa, line, monthsAgo, REGISTER, register, SUBMIT_RETURNS } from './cassa-edile-fixtures';
import { addEmployer, employerCode, workerCode } from './fixtures';

// Ingestion of a Cassa Edile's registrations and monthly returns (MUT): each item checked
// on its own, problems as data, valid items stored in one transaction, loaded in batches.
const BUILDER = employerCode(601);
const BUILDER_2 = employerCode(602);
const BUILDER_BG = employerCode(603);
const SHOP = employerCode(604);
const BIG = employerCode(605);
const { year, month } = monthsAgo(3);

interface Submitted {
  submitMonthlyReturns: {
    created: number;
    replacements: number;
    rejected: number;
    items: { index: number; status: string; replacedSequence: number | null; problems: { path: string; message: string }[]; monthlyReturn: { id: string; sequence: number; state: string } | null }[];
  };
}

describe('Cassa Edile ingestion', () => {
  let graph: TestSubgraph<CompaniesLoaders>;
  const submit = (returns: Record<string, unknown>[], headers = asCassa()) => graph.query<Submitted>(SUBMIT_RETURNS, { returns }, headers);
  const ret = (firmCode: string, sequence: number, lines: Record<string, unknown>[], extra: Record<string, unknown> = {}) => ({ firmCode, year, month, sequence, situation: 'NORMAL', lines, ...extra });

  beforeAll(async () => {
    graph = await createTestSubgraph(companiesSubgraph);
    for (const code of [BUILDER, BUILDER_2, BUILDER_BG, BIG]) await addBuilder(graph.em(), code);
    await addEmployer(graph.em(), SHOP);
  });
  afterAll(() => graph?.close());

  it('registrations: stored per item, upserted by firm code; an unknown or non-construction employer is a problem of its item', async () => {
    const items = [
      { firmCode: '20000001', employerFiscalCode: BUILDER, registeredOn: '2010-05-01', state: 'ACTIVE' },
      { firmCode: '20000004', employerFiscalCode: SHOP, registeredOn: '2010-05-01', state: 'ACTIVE' },
      { firmCode: '20000009', employerFiscalCode: employerCode(699), registeredOn: '2010-05-01', state: 'ACTIVE' },
      { firmCode: '2000002', employerFiscalCode: BUILDER_2, registeredOn: '2010-05-01', state: 'SUSPENDED' },
    ];
    const res = await graph.query<{ submitCassaEdileRegistrations: { created: number; rejected: number; items: { status: string; problems: { path: string; message: string }[]; registration: { employer: { cassaEdileCode: string } } | null }[] } }>(
      REGISTER,
      { registrations: items },
      asCassa(),
    );
    expect(res.errors).toBeUndefined();
    const result = res.data!.submitCassaEdileRegistrations;
    expect(result).toMatchObject({ created: 1, rejected: 3 });
    expect(result.items.map((i) => i.status)).toEqual(['CREATED', 'REJECTED', 'REJECTED', 'REJECTED']);
    expect(result.items[0]!.registration!.employer.cassaEdileCode).toBe('MI00');
    expect(result.items[1]!.problems).toEqual([{ path: 'employerFiscalCode', message: 'no construction employer known with this fiscal code' }]);
    expect(result.items[2]!.problems.map((p) => p.path)).toEqual(['employerFiscalCode']);
    expect(result.items[3]!.problems.map((p) => p.path).sort()).toEqual(['firmCode', 'suspendedOn']);
    // The same again: unchanged; ceased: the employer's Cassa Edile is cleared.
    const again = await graph.query<{ submitCassaEdileRegistrations: { unchanged: number; updated: number } }>(REGISTER, { registrations: [items[0]] }, asCassa());
    expect(again.data!.submitCassaEdileRegistrations.unchanged).toBe(1);
    const ceased = await graph.query<{ submitCassaEdileRegistrations: { updated: number } }>(
      REGISTER,
      { registrations: [{ ...items[0], state: 'CEASED', ceasedOn: '2011-01-01' }] },
      asCassa(),
    );
    expect(ceased.data!.submitCassaEdileRegistrations.updated).toBe(1);
    expect((await graph.em().findOneOrFail(Employer, { fiscalCode: BUILDER })).cassaEdileCode).toBeNull();
    await register(graph, [{ firmCode: '20000001', employerFiscalCode: BUILDER }, { firmCode: '20000002', employerFiscalCode: BUILDER_2 }, { firmCode: '20000005', employerFiscalCode: BIG }]);
    expect((await graph.em().findOneOrFail(Employer, { fiscalCode: BUILDER })).cassaEdileCode).toBe('MI00');
    // One employer has one firm code at a Cassa Edile.
    const twice = await graph.query<{ submitCassaEdileRegistrations: { items: { problems: { path: string }[] }[] } }>(
      REGISTER,
      { registrations: [{ firmCode: '20000003', employerFiscalCode: BUILDER, registeredOn: '2010-05-01', state: 'ACTIVE' }] },
      asCassa(),
    );
    expect(twice.data!.submitCassaEdileRegistrations.items[0]!.problems.map((p) => p.path)).toEqual(['employerFiscalCode']);
  });

  it('returns: valid ones stored, each invalid one rejected with its problems (rule 8), nothing half-stored', async () => {
    const linesBefore = await graph.em().count(MonthlyReturnLine);
    const res = await submit([
      ret('20000001', 1, [line(workerCode(601), 160), line(encodeNumericFiscalCode('1111111', '015'), 120), line(omocodeVariant(workerCode(602), 3), 100, { fiscalCodeOverride: true })]),
      ret('20000002', 1, [line(workerCode(603), 400)]), // more than workable + overtime
      ret('20000002', 1, [line(workerCode(603), 400, { overtimeHours: 300 })]), // ...unless it is overtime: valid
      { firmCode: '20000002', year, month: 13, sequence: 1, situation: 'NORMAL', lines: [line(workerCode(603), 10)] },
      ret('20000005', 1, [line(workerCode(604), 10)], { situation: 'NO_EMPLOYEES' }),
      ret('29999999', 1, [line(workerCode(605), 10)]),
      ret('20000005', 2, [line('RSSMRA85T10A562X', 10), line(workerCode(606), 10), line(workerCode(606), 10)]),
      ret('20000001', 1, [line(workerCode(607), 10)]), // duplicate key of item 0
    ]);
    expect(res.errors).toBeUndefined();
    const result = res.data!.submitMonthlyReturns;
    expect(result.items.map((i) => i.status)).toEqual(['CREATED', 'REJECTED', 'CREATED', 'REJECTED', 'REJECTED', 'REJECTED', 'REJECTED', 'REJECTED']);
    expect(result).toMatchObject({ created: 2, rejected: 6, replacements: 0 });
    const problems = result.items.map((i) => i.problems.map((p) => `${p.path}: ${p.message}`));
    expect(problems[1]).toEqual([expect.stringMatching(/^lines\.0\.hoursWorked: must not exceed the workable hours \(\d+\) plus the overtime$/)]);
    expect(problems[3]).toEqual(['month: must be 1-12']);
    expect(problems[4]).toEqual(['lines: must be empty when the situation is NO_EMPLOYEES (code 5)']);
    expect(problems[5]).toEqual(['firmCode: no firm registered with this Cassa Edile under this code']);
    expect(problems[6]).toEqual([expect.stringMatching(/^lines\.0\.workerFiscalCode: is not a valid/), 'lines.2.workerFiscalCode: appears earlier in this return']);
    expect(problems[7]).toEqual([expect.stringMatching(/^sequence: a return with this key/)]);
    // No value of the input is echoed in a problem.
    expect(JSON.stringify(problems)).not.toContain('RSSMRA85T10A562X');
    expect(await graph.em().count(MonthlyReturnLine)).toBe(linesBefore + 4);
    const stored = await graph.em().find(MonthlyReturnLine, { monthlyReturn: result.items[0]!.monthlyReturn!.id }, { orderBy: { hoursWorked: 'desc' } });
    expect(stored.map((l) => [l.hoursWorked, l.fiscalCodeOverride, l.workableHours > 0])).toEqual([
      [160, false, true],
      [120, false, true],
      [100, true, true],
    ]);
  });

  it('a higher sequence replaces the return in force (denuncia sostitutiva); a lower one is refused', async () => {
    const first = await submit([ret('20000002', 1, [line(workerCode(611), 100)], { month: 1, year: year - 1 })]);
    expect(first.data!.submitMonthlyReturns.created).toBe(1);
    const replacement = await submit([ret('20000002', 2, [line(workerCode(611), 120)], { month: 1, year: year - 1 })]);
    expect(replacement.data!.submitMonthlyReturns.items[0]).toMatchObject({ status: 'CREATED', replacedSequence: 1, monthlyReturn: { sequence: 2, state: 'ACQUIRED' } });
    const rows = await graph.em().find(MonthlyReturn, { firmCode: '20000002', year: year - 1, month: 1 }, { orderBy: { sequence: 'asc' } });
    expect(rows.map((r) => [r.sequence, r.state])).toEqual([
      [1, 'REPLACED'],
      [2, 'ACQUIRED'],
    ]);
    const late = await submit([ret('20000002', 1, [line(workerCode(611), 100)], { month: 2, year: year - 1 }), ret('20000002', 3, [line(workerCode(611), 100)], { month: 2, year: year - 1 })]);
    expect(late.data!.submitMonthlyReturns.items.map((i) => i.status)).toEqual(['CREATED', 'CREATED']);
    const older = await submit([ret('20000002', 2, [line(workerCode(611), 100)], { month: 2, year: year - 1 })]);
    expect(older.data!.submitMonthlyReturns.items[0]!.problems.map((p) => p.message)).toEqual(['a return with a higher sequence is already in force for this firm and month']);
  });

  it('only the Cassa of the token: another Cassa knows none of these firms; a call over the limits is refused whole', async () => {
    const other = await submit([ret('20000001', 5, [line(workerCode(621), 10)])], asCassa('BG00'));
    expect(other.data!.submitMonthlyReturns.items[0]!.problems.map((p) => p.path)).toEqual(['firmCode']);
    const tooMany = await submit(Array.from({ length: 201 }, (_, i) => ret('20000001', 10 + (i % 80), [])));
    expect(tooMany.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(tooMany.errors?.[0]?.message).toContain('returns: must hold 1 to 200 returns');
    const notice = await submit([ret('20000001', 9, [line(workerCode(622), 10)])], asCassa('MI00', 'CASSA_EDILE_NOTIFICATION'));
    expect(notice.data?.submitMonthlyReturns ?? null).toBeNull();
    expect(notice.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('loads in batches: the statements of a submission do not grow with its returns and lines', async () => {
    const statementsFor = async (returns: number, linesEach: number, offset: number) => {
      const before = graph.runtime.db.sql.statements;
      const batch = Array.from({ length: returns }, (_, r) =>
        ret('20000005', 1, Array.from({ length: linesEach }, (_, l) => line(workerCode(1000 + offset + r * 50 + l), 10)), { year: year - 2, month: 1 + r + offset / 1000 }),
      );
      const res = await submit(batch);
      expect(res.data!.submitMonthlyReturns.created).toBe(returns);
      return graph.runtime.db.sql.statements - before;
    };
    const small = await statementsFor(1, 2, 0);
    const large = await statementsFor(8, 30, 3000);
    expect(large).toBe(small);
  });
});
