/**
 * What the data set says a released field holds: value mappers (leaf fields, compared with
 * the answer) and relations (entity-valued fields: which rows of the data set they lead
 * to, so that a released list or reference can be checked against the row scope). A field
 * without a mapper is still checked for release or refusal; only its value is not compared.
 */
import {
  type DatasetDid,
  type DatasetEmployer,
  type DatasetHousehold,
  type DatasetInclusionPact,
  type DatasetNotice,
  type DatasetReferral,
  type DatasetServicePact,
  type DatasetServicePoint,
  type DatasetWorker,
} from '../../../scripts/seed/dataset.types';
import { type World, type WorldRecord, type WorldRelationship, type WorldWorkSite } from './world';

/** A mapper's answer when the data set cannot say (the value is computed by the service, e.g. from today's date). */
export const SKIP = Symbol('skip');

export interface MapperInput {
  record: WorldRecord;
  world: World;
  /** Position in a list of value objects (a history entry), when the parent field is a list. */
  index?: number;
  /** The answer's object that holds the field (to find its data-set entry by another of its fields). */
  parent?: Record<string, unknown>;
}

type Leaf = (input: MapperInput) => unknown;

/** The CO working-time codes of the data set and the API's enum names for them. */
const WORKING_TIME: Record<string, string> = { F: 'FULL_TIME', P: 'HORIZONTAL_PART_TIME', V: 'VERTICAL_PART_TIME', M: 'MIXED_PART_TIME', N: 'NOT_DEFINED' };

const direct =
  <R>(get: (r: R) => unknown): Leaf =>
  ({ record }) =>
    get(record as unknown as R);

/** The worker's recorded contact whose value the answer shows (the answer's ContactPoint does not say which kind it is). */
function contactPoint(record: WorldRecord, parent: Record<string, unknown> | undefined) {
  const c = (record as DatasetWorker).contacts;
  return [c?.phone, c?.mobilePhone, c?.email, c?.pec].find((p) => p && p.value === parent?.value) ?? undefined;
}

function course(record: WorldRecord, parent: Record<string, unknown> | undefined) {
  const found = (record as DatasetWorker).training.filter((t) => t.title === parent?.title && (parent?.completedOn === undefined || t.completedOn === parent.completedOn));
  return found.length === 1 ? found[0] : undefined;
}

