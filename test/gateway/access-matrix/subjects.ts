/**
 * The subjects of the hand-written cases, each found in the data set by what it is (a
 * worker domiciled in the province of Milan with a DID and a service pact there, a worker
 * of a construction employer, a household with an inclusion pact, a referral a social
 * desk wrote with consent...). Expected values are read from these rows.
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
import { CPI_PROVINCE, isConstruction, pickBest, World } from './world';

export interface Subjects {
  /** Domiciled in the CPI province, with a DID and a service pact held by a job centre of it, referrals and notices. */
  cpiWorker: DatasetWorker;
  /** That worker's most recent DID, and their service pact held in the province. */
  cpiDid: DatasetDid;
  cpiPact: DatasetServicePact;
  /** A referral of theirs sent from or to a service point of the province, with a written motivation. */
  cpiReferral: DatasetReferral;
  /** Domiciled outside the province, with no DID or service pact held there. */
  outsideWorker: DatasetWorker;
  /** A notice about a worker domiciled in the province, from a non-EU worker when there is one. */
  cpiNotice: DatasetNotice;
  /** A construction employer with notices, and a worker with a construction relationship and a DID. */
  constructionEmployer: DatasetEmployer;
  constructionWorker: DatasetWorker;
  constructionNotice: DatasetNotice;
  /** A worker who never worked for a construction employer; an employer outside construction. */
  nonConstructionWorker: DatasetWorker;
  nonConstructionEmployer: DatasetEmployer;
  /** A construction worker with a training course the Cassa Edile supplied. */
  trainedWorker: DatasetWorker;
  /** The employer the EMPLOYER credential acts for; one of its notices and workers; another employer and its notice. */
  ownEmployer: DatasetEmployer;
  ownNotice: DatasetNotice;
  ownWorker: DatasetWorker;
  otherEmployer: DatasetEmployer;
  otherNotice: DatasetNotice;
  /** A worker the own employer never employed. */
  strangerWorker: DatasetWorker;
  /** The household with an inclusion pact of the social worker's municipality, its pact, and a member domiciled there with a DID. */
  inclusionHousehold: DatasetHousehold;
  inclusionPact: DatasetInclusionPact;
  householdMember: DatasetWorker;
  /** A household of another municipality, with no pact of the social worker's. */
  otherHousehold: DatasetHousehold;
  /** A referral sent from or to a service point of the social worker's municipality, with a motivation. */
  municipalityReferral: DatasetReferral;
  /** A referral the social desk wrote with the person's consent; one it did not write. */
  deskReferral: DatasetReferral;
  notDeskReferral: DatasetReferral;
  /** The citizen (the world's CITIZEN) and their rows; another person. */
  citizen: DatasetWorker;
  citizenDid: DatasetDid;
  citizenPact: DatasetServicePact;
  citizenHousehold: DatasetHousehold;
  citizenInclusionPact: DatasetInclusionPact;
  citizenReferral: DatasetReferral;
  citizenNotice: DatasetNotice;
  otherPersonReferral: DatasetReferral;
  /** A job centre of the province with desks in public-housing neighbourhoods. */
  jobCentreWithDesks: DatasetServicePoint;
}

