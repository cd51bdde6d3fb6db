import { type EntityData, type EntityManager } from '@mikro-orm/core';
import { type Dataset, type DatasetNotice } from '../../scripts/seed/dataset.types';
import { derivedEmployerColumns, Employer, provinceOf, WorkSite } from './employer/employer.entity';
import { MandatoryNotice } from './mandatory-notice/mandatory-notice.entity';
import { MandatoryNoticeState, MandatoryNoticeType, type ResidencePermitType, type WorkingTime } from './mandatory-notice/notice.codes';
import { lateness, noticeDeadline } from './mandatory-notice/notice.deadline';
import { EmploymentRelationship } from './relationship/employment-relationship.entity';
import { applyNotice, type RelationshipState } from './relationship/relationship.derivation';
import { insertChunked } from '../lib/orm';
import { seedCassaEdileDemo } from './cassa-edile/seed';

/**
 * A relationship's notices in the order they took effect: the hire first, then by event
 * date, then by filing time. Not by filing time alone: a late hire may be filed after a
 * later event of the same relationship.
 */
function chronological(a: DatasetNotice, b: DatasetNotice): number {
  const hireFirst = Number(b.type === 'HIRE') - Number(a.type === 'HIRE');
  if (hireFirst !== 0) return hireFirst;
  if (a.eventDate !== b.eventDate) return a.eventDate < b.eventDate ? -1 : 1;
  return Date.parse(a.filedAt) - Date.parse(b.filedAt);
}

/**
 * Stores the companies part of the demo data set: employers, their work sites and the
 * notices, and derives each relationship from its notices with {@link applyNotice} (the
 * rule the service applies one notice at a time), in memory and then in bulk. Deadlines
 * and lateness are computed as at filing. The data set's notices are consistent (a hire
 * per relationship, then extensions, transformations, terminations), so they are not
 * validated again. Milan's Cassa Edile gets registrations and returns of a few firms (see
 * seedCassaEdileDemo).
 */
export async function seedCompanies(em: EntityManager, data: Dataset): Promise<void> {
  const employers: EntityData<Employer>[] = data.employers.map((e) => ({
    fiscalCode: e.fiscalCode,
    name: e.name,
    atecoCode: e.ateco,
    publicAdministration: e.publicAdministration,
    legalSeatMunicipality: e.legalSeatMunicipality,
    legalSeatAddress: e.legalSeatAddress,
    ccnl: e.ccnl,
    cassaEdileCode: e.cassaEdileCode,
    createdAt: new Date(),
    ...derivedEmployerColumns(e.ateco, e.legalSeatMunicipality, e.ccnl),
  }));
  const sites: EntityData<WorkSite>[] = data.employers.flatMap((e) =>
    e.sites.map((s) => ({ id: s.id, employer: e.fiscalCode, municipality: s.municipality, province: provinceOf(s.municipality), address: s.address })),
  );

  const citizenshipOf = new Map(data.workers.map((w) => [w.id, w.citizenship]));
  // The UniLav notice carries the worker's domicile (it is how the notice reaches the competent job centre).
  const domicileOf = new Map(data.workers.map((w) => [w.id, w.domicileMunicipality]));
  const byRelationship = new Map<string, DatasetNotice[]>();
  for (const notice of data.notices) {
    const list = byRelationship.get(notice.relationshipId) ?? [];
    list.push(notice);
    byRelationship.set(notice.relationshipId, list);
  }

  const relationships: EntityData<EmploymentRelationship>[] = [];
  const notices: EntityData<MandatoryNotice>[] = [];
  for (const [relationshipId, list] of byRelationship) {
    list.sort(chronological);
    let state: RelationshipState | null = null;
    for (const [index, n] of list.entries()) {
      const type = n.type as MandatoryNoticeType;
      const workingTime = n.workingTime as WorkingTime;
      state = applyNotice(state, {
        type,
        contractType: n.contractType,
        workingTime,
        weeklyHours: n.weeklyHours,
        startDate: n.startDate,
        endDate: n.endDate,
        eventDate: n.eventDate,
      });
      const filedAt = new Date(n.filedAt);
      const deadline = noticeDeadline(type, n.startDate, n.eventDate);
      notices.push({
        id: n.id,
        code: n.code,
        type,
        state: MandatoryNoticeState.VALIDATED,
        employer: n.employerFiscalCode,
        relationship: relationshipId,
        sequence: index + 1,
        workSite: n.workSiteId,
        workerFiscalCode: n.workerFiscalCode,
        workerCitizenship: citizenshipOf.get(n.workerId) ?? null,
        workerDomicileMunicipality: domicileOf.get(n.workerId) ?? null,
        contractType: n.contractType,
        startDate: n.startDate,
        endDate: n.endDate,
        eventDate: n.eventDate,
        trainingEndDate: n.trainingEndDate,
        workingTime,
        weeklyHours: n.weeklyHours,
        ccnl: n.ccnl,
        qualification: n.qualification,
        seasonal: n.seasonal,
        transformationCode: n.transformationCode,
        terminationCause: n.terminationCause,
        residencePermitType: n.residencePermitType as ResidencePermitType | null,
        residencePermitExpiry: n.residencePermitExpiry,
        filedAt,
        filedBy: null,
        deadline,
        ...lateness(deadline, filedAt),
      });
    }
    const hire = list[0]!;
    const latest = list[list.length - 1]!;
    relationships.push({
      id: relationshipId,
      employer: hire.employerFiscalCode,
      workerFiscalCode: hire.workerFiscalCode,
      // As the service does: the relationship carries the domicile of its latest notice.
      workerDomicileMunicipality: domicileOf.get(latest.workerId) ?? null,
      version: 1,
      ...state!,
    });
  }

  await em.transactional(async (tx) => {
    await insertChunked(tx, Employer, employers);
    await insertChunked(tx, WorkSite, sites);
    await insertChunked(tx, EmploymentRelationship, relationships);
    await insertChunked(tx, MandatoryNotice, notices);
    await seedCassaEdileDemo(tx, employers, relationships, notices);
  });
}