/** Values of leaf fields, by `Type.field`, read from the data-set row of the object. */
export const LEAF: Record<string, Leaf> = {
  // Worker (workers subgraph)
  'Worker.id': direct<DatasetWorker>((w) => w.id),
  'Worker.fiscalCode': direct<DatasetWorker>((w) => w.fiscalCode),
  'Worker.provisionalFiscalCode': direct<DatasetWorker>((w) => w.provisionalFiscalCode),
  'Worker.firstName': direct<DatasetWorker>((w) => w.firstName),
  'Worker.lastName': direct<DatasetWorker>((w) => w.lastName),
  'Worker.sex': direct<DatasetWorker>((w) => w.sex),
  'Worker.birthDate': direct<DatasetWorker>((w) => w.birthDate),
  'Worker.birthPlace': direct<DatasetWorker>((w) => w.birthPlace),
  'Worker.citizenship': direct<DatasetWorker>((w) => w.citizenship),
  'Worker.domicileMunicipality': direct<DatasetWorker>((w) => w.domicileMunicipality),
  'Worker.domicileProvince': direct<DatasetWorker>((w) => w.domicileProvince),
  // Professional record: the person's lists, in the data set's order
  'Education.level': ({ record, index }) => (record as DatasetWorker).education[index!]?.level ?? SKIP,
  'Education.title': ({ record, index }) => (record as DatasetWorker).education[index!]?.title ?? SKIP,
  'DeclaredExperience.employerName': ({ record, index }) => (record as DatasetWorker).declaredExperience[index!]?.employerName ?? SKIP,
  'DeclaredExperience.jobTitle': ({ record, index }) => (record as DatasetWorker).declaredExperience[index!]?.jobTitle ?? SKIP,
  // Courses may be a selection of the person's (a Cassa Edile sees those it supplied): found by their title.
  'TrainingCourse.hours': ({ record, parent }) => course(record, parent)?.hours ?? SKIP,
  'TrainingCourse.source': ({ record, parent }) => course(record, parent)?.source ?? SKIP,
  'TrainingCourse.provider': ({ record, parent }) => course(record, parent)?.provider ?? SKIP,
  // DID
  'AvailabilityDeclaration.id': direct<DatasetDid>((d) => d.id),
  'AvailabilityDeclaration.declaredOn': direct<DatasetDid>((d) => d.declaredOn),
  'AvailabilityDeclaration.channel': direct<DatasetDid>((d) => d.channel),
  'AvailabilityDeclaration.status': direct<DatasetDid>((d) => d.status),
  'AvailabilityDeclaration.statusDate': direct<DatasetDid>((d) => d.statusDate),
  'AvailabilityStatusChange.toStatus': ({ record, index }) => (record as DatasetDid).history[index!]?.toStatus ?? SKIP,
  'AvailabilityStatusChange.effectiveOn': ({ record, index }) => (record as DatasetDid).history[index!]?.effectiveOn ?? SKIP,
  // PersonStatus: the person's fiscal code (the status values are computed as of today)
  'PersonStatus.fiscalCode': direct<DatasetWorker>((w) => w.fiscalCode),
  // Contacts (reached through their Worker): a value must be one of the person's own.
  'ContactPoint.value': ({ record, parent }) => contactPoint(record, parent)?.value ?? 'a contact of this person',
  'ContactPoint.source': ({ record, parent }) => contactPoint(record, parent)?.source ?? SKIP,
  'ContactPoint.updatedAt': ({ record, parent }) => contactPoint(record, parent)?.updatedAt ?? SKIP,
  'DomicileAddress.street': direct<DatasetWorker>((w) => w.contacts?.address?.street ?? SKIP),
  'DomicileAddress.streetNumber': direct<DatasetWorker>((w) => w.contacts?.address?.streetNumber ?? SKIP),
  'DomicileAddress.postcode': direct<DatasetWorker>((w) => w.contacts?.address?.postcode ?? SKIP),
  'DomicileAddress.municipality': direct<DatasetWorker>((w) => w.domicileMunicipality),
  'DomicileAddress.source': direct<DatasetWorker>((w) => w.contacts?.address?.source ?? SKIP),
  // Employer and its legal seat
  'Employer.fiscalCode': direct<DatasetEmployer>((e) => e.fiscalCode),
  'Employer.name': direct<DatasetEmployer>((e) => e.name),
  'Employer.atecoCode': direct<DatasetEmployer>((e) => e.ateco),
  'Employer.publicAdministration': direct<DatasetEmployer>((e) => e.publicAdministration),
  'Employer.ccnl': direct<DatasetEmployer>((e) => e.ccnl),
  'Employer.cassaEdileCode': direct<DatasetEmployer>((e) => e.cassaEdileCode),
  'LegalSeat.municipality': direct<DatasetEmployer>((e) => e.legalSeatMunicipality),
  'LegalSeat.province': direct<DatasetEmployer>((e) => e.legalSeatMunicipality.slice(0, 3)),
  'LegalSeat.address': direct<DatasetEmployer>((e) => e.legalSeatAddress),
  // Work site
  'WorkSite.id': direct<WorldWorkSite>((s) => s.id),
  'WorkSite.municipality': direct<WorldWorkSite>((s) => s.municipality),
  'WorkSite.province': direct<WorldWorkSite>((s) => s.municipality.slice(0, 3)),
  'WorkSite.address': direct<WorldWorkSite>((s) => s.address),
  // Relationship: what its hire fixed
  'EmploymentRelationship.id': direct<WorldRelationship>((r) => r.id),
  'EmploymentRelationship.startDate': direct<WorldRelationship>((r) => r.notices[0]!.startDate),
  'EmploymentRelationship.workerDomicileMunicipality': ({ record, world }) => world.ix.workerByFc.get((record as WorldRelationship).workerFiscalCode)!.domicileMunicipality,
  // Mandatory notice
  'MandatoryNotice.id': direct<DatasetNotice>((n) => n.id),
  'MandatoryNotice.code': direct<DatasetNotice>((n) => n.code),
  'MandatoryNotice.type': direct<DatasetNotice>((n) => n.type),
  'MandatoryNotice.contractType': direct<DatasetNotice>((n) => n.contractType),
  'MandatoryNotice.startDate': direct<DatasetNotice>((n) => n.startDate),
  'MandatoryNotice.endDate': direct<DatasetNotice>((n) => n.endDate),
  'MandatoryNotice.eventDate': direct<DatasetNotice>((n) => n.eventDate),
  'MandatoryNotice.trainingEndDate': direct<DatasetNotice>((n) => n.trainingEndDate),
  'MandatoryNotice.workingTime': direct<DatasetNotice>((n) => WORKING_TIME[n.workingTime] ?? n.workingTime),
  'MandatoryNotice.weeklyHours': direct<DatasetNotice>((n) => n.weeklyHours),
  'MandatoryNotice.ccnl': direct<DatasetNotice>((n) => n.ccnl),
  'MandatoryNotice.qualification': direct<DatasetNotice>((n) => n.qualification),
  'MandatoryNotice.seasonal': direct<DatasetNotice>((n) => n.seasonal),
  'MandatoryNotice.transformationCode': direct<DatasetNotice>((n) => n.transformationCode),
  'MandatoryNotice.terminationCause': direct<DatasetNotice>((n) => n.terminationCause),
  'MandatoryNotice.residencePermitExpiry': direct<DatasetNotice>((n) => n.residencePermitExpiry),
  'MandatoryNotice.filedAt': direct<DatasetNotice>((n) => n.filedAt),
  'MandatoryNotice.workerDomicileMunicipality': ({ record, world }) => world.ix.workerById.get((record as DatasetNotice).workerId)!.domicileMunicipality,
  'MandatoryNotice.workerCitizenship': ({ record, world }) => world.ix.workerById.get((record as DatasetNotice).workerId)!.citizenship,
  // Service pact
  'ServicePact.id': direct<DatasetServicePact>((p) => p.id),
  'ServicePact.fiscalCode': direct<DatasetServicePact>((p) => p.fiscalCode),
  'ServicePact.programme': direct<DatasetServicePact>((p) => p.programme),
  'ServicePact.golPathway': direct<DatasetServicePact>((p) => p.golPathway),
  'ServicePact.state': direct<DatasetServicePact>((p) => p.state),
  'ServicePact.proposedOn': direct<DatasetServicePact>((p) => p.proposedOn),
  'ServicePact.signedOn': direct<DatasetServicePact>((p) => p.signedOn),
  'ServicePact.endedOn': direct<DatasetServicePact>((p) => p.endedOn),
  'ServicePact.stateDate': direct<DatasetServicePact>((p) => p.stateDate),
  // Inclusion pact and household
  'SocialInclusionPact.id': direct<DatasetInclusionPact>((p) => p.id),
  'SocialInclusionPact.municipality': direct<DatasetInclusionPact>((p) => p.municipality),
  'SocialInclusionPact.state': direct<DatasetInclusionPact>((p) => p.state),
  'SocialInclusionPact.padSignedOn': direct<DatasetInclusionPact>((p) => p.padSignedOn),
  'SocialInclusionPact.signedOn': direct<DatasetInclusionPact>((p) => p.signedOn),
  'SocialInclusionPact.stateDate': direct<DatasetInclusionPact>((p) => p.stateDate),
  'Household.id': direct<DatasetHousehold>((h) => h.id),
  'Household.municipality': direct<DatasetHousehold>((h) => h.municipality),
  // Referral
  'Referral.id': direct<DatasetReferral>((r) => r.id),
  'Referral.workerFiscalCode': direct<DatasetReferral>((r) => r.fiscalCode),
  'Referral.reason': direct<DatasetReferral>((r) => r.reason),
  'Referral.motivation': direct<DatasetReferral>((r) => r.motivation),
  'Referral.legalBasis': direct<DatasetReferral>((r) => r.legalBasis),
  'Referral.state': direct<DatasetReferral>((r) => r.state),
  'Referral.createdAt': direct<DatasetReferral>((r) => r.createdAt),
  'ReferralEvent.toState': ({ record, index }) => (record as DatasetReferral).history[index!]?.toState ?? SKIP,
  'ReferralEvent.fromState': ({ record, index }) => (record as DatasetReferral).history[index!]?.fromState ?? SKIP,
  // Service point (public directory)
  'ServicePoint.code': direct<DatasetServicePoint>((s) => s.code),
  'ServicePoint.kind': direct<DatasetServicePoint>((s) => s.kind),
  'ServicePoint.name': direct<DatasetServicePoint>((s) => s.name),
  'ServicePoint.municipality': direct<DatasetServicePoint>((s) => s.municipality),
  'ServicePoint.province': direct<DatasetServicePoint>((s) => s.province),
  'ServicePoint.address': direct<DatasetServicePoint>((s) => s.address),
  'ServicePoint.manager': direct<DatasetServicePoint>((s) => s.manager),
  'ServicePoint.publicHousingNeighbourhood': direct<DatasetServicePoint>((s) => s.publicHousingNeighbourhood),
  'ServicePoint.neighbourhood': direct<DatasetServicePoint>((s) => s.neighbourhood ?? null),
};

