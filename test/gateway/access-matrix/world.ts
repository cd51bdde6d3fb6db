/**
 * The seeded world of the access-matrix suite: one small synthetic data set (fixed seed),
 * indexes over it, an independent oracle of the row scopes (what `schema/policy/scopes.yaml`
 * and the type descriptions say each role sees, computed from the data set, not from the
 * subgraphs' filters), and the subjects of the cases, picked from the data set by their
 * properties. Nothing here names a person: every subject is found by what it is.
 */
import { generateDataset } from '../../../scripts/seed/dataset';
import {
  type Dataset,
  type DatasetDid,
  type DatasetEmployer,
  type DatasetHousehold,
  type DatasetInclusionPact,
  type DatasetNotice,
  type DatasetReferral,
  type DatasetServicePact,
  type DatasetServicePoint,
  type DatasetWorker,
  type DatasetWorkSite,
} from '../../../scripts/seed/dataset.types';
import { Purpose, Role } from '../../../subgraphs/lib/identity';

/** Size and seed of the data set: small enough for a quick suite, rich enough for every kind of subject. */
export const WORKERS = 250;
export const SEED = 2;
/** The day the data set is as of (fixed, so every run sees the same rows). */
export const AS_OF = '2026-06-30';

/** The job-centre operator's territory: the province of Milan. */
export const CPI_PROVINCE = '015';

/**
 * Construction sector as the issue defines it (point 6): ATECO section F (divisions 41-43)
 * or a construction CCNL; the CCNL list is the one the schema documents for
 * `Employer.construction`.
 */
const CONSTRUCTION_CCNL = ['068', '069', '070', '071', 'F011', 'F012', 'F015', 'F016', 'F017', 'F018'];
export function isConstruction(employer: DatasetEmployer): boolean {
  return /^4[123]/.test(employer.ateco) || CONSTRUCTION_CCNL.includes(employer.ccnl);
}

/** An employment relationship as the companies subgraph derives it: its notices, hire first. */
export interface WorldRelationship {
  id: string;
  employerFiscalCode: string;
  workerId: string;
  workerFiscalCode: string;
  notices: DatasetNotice[];
}

export interface WorldWorkSite extends DatasetWorkSite {
  employerFiscalCode: string;
}

/** What the oracle and the value mappers look rows up with. */
export interface Indexes {
  workerById: Map<string, DatasetWorker>;
  workerByFc: Map<string, DatasetWorker>;
  didById: Map<string, DatasetDid>;
  didsOf: Map<string, DatasetDid[]>;
  employerByFc: Map<string, DatasetEmployer>;
  siteById: Map<string, WorldWorkSite>;
  noticeById: Map<string, DatasetNotice>;
  noticeByCode: Map<string, DatasetNotice>;
  noticesOfWorker: Map<string, DatasetNotice[]>;
  relationshipById: Map<string, WorldRelationship>;
  pactById: Map<string, DatasetServicePact>;
  pactsOf: Map<string, DatasetServicePact[]>;
  inclusionById: Map<string, DatasetInclusionPact>;
  inclusionOfHousehold: Map<string, DatasetInclusionPact[]>;
  householdById: Map<string, DatasetHousehold>;
  householdOf: Map<string, DatasetHousehold>;
  referralById: Map<string, DatasetReferral>;
  referralsOf: Map<string, DatasetReferral[]>;
  pointByCode: Map<string, DatasetServicePoint>;
}

function group<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const row of rows) {
    const list = out.get(key(row)) ?? [];
    list.push(row);
    out.set(key(row), list);
  }
  return out;
}

