import { validateFiscalCode } from '../../lib/codes';
import { today, validateIsoDate } from '../../lib/dates';
import { badUserInput, type InputProblem } from '../../lib/errors';
import { type CompaniesContext } from '../context';
import { type Employer } from '../employer/employer.entity';
import { CASSA_CODE, daysInMonth, FIRM_CODE, monthEnd, RegistrationState, ReturnSituation, ReturnState, workableHoursOf } from './cassa-edile.codes';
import { MonthlyReturn, MonthlyReturnLine } from './monthly-return.entity';
import { CassaEdileRegistration } from './registration.entity';
import {
  type CassaEdileRegistrationInput,
  MAX_REGISTRATIONS,
  MAX_RETURN_LINES,
  MAX_RETURNS,
  type MonthlyReturnInput,
  type MonthlyReturnLineInput,
  type RegistrationSubmissionItem,
  type RegistrationSubmissionResult,
  type ReturnSubmissionItem,
  type ReturnSubmissionResult,
  SubmissionStatus,
} from './submission.types';

const CNCE_CODE = /^[A-Z0-9]{1,4}$/;
const MAX_MONTH_HOURS = 744;
const EARLIEST_YEAR = 2000;

/** The Cassa Edile of the credential (token org), or BAD_USER_INPUT when it names none that fits. */
export function cassaOf(ctx: CompaniesContext, path: string): string {
  const code = ctx.caller?.organisation ?? '';
  if (!CASSA_CODE.test(code)) throw badUserInput([{ path, message: 'the credential names no Cassa Edile (token org must be a 4-character Cassa Edile code)' }]);
  return code;
}

/** Problems of a date that must be a real day, not in the future. */
function checkPastDate(path: string, value: string | null | undefined, problems: InputProblem[]): boolean {
  if (value == null) return false;
  const date = validateIsoDate(value);
  if (!date.ok) problems.push({ path, message: date.reason });
  else if (value > today()) problems.push({ path, message: 'must not be in the future' });
  return date.ok;
}

/** Problems of a (year, month) of a return or a reconciliation: a real month, not after the current one. */
export function checkMonth(year: number, month: number, prefix = ''): InputProblem[] {
  const problems: InputProblem[] = [];
  const current = today();
  if (!Number.isInteger(month) || month < 1 || month > 12) problems.push({ path: `${prefix}month`, message: 'must be 1-12' });
  if (!Number.isInteger(year) || year < EARLIEST_YEAR || year > Number(current.slice(0, 4))) {
    problems.push({ path: `${prefix}year`, message: `must be from ${EARLIEST_YEAR} to the current year` });
  } else if (problems.length === 0 && `${year}-${String(month).padStart(2, '0')}` > current.slice(0, 7)) {
    problems.push({ path: `${prefix}month`, message: 'must not be after the current month' });
  }
  return problems;
}

function registrationProblems(item: CassaEdileRegistrationInput): InputProblem[] {
  const problems: InputProblem[] = [];
  if (!FIRM_CODE.test(item.firmCode)) problems.push({ path: 'firmCode', message: 'must be 8 digits' });
  if (!validateFiscalCode(item.employerFiscalCode).ok) problems.push({ path: 'employerFiscalCode', message: 'is not a valid fiscal code' });
  const registered = checkPastDate('registeredOn', item.registeredOn, problems);
  for (const [field, state] of [['suspendedOn', RegistrationState.SUSPENDED], ['ceasedOn', RegistrationState.CEASED]] as const) {
    const value = item[field];
    if (item.state === state && value == null) problems.push({ path: field, message: `is required when the state is ${state}` });
    if (item.state !== state && value != null) problems.push({ path: field, message: `is only for the state ${state}` });
    if (checkPastDate(field, value, problems) && registered && value! < item.registeredOn) problems.push({ path: field, message: 'must not be before registeredOn' });
  }
  return problems;
}