export function pickSubjects(world: World): Subjects {
  const { data, ix } = world;
  const inProvince = (code: string) => world.pointIn(code, [CPI_PROVINCE]);
  const latest = <T extends { statusDate?: string; declaredOn?: string }>(rows: T[]) => [...rows].sort((a, b) => String(b.declaredOn).localeCompare(String(a.declaredOn)))[0]!;

  const cpiWorker = pickBest(
    data.workers.filter(
      (w) =>
        w.domicileProvince === CPI_PROVINCE &&
        (ix.didsOf.get(w.id) ?? []).some((d) => inProvince(d.jobCentreCode)) &&
        (ix.pactsOf.get(w.id) ?? []).some((p) => inProvince(p.jobCentreCode)) &&
        (ix.referralsOf.get(w.id) ?? []).some((r) => r.motivation && (inProvince(r.fromCode) || inProvince(r.toCode))),
    ),
    (w) => world.workerRichness(w) * 10 + (ix.didsOf.get(w.id) ?? []).reduce((n, d) => Math.max(n, d.history.length), 0),
    'a worker of the province with a DID, a service pact and referrals there',
  );
  const cpiDid = latest(ix.didsOf.get(cpiWorker.id)!);
  const cpiPact = ix.pactsOf.get(cpiWorker.id)!.find((p) => inProvince(p.jobCentreCode))!;
  const cpiReferral = ix.referralsOf.get(cpiWorker.id)!.find((r) => r.motivation && (inProvince(r.fromCode) || inProvince(r.toCode)))!;

  const outsideWorker = pickBest(
    data.workers.filter(
      (w) =>
        w.domicileProvince !== CPI_PROVINCE &&
        !(ix.didsOf.get(w.id) ?? []).some((d) => inProvince(d.jobCentreCode)) &&
        !(ix.pactsOf.get(w.id) ?? []).some((p) => inProvince(p.jobCentreCode)),
    ),
    (w) => world.workerRichness(w),
    'a worker with nothing in the province',
  );

  const cpiNotice = pickBest(
    data.notices.filter((n) => ix.workerById.get(n.workerId)!.domicileProvince === CPI_PROVINCE),
    (n) => (n.residencePermitType ? 2 : 0) + (n.workSiteId ? 1 : 0),
    'a notice about a worker of the province',
  );

  const construction = new Set(data.employers.filter(isConstruction).map((e) => e.fiscalCode));
  const constructionNotice = pickBest(
    data.notices.filter((n) => construction.has(n.employerFiscalCode) && ix.didsOf.has(n.workerId)),
    (n) => (n.residencePermitType ? 2 : 0) + (n.workSiteId ? 1 : 0) + (ix.pactsOf.has(n.workerId) ? 1 : 0),
    'a construction notice about a worker with a DID',
  );
  const constructionEmployer = ix.employerByFc.get(constructionNotice.employerFiscalCode)!;
  const constructionWorker = ix.workerById.get(constructionNotice.workerId)!;
  const nonConstructionWorker = pickBest(
    data.workers.filter((w) => (ix.noticesOfWorker.get(w.id) ?? []).length > 0 && !(ix.noticesOfWorker.get(w.id) ?? []).some((n) => construction.has(n.employerFiscalCode))),
    (w) => world.workerRichness(w),
    'a worker who never worked in construction',
  );
  const nonConstructionEmployer = pickBest(
    data.employers.filter((e) => !isConstruction(e)),
    (e) => data.notices.filter((n) => n.employerFiscalCode === e.fiscalCode).length,
    'an employer outside construction',
  );
  const trainedWorker = pickBest(
    data.workers.filter((w) => w.training.some((t) => t.source === 'CASSA_EDILE') && w.education.length > 0 && (ix.noticesOfWorker.get(w.id) ?? []).some((n) => construction.has(n.employerFiscalCode))),
    (w) => w.training.length,
    'a construction worker with a Cassa Edile course and an education record',
  );

  const ownEmployer = world.ownEmployer;
  const ownNotices = data.notices.filter((n) => n.employerFiscalCode === ownEmployer.fiscalCode);
  const ownNotice = pickBest(ownNotices, (n) => (n.residencePermitType ? 2 : 0) + (n.workSiteId ? 1 : 0), 'a notice of the own employer');
  const ownWorker = pickBest(
    ownNotices.map((n) => ix.workerById.get(n.workerId)!),
    (w) => (ix.didsOf.has(w.id) ? 2 : 0) + (w.citizenship !== '000' ? 1 : 0),
    'a worker of the own employer',
  );
  const otherEmployer = pickBest(
    data.employers.filter((e) => e.fiscalCode !== ownEmployer.fiscalCode),
    (e) => data.notices.filter((n) => n.employerFiscalCode === e.fiscalCode).length,
    'another employer',
  );
  const otherNotice = data.notices.find((n) => n.employerFiscalCode === otherEmployer.fiscalCode)!;
  const employedByOwn = new Set(ownNotices.map((n) => n.workerId));
  const strangerWorker = pickBest(
    data.workers.filter((w) => !employedByOwn.has(w.id) && ix.noticesOfWorker.has(w.id)),
    (w) => world.workerRichness(w),
    'a worker the own employer never employed',
  );

  const m = world.socialMunicipality;
  const inclusionPact = pickBest(
    data.inclusionPacts.filter((p) => p.municipality === m && ix.householdById.get(p.householdId)!.municipality === m),
    (p) => ix.householdById.get(p.householdId)!.members.length + (p.signedOn ? 1 : 0),
    'an inclusion pact of the municipality',
  );
  const inclusionHousehold = ix.householdById.get(inclusionPact.householdId)!;
  const householdMember = pickBest(
    inclusionHousehold.members.map((x) => ix.workerById.get(x.workerId)!).filter((w) => w.domicileMunicipality === m),
    (w) => (ix.didsOf.has(w.id) ? 4 : 0) + (ix.pactsOf.has(w.id) ? 2 : 0) + (ix.noticesOfWorker.has(w.id) ? 1 : 0),
    'a member of the household domiciled in the municipality',
  );
  const otherHousehold = pickBest(
    data.households.filter((h) => h.municipality !== m && !(ix.inclusionOfHousehold.get(h.id) ?? []).some((p) => p.municipality === m)),
    (h) => h.members.length,
    'a household of another municipality',
  );
  const municipalityReferral = pickBest(
    data.referrals.filter((r) => r.motivation && (world.pointIn(r.fromCode, [m]) || world.pointIn(r.toCode, [m]))),
    (r) => r.history.length,
    "a referral from or to a service point of the social worker's municipality",
  );

  const deskReferral = pickBest(
    data.referrals.filter((r) => r.fromCode === world.socialDesk && r.legalBasis === 'CONSENT' && r.motivation),
    (r) => r.history.length,
    'a referral the social desk wrote with consent',
  );
  const notDeskReferral = pickBest(
    data.referrals.filter((r) => r.fromCode !== world.socialDesk),
    (r) => (r.legalBasis === 'CONSENT' ? 1 : 0),
    'a referral another service wrote',
  );

  const citizen = world.citizen;
  const citizenHousehold = ix.householdOf.get(citizen.id)!;
  const otherPersonReferral = data.referrals.find((r) => r.fiscalCode !== citizen.fiscalCode && !citizenHousehold.members.some((x) => x.fiscalCode === r.fiscalCode))!;

  const jobCentreWithDesks = pickBest(
    data.servicePoints.filter((s) => s.kind === 'JOB_CENTRE' && data.servicePoints.some((d) => d.parentCode === s.code)),
    (s) => data.servicePoints.filter((d) => d.parentCode === s.code).length,
    'a job centre with desks',
  );

  return {
    cpiWorker,
    cpiDid,
    cpiPact,
    cpiReferral,
    outsideWorker,
    cpiNotice,
    constructionEmployer,
    constructionWorker,
    constructionNotice,
    nonConstructionWorker,
    nonConstructionEmployer,
    trainedWorker,
    ownEmployer,
    ownNotice,
    ownWorker,
    otherEmployer,
    otherNotice,
    strangerWorker,
    inclusionHousehold,
    inclusionPact,
    householdMember,
    otherHousehold,
    municipalityReferral,
    deskReferral,
    notDeskReferral,
    citizen,
    citizenDid: latest(ix.didsOf.get(citizen.id)!),
    citizenPact: ix.pactsOf.get(citizen.id)![0]!,
    citizenHousehold,
    citizenInclusionPact: ix.inclusionOfHousehold.get(citizenHousehold.id)![0]!,
    citizenReferral: pickBest(ix.referralsOf.get(citizen.id)!, (r) => (r.motivation ? 2 : 0) + r.history.length, "a citizen's referral"),
    citizenNotice: ix.noticesOfWorker.get(citizen.id)![0]!,
    otherPersonReferral,
    jobCentreWithDesks,
  };
}
