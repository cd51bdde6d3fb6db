import { type EntityManager } from '@mikro-orm/core';
import { encodeNumericFiscalCode } from '../../../subgraphs/lib/codes';
import { AvailabilityDeclaration, AvailabilityStatusChange, DidChannel, DidStatus } from '../../../subgraphs/workers/availability/availability.entity';
import { EmploymentLink } from '../../../subgraphs/workers/employment-link/employment-link.entity';
import {
  DeclaredExperience,
  Education,
  EducationLevel,
  TrainingCourse,
  TrainingSource,
} from '../../../subgraphs/workers/professional-record/professional-record.entity';
import { ServicePointDirectoryEntry, ServicePointKind } from '../../../subgraphs/lib/service-point-directory.entity';
import { Worker } from '../../../subgraphs/workers/worker/worker.entity';
import { callerAs, LOMBARDY } from '../../utils/callers';
import { person } from '../../utils/people';

/** A job-centre operator of the whole region providing employment services: sees every person of the tests. */
export const REGIONAL_CPI = callerAs('CPI_OPERATOR', 'EMPLOYMENT_SERVICES', { territory: LOMBARDY });

/** Service points of the replicated directory that the workers tests use (synthetic codes). */
export const DIRECTORY = {
  milanJobCentre: { code: 'CPI-015-MILANO', kind: ServicePointKind.JOB_CENTRE, municipality: '015146', province: '015' },
  milanDesk: { code: 'DESK-015-SANSIRO', kind: ServicePointKind.JOB_CENTRE_DESK, municipality: '015146', province: '015' },
  cremonaJobCentre: { code: 'CPI-019-CREMONA', kind: ServicePointKind.JOB_CENTRE, municipality: '019036', province: '019' },
  bergamoJobCentre: { code: 'CPI-016-BERGAMO', kind: ServicePointKind.JOB_CENTRE, municipality: '016024', province: '016' },
  milanSocialServices: { code: 'SOC-015-MILANO', kind: ServicePointKind.SOCIAL_SERVICES, municipality: '015146', province: '015' },
} as const;

/** Stores the directory entries the tests refer to. */
export async function addDirectory(em: EntityManager): Promise<void> {
  for (const entry of Object.values(DIRECTORY)) em.create(ServicePointDirectoryEntry, { ...entry });
  await em.flush();
}

/** Employers of the scope fixture (valid synthetic numeric codes). */
export const EMPLOYERS = {
  /** Not in construction. */
  retail: encodeNumericFiscalCode('0000001', '015'),
  /** A construction firm. */
  builder: encodeNumericFiscalCode('0000002', '015'),
};

/** Callers of the scope tests: Milan operators, a Cassa Edile, an employer, a citizen, and roles with no personal rows. */
export const CALLERS = {
  cpiMilan: callerAs('CPI_OPERATOR', 'EMPLOYMENT_SERVICES', { territory: ['015'] }),
  cpiMilanReferral: callerAs('CPI_OPERATOR', 'REFERRAL', { territory: ['015'] }),
  cpiNoTerritory: callerAs('CPI_OPERATOR', 'EMPLOYMENT_SERVICES', { territory: [] }),
  socialWorkerMilan: callerAs('SOCIAL_WORKER', 'SOCIAL_INCLUSION', { territory: ['015146'] }),
  cassaEdile: callerAs('CASSA_EDILE', 'REGULARITY_CHECK'),
  cassaEdileTraining: callerAs('CASSA_EDILE', 'TRAINING_RECORD'),
  retailEmployer: callerAs('EMPLOYER', 'MANDATORY_NOTICE', { employers: [EMPLOYERS.retail] }),
  ministryAnalyst: callerAs('MINISTRY_ANALYST', 'STATISTICS'),
  regionAnalyst: callerAs('REGION_ANALYST', 'STATISTICS', { territory: LOMBARDY }),
  dpo: callerAs('DATA_PROTECTION_OFFICER', 'SUPERVISION'),
  admin: callerAs('PLATFORM_ADMIN', 'ADMINISTRATION'),
  socialDesk: callerAs('SOCIAL_DESK_OPERATOR', 'REFERRAL', { territory: ['015'] }),
};

/** A citizen acting for themselves. */
export function citizen(fiscalCode: string) {
  return callerAs('CITIZEN', 'SELF_SERVICE', { subject: fiscalCode });
}

export type PersonKey = 'milan' | 'milanNoDid' | 'commuter' | 'cremona' | 'bergamo';