function lineProblems(line: MonthlyReturnLineInput, year: number, month: number, prefix: string): InputProblem[] {
  const problems: InputProblem[] = [];
  const add = (field: string, message: string) => problems.push({ path: `${prefix}${field}`, message });
  const code = validateFiscalCode(line.workerFiscalCode);
  if (!code.ok) add('workerFiscalCode', 'is not a valid personal fiscal code (16 characters, omocodic forms accepted) nor a provisional 11-digit one');
  if (line.hireDate != null) {
    const date = validateIsoDate(line.hireDate);
    if (!date.ok) add('hireDate', date.reason);
    else if (line.hireDate > monthEnd(year, month)) add('hireDate', 'must not be after the month of the return');
  }
  if (line.cessationDay != null && (!Number.isInteger(line.cessationDay) || line.cessationDay < 1 || line.cessationDay > daysInMonth(year, month))) {
    add('cessationDay', 'must be a day of the month of the return');
  }
  for (const field of ['hireType', 'cessationType'] as const) {
    const value = line[field];
    if (value != null && !CNCE_CODE.test(value)) add(field, 'must be 1-4 capital letters or digits');
  }
  if (line.grade != null && (line.grade.trim().length < 1 || line.grade.length > 10)) add('grade', 'must be 1-10 characters');
  if (line.job != null && !/^\d{2}$/.test(line.job)) add('job', 'must be 2 digits');
  const hours = ['hoursWorked', 'overtimeHours', 'sicknessHours', 'injuryHours', 'workableHours'] as const;
  for (const field of hours) {
    const value = line[field];
    if (value != null && (!Number.isFinite(value) || value < 0 || value > MAX_MONTH_HOURS)) add(field, `must be from 0 to ${MAX_MONTH_HOURS}`);
  }
  if (problems.some((p) => hours.some((field) => p.path === `${prefix}${field}`))) return problems;
  const workable = line.workableHours ?? workableHoursOf(year, month);
  const overtime = line.overtimeHours ?? 0;
  if (overtime > line.hoursWorked) add('overtimeHours', 'must not exceed hoursWorked, which includes it');
  // Rule 8 (domain.md §13.5): hours worked ≤ workable hours + overtime.
  if (line.hoursWorked > workable + overtime) add('hoursWorked', `must not exceed the workable hours (${workable}) plus the overtime`);
  return problems;
}

function returnProblems(item: MonthlyReturnInput): InputProblem[] {
  const problems: InputProblem[] = [];
  if (!FIRM_CODE.test(item.firmCode)) problems.push({ path: 'firmCode', message: 'must be 8 digits' });
  const month = checkMonth(item.year, item.month);
  problems.push(...month);
  if (!Number.isInteger(item.sequence) || item.sequence < 1 || item.sequence > 99) problems.push({ path: 'sequence', message: 'must be 1-99' });
  if (item.situation === ReturnSituation.NO_EMPLOYEES && item.lines.length > 0) problems.push({ path: 'lines', message: 'must be empty when the situation is NO_EMPLOYEES (code 5)' });
  if (item.situation === ReturnSituation.NORMAL && item.lines.length === 0) problems.push({ path: 'lines', message: 'must hold the workers of the month; a return without workers has the situation NO_EMPLOYEES' });
  if (month.length > 0) return problems;
  const seen = new Set<string>();
  item.lines.forEach((line, index) => {
    const prefix = `lines.${index}.`;
    problems.push(...lineProblems(line, item.year, item.month, prefix));
    const code = line.workerFiscalCode.trim().toUpperCase();
    if (seen.has(code)) problems.push({ path: `${prefix}workerFiscalCode`, message: 'appears earlier in this return' });
    seen.add(code);
  });
  return problems;
}

const count = (items: { status: SubmissionStatus }[], status: SubmissionStatus) => items.filter((i) => i.status === status).length;

/**
 * Ingestion of a Cassa Edile's registrations and monthly returns. Each item is checked on
 * its own and its problems come back as data; the valid ones are written by one flush
 * (one transaction). Everything the checks need is loaded in a few queries per call,
 * whatever the number of items or lines.
 */
export class CassaEdileIngestionService {
  constructor(private readonly ctx: CompaniesContext) {}

