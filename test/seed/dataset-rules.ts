/**
 * An independent oracle for the demo data set: every rule the data must satisfy, written
 * against the plain objects of dataset.types.ts. Each check returns the problems it found
 * (record and rule, never personal data); an empty list means the data obeys the rule.
 * The notice checks restate the companies rules of domain.md §3.5, §3.6 and §13.5, so they
 * can serve as that subgraph's oracle too.
 */
import {
  findContractType,
  findTransformationRule,
  isConstruction,
  isPartTime,
  LOMBARDY_MUNICIPALITIES,
  LOMBARDY_PROVINCES,
  requiresEndDate,
  SEASONAL_CONTRACT_TYPES,
  validateAtecoCode,
  validateContractType,
  validateFiscalCode,
  validateNumericFiscalCode,
  validatePersonalFiscalCode,
  validateQualificationCode,
} from '../../subgraphs/lib/codes';
import { addDays, ageOn, daysBetween } from '../../subgraphs/lib/dates';
import { type Dataset, type DatasetNotice } from '../../scripts/seed/dataset.types';

/** EU citizenship codes (ISTAT state codes of the ministerial table): no residence permit. */
export const EU_CITIZENSHIPS = new Set([
  '203', '206', '209', '212', '214', '215', '216', '220', '221', '226', '227', '232', '233', '234', '235',
  '239', '240', '244', '247', '248', '249', '250', '251', '255', '257', '315',
]);
const FREE_MOVEMENT = new Set(['223', '225', '231', '241']);

/** The DID machine of domain.md §13.4; any state may also be cancelled for an operator error. */
export const DID_MACHINE: Readonly<Record<string, readonly string[]>> = {
  INSERTED: ['VALIDATED', 'CANCELLED'],
  VALIDATED: ['SUSPENDED', 'LAPSED', 'REVOKED', 'CANCELLED'],
  SUSPENDED: ['VALIDATED', 'LAPSED', 'CANCELLED'],
  LAPSED: ['CANCELLED'],
  REVOKED: ['CANCELLED'],
  CANCELLED: [],
};
export const OPEN_DID = new Set(['INSERTED', 'VALIDATED', 'SUSPENDED']);

/** The referral machine of domain.md §13.4. */
export const REFERRAL_MACHINE: Readonly<Record<string, readonly string[]>> = {
  DRAFT: ['SENT'],
  SENT: ['ACCEPTED', 'REJECTED', 'EXPIRED', 'WITHDRAWN'],
  ACCEPTED: ['APPOINTMENT_SET', 'WITHDRAWN'],
  APPOINTMENT_SET: ['TAKEN_IN_CHARGE'],
  TAKEN_IN_CHARGE: ['CLOSED'],
  REJECTED: [],
  EXPIRED: [],
  WITHDRAWN: [],
  CLOSED: [],
};

const SERVICE_POINT_CODE = /^[A-Z0-9][A-Z0-9._-]{1,19}$/;
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const municipalities = new Map(LOMBARDY_MUNICIPALITIES.map((m) => [m.istatCode, m]));

/** Problems collected by one check; stops collecting after 50 so a broken data set stays readable. */
class Problems {
  readonly list: string[] = [];
  add(where: string, rule: string): void {
    if (this.list.length < 50) this.list.push(`${where}: ${rule}`);
  }
  check(ok: boolean, where: string, rule: string): void {
    if (!ok) this.add(where, rule);
  }
}

/** The day part of an ISO timestamp. */
const dayOf = (timestamp: string): string => timestamp.slice(0, 10);