/** The scope fixture: five people and who can see them. */
export interface ScopeFixture {
  people: Record<PersonKey, Worker>;
  dids: { milan: string; commuterDesk: string; commuterBergamo: string; cremona: string };
}

const at = (municipality: string) => ({ domicileMunicipality: municipality, domicileProvince: municipality.slice(0, 3) });

/**
 * Five synthetic people:
 * - milan: domiciled in Milan, VALIDATED DID at the Milan job centre, education, a course from a
 *   Cassa Edile and one from a job centre, employed by the construction firm;
 * - milanNoDid: domiciled in Milan, nothing else;
 * - commuter: domiciled in Bergamo, an old CANCELLED DID at Bergamo and an INSERTED one at a
 *   Milan job-centre desk, employed by the retail employer;
 * - cremona: domiciled in Cremona, INSERTED DID at Cremona, employed by the retail employer;
 * - bergamo: domiciled in Bergamo, no DID, formerly employed by the construction firm.
 */
export async function arrangeScopes(em: EntityManager): Promise<ScopeFixture> {
  await addDirectory(em);
  const people = {
    milan: em.create(Worker, person(100, at('015146')) as Worker),
    milanNoDid: em.create(Worker, person(101, at('015146')) as Worker),
    commuter: em.create(Worker, person(102, at('016024')) as Worker),
    cremona: em.create(Worker, person(103, at('019036')) as Worker),
    bergamo: em.create(Worker, person(104, at('016024')) as Worker),
  };
  const did = (worker: Worker, jobCentre: string, status: DidStatus, declaredOn: string, statusDate = declaredOn) => {
    const declaration = em.create(AvailabilityDeclaration, { worker, declaredOn, channel: DidChannel.JOB_CENTRE, status, statusDate, jobCentre });
    // Recorded a minute apart: the history is ordered by recording time (ties would fall to the random id).
    em.create(AvailabilityStatusChange, { declaration, toStatus: DidStatus.INSERTED, effectiveOn: declaredOn, recordedBy: 'OPERATOR-TEST-9', recordedAt: new Date(Date.now() - 60_000) });
    if (status !== DidStatus.INSERTED) {
      em.create(AvailabilityStatusChange, { declaration, fromStatus: DidStatus.INSERTED, toStatus: status, effectiveOn: statusDate, recordedBy: 'OPERATOR-TEST-9' });
    }
    return declaration.id;
  };
  const dids = {
    milan: did(people.milan, DIRECTORY.milanJobCentre.code, DidStatus.VALIDATED, '2025-01-10', '2025-02-01'),
    commuterBergamo: did(people.commuter, DIRECTORY.bergamoJobCentre.code, DidStatus.CANCELLED, '2023-03-01', '2023-03-05'),
    commuterDesk: did(people.commuter, DIRECTORY.milanDesk.code, DidStatus.INSERTED, '2025-03-01'),
    cremona: did(people.cremona, DIRECTORY.cremonaJobCentre.code, DidStatus.INSERTED, '2025-02-01'),
  };
  em.create(Education, { worker: people.milan, level: EducationLevel.UPPER_SECONDARY, title: 'Diploma' });
  em.create(DeclaredExperience, { worker: people.milan, employerName: 'Impresa di prova', jobTitle: 'Muratore', startDate: '2020-01-01' });
  em.create(TrainingCourse, { worker: people.milan, title: 'Sicurezza cantieri', provider: 'Scuola edile', hours: 16, completedOn: '2024-05-01', source: TrainingSource.CASSA_EDILE, externalId: 'CE-1' });
  em.create(TrainingCourse, { worker: people.milan, title: 'Informatica di base', provider: 'Ente regionale', hours: 40, completedOn: '2024-09-01', source: TrainingSource.JOB_CENTRE });
  const link = (worker: Worker, employerFiscalCode: string, construction: boolean, startDate: string, endDate: string | null = null) =>
    em.create(EmploymentLink, { worker, employerFiscalCode, construction, startDate, endDate });
  link(people.milan, EMPLOYERS.builder, true, '2024-01-15');
  link(people.commuter, EMPLOYERS.retail, false, '2024-06-01', '2024-12-31');
  link(people.cremona, EMPLOYERS.retail, false, '2025-04-01');
  link(people.bergamo, EMPLOYERS.builder, true, '2019-03-01', '2021-03-01');
  await em.flush();
  return { people, dids };
}

/** A valid fiscal code no fixture person has. */
export const UNKNOWN_FISCAL_CODE = person(199).fiscalCode;
/** A well-formed id no row has. */
export const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';