  async submitRegistrations(items: CassaEdileRegistrationInput[]): Promise<RegistrationSubmissionResult> {
    if (items.length < 1 || items.length > MAX_REGISTRATIONS) throw badUserInput([{ path: 'registrations', message: `must hold 1 to ${MAX_REGISTRATIONS} registrations` }]);
    const cassa = cassaOf(this.ctx, 'registrations');
    const { em, loaders } = this.ctx;
    const checked = items.map(registrationProblems);
    // Employers through the scoped loader: one query, and one outside the caller's scope is unknown.
    const employers = await Promise.all(
      items.map((item, i) => (checked[i]!.some((p) => p.path === 'employerFiscalCode') ? null : loaders.employerByFiscalCode.load(item.employerFiscalCode.trim().toUpperCase()))),
    );
    const known = employers.filter((e): e is Employer => e !== null);
    const stored = await em.find(CassaEdileRegistration, {
      cassaCode: cassa,
      $or: [{ firmCode: { $in: items.map((i) => i.firmCode) } }, { employer: { $in: known.map((e) => e.fiscalCode) } }],
    });
    const byFirm = new Map(stored.map((r) => [r.firmCode, r]));
    const byEmployer = new Map(stored.map((r) => [r.employer.fiscalCode, r]));
    const seen = new Set<string>();
    const results: RegistrationSubmissionItem[] = [];
    for (const [index, item] of items.entries()) {
      const problems = checked[index]!;
      const employer = employers[index] ?? null;
      if (!employer && !problems.some((p) => p.path === 'employerFiscalCode')) problems.push({ path: 'employerFiscalCode', message: 'no construction employer known with this fiscal code' });
      if (seen.has(item.firmCode)) problems.push({ path: 'firmCode', message: 'appears earlier in this submission' });
      seen.add(item.firmCode);
      const existing = byFirm.get(item.firmCode);
      if (employer && existing && existing.employer.fiscalCode !== employer.fiscalCode) problems.push({ path: 'firmCode', message: 'is registered with this Cassa Edile for another employer' });
      const other = employer ? byEmployer.get(employer.fiscalCode) : undefined;
      if (other && other.firmCode !== item.firmCode) problems.push({ path: 'employerFiscalCode', message: 'the employer is registered with this Cassa Edile under another firm code' });
      if (problems.length > 0 || !employer) {
        results.push({ index, firmCode: item.firmCode, status: SubmissionStatus.REJECTED, registration: null, problems });
        continue;
      }
      const data = { registeredOn: item.registeredOn, state: item.state, suspendedOn: item.suspendedOn ?? null, ceasedOn: item.ceasedOn ?? null };
      let status: SubmissionStatus;
      let registration = existing;
      if (!registration) {
        registration = em.create(CassaEdileRegistration, { cassaCode: cassa, firmCode: item.firmCode, employer, ...data });
        byFirm.set(item.firmCode, registration);
        byEmployer.set(employer.fiscalCode, registration);
        status = SubmissionStatus.CREATED;
      } else if (Object.entries(data).every(([key, value]) => (registration![key as keyof typeof data] ?? null) === value)) {
        status = SubmissionStatus.UNCHANGED;
      } else {
        em.assign(registration, { ...data, updatedAt: new Date() });
        status = SubmissionStatus.UPDATED;
      }
      // The employer's Cassa Edile follows its registrations: set while registered, cleared when it ceases here.
      if (item.state !== RegistrationState.CEASED) employer.cassaEdileCode = cassa;
      else if (employer.cassaEdileCode === cassa) employer.cassaEdileCode = null;
      results.push({ index, firmCode: item.firmCode, status, registration, problems: [] });
    }
    await em.flush();
    return {
      created: count(results, SubmissionStatus.CREATED),
      updated: count(results, SubmissionStatus.UPDATED),
      unchanged: count(results, SubmissionStatus.UNCHANGED),
      rejected: count(results, SubmissionStatus.REJECTED),
      items: results,
    };
  }