/** Workers: valid and unique fiscal codes that encode their data, domicile in Lombardy. */
export function workerProblems(data: Dataset, today: string): string[] {
  const p = new Problems();
  const codes = new Set<string>();
  data.workers.forEach((w, i) => {
    const at = `workers[${i}]`;
    p.check(UUID_V4.test(w.id), at, 'id is a v4 UUID');
    p.check(!codes.has(w.fiscalCode), at, 'fiscal code is unique');
    codes.add(w.fiscalCode);
    if (w.provisionalFiscalCode) {
      p.check(validateNumericFiscalCode(w.fiscalCode).ok, at, 'provisional code is a valid 11-digit code');
    } else {
      const cf = validatePersonalFiscalCode(w.fiscalCode, { referenceDate: today });
      p.check(cf.ok, at, 'fiscal code validates');
      if (cf.ok) {
        p.check(cf.birthDate === w.birthDate, at, 'fiscal code encodes the birth date');
        p.check(cf.sex === (w.sex === 'FEMALE' ? 'F' : 'M'), at, 'fiscal code encodes the sex');
        p.check(cf.birthPlace === w.birthPlace, at, 'fiscal code encodes the birthplace');
      }
    }
    p.check(w.birthDate >= '1958-01-01' && w.birthDate <= '2007-12-31', at, 'born 1958-2007');
    p.check(/^[A-Z]\d{3}$/.test(w.birthPlace), at, 'birthplace is a Belfiore code');
    p.check(/^\d{3}$/.test(w.citizenship), at, 'citizenship is a 3-digit CO code');
    if (!w.birthPlace.startsWith('Z')) p.check(w.citizenship === '000', at, 'born in Italy means Italian citizen');
    const home = municipalities.get(w.domicileMunicipality);
    p.check(home !== undefined, at, 'domicile is a Lombardy municipality');
    p.check(home?.provinceIstatCode === w.domicileProvince, at, 'domicile province matches the municipality');
    for (const e of w.education) {
      p.check(['NONE', 'PRIMARY', 'LOWER_SECONDARY', 'UPPER_SECONDARY', 'POST_SECONDARY', 'SHORT_TERTIARY', 'BACHELOR', 'MASTER', 'DOCTORATE'].includes(e.level), at, 'education level is known');
      p.check(e.year === null || e.year <= Number(today.slice(0, 4)), at, 'qualification not in the future');
    }
    for (const x of w.declaredExperience) p.check(x.endDate === null || x.startDate <= x.endDate, at, 'declared experience ends after it starts');
    for (const t of w.training) {
      p.check(t.completedOn <= today && t.completedOn > w.birthDate, at, 'training completed in the past, after birth');
      p.check(t.hours > 0, at, 'training has hours');
    }
  });
  return p.list;
}

/** Employers: valid unique codes, ATECO, construction firms with a Cassa Edile, sites in Lombardy. */
export function employerProblems(data: Dataset): string[] {
  const p = new Problems();
  const workerCodes = new Set(data.workers.map((w) => w.fiscalCode));
  const codes = new Set<string>();
  data.employers.forEach((e, i) => {
    const at = `employers[${i}]`;
    p.check(validateFiscalCode(e.fiscalCode).ok, at, 'fiscal code validates');
    p.check(!codes.has(e.fiscalCode), at, 'fiscal code is unique');
    p.check(!workerCodes.has(e.fiscalCode), at, 'no worker has the employer code');
    codes.add(e.fiscalCode);
    const seat = municipalities.get(e.legalSeatMunicipality);
    p.check(seat !== undefined, at, 'legal seat in a Lombardy municipality');
    if (e.fiscalCode.length === 11) p.check(e.fiscalCode.slice(7, 10) === seat?.provinceIstatCode, at, 'office digits are the province of the seat');
    p.check(validateAtecoCode(e.ateco).ok && e.ateco.length === 8, at, 'ATECO is a 6-digit code');
    const construction = isConstruction(e.ateco);
    p.check(construction === (e.cassaEdileCode !== null), at, 'a Cassa Edile code exactly for construction firms');
    if (construction) p.check(['068', '069', '070', '071'].includes(e.ccnl), at, 'construction firms apply a construction CCNL');
    p.check(/^[A-Z0-9]{2,10}$/.test(e.ccnl), at, 'CCNL code has the ministerial shape');
    p.check(e.publicAdministration === (e.ccnl === 'EP'), at, 'public bodies apply the public-sector code');
    p.check(e.sites.length >= 1, at, 'has a work site');
    for (const s of e.sites) p.check(municipalities.has(s.municipality), at, 'work sites in Lombardy municipalities');
    p.check(e.sites[0]?.municipality === e.legalSeatMunicipality, at, 'the first site is the legal seat');
  });
  return p.list;
}

