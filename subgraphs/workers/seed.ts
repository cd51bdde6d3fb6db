import { type EntityManager } from '@mikro-orm/core';
import { type Dataset, type DatasetNotice } from '../../scripts/seed/dataset.types';
import { isConstructionEmployer } from '../companies/employer/construction';
import { AvailabilityDeclaration, AvailabilityStatusChange, type DidChannel, type DidStatus } from './availability/availability.entity';
import {
  DeclaredExperience,
  Education,
  type EducationLevel,
  TrainingCourse,
  type TrainingSource,
} from './professional-record/professional-record.entity';
import { type Sex, Worker } from './worker/worker.entity';
import { type ContactSource, WorkerContactsRow } from './contacts/worker-contacts.entity';
import { EmploymentLink } from './employment-link/employment-link.entity';
import { ServicePointDirectoryEntry, type ServicePointKind } from '../lib/service-point-directory.entity';
import { insertChunked } from '../lib/orm';

/**
 * The employment links of the data set: one per relationship, from its notices (the
 * hire gives the start; a termination, else the latest planned end, gives the end, as
 * the companies subgraph derives its relationships), with the employer's construction
 * flag as the companies subgraph computes it (ATECO section F or a construction CCNL)
 * and the Cassa Edile it is registered with.
 */
export function employmentLinks(data: Dataset) {
  const construction = new Map(data.employers.map((e) => [e.fiscalCode, isConstructionEmployer(e.ateco, e.ccnl)]));
  const cassaEdile = new Map(data.employers.map((e) => [e.fiscalCode, e.cassaEdileCode]));
  const byRelationship = new Map<string, DatasetNotice[]>();
  for (const notice of data.notices) {
    const list = byRelationship.get(notice.relationshipId) ?? [];
    list.push(notice);
    byRelationship.set(notice.relationshipId, list);
  }
  return [...byRelationship].map(([relationshipId, notices]) => {
    const hire = notices.find((n) => n.type === 'HIRE') ?? notices[0]!;
    const termination = notices.find((n) => n.type === 'TERMINATION');
    const latest = notices.filter((n) => n.type !== 'TERMINATION').sort((a, b) => (a.eventDate < b.eventDate ? -1 : a.eventDate > b.eventDate ? 1 : 0)).at(-1);
    return {
      id: relationshipId,
      worker: hire.workerId,
      employerFiscalCode: hire.employerFiscalCode,
      construction: construction.get(hire.employerFiscalCode) ?? false,
      cassaEdileCode: cassaEdile.get(hire.employerFiscalCode) ?? null,
      startDate: hire.startDate,
      endDate: termination?.eventDate ?? latest?.endDate ?? null,
    };
  });
}

/**
 * Stores the workers' part of the demo data set: the replicated service-point directory,
 * people and their contacts, professional records, DIDs and their history, and the
 * replicated employment links.
 */
export async function seedWorkers(em: EntityManager, data: Dataset): Promise<void> {
  const now = new Date();
  await insertChunked(
    em,
    ServicePointDirectoryEntry,
    data.servicePoints.map((p) => ({ code: p.code, kind: p.kind as ServicePointKind, municipality: p.municipality, province: p.province, neighbourhood: p.neighbourhood ?? null })),
  );
  await insertChunked(
    em,
    Worker,
    data.workers.map((w) => ({
      id: w.id,
      fiscalCode: w.fiscalCode,
      provisionalFiscalCode: w.provisionalFiscalCode,
      firstName: w.firstName,
      lastName: w.lastName,
      sex: w.sex as Sex,
      birthDate: w.birthDate,
      birthPlace: w.birthPlace,
      citizenship: w.citizenship,
      domicileMunicipality: w.domicileMunicipality,
      domicileProvince: w.domicileProvince,
      createdAt: now,
    })),
  );
  await insertChunked(
    em,
    WorkerContactsRow,
    data.workers.flatMap((w) => {
      const c = w.contacts;
      if (!c) return [];
      const point = (p: typeof c.phone) => [p?.value ?? null, (p?.source as ContactSource | undefined) ?? null, p ? new Date(p.updatedAt) : null] as const;
      const [phone, phoneSource, phoneUpdatedAt] = point(c.phone);
      const [mobilePhone, mobilePhoneSource, mobilePhoneUpdatedAt] = point(c.mobilePhone);
      const [email, emailSource, emailUpdatedAt] = point(c.email);
      const [pec, pecSource, pecUpdatedAt] = point(c.pec);
      return [{
        worker: w.id,
        phone, phoneSource, phoneUpdatedAt,
        mobilePhone, mobilePhoneSource, mobilePhoneUpdatedAt,
        email, emailSource, emailUpdatedAt,
        pec, pecSource, pecUpdatedAt,
        street: c.address?.street ?? null,
        streetNumber: c.address?.streetNumber ?? null,
        postcode: c.address?.postcode ?? null,
        addressSource: (c.address?.source as ContactSource | undefined) ?? null,
        addressUpdatedAt: c.address ? new Date(c.address.updatedAt) : null,
        createdAt: now,
      }];
    }),
  );
  await insertChunked(
    em,
    Education,
    data.workers.flatMap((w) =>
      w.education.map((e, j) => ({ id: derivedId(w.id, 'e', j), worker: w.id, level: e.level as EducationLevel, title: e.title, year: e.year })),
    ),
  );
  await insertChunked(
    em,
    DeclaredExperience,
    data.workers.flatMap((w) =>
      w.declaredExperience.map((x, j) => ({
        id: derivedId(w.id, 'x', j),
        worker: w.id,
        employerName: x.employerName,
        employerFiscalCode: x.employerFiscalCode,
        jobTitle: x.jobTitle,
        startDate: x.startDate,
        endDate: x.endDate,
      })),
    ),
  );
  await insertChunked(
    em,
    TrainingCourse,
    data.workers.flatMap((w) =>
      w.training.map((t, j) => ({
        id: derivedId(w.id, 't', j),
        worker: w.id,
        title: t.title,
        provider: t.provider,
        hours: t.hours,
        completedOn: t.completedOn,
        source: t.source as TrainingSource,
        externalId: t.externalId,
      })),
    ),
  );
  await insertChunked(
    em,
    AvailabilityDeclaration,
    data.dids.map((d) => ({
      id: d.id,
      worker: d.workerId,
      declaredOn: d.declaredOn,
      channel: d.channel as DidChannel,
      status: d.status as DidStatus,
      statusDate: d.statusDate,
      jobCentre: d.jobCentreCode,
      nationalId: null,
    })),
  );
  await insertChunked(
    em,
    AvailabilityStatusChange,
    data.dids.flatMap((d) =>
      d.history.map((h, j) => ({
        id: derivedId(d.id, 'h', j),
        declaration: d.id,
        fromStatus: h.fromStatus as DidStatus | null,
        toStatus: h.toStatus as DidStatus,
        effectiveOn: h.effectiveOn,
        reason: h.reason,
        recordedBy: null,
        recordedAt: new Date(`${h.effectiveOn}T09:00:00Z`),
      })),
    ),
  );
  await insertChunked(em, EmploymentLink, employmentLinks(data));
}

/**
 * A stable UUID for a child row, derived from its parent's id and position, so that
 * seeding the same data set twice gives the same ids.
 */
const CHILD_KIND = { e: 1, x: 2, t: 3, h: 4 } as const;

function derivedId(parent: string, kind: keyof typeof CHILD_KIND, position: number): string {
  const tail = (CHILD_KIND[kind] * 0x1_0000_0000 + position).toString(16).padStart(12, '0');
  return `${parent.slice(0, 24)}${tail}`;
}
