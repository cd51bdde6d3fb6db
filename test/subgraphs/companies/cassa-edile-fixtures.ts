import { type EntityManager } from '@mikro-orm/core';
import { type CompaniesLoaders } from '../../../subgraphs/companies/loaders';
import { MandatoryNotice } from '../../../subgraphs/companies/mandatory-notice/mandatory-notice.entity';
import { MandatoryNoticeType, type WorkingTime } from '../../../subgraphs/companies/mandatory-notice/notice.codes';
import { EmploymentRelationship, EmploymentStatus } from '../../../subgraphs/companies/relationship/employment-relationship.entity';
import { today } from '../../../subgraphs/lib/dates';
import { asCaller, callerAs } from '../../utils/callers';
import { type GraphQLResponse, type TestSubgraph } from '../../utils/subgraph';
import { addEmployer } from './fixtures';

/** Headers of a Cassa Edile integrator (token org = its code) under the regularity check, or another purpose. */
export function asCassa(org = 'MI00', purpose: 'REGULARITY_CHECK' | 'CASSA_EDILE_NOTIFICATION' | 'TRAINING_RECORD' = 'REGULARITY_CHECK', subject = 'CASSA-OPERATOR-1') {
  return asCaller(callerAs('CASSA_EDILE', purpose, { organisation: org, subject }));
}

/** The calendar month `n` months before the current one. */
export function monthsAgo(n: number): { year: number; month: number } {
  const [y, m] = today().split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) - n;
  return { year: Math.floor(index / 12), month: (index % 12) + 1 };
}

/** A construction employer (ATECO 41.20.00, building CCNL 068). */
export function addBuilder(em: EntityManager, fiscalCode: string, overrides: Parameters<typeof addEmployer>[2] = {}) {
  return addEmployer(em, fiscalCode, { atecoCode: '41.20.00', ccnl: '068', ...overrides });
}

let noticeSerial = 0;

/** A relationship and its hire notice, stored directly (the notice service is tested elsewhere). */
export async function addRelationship(
  em: EntityManager,
  employer: string,
  worker: string,
  options: {
    startDate?: string;
    contractType?: string;
    workingTime?: WorkingTime;
    weeklyHours?: number | null;
    qualification?: string;
    ccnl?: string;
    terminationDate?: string | null;
    plannedEndDate?: string | null;
    transformationCode?: string | null;
  } = {},
): Promise<EmploymentRelationship> {
  const startDate = options.startDate ?? '2020-01-13';
  const relationship = em.create(EmploymentRelationship, {
    employer,
    workerFiscalCode: worker,
    recordedStatus: options.terminationDate ? EmploymentStatus.TERMINATED : EmploymentStatus.ACTIVE,
    contractType: options.contractType ?? 'A.01.00',
    workingTime: options.workingTime ?? ('F' as WorkingTime),
    weeklyHours: options.weeklyHours ?? null,
    startDate,
    plannedEndDate: options.plannedEndDate ?? null,
    terminationDate: options.terminationDate ?? null,
  });
  const base = {
    employer,
    relationship,
    workerFiscalCode: worker,
    contractType: relationship.contractType,
    startDate,
    workingTime: relationship.workingTime,
    weeklyHours: relationship.weeklyHours,
    ccnl: options.ccnl ?? '068',
    qualification: options.qualification ?? '6.1.2.1.0.1',
    filedAt: new Date(`${startDate}T08:00:00Z`),
    deadline: startDate,
    late: false,
    daysLate: 0,
  };
  noticeSerial += 1;
  em.create(MandatoryNotice, { ...base, code: String(8_100_000_000_000_000 + noticeSerial), type: MandatoryNoticeType.HIRE, sequence: 1, eventDate: startDate });
  if (options.transformationCode) {
    noticeSerial += 1;
    em.create(MandatoryNotice, {
      ...base,
      code: String(8_100_000_000_000_000 + noticeSerial),
      type: MandatoryNoticeType.TRANSFORMATION,
      sequence: 2,
      eventDate: startDate,
      transformationCode: options.transformationCode,
    });
  }
  await em.flush();
  return relationship;
}