/** Service points: the codes of §12.5, desks under their job centre. */
export function servicePointProblems(data: Dataset): string[] {
  const p = new Problems();
  const byCode = new Map(data.servicePoints.map((s) => [s.code, s]));
  p.check(byCode.size === data.servicePoints.length, 'servicePoints', 'codes are unique');
  for (const s of data.servicePoints) {
    const at = `servicePoints[${s.code}]`;
    p.check(SERVICE_POINT_CODE.test(s.code), at, 'code is 2-20 upper-case letters, digits, dot, underscore, dash');
    p.check(municipalities.get(s.municipality)?.provinceIstatCode === s.province, at, 'municipality and province agree');
    if (s.kind === 'JOB_CENTRE_DESK') {
      p.check(byCode.get(s.parentCode ?? '')?.kind === 'JOB_CENTRE', at, 'a desk belongs to a job centre');
    } else {
      p.check(s.parentCode === null, at, 'only desks have a parent');
    }
  }
  for (const province of LOMBARDY_PROVINCES) {
    p.check(
      data.servicePoints.some((s) => s.kind === 'JOB_CENTRE' && s.municipality === province.capitalIstatCode),
      `province ${province.istatCode}`,
      'has a job centre in its capital',
    );
    p.check(
      data.servicePoints.some((s) => s.kind === 'SOCIAL_SERVICES' && s.municipality === province.capitalIstatCode),
      `province ${province.istatCode}`,
      'has social services in its capital',
    );
  }
  for (const kind of ['SOCIAL_DESK', 'CASSA_EDILE', 'PATRONATO']) p.check(data.servicePoints.some((s) => s.kind === kind), kind, 'exists');
  p.check(data.servicePoints.some((s) => s.kind === 'JOB_CENTRE_DESK' && s.publicHousingNeighbourhood), 'desks', 'some are in public-housing neighbourhoods');
  return p.list;
}

/** How a relationship stands after its notices: the last working day, or null while it goes on. */
export function relationshipEnd(notices: readonly DatasetNotice[]): string | null {
  const last = notices[notices.length - 1]!;
  if (last.type === 'TERMINATION') return last.eventDate;
  return last.endDate;
}

/** The notices grouped by relationship, in the order they took effect (hire first, then by event date). */
export function relationships(data: Dataset): Map<string, DatasetNotice[]> {
  const groups = new Map<string, DatasetNotice[]>();
  for (const n of data.notices) {
    const list = groups.get(n.relationshipId) ?? [];
    list.push(n);
    groups.set(n.relationshipId, list);
  }
  const order = (n: DatasetNotice) => (n.type === 'HIRE' ? 0 : 1);
  for (const list of groups.values()) list.sort((a, b) => order(a) - order(b) || a.eventDate.localeCompare(b.eventDate) || (a.type === 'TERMINATION' ? 1 : 0) - (b.type === 'TERMINATION' ? 1 : 0));
  return groups;
}

/** Whether a notice was filed late: a hire after the day before its start, other events more than 5 days after them. */
export function isLate(n: DatasetNotice): boolean {
  const filed = dayOf(n.filedAt);
  return n.type === 'HIRE' ? filed >= n.startDate : filed > addDays(n.eventDate, 5);
}

