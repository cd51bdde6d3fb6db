import { type EntityData, type EntityManager } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { encodePersonalFiscalCode } from '../../lib/codes';
import { addDays, today } from '../../lib/dates';
import { insertChunked } from '../../lib/orm';
import { type Employer } from '../employer/employer.entity';
import { type MandatoryNotice } from '../mandatory-notice/mandatory-notice.entity';
import { EmploymentStatus, type EmploymentRelationship } from '../relationship/employment-relationship.entity';
import { monthEnd, monthStart, RegistrationState, ReturnSituation, ReturnState, workableHoursOf } from './cassa-edile.codes';
import { MonthlyReturn, MonthlyReturnLine } from './monthly-return.entity';
import { isConstructionWorkerQualification, WEEKS_PER_MONTH } from './reconciliation.rules';
import { CassaEdileRegistration } from './registration.entity';

/** The Cassa Edile of the demo and how many of its firms get registrations and returns. */
const DEMO_CASSA = 'MI00';
const DEMO_FIRMS = 6;

/**
 * Demo data of the regularity check, derived from the seeded notices (synthetic, like the
 * rest of the data set): the first construction firms of Milan's Cassa Edile are registered
 * and file their return for the month before last, built from their relationships active
 * in it, with a few deliberate differences so that `reconcileCassaEdile` shows anomalies:
 * of the firms with construction workers in the month, the first omits one (CE-01), the
 * second writes a wrong hire date (CE-03), the third files "no employees" (CE-08); the
 * first firm also declares someone nobody hired (CE-02).
 */
export async function seedCassaEdileDemo(
  em: EntityManager,
  employers: readonly EntityData<Employer>[],
  relationships: readonly EntityData<EmploymentRelationship>[],
  notices: readonly EntityData<MandatoryNotice>[],
  on: string = today(),
): Promise<void> {
  const [y, m] = on.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) - 2;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const start = monthStart(year, month);
  const end = monthEnd(year, month);
  const workable = workableHoursOf(year, month);
  const qualificationOf = new Map<string, string>();
  for (const n of notices) qualificationOf.set(n.relationship as string, n.qualification as string);

  const candidates = employers.filter((e) => e.cassaEdileCode === DEMO_CASSA && e.construction);
  const registrations: EntityData<CassaEdileRegistration>[] = [];
  const returns: EntityData<MonthlyReturn>[] = [];
  const lines: EntityData<MonthlyReturnLine>[] = [];
  const activeIn = (firm: EntityData<Employer>) =>
    relationships.filter(
      (r) =>
        r.employer === firm.fiscalCode &&
        r.recordedStatus !== EmploymentStatus.ANNULLED &&
        (r.startDate as string) <= end &&
        ((r.terminationDate as string | null) ?? '9999-12-31') >= start &&
        ((r.plannedEndDate as string | null) ?? '9999-12-31') >= start &&
        isConstructionWorkerQualification(qualificationOf.get(r.id as string) ?? null),
    );
  // Firms with construction workers in the month, so that every planted difference shows.
  const firms = candidates.filter((firm) => activeIn(firm).length > 0).slice(0, DEMO_FIRMS);
  const activeOf = firms.map(activeIn);
  const [omitting, misdating, noEmployees] = [0, 1, 2];
  firms.forEach((firm, i) => {
    const firmCode = String(90_000_001 + i);
    const registration = randomUUID();
    registrations.push({ id: registration, cassaCode: DEMO_CASSA, firmCode, employer: firm.fiscalCode, registeredOn: '2012-01-02', state: RegistrationState.ACTIVE, updatedAt: new Date() });
    const active = activeOf[i]!;
    const situation = i === noEmployees ? ReturnSituation.NO_EMPLOYEES : ReturnSituation.NORMAL;
    const declared = situation === ReturnSituation.NO_EMPLOYEES ? [] : i === omitting ? active.slice(1) : active;
    const returnId = randomUUID();
    const firmLines: EntityData<MonthlyReturnLine>[] = declared.map((r, j) => {
      const partTime = r.weeklyHours != null;
      const hours = partTime ? Math.min(workable, Math.floor((r.weeklyHours as number) * WEEKS_PER_MONTH)) : workable;
      const hireDate = i === misdating && j === 0 ? addDays(r.startDate as string, 7) : (r.startDate as string);
      return { id: randomUUID(), monthlyReturn: returnId, workerFiscalCode: r.workerFiscalCode as string, fiscalCodeOverride: false, hireDate, grade: '2', job: '01', hoursWorked: hours, overtimeHours: 0, sicknessHours: 0, injuryHours: 0, workableHours: workable };
    });
    if (i === 0) {
      const stranger = encodePersonalFiscalCode({ lastName: 'Esempio', firstName: 'Cantiere', birthDate: '1990-06-15', sex: 'M', birthPlace: 'F205' });
      firmLines.push({ id: randomUUID(), monthlyReturn: returnId, workerFiscalCode: stranger, fiscalCodeOverride: false, hireDate: start, grade: '1', job: '01', hoursWorked: 120, overtimeHours: 0, sicknessHours: 0, injuryHours: 0, workableHours: workable });
    }
    if (situation === ReturnSituation.NORMAL && firmLines.length === 0) return;
    returns.push({ id: returnId, cassaCode: DEMO_CASSA, firmCode, registration, employer: firm.fiscalCode, year, month, sequence: 1, situation, state: ReturnState.ACQUIRED, receivedAt: new Date() });
    lines.push(...firmLines);
  });
  await insertChunked(em, CassaEdileRegistration, registrations);
  await insertChunked(em, MonthlyReturn, returns);
  await insertChunked(em, MonthlyReturnLine, lines);
}