function index(data: Dataset): Indexes {
  const relationships = new Map<string, WorldRelationship>();
  for (const notice of data.notices) {
    const found = relationships.get(notice.relationshipId);
    if (found) found.notices.push(notice);
    else {
      relationships.set(notice.relationshipId, {
        id: notice.relationshipId,
        employerFiscalCode: notice.employerFiscalCode,
        workerId: notice.workerId,
        workerFiscalCode: notice.workerFiscalCode,
        notices: [notice],
      });
    }
  }
  const householdOf = new Map<string, DatasetHousehold>();
  for (const household of data.households) for (const member of household.members) householdOf.set(member.workerId, household);
  return {
    workerById: new Map(data.workers.map((w) => [w.id, w])),
    workerByFc: new Map(data.workers.map((w) => [w.fiscalCode, w])),
    didById: new Map(data.dids.map((d) => [d.id, d])),
    didsOf: group(data.dids, (d) => d.workerId),
    employerByFc: new Map(data.employers.map((e) => [e.fiscalCode, e])),
    siteById: new Map(data.employers.flatMap((e) => e.sites.map((s) => [s.id, { ...s, employerFiscalCode: e.fiscalCode }] as const))),
    noticeById: new Map(data.notices.map((n) => [n.id, n])),
    noticeByCode: new Map(data.notices.map((n) => [n.code, n])),
    noticesOfWorker: group(data.notices, (n) => n.workerId),
    relationshipById: relationships,
    pactById: new Map(data.servicePacts.map((p) => [p.id, p])),
    pactsOf: group(data.servicePacts, (p) => p.workerId),
    inclusionById: new Map(data.inclusionPacts.map((p) => [p.id, p])),
    inclusionOfHousehold: group(data.inclusionPacts, (p) => p.householdId),
    householdById: new Map(data.households.map((h) => [h.id, h])),
    householdOf,
    referralById: new Map(data.referrals.map((r) => [r.id, r])),
    referralsOf: group(data.referrals, (r) => r.workerId),
    pointByCode: new Map(data.servicePoints.map((p) => [p.code, p])),
  };
}

/** A caller of the matrix: a role, the one purpose it declares, and its token's scopes. */
export interface Profile {
  /** `ROLE PURPOSE`, the name of the profile in test titles. */
  id: string;
  role: Role;
  purpose: Purpose;
  territory?: string[];
  employers?: string[];
  /** Token `sub`: the citizen's fiscal code; operators get a fresh one per request (rate counters). */
  subject?: string;
  organisation?: string;
}

/** The entity types of the matrix, each with a row of its own. */
export const ENTITY_TYPES = [
  'Worker',
  'AvailabilityDeclaration',
  'PersonStatus',
  'Employer',
  'WorkSite',
  'EmploymentRelationship',
  'MandatoryNotice',
  'ServicePact',
  'SocialInclusionPact',
  'Household',
  'Referral',
  'ServicePoint',
] as const;
export type EntityType = (typeof ENTITY_TYPES)[number];

/** A row of the data set, typed by its GraphQL type. */
export type WorldRecord =
  | DatasetWorker
  | DatasetDid
  | DatasetEmployer
  | WorldWorkSite
  | WorldRelationship
  | DatasetNotice
  | DatasetServicePact
  | DatasetInclusionPact
  | DatasetHousehold
  | DatasetReferral
  | DatasetServicePoint;

export class World {
  readonly data: Dataset;
  readonly ix: Indexes;
  /** The social worker's municipality: that of a household with an inclusion pact of it. */
  readonly socialMunicipality: string;
  /** The social desk (its service-point code is the organisation that wrote its referrals). */
  readonly socialDesk: string;
  /** The employer the EMPLOYER credential acts for. */
  readonly ownEmployer: DatasetEmployer;
  /** The citizen: a person with a DID, a service pact, an inclusion pact in their household, referrals and notices. */
  readonly citizen: DatasetWorker;
  readonly profiles: Profile[];