/** Mandatory notices: references, contract-type rules, event rules, dates, permits. */
export function noticeProblems(data: Dataset, today: string): string[] {
  const p = new Problems();
  const workers = new Map(data.workers.map((w) => [w.id, w]));
  const employers = new Map(data.employers.map((e) => [e.fiscalCode, e]));
  const codes = new Set<string>();
  for (const n of data.notices) {
    const at = `notice ${n.id}`;
    p.check(/^\d{16}$/.test(n.code), at, 'code is 16 digits');
    p.check(!codes.has(n.code), at, 'code is unique');
    codes.add(n.code);
    const worker = workers.get(n.workerId);
    const employer = employers.get(n.employerFiscalCode);
    p.check(worker !== undefined, at, 'refers to an existing worker');
    p.check(worker?.fiscalCode === n.workerFiscalCode, at, 'worker fiscal code matches the worker');
    p.check(employer !== undefined, at, 'refers to an existing employer');
    p.check(n.workerFiscalCode !== n.employerFiscalCode, at, 'worker differs from employer');
    p.check(n.workSiteId !== null && (employer?.sites.some((s) => s.id === n.workSiteId) ?? false), at, "work site is one of the employer's");
    p.check(n.startDate >= '2019-01-01' && n.startDate <= today, at, 'starts in 2019 or later, not after today');
    p.check(n.eventDate >= n.startDate && n.eventDate <= today, at, 'event within [start, today]');
    p.check(dayOf(n.filedAt) <= today, at, 'not filed after today');
    p.check(!Number.isNaN(Date.parse(n.filedAt)), at, 'filedAt is a timestamp');
    if (worker) p.check(ageOn(worker.birthDate, n.startDate) >= 15, at, 'worker is at least 15 at the start');

    const contract = validateContractType(n.contractType, n.type === 'TRANSFORMATION' ? n.eventDate : n.startDate);
    p.check(contract.ok, at, 'contract type known and valid on its date');
    const type = findContractType(n.contractType);
    if (type) {
      if (requiresEndDate(type, n.seasonal)) p.check(n.endDate !== null, at, 'fixed-term and seasonal forms carry an end date');
      if (type.apprenticeship) p.check(n.trainingEndDate !== null && n.trainingEndDate > n.startDate, at, 'apprenticeships carry a training end date after the start');
    }
    if (n.endDate !== null) p.check(n.endDate > n.startDate, at, 'end date after the start');
    if (n.trainingEndDate !== null) p.check(type?.apprenticeship === true, at, 'training end date only for apprenticeships');
    p.check(['F', 'P', 'V', 'M', 'N'].includes(n.workingTime), at, 'working time is F, P, V, M or N');
    if (isPartTime(n.workingTime)) p.check(n.weeklyHours !== null && n.weeklyHours > 0 && n.weeklyHours <= 40, at, 'part-time carries weekly hours in (0, 40]');
    else p.check(n.weeklyHours === null, at, 'no weekly hours outside part-time');
    if (n.seasonal) p.check(SEASONAL_CONTRACT_TYPES.includes(n.contractType) && n.endDate !== null, at, 'seasonal only for the allowed types, with an end date');
    p.check(validateQualificationCode(n.qualification).ok, at, 'job title is a CP2011 code');
    p.check(/^[A-Z0-9]{2,10}$/.test(n.ccnl), at, 'CCNL code has the ministerial shape');
    p.check((n.type === 'TRANSFORMATION') === (n.transformationCode !== null), at, 'transformation code exactly on transformations');
    p.check((n.type === 'TERMINATION') === (n.terminationCause !== null), at, 'termination cause exactly on terminations');
    if (n.terminationCause !== null) p.check(/^[A-Z0-9.]{1,10}$/.test(n.terminationCause), at, 'termination cause is a short code');
    if (worker) {
      const needsPermit = worker.citizenship !== '000' && !EU_CITIZENSHIPS.has(worker.citizenship) && !FREE_MOVEMENT.has(worker.citizenship);
      if (needsPermit) {
        p.check(n.residencePermitType !== null && /^[1-7]$/.test(n.residencePermitType), at, 'non-EU workers carry a residence permit type 1-7');
        p.check(n.residencePermitExpiry !== null && (n.residencePermitExpiry >= '2000-01-01' || n.residencePermitType === '4'), at, 'permit expiry from 2000 on');
      } else {
        p.check(n.residencePermitType === null && n.residencePermitExpiry === null, at, 'no permit for Italian and EU workers');
      }
    }
  }

  for (const [id, list] of relationships(data)) {
    const at = `relationship ${id}`;
    const hire = list[0]!;
    p.check(hire.type === 'HIRE' && list.filter((n) => n.type === 'HIRE').length === 1, at, 'exactly one hire, first');
    p.check(hire.eventDate === hire.startDate, at, 'the hire takes effect on the start date');
    p.check(hire.transformationCode === null, at, 'the hire is not a transformation');
    const terminations = list.filter((n) => n.type === 'TERMINATION');
    p.check(terminations.length <= 1 && (terminations.length === 0 || list[list.length - 1]!.type === 'TERMINATION'), at, 'at most one termination, last');
    for (let k = 1; k < list.length; k++) {
      const before = list[k - 1]!;
      const n = list[k]!;
      const where = `${at} notice ${k}`;
      p.check(n.startDate === hire.startDate && n.employerFiscalCode === hire.employerFiscalCode && n.workerId === hire.workerId, where, 'start, employer and worker never change');
      p.check(n.eventDate >= before.eventDate, where, 'events in order');
      p.check(before.endDate === null || n.eventDate <= before.endDate, where, 'event within the planned end');
      if (n.type !== 'TRANSFORMATION') {
        p.check(n.contractType === before.contractType && n.workingTime === before.workingTime, where, 'only a transformation changes contract or working time');
      }
      if (n.type === 'EXTENSION') {
        p.check(before.endDate !== null && n.endDate !== null && n.endDate > before.endDate, where, 'an extension moves a planned end later');
      } else if (n.type === 'TRANSFORMATION') {
        const rule = findTransformationRule(n.transformationCode ?? '');
        p.check(rule !== undefined, where, 'transformation code is known');
        if (!rule) continue;
        if (rule.targetContractTypes) p.check(rule.targetContractTypes.includes(n.contractType), where, `${rule.code} leads to an allowed contract type`);
        if (rule.targetWorkingTime === 'F') p.check(n.workingTime === 'F', where, `${rule.code} leads to full time`);
        if (rule.targetWorkingTime === 'NOT_F') p.check(n.workingTime !== 'F', where, `${rule.code} leads to part time`);
        if (!rule.allowedWhenSeasonal) p.check(!before.seasonal && !n.seasonal, where, `${rule.code} is not for seasonal work`);
        if (rule.publicAdministrationOnly) p.check(employers.get(n.employerFiscalCode)?.publicAdministration === true, where, `${rule.code} only for public bodies`);
        if (rule.code === 'DI') p.check(before.endDate !== null && n.endDate === null, where, 'DI turns a fixed-term relationship open-ended');
        if (rule.apprenticeshipStartedOnOrAfter) {
          p.check(findContractType(before.contractType)?.apprenticeship === true && hire.startDate >= rule.apprenticeshipStartedOnOrAfter, where, `${rule.code} only for recent apprenticeships`);
        }
      } else if (n.type === 'TRANSFER') {
        p.check(n.workSiteId !== before.workSiteId, where, 'a transfer changes the work site');
      }
    }
  }
  return p.list;
}

