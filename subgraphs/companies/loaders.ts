import { type EntityManager } from '@mikro-orm/core';
import { createChildPageLoader } from '../lib/connection-loader';
import { uuidsOnly } from '../lib/validation';
import { groupLoader, rowLoader } from '../lib/loaders';
import { Employer, WorkSite } from './employer/employer.entity';
import { MandatoryNotice } from './mandatory-notice/mandatory-notice.entity';
import { today } from '../lib/dates';
import { EmploymentRelationship, EmploymentStatus } from './relationship/employment-relationship.entity';




/** The DataLoaders of one request, bound to its entity manager. */
export function createLoaders(em: EntityManager) {
  return {
    employerByFiscalCode: rowLoader<string, Employer>(
      (codes) => em.find(Employer, { fiscalCode: { $in: [...codes] } }),
      (e) => e.fiscalCode,
    ),
    workSiteById: rowLoader<string, WorkSite>((ids) => em.find(WorkSite, { id: { $in: uuidsOnly(ids) } }), (s) => s.id),
    workSitesByEmployer: groupLoader<string, WorkSite>(
      (codes) => em.find(WorkSite, { employer: { $in: [...codes] } }, { orderBy: { municipality: 'asc', id: 'asc' } }),
      (s) => s.employer.fiscalCode,
    ),
    noticeById: rowLoader<string, MandatoryNotice>((ids) => em.find(MandatoryNotice, { id: { $in: uuidsOnly(ids) } }), (n) => n.id),
    noticeByCode: rowLoader<string, MandatoryNotice>((codes) => em.find(MandatoryNotice, { code: { $in: [...codes] } }), (n) => n.code),
    noticesByRelationship: groupLoader<string, MandatoryNotice>(
      (ids) => em.find(MandatoryNotice, { relationship: { $in: uuidsOnly(ids) } }, { orderBy: { sequence: 'asc' } }),
      (n) => n.relationship.id,
    ),
    noticesByWorker: groupLoader<string, MandatoryNotice>(
      (codes) =>
        em.find(MandatoryNotice, { workerFiscalCode: { $in: [...codes] } }, { orderBy: { eventDate: 'asc', sequence: 'asc', id: 'asc' } }),
      (n) => n.workerFiscalCode,
    ),
    /** Employer.mandatoryNotices: newest filing first. */
    noticePages: createChildPageLoader(em, {
      entity: MandatoryNotice,
      parent: 'employer',
      orderBy: [
        { property: 'filedAt', direction: 'desc' },
        { property: 'id', direction: 'desc' },
      ],
    }),
    relationshipById: rowLoader<string, EmploymentRelationship>(
      (ids) => em.find(EmploymentRelationship, { id: { $in: uuidsOnly(ids) } }),
      (r) => r.id,
    ),
    relationshipsByWorker: groupLoader<string, EmploymentRelationship>(
      (codes) => em.find(EmploymentRelationship, { workerFiscalCode: { $in: [...codes] } }, { orderBy: { startDate: 'asc', id: 'asc' } }),
      (r) => r.workerFiscalCode,
    ),
    relationshipsByEmployer: groupLoader<string, EmploymentRelationship>(
      (codes) => em.find(EmploymentRelationship, { employer: { $in: [...codes] } }, { orderBy: { startDate: 'asc', id: 'asc' } }),
      (r) => r.employer.fiscalCode,
    ),
    /** Relationships that read ACTIVE today: active by their notices and not past their planned end. */
    activeRelationshipsByEmployer: groupLoader<string, EmploymentRelationship>(
      (codes) =>
        em.find(
          EmploymentRelationship,
          {
            employer: { $in: [...codes] },
            recordedStatus: EmploymentStatus.ACTIVE,
            $or: [{ plannedEndDate: null }, { plannedEndDate: { $gte: today() } }],
          },
          { orderBy: { startDate: 'asc', id: 'asc' } },
        ),
      (r) => r.employer.fiscalCode,
    ),
  };
}

export type CompaniesLoaders = ReturnType<typeof createLoaders>;