  async submitReturns(items: MonthlyReturnInput[]): Promise<ReturnSubmissionResult> {
    const lines = items.reduce((sum, item) => sum + item.lines.length, 0);
    const limits: InputProblem[] = [];
    if (items.length < 1 || items.length > MAX_RETURNS) limits.push({ path: 'returns', message: `must hold 1 to ${MAX_RETURNS} returns` });
    if (lines > MAX_RETURN_LINES) limits.push({ path: 'returns', message: `must hold at most ${MAX_RETURN_LINES} worker lines in all` });
    if (limits.length) throw badUserInput(limits);
    const cassa = cassaOf(this.ctx, 'returns');
    const { em } = this.ctx;
    const firmCodes = [...new Set(items.map((i) => i.firmCode))];
    // The firms' registrations under the caller's row scope (its Cassa, construction employers).
    const registrationScope = this.ctx.rows.restrict<CassaEdileRegistration>('CassaEdileRegistration', { cassaCode: cassa, firmCode: { $in: firmCodes } });
    const registrations = registrationScope ? await em.find(CassaEdileRegistration, registrationScope) : [];
    const registrationOf = new Map(registrations.map((r) => [r.firmCode, r]));
    const stored = await em.find(MonthlyReturn, {
      cassaCode: cassa,
      firmCode: { $in: firmCodes },
      year: { $in: [...new Set(items.map((i) => i.year))] },
      month: { $in: [...new Set(items.map((i) => i.month))] },
    });
    const keyOf = (r: { firmCode: string; year: number; month: number }) => `${r.firmCode}/${r.year}/${r.month}`;
    const byMonth = new Map<string, MonthlyReturn[]>();
    for (const r of stored) byMonth.set(keyOf(r), [...(byMonth.get(keyOf(r)) ?? []), r]);

    const results: ReturnSubmissionItem[] = [];
    for (const [index, item] of items.entries()) {
      const problems = returnProblems(item);
      const registration = registrationOf.get(item.firmCode);
      if (!registration && !problems.some((p) => p.path === 'firmCode')) problems.push({ path: 'firmCode', message: 'no firm registered with this Cassa Edile under this code' });
      const previous = byMonth.get(keyOf(item)) ?? [];
      if (previous.some((r) => r.sequence === item.sequence)) problems.push({ path: 'sequence', message: 'a return with this key (firm, year, month, sequence) is already stored or appears earlier in this submission' });
      else if (previous.some((r) => r.sequence > item.sequence)) problems.push({ path: 'sequence', message: 'a return with a higher sequence is already in force for this firm and month' });
      if (problems.length > 0 || !registration) {
        results.push({ index, firmCode: item.firmCode, status: SubmissionStatus.REJECTED, monthlyReturn: null, replacedSequence: null, problems });
        continue;
      }
      const inForce = previous.find((r) => r.state === ReturnState.ACQUIRED);
      if (inForce) inForce.state = ReturnState.REPLACED;
      const created = em.create(MonthlyReturn, {
        cassaCode: cassa,
        firmCode: item.firmCode,
        registration,
        employer: registration.employer,
        year: item.year,
        month: item.month,
        sequence: item.sequence,
        situation: item.situation,
      });
      const workable = workableHoursOf(item.year, item.month);
      for (const line of item.lines) {
        em.create(MonthlyReturnLine, {
          monthlyReturn: created,
          workerFiscalCode: line.workerFiscalCode.trim().toUpperCase(),
          fiscalCodeOverride: line.fiscalCodeOverride ?? false,
          hireDate: line.hireDate ?? null,
          hireType: line.hireType ?? null,
          cessationDay: line.cessationDay ?? null,
          cessationType: line.cessationType ?? null,
          grade: line.grade?.trim() ?? null,
          job: line.job ?? null,
          hoursWorked: line.hoursWorked,
          overtimeHours: line.overtimeHours ?? 0,
          sicknessHours: line.sicknessHours ?? 0,
          injuryHours: line.injuryHours ?? 0,
          workableHours: line.workableHours ?? workable,
        });
      }
      byMonth.set(keyOf(item), [...previous, created]);
      results.push({ index, firmCode: item.firmCode, status: SubmissionStatus.CREATED, monthlyReturn: created, replacedSequence: inForce?.sequence ?? null, problems: [] });
    }
    // One flush: every valid return, its lines and the replaced ones, in one transaction.
    await em.flush();
    return {
      created: count(results, SubmissionStatus.CREATED),
      replacements: results.filter((r) => r.replacedSequence !== null).length,
      rejected: count(results, SubmissionStatus.REJECTED),
      items: results,
    };
  }
}