/** DIDs: histories along the machine, at most one open per worker, job centre of the domicile, jobs consistent with the state. */
export function didProblems(data: Dataset, today: string): string[] {
  const p = new Problems();
  const workers = new Map(data.workers.map((w) => [w.id, w]));
  const points = new Map(data.servicePoints.map((s) => [s.code, s]));
  const hires = new Map<string, DatasetNotice[]>();
  const rels = relationships(data);
  for (const list of rels.values()) {
    const hire = list[0]!;
    const mine = hires.get(hire.workerId) ?? [];
    mine.push(hire);
    hires.set(hire.workerId, mine);
  }
  const activeToday = (workerId: string): boolean =>
    (hires.get(workerId) ?? []).some((h) => {
      const end = relationshipEnd(rels.get(h.relationshipId)!);
      return end === null || end >= today;
    });

  const byWorker = new Map<string, typeof data.dids>();
  for (const d of data.dids) {
    const at = `did ${d.id}`;
    const worker = workers.get(d.workerId);
    p.check(worker !== undefined, at, 'refers to an existing worker');
    const centre = points.get(d.jobCentreCode);
    p.check(centre?.kind === 'JOB_CENTRE' && centre.province === worker?.domicileProvince, at, 'job centre of the domicile province');
    p.check(['ANPAL_PORTAL', 'REGIONAL_SYSTEM', 'JOB_CENTRE', 'INPS_NASPI', 'INPS_DISCOLL', 'SIISL'].includes(d.channel), at, 'channel is known');
    const first = d.history[0];
    p.check(first?.fromStatus === null && first.toStatus === 'INSERTED' && first.effectiveOn === d.declaredOn, at, 'history starts INSERTED on the declaration day');
    for (let k = 1; k < d.history.length; k++) {
      const a = d.history[k - 1]!;
      const b = d.history[k]!;
      p.check(b.fromStatus === a.toStatus, at, 'each change starts from the previous state');
      p.check((DID_MACHINE[a.toStatus] ?? []).includes(b.toStatus), at, `${a.toStatus} → ${b.toStatus} is a transition of the machine`);
      p.check(b.effectiveOn >= a.effectiveOn, at, 'changes in date order');
    }
    const last = d.history[d.history.length - 1]!;
    p.check(d.status === last.toStatus && d.statusDate === last.effectiveOn, at, 'status and status date are those of the last change');
    p.check(last.effectiveOn <= today, at, 'no change after today');
    for (const h of d.history) p.check(h.reason.length > 0 && h.reason.length <= 500, at, 'each change has a reason');
    if (worker) p.check(ageOn(worker.birthDate, d.declaredOn) >= 15, at, 'declared at 15 or older');
    // Suspensions come from a job of at most 180 days that started that day.
    for (const h of d.history.filter((c) => c.toStatus === 'SUSPENDED')) {
      const job = (hires.get(d.workerId) ?? []).find((x) => x.startDate === h.effectiveOn);
      const end = job ? relationshipEnd(rels.get(job.relationshipId)!) : null;
      p.check(job !== undefined && end !== null && daysBetween(job.startDate, end) < 180, at, 'a suspension starts with a job of at most 180 days');
    }
    if (d.status === 'SUSPENDED') p.check(activeToday(d.workerId), at, 'a suspended DID means a job going on today');
    if (d.status === 'INSERTED' || d.status === 'VALIDATED') p.check(!activeToday(d.workerId), at, 'an active DID means no job today');
    const list = byWorker.get(d.workerId) ?? [];
    list.push(d);
    byWorker.set(d.workerId, list);
  }
  for (const [workerId, list] of byWorker) {
    p.check(list.filter((d) => OPEN_DID.has(d.status)).length <= 1, `worker ${workerId}`, 'at most one open DID');
    const sorted = [...list].sort((a, b) => a.declaredOn.localeCompare(b.declaredOn));
    for (let k = 1; k < sorted.length; k++) {
      p.check(!OPEN_DID.has(sorted[k - 1]!.status) && sorted[k - 1]!.statusDate <= sorted[k]!.declaredOn, `worker ${workerId}`, 'a new DID only after the previous one closed');
    }
  }
  return p.list;
}