/** An entity-valued field: the data-set rows it leads to (before the caller's row scope), and their GraphQL type. */
export interface Relation {
  type: string;
  rows: (record: WorldRecord, world: World) => WorldRecord | WorldRecord[] | null;
}

const one =
  <R>(type: string, get: (r: R, w: World) => WorldRecord | null | undefined): Relation => ({
    type,
    rows: (record, world) => get(record as unknown as R, world) ?? null,
  });
const many =
  <R>(type: string, get: (r: R, w: World) => WorldRecord[]): Relation => ({
    type,
    rows: (record, world) => get(record as unknown as R, world),
  });

export const RELATIONS: Record<string, Relation> = {
  'Worker.availabilityDeclarations': many<DatasetWorker>('AvailabilityDeclaration', (w, x) => x.ix.didsOf.get(w.id) ?? []),
  'Worker.employments': many<DatasetWorker>('EmploymentRelationship', (w, x) => [...x.ix.relationshipById.values()].filter((r) => r.workerId === w.id)),
  'Worker.mandatoryNotices': many<DatasetWorker>('MandatoryNotice', (w, x) => x.ix.noticesOfWorker.get(w.id) ?? []),
  'Worker.servicePacts': many<DatasetWorker>('ServicePact', (w, x) => x.ix.pactsOf.get(w.id) ?? []),
  'Worker.referrals': many<DatasetWorker>('Referral', (w, x) => x.ix.referralsOf.get(w.id) ?? []),
  'Worker.household': one<DatasetWorker>('Household', (w, x) => x.ix.householdOf.get(w.id)),
  'AvailabilityDeclaration.worker': one<DatasetDid>('Worker', (d, x) => x.ix.workerById.get(d.workerId)),
  'AvailabilityDeclaration.jobCentre': one<DatasetDid>('ServicePoint', (d, x) => x.ix.pointByCode.get(d.jobCentreCode)),
  'Employer.workSites': many<DatasetEmployer>('WorkSite', (e, x) => e.sites.map((s) => x.ix.siteById.get(s.id)!)),
  'WorkSite.employer': one<WorldWorkSite>('Employer', (s, x) => x.ix.employerByFc.get(s.employerFiscalCode)),
  'EmploymentRelationship.employer': one<WorldRelationship>('Employer', (r, x) => x.ix.employerByFc.get(r.employerFiscalCode)),
  'EmploymentRelationship.worker': one<WorldRelationship>('Worker', (r, x) => x.ix.workerById.get(r.workerId)),
  'EmploymentRelationship.notices': many<WorldRelationship>('MandatoryNotice', (r) => r.notices),
  'MandatoryNotice.employer': one<DatasetNotice>('Employer', (n, x) => x.ix.employerByFc.get(n.employerFiscalCode)),
  'MandatoryNotice.worker': one<DatasetNotice>('Worker', (n, x) => x.ix.workerById.get(n.workerId)),
  'MandatoryNotice.relationship': one<DatasetNotice>('EmploymentRelationship', (n, x) => x.ix.relationshipById.get(n.relationshipId)),
  'MandatoryNotice.workSite': one<DatasetNotice>('WorkSite', (n, x) => (n.workSiteId ? x.ix.siteById.get(n.workSiteId) : null)),
  'ServicePact.worker': one<DatasetServicePact>('Worker', (p, x) => x.ix.workerById.get(p.workerId)),
  'ServicePact.jobCentre': one<DatasetServicePact>('ServicePoint', (p, x) => x.ix.pointByCode.get(p.jobCentreCode)),
  'SocialInclusionPact.household': one<DatasetInclusionPact>('Household', (p, x) => x.ix.householdById.get(p.householdId)),
  'SocialInclusionPact.socialServices': one<DatasetInclusionPact>('ServicePoint', (p, x) => x.ix.pointByCode.get(p.socialServicesCode)),
  'Household.inclusionPacts': many<DatasetHousehold>('SocialInclusionPact', (h, x) => x.ix.inclusionOfHousehold.get(h.id) ?? []),
  'Referral.worker': one<DatasetReferral>('Worker', (r, x) => x.ix.workerById.get(r.workerId)),
  'Referral.from': one<DatasetReferral>('ServicePoint', (r, x) => x.ix.pointByCode.get(r.fromCode)),
  'Referral.to': one<DatasetReferral>('ServicePoint', (r, x) => x.ix.pointByCode.get(r.toCode)),
  'ServicePoint.parent': one<DatasetServicePoint>('ServicePoint', (s, x) => (s.parentCode ? x.ix.pointByCode.get(s.parentCode) : null)),
  'ServicePoint.desks': many<DatasetServicePoint>('ServicePoint', (s, x) => x.data.servicePoints.filter((d) => d.parentCode === s.code)),
  'EmploymentStatusCheck.person': one<DatasetWorker>('PersonStatus', (w) => w),
};

/** The key value of a data-set row, as the selection of a nested entity asks for it. */
export function keyValue(type: string, key: string, record: WorldRecord): unknown {
  const r = record as unknown as Record<string, unknown>;
  if (type === 'ServicePoint' && key === 'code') return r.code;
  if (type === 'Employer' && key === 'fiscalCode') return r.fiscalCode;
  if ((type === 'Worker' || type === 'PersonStatus') && key === 'fiscalCode') return r.fiscalCode;
  if (key === 'code') return r.code;
  return r.id;
}

/** Equality of an answer with the data set: DateTimes by instant, numbers by value, the rest exactly. */
export function sameValue(actual: unknown, expected: unknown): boolean {
  if (actual === expected) return true;
  if (typeof actual === 'string' && typeof expected === 'string' && /T\d\d:/.test(actual) && /T\d\d:/.test(expected)) {
    return Date.parse(actual) === Date.parse(expected);
  }
  if (typeof actual === 'number' && typeof expected === 'string') return actual === Number(expected);
  return JSON.stringify(actual) === JSON.stringify(expected);
}
