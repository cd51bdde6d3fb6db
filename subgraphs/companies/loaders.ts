import { type EntityManager, type FilterQuery, type FindOptions } from '@mikro-orm/core';
import { createChildPageLoader } from '../lib/connection-loader';
import { today } from '../lib/dates';
import { groupLoader, rowLoader } from '../lib/loaders';
import { type RowScope } from '../lib/policy/scope';
import { uuidsOnly } from '../lib/validation';
import { CassaEdileAnomaly, CassaEdileAnomalyChange } from './cassa-edile/anomaly.entity';
import { MonthlyReturnLine } from './cassa-edile/monthly-return.entity';
import { Employer, WorkSite } from './employer/employer.entity';
import { MandatoryNotice } from './mandatory-notice/mandatory-notice.entity';
import { EmploymentRelationship, EmploymentStatus } from './relationship/employment-relationship.entity';
import { NO_ROWS } from './scopes';

/**
 * The DataLoaders of one request, bound to its entity manager. Every loader of rows adds
 * the caller's row scope (`rows`) to its query, so a row outside the scope is never read
 * and loads exactly like a missing one (null, or absent from a list).
 */
export function createLoaders(em: EntityManager, rows: RowScope) {
  /** `em.find` narrowed to the caller's rows of `type`; no query at all when the caller sees none. */
  const scoped = async <T extends object>(type: string, entity: new () => T, where: FilterQuery<T>, options: FindOptions<T> = {}): Promise<T[]> => {
    const restricted = rows.restrict<T>(type, where);
    return restricted === null ? [] : ((await em.find(entity, restricted, options)) as T[]);
  };

  return {
    employerByFiscalCode: rowLoader<string, Employer>(
      (codes) => scoped('Employer', Employer, { fiscalCode: { $in: [...codes] } }),
      (e) => e.fiscalCode,
    ),
    workSiteById: rowLoader<string, WorkSite>((ids) => scoped('WorkSite', WorkSite, { id: { $in: uuidsOnly(ids) } }), (s) => s.id),
    workSitesByEmployer: groupLoader<string, WorkSite>(
      (codes) => scoped('WorkSite', WorkSite, { employer: { $in: [...codes] } }, { orderBy: { municipality: 'asc', id: 'asc' } }),
      (s) => s.employer.fiscalCode,
    ),
    noticeById: rowLoader<string, MandatoryNotice>(
      (ids) => scoped('MandatoryNotice', MandatoryNotice, { id: { $in: uuidsOnly(ids) } }),
      (n) => n.id,
    ),
    noticeByCode: rowLoader<string, MandatoryNotice>(
      (codes) => scoped('MandatoryNotice', MandatoryNotice, { code: { $in: [...codes] } }),
      (n) => n.code,
    ),
    noticesByRelationship: groupLoader<string, MandatoryNotice>(
      (ids) => scoped('MandatoryNotice', MandatoryNotice, { relationship: { $in: uuidsOnly(ids) } }, { orderBy: { sequence: 'asc' } }),
      (n) => n.relationship.id,
    ),
    noticesByWorker: groupLoader<string, MandatoryNotice>(
      (codes) =>
        scoped('MandatoryNotice', MandatoryNotice, { workerFiscalCode: { $in: [...codes] } }, { orderBy: { eventDate: 'asc', sequence: 'asc', id: 'asc' } }),
      (n) => n.workerFiscalCode,
    ),
    /** Employer.mandatoryNotices: newest filing first; the scope narrows pages and totalCount alike. */
    noticePages: createChildPageLoader(em, {
      entity: MandatoryNotice,
      parent: 'employer',
      orderBy: [
        { property: 'filedAt', direction: 'desc' },
        { property: 'id', direction: 'desc' },
      ],
      filter: () => (rows.filter<MandatoryNotice>('MandatoryNotice') ?? NO_ROWS) as FilterQuery<MandatoryNotice>,
    }),
    relationshipById: rowLoader<string, EmploymentRelationship>(
      (ids) => scoped('EmploymentRelationship', EmploymentRelationship, { id: { $in: uuidsOnly(ids) } }),
      (r) => r.id,
    ),
    relationshipsByWorker: groupLoader<string, EmploymentRelationship>(
      (codes) =>
        scoped('EmploymentRelationship', EmploymentRelationship, { workerFiscalCode: { $in: [...codes] } }, { orderBy: { startDate: 'asc', id: 'asc' } }),
      (r) => r.workerFiscalCode,
    ),
    relationshipsByEmployer: groupLoader<string, EmploymentRelationship>(
      (codes) => scoped('EmploymentRelationship', EmploymentRelationship, { employer: { $in: [...codes] } }, { orderBy: { startDate: 'asc', id: 'asc' } }),
      (r) => r.employer.fiscalCode,
    ),
    /** Relationships that read ACTIVE today: active by their notices and not past their planned end. */
    activeRelationshipsByEmployer: groupLoader<string, EmploymentRelationship>(
      (codes) =>
        scoped(
          'EmploymentRelationship',
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
    anomalyById: rowLoader<string, CassaEdileAnomaly>(
      (ids) => scoped('CassaEdileAnomaly', CassaEdileAnomaly, { id: { $in: uuidsOnly(ids) } }),
      (a) => a.id,
    ),
    /** History of anomalies already loaded under their scope (the history is not a row type of its own). */
    anomalyHistory: groupLoader<string, CassaEdileAnomalyChange>(
      async (ids) => em.find(CassaEdileAnomalyChange, { anomaly: { $in: uuidsOnly(ids) } }, { orderBy: { position: 'asc', changedAt: 'asc' } }),
      (c) => c.anomaly.id,
    ),
    /** Lines of returns already loaded under their scope. */
    returnLines: groupLoader<string, MonthlyReturnLine>(
      async (ids) => em.find(MonthlyReturnLine, { monthlyReturn: { $in: uuidsOnly(ids) } }, { orderBy: { workerFiscalCode: 'asc' } }),
      (l) => l.monthlyReturn.id,
    ),
  };
}

export type CompaniesLoaders = ReturnType<typeof createLoaders>;