const ACTIVE_PACT = new Set(['SIGNED', 'IN_PROGRESS']);
const FINAL_PACT = new Set(['COMPLETED', 'INTERRUPTED', 'LAPSED', 'CANCELLED']);

/** Service pacts: linked to the worker's DID, dates in order, state consistent with the DID. */
export function servicePactProblems(data: Dataset, today: string): string[] {
  const p = new Problems();
  const workers = new Map(data.workers.map((w) => [w.id, w]));
  const dids = new Map(data.dids.map((d) => [d.id, d]));
  const pactsByDid = new Map<string, typeof data.servicePacts>();
  for (const s of data.servicePacts) {
    const at = `servicePact ${s.id}`;
    const worker = workers.get(s.workerId);
    p.check(worker?.fiscalCode === s.fiscalCode, at, 'refers to an existing worker by id and fiscal code');
    const did = s.didId === null ? undefined : dids.get(s.didId);
    p.check(did !== undefined && did.workerId === s.workerId, at, "references the worker's DID");
    p.check(did?.jobCentreCode === s.jobCentreCode, at, 'held by the job centre of the DID');
    p.check(['ORDINARY', 'GOL', 'YOUTH_GUARANTEE', 'ADI', 'SFL'].includes(s.programme), at, 'programme is known');
    p.check((s.programme === 'GOL') === (s.golPathway !== null), at, 'a GOL pathway exactly for GOL pacts');
    p.check(['PROPOSED', 'SIGNED', 'IN_PROGRESS', 'COMPLETED', 'INTERRUPTED', 'LAPSED', 'CANCELLED'].includes(s.state), at, 'state is known');
    if (did) p.check(s.proposedOn >= did.declaredOn, at, 'proposed on or after the declaration');
    p.check(s.signedOn === null || s.signedOn >= s.proposedOn, at, 'signed on or after the proposal');
    p.check((s.state === 'PROPOSED') === (s.signedOn === null), at, 'signed unless still proposed');
    p.check(FINAL_PACT.has(s.state) === (s.endedOn !== null), at, 'an end date exactly for ended pacts');
    p.check(s.stateDate >= (s.signedOn ?? s.proposedOn) && s.stateDate <= today, at, 'state date after signing, not after today');
    if (s.programme === 'ADI') p.check(s.proposedOn >= '2024-01-01' && did?.channel === 'SIISL', at, 'ADI pacts from 2024, DID conferred by SIISL');
    if (s.programme === 'SFL' && worker) {
      const age = ageOn(worker.birthDate, s.proposedOn);
      p.check(s.proposedOn >= '2023-09-01' && age >= 18 && age <= 59 && did?.channel === 'SIISL', at, 'SFL from September 2023, aged 18-59, DID from SIISL');
    }
    if (s.programme === 'YOUTH_GUARANTEE' && worker) p.check(ageOn(worker.birthDate, s.proposedOn) < 30, at, 'Youth Guarantee under 30');
    if (did && s.signedOn !== null) {
      const validated = did.history.find((h) => h.toStatus === 'VALIDATED');
      p.check(validated?.effectiveOn === s.signedOn, at, 'signing the pact validated the DID that day');
    }
    if (s.didId !== null) {
      const list = pactsByDid.get(s.didId) ?? [];
      list.push(s);
      pactsByDid.set(s.didId, list);
    }
  }
  for (const d of data.dids) {
    const pacts = pactsByDid.get(d.id) ?? [];
    const at = `did ${d.id}`;
    if (d.status === 'VALIDATED' || d.status === 'SUSPENDED') p.check(pacts.some((s) => ACTIVE_PACT.has(s.state)), at, 'a validated or suspended DID has a signed or running pact');
    if (d.status === 'INSERTED') p.check(pacts.every((s) => s.state === 'PROPOSED'), at, 'an inserted DID has at most a proposed pact');
    if (!OPEN_DID.has(d.status)) p.check(pacts.every((s) => !ACTIVE_PACT.has(s.state) && s.state !== 'PROPOSED'), at, 'a closed DID has no open pact');
  }
  const holders = new Set(data.dids.map((d) => d.workerId));
  const withPact = new Set(data.servicePacts.map((s) => s.workerId));
  p.check(holders.size === 0 || withPact.size / holders.size >= 0.8, 'servicePacts', 'most DID holders have a pact');
  return p.list;
}

