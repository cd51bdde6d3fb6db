/**
 * The generated part of the matrix: for every profile (role and declared purpose) and
 * every entity type, a case reading one row of the type in the caller's scope and one
 * outside it, selecting every field of the type (value types in full, nested entities by
 * key). The expected outcome of each field is computed from the policy (`accessPolicy()`,
 * the specification) and from the row-scope oracle of world.ts over the data set; values
 * come from the data set.
 */
import { type DatasetNotice, type DatasetReferral, type DatasetServicePoint, type DatasetWorker } from '../../../scripts/seed/dataset.types';
import { accessPolicy, grantKey } from '../../../subgraphs/lib/policy/model';
import { selectAll, type SchemaInfo } from './schema-info';
import { rowVisible, type WalkEnv } from './walk';
import { type EntityType, type Profile, type World, type WorldRecord, type WorldRelationship, type WorldWorkSite } from './world';

/** How a case reaches a row of a type from the root of the graph. */
export interface Reach {
  type: EntityType;
  /** The subgraph whose rows of the type decide whether the row exists for the caller. */
  owner: string;
  /** The root field's type and subgraph, and its data-set row for a target row. */
  rootType: string;
  rootOwner: string;
  rootRecord: (target: WorldRecord, world: World) => WorldRecord | null;
  variables: (target: WorldRecord, world: World) => Record<string, unknown>;
  operation: (info: SchemaInfo) => string;
  /** Other subgraphs whose rows of the type a rich in-scope subject should also be in. */
  alsoIn?: { subgraph: string; type: string }[];
  /** The fields the reach goes through to the row (`subgraph Type.field`): the profile must be granted each. */
  path: string[];
  /** Rows of intermediate entities the reach passes through, which must be in scope too. */
  through?: { subgraph: string; type: string; record: (target: WorldRecord, world: World) => WorldRecord }[];
  score: (target: WorldRecord, world: World) => number;
}

const noticeAt = (site: WorldWorkSite, world: World, prefer: (n: DatasetNotice) => boolean): DatasetNotice | null => {
  const notices = world.data.notices.filter((n) => n.workSiteId === site.id);
  return notices.find(prefer) ?? notices[0] ?? null;
};

