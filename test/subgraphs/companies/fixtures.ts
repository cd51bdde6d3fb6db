import { type EntityManager } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { type Dataset, type DatasetEmployer, type DatasetNotice } from '../../../scripts/seed/dataset.types';
import { encodeNumericFiscalCode, encodePersonalFiscalCode } from '../../../subgraphs/lib/codes';
import { addDays, today } from '../../../subgraphs/lib/dates';
import { Employer, WorkSite } from '../../../subgraphs/companies/employer/employer.entity';
import { type CompaniesLoaders } from '../../../subgraphs/companies/loaders';
import { type Caller } from '../../../subgraphs/lib/identity';
import { asCaller, callerAs } from '../../utils/callers';
import { type TestSubgraph } from '../../utils/subgraph';

/** A synthetic 11-digit employer fiscal code, distinct for each `n`. */
export function employerCode(n: number): string {
  return encodeNumericFiscalCode(String(n).padStart(7, '0'), '015');
}

/** A synthetic personal fiscal code, distinct for each `n` (n < 10000). */
export function workerCode(n: number): string {
  return encodePersonalFiscalCode({ lastName: 'Prova', firstName: 'Demo', birthDate: addDays('1970-01-01', n), sex: 'M', birthPlace: 'F205' });
}

/** An employer, or the labour consultant acting for it, filing notices for `employers` (token `employers`). */
export function employerCaller(...employers: string[]): Caller {
  return callerAs('EMPLOYER', 'MANDATORY_NOTICE', { employers, subject: 'CONSULTANT-TEST-1', organisation: 'labour-consultant-test' });
}

/** Headers making one request act as an employer filing for `employers`. */
export function asEmployer(...employers: string[]): Record<string, string> {
  return asCaller(employerCaller(...employers));
}

/** The Italian calendar day `offset` days from today. */
export function day(offset: number): string {
  return addDays(today(), offset);
}

/** Stores an employer (Milano, retail, commerce CCNL unless overridden) with its work sites. */
export async function addEmployer(
  em: EntityManager,
  fiscalCode: string,
  overrides: Partial<Pick<Employer, 'name' | 'atecoCode' | 'publicAdministration' | 'legalSeatMunicipality' | 'ccnl' | 'cassaEdileCode'>> = {},
  sites: { municipality: string; address: string }[] = [{ municipality: '015146', address: 'Via Demo 1' }],
): Promise<{ employer: Employer; sites: WorkSite[] }> {
  const employer = em.create(Employer, {
    fiscalCode,
    name: 'Demo S.r.l.',
    atecoCode: '47.11.10',
    legalSeatMunicipality: '015146',
    legalSeatAddress: 'Via Demo 1',
    ccnl: 'H011',
    ...overrides,
  });
  const created = sites.map((s) => em.create(WorkSite, { employer, ...s }));
  await em.flush();
  return { employer, sites: created };
}

export const FILE = `mutation($input: FileMandatoryNoticeInput!) {
  fileMandatoryNotice(input: $input) {
    id code type state contractType startDate endDate eventDate workingTime weeklyHours seasonal
    deadline late daysLate filedAt filedBy transformationCode terminationCause
    employer { fiscalCode } worker { fiscalCode } workSite { id }
    relationship { id status contractType workingTime weeklyHours startDate plannedEndDate terminationDate endedOn }
  }
}`;

export interface FiledNotice {
  id: string;
  code: string;
  type: string;
  state: string;
  contractType: string;
  startDate: string;
  endDate: string | null;
  eventDate: string;
  workingTime: string;
  weeklyHours: number | null;
  seasonal: boolean;
  deadline: string;
  late: boolean;
  daysLate: number;
  filedAt: string;
  filedBy: string | null;
  transformationCode: string | null;
  terminationCause: string | null;
  employer: { fiscalCode: string };
  worker: { fiscalCode: string };
  workSite: { id: string } | null;
  relationship: {
    id: string;
    status: string;
    contractType: string;
    workingTime: string;
    weeklyHours: number | null;
    startDate: string;
    plannedEndDate: string | null;
    terminationDate: string | null;
    endedOn: string | null;
  };
}