/** Households and inclusion pacts: members of one municipality, plausible ages, PaIS states and PAD dates. */
export function householdProblems(data: Dataset, today: string): string[] {
  const p = new Problems();
  const workers = new Map(data.workers.map((w) => [w.id, w]));
  const points = new Map(data.servicePoints.map((s) => [s.code, s]));
  const seen = new Set<string>();
  const households = new Map(data.households.map((h) => [h.id, h]));
  for (const h of data.households) {
    const at = `household ${h.id}`;
    p.check(h.members.length >= 1 && h.members[0]!.relation === 'APPLICANT' && h.members.filter((m) => m.relation === 'APPLICANT').length === 1, at, 'one applicant, first');
    const applicant = workers.get(h.members[0]?.workerId ?? '');
    for (const m of h.members) {
      const w = workers.get(m.workerId);
      p.check(w?.fiscalCode === m.fiscalCode, at, 'members are workers, by id and fiscal code');
      p.check(w?.domicileMunicipality === h.municipality, at, 'members live in the household municipality');
      p.check(!seen.has(m.workerId), at, 'a person belongs to one household');
      seen.add(m.workerId);
      p.check(['APPLICANT', 'SPOUSE', 'CHILD', 'PARENT', 'OTHER'].includes(m.relation), at, 'relation is known');
      if (w && applicant && m.relation === 'CHILD') p.check(ageOn(applicant.birthDate, w.birthDate) >= 18, at, 'children are at least 18 years younger than the applicant');
      if (w && applicant && m.relation === 'PARENT') p.check(ageOn(w.birthDate, applicant.birthDate) >= 18, at, 'parents are at least 18 years older than the applicant');
    }
  }
  const pactHouseholds = new Set<string>();
  for (const ip of data.inclusionPacts) {
    const at = `inclusionPact ${ip.id}`;
    const h = households.get(ip.householdId);
    p.check(h !== undefined, at, 'refers to an existing household');
    p.check(!pactHouseholds.has(ip.householdId), at, 'one pact per household');
    pactHouseholds.add(ip.householdId);
    p.check(ip.municipality === h?.municipality, at, 'in the municipality of the household');
    const social = points.get(ip.socialServicesCode);
    p.check(social?.kind === 'SOCIAL_SERVICES' && social.municipality === ip.municipality, at, 'held by the social services of that municipality');
    p.check(['TO_CONVENE', 'PRELIMINARY_ANALYSIS', 'ANALYSIS_FRAMEWORK', 'SIGNED', 'MONITORING', 'COMPLETED', 'LAPSED'].includes(ip.state), at, 'state is known');
    p.check(ip.padSignedOn <= ip.stateDate && ip.stateDate <= today, at, 'state date between the PAD and today');
    const signedStates = ['SIGNED', 'MONITORING', 'COMPLETED', 'LAPSED'];
    p.check(signedStates.includes(ip.state) === (ip.signedOn !== null), at, 'signed exactly from SIGNED on');
    if (ip.signedOn !== null) p.check(ip.signedOn > ip.padSignedOn && ip.signedOn <= ip.stateDate, at, 'signed after the PAD, not after the state date');
  }
  return p.list;
}