export const REACHES: Reach[] = [
  {
    type: 'Worker',
    owner: 'workers',
    rootType: 'Worker',
    rootOwner: 'workers',
    rootRecord: (t) => t,
    variables: (t) => ({ k: (t as DatasetWorker).fiscalCode }),
    path: ['workers Query.worker'],
    operation: (info) => `query MatrixWorker($k: FiscalCode!) { worker(fiscalCode: $k) { ${selectAll(info, 'Worker', 'workers')} } }`,
    alsoIn: [
      { subgraph: 'pacts', type: 'Worker' },
      { subgraph: 'referrals', type: 'Worker' },
      { subgraph: 'companies', type: 'Worker' },
    ],
    score: (t, w) => w.workerRichness(t as DatasetWorker),
  },
  {
    type: 'AvailabilityDeclaration',
    owner: 'workers',
    rootType: 'Worker',
    rootOwner: 'workers',
    rootRecord: (t, w) => w.ix.workerById.get((t as { workerId: string }).workerId)!,
    variables: (t, w) => ({ k: w.ix.workerById.get((t as { workerId: string }).workerId)!.fiscalCode }),
    path: ['workers Query.worker', 'workers Worker.availabilityDeclarations'],
    operation: (info) => `query MatrixDid($k: FiscalCode!) { worker(fiscalCode: $k) { availabilityDeclarations { ${selectAll(info, 'AvailabilityDeclaration', 'workers')} } } }`,
    score: (t) => (t as { history: unknown[] }).history.length,
  },
  {
    type: 'PersonStatus',
    owner: 'pacts',
    rootType: 'EmploymentStatusCheck',
    rootOwner: 'pacts',
    rootRecord: (t) => t,
    variables: (t) => ({ k: (t as DatasetWorker).fiscalCode }),
    path: ['pacts Query.employmentStatusCheck', 'pacts EmploymentStatusCheck.person'],
    operation: (info) =>
      `query MatrixStatus($k: FiscalCode!) { employmentStatusCheck(fiscalCode: $k) { checkedAt person { ${selectAll(info, 'PersonStatus', 'pacts')} } householdMembers { fiscalCode } } }`,
    alsoIn: [{ subgraph: 'workers', type: 'PersonStatus' }],
    score: (t, w) => w.workerRichness(t as DatasetWorker),
  },
  {
    type: 'Employer',
    owner: 'companies',
    rootType: 'Employer',
    rootOwner: 'companies',
    rootRecord: (t) => t,
    variables: (t) => ({ k: (t as { fiscalCode: string }).fiscalCode }),
    path: ['companies Query.employer'],
    operation: (info) => `query MatrixEmployer($k: FiscalCode!) { employer(fiscalCode: $k) { ${selectAll(info, 'Employer', 'companies')} } }`,
    score: (t, w) => w.data.notices.filter((n) => n.employerFiscalCode === (t as { fiscalCode: string }).fiscalCode).length,
  },
  {
    type: 'WorkSite',
    owner: 'companies',
    rootType: 'MandatoryNotice',
    rootOwner: 'companies',
    rootRecord: (t, w) => noticeAt(t as WorldWorkSite, w, () => true),
    variables: (t, w) => ({ k: noticeAt(t as WorldWorkSite, w, () => true)?.code ?? '0000000000000000' }),
    path: ['companies Query.mandatoryNotice', 'companies MandatoryNotice.workSite'],
    operation: (info) => `query MatrixWorkSite($k: MandatoryNoticeCode!) { mandatoryNotice(code: $k) { workSite { ${selectAll(info, 'WorkSite', 'companies')} } } }`,
    score: (t, w) => (noticeAt(t as WorldWorkSite, w, () => true) ? 1 : -100),
  },
  {
    type: 'EmploymentRelationship',
    owner: 'companies',
    rootType: 'EmploymentRelationship',
    rootOwner: 'companies',
    rootRecord: (t) => t,
    variables: (t) => ({ k: (t as WorldRelationship).id }),
    path: ['companies Query.employmentRelationship'],
    operation: (info) => `query MatrixRelationship($k: ID!) { employmentRelationship(id: $k) { ${selectAll(info, 'EmploymentRelationship', 'companies')} } }`,
    score: (t) => (t as WorldRelationship).notices.length,
  },
  {
    type: 'MandatoryNotice',
    owner: 'companies',
    rootType: 'MandatoryNotice',
    rootOwner: 'companies',
    rootRecord: (t) => t,
    variables: (t) => ({ k: (t as DatasetNotice).code }),
    path: ['companies Query.mandatoryNotice'],
    operation: (info) => `query MatrixNotice($k: MandatoryNoticeCode!) { mandatoryNotice(code: $k) { ${selectAll(info, 'MandatoryNotice', 'companies')} } }`,
    score: (t) => ((t as DatasetNotice).residencePermitType ? 2 : 0) + ((t as DatasetNotice).workSiteId ? 1 : 0),
  },
  {
    type: 'ServicePact',
    owner: 'pacts',
    rootType: 'ServicePact',
    rootOwner: 'pacts',
    rootRecord: (t) => t,
    variables: (t) => ({ k: (t as { id: string }).id }),
    path: ['pacts Query.servicePact'],
    operation: (info) => `query MatrixServicePact($k: ID!) { servicePact(id: $k) { ${selectAll(info, 'ServicePact', 'pacts')} } }`,
    score: (t) => ((t as { signedOn: string | null }).signedOn ? 1 : 0) + ((t as { golPathway: string | null }).golPathway ? 1 : 0),
  },
  {
    type: 'SocialInclusionPact',
    owner: 'pacts',
    rootType: 'SocialInclusionPact',
    rootOwner: 'pacts',
    rootRecord: (t) => t,
    variables: (t) => ({ k: (t as { id: string }).id }),
    path: ['pacts Query.socialInclusionPact'],
    operation: (info) => `query MatrixInclusionPact($k: ID!) { socialInclusionPact(id: $k) { ${selectAll(info, 'SocialInclusionPact', 'pacts')} } }`,
    score: (t) => ((t as { signedOn: string | null }).signedOn ? 1 : 0),
  },
  {
    type: 'Household',
    owner: 'pacts',
    rootType: 'Household',
    rootOwner: 'pacts',
    rootRecord: (t) => t,
    variables: (t) => ({ k: (t as { id: string }).id }),
    path: ['pacts Query.household'],
    operation: (info) => `query MatrixHousehold($k: ID!) { household(id: $k) { ${selectAll(info, 'Household', 'pacts')} } }`,
    score: (t, w) => (t as { members: unknown[] }).members.length + (w.ix.inclusionOfHousehold.has((t as { id: string }).id) ? 10 : 0),
  },
  {
    type: 'Referral',
    owner: 'referrals',
    rootType: 'Referral',
    rootOwner: 'referrals',
    rootRecord: (t) => t,
    variables: (t) => ({ k: (t as DatasetReferral).id }),
    path: ['referrals Query.referral'],
    operation: (info) => `query MatrixReferral($k: ID!) { referral(id: $k) { ${selectAll(info, 'Referral', 'referrals')} } }`,
    score: (t) => (t as DatasetReferral).history.length + ((t as DatasetReferral).motivation ? 2 : 0) + ((t as DatasetReferral).state === 'CLOSED' ? 2 : 0),
  },
  {
    // Job centres and social workers outside a referral (employment services, inclusion) see a person's referrals through the person.
    type: 'Referral',
    owner: 'referrals',
    rootType: 'Worker',
    rootOwner: 'workers',
    rootRecord: (t, w) => w.ix.workerById.get((t as DatasetReferral).workerId)!,
    variables: (t) => ({ k: (t as DatasetReferral).fiscalCode }),
    path: ['workers Query.worker', 'referrals Worker.referrals'],
    through: [{ subgraph: 'referrals', type: 'Worker', record: (t, w) => w.ix.workerById.get((t as DatasetReferral).workerId)! }],
    operation: (info) => `query MatrixReferralsOfWorker($k: FiscalCode!) { worker(fiscalCode: $k) { referrals { ${selectAll(info, 'Referral', 'referrals')} } } }`,
    score: (t) => (t as DatasetReferral).history.length + ((t as DatasetReferral).motivation ? 2 : 0) + ((t as DatasetReferral).state === 'CLOSED' ? 2 : 0),
  },
  {
    type: 'ServicePoint',
    owner: 'referrals',
    rootType: 'ServicePoint',
    rootOwner: 'referrals',
    rootRecord: (t) => t,
    variables: (t) => ({ k: (t as DatasetServicePoint).code }),
    path: ['referrals Query.servicePoint'],
    operation: (info) => `query MatrixServicePoint($k: ID!) { servicePoint(code: $k) { ${selectAll(info, 'ServicePoint', 'referrals')} } }`,
    score: (t, w) => ((t as DatasetServicePoint).parentCode ? 2 : 0) + w.data.servicePoints.filter((d) => d.parentCode === (t as DatasetServicePoint).code).length,
  },
];