export const REGISTER = `mutation($registrations: [CassaEdileRegistrationInput!]!) { submitCassaEdileRegistrations(registrations: $registrations) {
  created updated unchanged rejected items { index firmCode status problems { path message } registration { id firmCode state employer { fiscalCode cassaEdileCode } } } } }`;

export const SUBMIT_RETURNS = `mutation($returns: [MonthlyReturnInput!]!) { submitMonthlyReturns(returns: $returns) {
  created replacements rejected items { index firmCode status replacedSequence problems { path message } monthlyReturn { id sequence state situation } } } }`;

export const RECONCILE = `mutation($year: Int!, $month: Int!) { reconcileCassaEdile(year: $year, month: $month) {
  detected created reopened resolved verification { id runs state } } }`;

export const ANOMALIES = `query($filter: CassaEdileAnomalyFilter, $first: Int) { cassaEdileAnomalies(filter: $filter, first: $first) {
  totalCount nodes { id rule severity state workerFiscalCode evidence employer { fiscalCode } history { fromState toState changedBy organisation reason } } } }`;

export const REVIEW = `mutation($id: ID!, $action: CassaEdileReviewAction!, $reason: String) { reviewCassaEdileAnomaly(id: $id, action: $action, reason: $reason) {
  id state dismissalReason history { fromState toState changedBy reason } } }`;

export interface AnomalyNode {
  id: string;
  rule: string;
  severity: string;
  state: string;
  workerFiscalCode: string | null;
  evidence: string | null;
  employer: { fiscalCode: string } | null;
  history: { fromState: string | null; toState: string; changedBy: string; organisation: string; reason: string | null }[];
}

/** Registers firms with the Cassa of `headers`; fails the test unless every item is stored. */
export async function register(graph: TestSubgraph<CompaniesLoaders>, registrations: { firmCode: string; employerFiscalCode: string }[], headers = asCassa()) {
  const res = await graph.query<{ submitCassaEdileRegistrations: { rejected: number; items: unknown[] } }>(
    REGISTER,
    { registrations: registrations.map((r) => ({ registeredOn: '2015-03-01', state: 'ACTIVE', ...r })) },
    headers,
  );
  if (res.errors || res.data!.submitCassaEdileRegistrations.rejected > 0) throw new Error(`registration failed: ${JSON.stringify(res.errors ?? res.data)}`);
}

/** Submits returns; fails the test unless every return is stored. */
export async function submitReturns(graph: TestSubgraph<CompaniesLoaders>, returns: Record<string, unknown>[], headers = asCassa()) {
  const res = await graph.query<{ submitMonthlyReturns: { rejected: number } }>(SUBMIT_RETURNS, { returns }, headers);
  if (res.errors || res.data!.submitMonthlyReturns.rejected > 0) throw new Error(`returns refused: ${JSON.stringify(res.errors ?? res.data)}`);
}

/** A line with `hours` worked in the month (workable hours from the calendar). */
export function line(worker: string, hoursWorked: number, extra: Record<string, unknown> = {}) {
  return { workerFiscalCode: worker, hoursWorked, job: '01', grade: '2', ...extra };
}

export async function reconcile(graph: TestSubgraph<CompaniesLoaders>, year: number, month: number, headers = asCassa()) {
  return graph.query<{ reconcileCassaEdile: { detected: number; created: number; reopened: number; resolved: number; verification: { id: string; runs: number; state: string } } }>(
    RECONCILE,
    { year, month },
    headers,
  );
}

export async function anomalies(graph: TestSubgraph<CompaniesLoaders>, filter: Record<string, unknown>, headers = asCassa()): Promise<GraphQLResponse<{ cassaEdileAnomalies: { totalCount: number; nodes: AnomalyNode[] } | null }>> {
  return graph.query(ANOMALIES, { filter, first: 100 }, headers);
}