  constructor(data: Dataset = generateDataset({ workers: WORKERS, seed: SEED, today: AS_OF })) {
    this.data = data;
    this.ix = index(data);
    const ix = this.ix;

    const household = pickBest(
      data.households.filter((h) => (ix.inclusionOfHousehold.get(h.id) ?? []).some((p) => p.municipality === h.municipality)),
      (h) => h.members.filter((m) => ix.workerById.get(m.workerId)?.domicileMunicipality === h.municipality && ix.didsOf.has(m.workerId) && ix.pactsOf.has(m.workerId)).length * 10 + h.members.length,
      'a household with an inclusion pact of its own municipality',
    );
    this.socialMunicipality = household.municipality;

    const desk = pickBest(
      data.referrals.filter((r) => r.legalBasis === 'CONSENT' && ix.pointByCode.get(r.fromCode)?.kind === 'SOCIAL_DESK'),
      (r) => r.history.length,
      'a referral written by a social desk with consent',
    );
    this.socialDesk = desk.fromCode;

    this.ownEmployer = pickBest(
      data.employers.filter((e) => e.sites.length > 0),
      (e) => data.notices.filter((n) => n.employerFiscalCode === e.fiscalCode).length + (isConstruction(e) ? 0 : 1000),
      'an employer with notices and work sites',
    );

    this.citizen = pickBest(
      data.workers.filter((w) => {
        const h = ix.householdOf.get(w.id);
        return ix.didsOf.has(w.id) && ix.pactsOf.has(w.id) && ix.referralsOf.has(w.id) && ix.noticesOfWorker.has(w.id) && !!h && ix.inclusionOfHousehold.has(h.id);
      }),
      (w) => this.workerRichness(w),
      'a person with a DID, a service pact, an inclusion pact, referrals and notices',
    );

    const territory = [CPI_PROVINCE];
    const municipality = [this.socialMunicipality];
    this.profiles = [
      profile(Role.CPI_OPERATOR, Purpose.EMPLOYMENT_SERVICES, { territory }),
      profile(Role.CPI_OPERATOR, Purpose.REFERRAL, { territory }),
      profile(Role.SOCIAL_WORKER, Purpose.SOCIAL_INCLUSION, { territory: municipality }),
      profile(Role.SOCIAL_WORKER, Purpose.REFERRAL, { territory: municipality }),
      profile(Role.SOCIAL_DESK_OPERATOR, Purpose.REFERRAL, { organisation: this.socialDesk }),
      profile(Role.CASSA_EDILE, Purpose.REGULARITY_CHECK, { organisation: 'CE-015-MILANO' }),
      profile(Role.CASSA_EDILE, Purpose.CASSA_EDILE_NOTIFICATION, { organisation: 'CE-015-MILANO' }),
      profile(Role.CASSA_EDILE, Purpose.TRAINING_RECORD, { organisation: 'CE-015-MILANO' }),
      profile(Role.EMPLOYER, Purpose.MANDATORY_NOTICE, { employers: [this.ownEmployer.fiscalCode] }),
      profile(Role.MINISTRY_ANALYST, Purpose.STATISTICS, {}),
      profile(Role.REGION_ANALYST, Purpose.STATISTICS, {}),
      profile(Role.CITIZEN, Purpose.SELF_SERVICE, { subject: this.citizen.fiscalCode }),
      profile(Role.DATA_PROTECTION_OFFICER, Purpose.SUPERVISION, {}),
      profile(Role.PLATFORM_ADMIN, Purpose.ADMINISTRATION, {}),
    ];
  }

  profile(role: Role, purpose: Purpose): Profile {
    const found = this.profiles.find((p) => p.role === role && p.purpose === purpose);
    if (!found) throw new Error(`no profile ${role} ${purpose}`);
    return found;
  }

  /** How much a person's record holds: the richest subjects exercise the most fields. */
  workerRichness(w: DatasetWorker): number {
    const ix = this.ix;
    const dids = ix.didsOf.get(w.id) ?? [];
    return (
      (dids.length > 0 ? 4 : 0) +
      (dids.some((d) => d.history.length > 1) ? 2 : 0) +
      ((ix.pactsOf.get(w.id) ?? []).length > 0 ? 4 : 0) +
      ((ix.referralsOf.get(w.id) ?? []).length > 0 ? 3 : 0) +
      ((ix.noticesOfWorker.get(w.id) ?? []).length > 0 ? 3 : 0) +
      (ix.householdOf.has(w.id) ? 2 : 0) +
      (w.education.length > 0 ? 1 : 0) +
      (w.declaredExperience.length > 0 ? 1 : 0) +
      (w.training.length > 0 ? 1 : 0)
    );
  }