/** One generated case: a profile reading one row of a type. */
export interface GeneratedCase {
  profile: Profile;
  reach: Reach;
  /** `in scope`, `out of scope`, or `no rows` (the role has no row of the type). */
  kind: 'in scope' | 'out of scope' | 'no rows';
  /** False when some field on the way is not granted to the profile: the case then expects that refusal. */
  granted: boolean;
  target: WorldRecord;
}

function env(world: World): WalkEnv {
  // The schema part is not needed to pick subjects.
  return { policy: accessPolicy(), world, info: undefined as never };
}

/** Whether the row `target` is reachable by the profile through the reach: the root row and the target row both in scope. */
function inScope(e: WalkEnv, p: Profile, reach: Reach, target: WorldRecord): boolean {
  const root = reach.rootRecord(target, e.world);
  if (!root || !rowVisible(e, p, reach.rootOwner, reach.rootType, root)) return false;
  if ((reach.through ?? []).some((t) => !rowVisible(e, p, t.subgraph, t.type, t.record(target, e.world)))) return false;
  return rowVisible(e, p, reach.owner, reach.type, target);
}

/** Whether every field on the reach's way is granted to the profile's role and purpose. */
export function reachGranted(p: Profile, reach: Reach): boolean {
  return reach.path.every((step) => {
    const [subgraph, field] = step.split(' ') as [string, string];
    const [type, name] = field.split('.') as [string, string];
    return !!accessPolicy().subgraphs[subgraph]?.types[type]?.fields[name]?.allowed.has(grantKey(p.role, p.purpose));
  });
}