/** Referrals: existing endpoints, motivations where the law asks, legal basis, histories along the machine. */
export function referralProblems(data: Dataset, today: string): string[] {
  const p = new Problems();
  const workers = new Map(data.workers.map((w) => [w.id, w]));
  const points = new Map(data.servicePoints.map((s) => [s.code, s]));
  const end = `${today}T23:59:59Z`;
  for (const r of data.referrals) {
    const at = `referral ${r.id}`;
    p.check(workers.get(r.workerId)?.fiscalCode === r.fiscalCode, at, 'refers to an existing worker by id and fiscal code');
    const from = points.get(r.fromCode);
    const to = points.get(r.toCode);
    p.check(from !== undefined && to !== undefined && r.fromCode !== r.toCode, at, 'between two different existing service points');
    p.check(['WORK_ACTIVATION', 'SOCIAL_NEEDS', 'CONSTRUCTION_SECTOR', 'BENEFIT_APPLICATION', 'ORIENTATION'].includes(r.reason), at, 'reason is known');
    p.check(['LEGAL_OBLIGATION', 'CONSENT'].includes(r.legalBasis), at, 'legal basis is known');
    if ((from?.kind === 'JOB_CENTRE' || from?.kind === 'JOB_CENTRE_DESK') && to?.kind === 'SOCIAL_SERVICES') {
      p.check((r.motivation?.trim().length ?? 0) >= 20, at, 'from a job centre to social services with a written motivation');
    }
    if (from?.kind === 'SOCIAL_DESK') {
      p.check(r.legalBasis === 'CONSENT', at, 'the social desk refers on consent');
      p.check(['JOB_CENTRE', 'JOB_CENTRE_DESK', 'SOCIAL_SERVICES', 'CASSA_EDILE', 'PATRONATO'].includes(to?.kind ?? ''), at, 'the social desk refers to a job centre, social services, Cassa Edile or patronato');
    }
    if (to?.kind === 'CASSA_EDILE') p.check(r.reason === 'CONSTRUCTION_SECTOR', at, 'to the Cassa Edile for construction matters');
    const first = r.history[0];
    p.check(first?.fromState === null && first.toState === 'DRAFT' && first.at === r.createdAt, at, 'history starts as a DRAFT when created');
    for (let k = 1; k < r.history.length; k++) {
      const a = r.history[k - 1]!;
      const b = r.history[k]!;
      p.check(b.fromState === a.toState, at, 'each event starts from the previous state');
      p.check((REFERRAL_MACHINE[a.toState] ?? []).includes(b.toState), at, `${a.toState} → ${b.toState} is a transition of the machine`);
      p.check(Date.parse(b.at) >= Date.parse(a.at), at, 'events in time order');
    }
    const last = r.history[r.history.length - 1]!;
    p.check(r.state === last.toState, at, 'state is that of the last event');
    p.check(last.at <= end, at, 'no event after today');
  }
  return p.list;
}

/** Cross-part rules: pathway-4 pacts have a referral to social services, ADI pacts follow the household PAD, ids are unique. */
export function crossProblems(data: Dataset): string[] {
  const p = new Problems();
  const points = new Map(data.servicePoints.map((s) => [s.code, s]));
  for (const s of data.servicePacts.filter((x) => x.golPathway === 'WORK_AND_INCLUSION' && x.signedOn !== null)) {
    p.check(
      data.referrals.some((r) => r.workerId === s.workerId && points.get(r.toCode)?.kind === 'SOCIAL_SERVICES'),
      `servicePact ${s.id}`,
      'GOL pathway 4 comes with a referral to social services',
    );
  }
  const householdOf = new Map<string, string>();
  for (const h of data.households) for (const m of h.members) householdOf.set(m.workerId, h.id);
  const padOf = new Map(data.inclusionPacts.map((ip) => [ip.householdId, ip.padSignedOn]));
  for (const s of data.servicePacts.filter((x) => x.programme === 'ADI')) {
    const pad = padOf.get(householdOf.get(s.workerId) ?? '');
    p.check(pad !== undefined && pad < s.proposedOn, `servicePact ${s.id}`, 'an ADI pact follows the PAD of the household');
  }
  const ids = [
    ...data.workers.map((w) => w.id),
    ...data.dids.map((d) => d.id),
    ...data.notices.map((n) => n.id),
    ...data.employers.flatMap((e) => e.sites.map((s) => s.id)),
    ...data.households.map((h) => h.id),
    ...data.servicePacts.map((s) => s.id),
    ...data.inclusionPacts.map((s) => s.id),
    ...data.referrals.map((r) => r.id),
  ];
  p.check(new Set(ids).size === ids.length, 'ids', 'every id is unique across the data set');
  for (const id of ids) if (!UUID_V4.test(id)) p.add('ids', 'every id is a v4 UUID');
  return p.list;
}

/** Every rule at once. */
export function datasetProblems(data: Dataset, today: string): string[] {
  return [
    ...workerProblems(data, today),
    ...employerProblems(data),
    ...servicePointProblems(data),
    ...noticeProblems(data, today),
    ...didProblems(data, today),
    ...servicePactProblems(data, today),
    ...householdProblems(data, today),
    ...referralProblems(data, today),
    ...crossProblems(data),
  ];
}