  // ---- geography -------------------------------------------------------------------

  /** Whether an ISTAT code lies in a token territory (province or municipality codes, prefix match). */
  static within(code: string | null | undefined, territory: readonly string[] | undefined): boolean {
    return !!code && (territory ?? []).some((prefix) => code.startsWith(prefix));
  }

  pointIn(code: string, territory: readonly string[] | undefined): boolean {
    return World.within(this.ix.pointByCode.get(code)?.municipality, territory);
  }

  // ---- the row-scope oracle ------------------------------------------------------------

  /**
   * Whether `record` of `type` lies in the row scope `scope` (a name of scopes.yaml) for
   * the caller, as scopes.yaml and the type descriptions of the policy state it, computed
   * from the data set. Which scope applies to which role comes from the policy; this says
   * what each scope means for each type. `subgraph` chooses the side of a type several
   * subgraphs keep rows of (Worker, PersonStatus).
   */
  inScope(p: Profile, type: string, record: WorldRecord, scope: string, subgraph: string): boolean {
    if (scope === 'all') return true;
    const ix = this.ix;
    const t = p.territory;
    const self = p.subject;
    const own = p.employers ?? [];
    const unknown = () => new Error(`the oracle does not know scope "${scope}" of ${subgraph} ${type}`);
    switch (type) {
      case 'Worker': {
        const w = record as DatasetWorker;
        const notices = ix.noticesOfWorker.get(w.id) ?? [];
        if (scope === 'self') {
          if (w.fiscalCode !== self) return false;
          // A subgraph that keeps no people knows the citizen's id only from rows bearing their fiscal code.
          if (subgraph === 'pacts') return ix.pactsOf.has(w.id) || ix.householdOf.has(w.id);
          if (subgraph === 'referrals') return ix.referralsOf.has(w.id);
          return true;
        }
        if (subgraph !== 'workers') throw unknown();
        if (scope === 'territory') return World.within(w.domicileMunicipality, t) || (ix.didsOf.get(w.id) ?? []).some((d) => this.pointIn(d.jobCentreCode, t));
        if (scope === 'municipality') return World.within(w.domicileMunicipality, t);
        if (scope === 'construction') return notices.some((n) => isConstruction(ix.employerByFc.get(n.employerFiscalCode)!));
        if (scope === 'own-employers') return notices.some((n) => own.includes(n.employerFiscalCode));
        throw unknown();
      }
      case 'PersonStatus':
      case 'EmploymentStatusCheck': {
        const w = record as DatasetWorker;
        if (scope === 'self') return w.fiscalCode === self;
        if (subgraph === 'workers') {
          if (scope === 'territory' || scope === 'municipality') return this.inScope(p, 'Worker', w, scope, 'workers');
          throw unknown();
        }
        const household = ix.householdOf.get(w.id);
        if (scope === 'territory') return (ix.pactsOf.get(w.id) ?? []).some((s) => this.pointIn(s.jobCentreCode, t)) || World.within(household?.municipality, t);
        if (scope === 'municipality') return !!household && this.inScope(p, 'Household', household, 'municipality', 'pacts');
        throw unknown();
      }
      case 'AvailabilityDeclaration': {
        const d = record as DatasetDid;
        const w = ix.workerById.get(d.workerId)!;
        if (scope === 'territory') return this.pointIn(d.jobCentreCode, t) || World.within(w.domicileMunicipality, t);
        if (scope === 'self') return w.fiscalCode === self;
        throw unknown();
      }
      case 'Employer': {
        const e = record as DatasetEmployer;
        if (scope === 'construction') return isConstruction(e);
        if (scope === 'own-employers') return own.includes(e.fiscalCode);
        throw unknown();
      }
      case 'WorkSite': {
        const s = record as WorldWorkSite;
        if (scope === 'territory') return World.within(s.municipality, t);
        if (scope === 'construction') return isConstruction(ix.employerByFc.get(s.employerFiscalCode)!);
        if (scope === 'own-employers') return own.includes(s.employerFiscalCode);
        throw unknown();
      }
      case 'EmploymentRelationship':
      case 'MandatoryNotice': {
        const r = record as DatasetNotice | WorldRelationship;
        // The seed notifies every worker's domicile, so the work site never decides.
        if (scope === 'territory') return World.within(ix.workerByFc.get(r.workerFiscalCode)!.domicileMunicipality, t);
        if (scope === 'construction') return isConstruction(ix.employerByFc.get(r.employerFiscalCode)!);
        if (scope === 'own-employers') return own.includes(r.employerFiscalCode);
        if (scope === 'self') return r.workerFiscalCode === self;
        throw unknown();
      }
      case 'ServicePact': {
        const s = record as DatasetServicePact;
        if (scope === 'territory') return this.pointIn(s.jobCentreCode, t);
        if (scope === 'self') return s.fiscalCode === self;
        throw unknown();
      }
      case 'SocialInclusionPact': {
        const s = record as DatasetInclusionPact;
        if (scope === 'territory' || scope === 'municipality') return World.within(s.municipality, t);
        if (scope === 'self') return ix.householdById.get(s.householdId)!.members.some((m) => m.fiscalCode === self);
        throw unknown();
      }
      case 'Household': {
        const h = record as DatasetHousehold;
        if (scope === 'municipality') return World.within(h.municipality, t) || (ix.inclusionOfHousehold.get(h.id) ?? []).some((s) => World.within(s.municipality, t));
        if (scope === 'self') return h.members.some((m) => m.fiscalCode === self);
        throw unknown();
      }
      case 'Referral': {
        const r = record as DatasetReferral;
        if (scope === 'territory' || scope === 'municipality') return this.pointIn(r.fromCode, t) || this.pointIn(r.toCode, t);
        if (scope === 'consented-by-organisation') return r.fromCode === p.organisation && r.legalBasis === 'CONSENT';
        if (scope === 'self') return r.fiscalCode === self;
        throw unknown();
      }
      default:
        throw unknown();
    }
  }