/** Whether the role has any row of the type (its policy names a scope for it). */
function hasRows(p: Profile, reach: Reach): boolean {
  const rows = accessPolicy().subgraphs[reach.owner]?.types[reach.type]?.rows;
  return !rows || !!rows[p.role];
}

function best(rows: WorldRecord[], score: (r: WorldRecord) => number): WorldRecord | undefined {
  let found: WorldRecord | undefined;
  let top = -Infinity;
  for (const row of rows) {
    const s = score(row);
    if (s > top) {
      top = s;
      found = row;
    }
  }
  return found;
}

/** Every generated case: for each profile and type, a row in scope and one outside (or two rows when the role has none). */
export function generatedCases(world: World): GeneratedCase[] {
  const e = env(world);
  const cases: GeneratedCase[] = [];
  const cpi = world.profiles[0]!;
  const types = [...new Set(REACHES.map((r) => r.type))];
  for (const type of types) {
    const reaches = REACHES.filter((r) => r.type === type);
    for (const profile of world.profiles) {
      // The first way to the type that the profile may take; if none, the first (the case then expects its refusal).
      const reach = reaches.find((r) => reachGranted(profile, r)) ?? reaches[0]!;
      const granted = reachGranted(profile, reach);
      const rows = world.rows(reach.type);
      const score = (r: WorldRecord) => reach.score(r, world);
      if (!hasRows(profile, reach) || !granted) {
        // A reference pair: the job centre's in-scope row and one outside its scope.
        const referenceIn = best(rows.filter((r) => inScope(e, cpi, reach, r)), score) ?? best(rows, score)!;
        const referenceOut = best(rows.filter((r) => r !== referenceIn && !inScope(e, cpi, reach, r)), score) ?? rows.find((r) => r !== referenceIn)!;
        const kind = hasRows(profile, reach) ? 'out of scope' : 'no rows';
        cases.push({ profile, reach, kind, granted, target: referenceIn }, { profile, reach, kind, granted, target: referenceOut });
        continue;
      }
      const inside = rows.filter((r) => inScope(e, profile, reach, r));
      const richScore = (r: WorldRecord) =>
        score(r) * 10 + (reach.alsoIn ?? []).filter((o) => rowVisible(e, profile, o.subgraph, o.type, r)).length * 1000;
      const target = best(inside, richScore);
      if (!target) throw new Error(`no ${reach.type} in the scope of ${profile.id} in the data set: pick another seed`);
      cases.push({ profile, reach, kind: 'in scope', granted, target });
      const outside = rows.filter((r) => !inScope(e, profile, reach, r));
      // Prefer an outside row whose root row is in scope: then the refusal is of the row itself.
      const precise = outside.filter((r) => {
        const root = reach.rootRecord(r, world);
        return reach.rootType !== reach.type && !!root && rowVisible(e, profile, reach.rootOwner, reach.rootType, root);
      });
      const out = best(precise, score) ?? best(outside, score);
      if (out) cases.push({ profile, reach, kind: 'out of scope', granted, target: out });
    }
  }
  return cases;
}