/** A valid fixed-term, full-time HIRE starting tomorrow (so on time), with overrides. */
export function hireInput(employer: string, worker: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: 'HIRE',
    employerFiscalCode: employer,
    workerFiscalCode: worker,
    workerCitizenship: '000',
    contractType: 'A.02.00',
    startDate: day(1),
    endDate: day(180),
    workingTime: 'FULL_TIME',
    ccnl: 'H011',
    qualification: '5.1.2.2.0.1',
    ...overrides,
  };
}

/** Files a notice (as the graph's default caller, or with `headers`) and returns the response (data and errors). */
export function file(graph: TestSubgraph<CompaniesLoaders>, input: Record<string, unknown>, headers?: Record<string, string>) {
  return graph.query<{ fileMandatoryNotice: FiledNotice }>(FILE, { input }, headers);
}

/** Files a notice that must succeed; fails the test with the errors otherwise. */
export async function fileOk(graph: TestSubgraph<CompaniesLoaders>, input: Record<string, unknown>, headers?: Record<string, string>): Promise<FiledNotice> {
  const res = await file(graph, input, headers);
  if (res.errors?.length || !res.data) throw new Error(`filing failed: ${JSON.stringify(res.errors)}`);
  return res.data.fileMandatoryNotice;
}

/** The problems of a BAD_USER_INPUT response, as `path: message` strings. */
export function problemsOf(res: { errors?: { extensions?: Record<string, unknown> }[] }): string[] {
  const error = res.errors?.[0];
  if (error?.extensions?.code !== 'BAD_USER_INPUT') return [];
  return (error.extensions.problems as { path: string; message: string }[]).map((p) => `${p.path}: ${p.message}`);
}

/** The paths of the problems of a BAD_USER_INPUT response. */
export function problemPaths(res: { errors?: { extensions?: Record<string, unknown> }[] }): string[] {
  return problemsOf(res).map((p) => p.slice(0, p.indexOf(':')));
}

/** A data set holding only what the companies seeder reads. */
export function dataset(parts: Partial<Pick<Dataset, 'employers' | 'notices' | 'workers'>>): Dataset {
  return {
    workers: parts.workers ?? [],
    dids: [],
    servicePoints: [],
    employers: parts.employers ?? [],
    notices: parts.notices ?? [],
    households: [],
    servicePacts: [],
    inclusionPacts: [],
    referrals: [],
    deskContacts: [],
    convocationExclusions: [],
  };
}

/** A data-set employer (Milano, retail) with one work site, with overrides. */
export function datasetEmployer(fiscalCode: string, overrides: Partial<DatasetEmployer> = {}): DatasetEmployer {
  return {
    fiscalCode,
    name: 'Demo S.p.A.',
    ateco: '47.11.10',
    publicAdministration: false,
    legalSeatMunicipality: '015146',
    legalSeatAddress: 'Via Demo 1',
    ccnl: 'H011',
    cassaEdileCode: null,
    sites: [{ id: randomUUID(), municipality: '015146', address: 'Via Demo 1' }],
    ...overrides,
  };
}

let codeSerial = 0;

/** A data-set notice: a fixed-term, full-time HIRE filed on time unless overridden. */
export function datasetNotice(overrides: Partial<DatasetNotice> & Pick<DatasetNotice, 'relationshipId' | 'employerFiscalCode' | 'workerFiscalCode'>): DatasetNotice {
  codeSerial += 1;
  const startDate = overrides.startDate ?? '2024-02-01';
  return {
    id: randomUUID(),
    code: String(7_000_000_000_000_000 + codeSerial),
    type: 'HIRE',
    workerId: randomUUID(),
    workSiteId: null,
    contractType: 'A.02.00',
    startDate,
    endDate: '2024-12-31',
    eventDate: startDate,
    trainingEndDate: null,
    workingTime: 'F',
    weeklyHours: null,
    ccnl: 'H011',
    qualification: '5.1.2.2.0.1',
    seasonal: false,
    transformationCode: null,
    terminationCause: null,
    residencePermitType: null,
    residencePermitExpiry: null,
    filedAt: `${addDays(startDate, -1)}T09:00:00.000Z`,
    ...overrides,
  };
}