  /** Every row of a type in the data set, as the oracle and the pickers see them. */
  rows(type: EntityType): WorldRecord[] {
    const d = this.data;
    switch (type) {
      case 'Worker':
      case 'PersonStatus':
        return d.workers;
      case 'AvailabilityDeclaration':
        return d.dids;
      case 'Employer':
        return d.employers;
      case 'WorkSite':
        return [...this.ix.siteById.values()];
      case 'EmploymentRelationship':
        return [...this.ix.relationshipById.values()];
      case 'MandatoryNotice':
        return d.notices;
      case 'ServicePact':
        return d.servicePacts;
      case 'SocialInclusionPact':
        return d.inclusionPacts;
      case 'Household':
        return d.households;
      case 'Referral':
        return d.referrals;
      case 'ServicePoint':
        return d.servicePoints;
    }
  }
}

function profile(role: Role, purpose: Purpose, extras: Omit<Profile, 'id' | 'role' | 'purpose'>): Profile {
  return { id: `${role} ${purpose}`, role, purpose, ...extras };
}

/** The candidate with the highest score (the first of equals: data-set order is deterministic). */
export function pickBest<T>(candidates: readonly T[], score: (row: T) => number, what: string): T {
  let best: T | undefined;
  let bestScore = -Infinity;
  for (const row of candidates) {
    const s = score(row);
    if (s > bestScore) {
      best = row;
      bestScore = s;
    }
  }
  if (best === undefined) throw new Error(`the data set (seed ${SEED}, ${WORKERS} workers) has no ${what}`);
  return best;
}
