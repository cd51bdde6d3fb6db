import { type EntityManager, type FilterQuery } from '@mikro-orm/core';
import { type EntityManager as SqlEntityManager } from '@mikro-orm/knex';
import DataLoader from 'dataloader';
import { groupLoader, loaderOptions, rowLoader } from '../lib/loaders';
import { type RowScope } from '../lib/policy/scope';
import { uuidsOnly } from '../lib/validation';
import { Household, HouseholdMember, HouseholdRelation } from './household/household.entity';
import { SocialInclusionPact, SocialInclusionPactStateChange } from './inclusion-pact/inclusion-pact.entity';
import { ActivationRouting } from './activation-routing/activation-routing.entity';
import { DigitalActivationPact } from './digital-activation-pact/digital-activation-pact.entity';
import { ConvocationExclusion } from './convocation-exclusion/convocation-exclusion.entity';
import { PERSON_REACH_KEYS, type PersonReach } from './scopes';
import { ServicePact, ServicePactStateChange } from './service-pact/service-pact.entity';
import { ServicePointDirectoryEntry } from '../lib/service-point-directory.entity';

/** Newest first: the order of `Worker.servicePacts`, and the one "latest pact" relies on. */
const NEWEST_PACT_FIRST = { proposedOn: 'desc', createdAt: 'desc', id: 'desc' } as const;
const BY_MEMBER = { fiscalCode: 'asc', id: 'asc' } as const;
const NEWEST_PAD_FIRST = { padSignedOn: 'desc', createdAt: 'desc', id: 'desc' } as const;

const RELATION_ORDER: readonly HouseholdRelation[] = [
  HouseholdRelation.APPLICANT,
  HouseholdRelation.SPOUSE,
  HouseholdRelation.CHILD,
  HouseholdRelation.PARENT,
  HouseholdRelation.OTHER,
];

/** Applicant first, then spouse, children, parents, others (a stable sort keeps fiscal-code order within each). */
function byRelation(members: HouseholdMember[]): HouseholdMember[] {
  return members.sort((a, b) => RELATION_ORDER.indexOf(a.relation) - RELATION_ORDER.indexOf(b.relation));
}

/** The person-level types whose scope is a {@link PersonReach}, and the key each is looked up by. */
type PersonType = 'PersonStatus' | 'EmploymentStatusCheck' | 'Worker';

/**
 * A loader telling, for each key (a fiscal code, or a worker id for the Worker stub),
 * whether the caller's scope on `type` reaches that person (see {@link PersonReach}).
 * At most two statements per batch (the pact side and the household side, plain values:
 * no partial entity enters the identity map), none when the scope needs no data.
 */
function personReach(em: EntityManager, rows: RowScope, type: PersonType, key: 'fiscalCode' | 'workerId'): DataLoader<string, boolean> {
  const sql = em as SqlEntityManager;
  const matching = async <E extends object>(entity: new () => E, keys: string[], condition: FilterQuery<E> | undefined): Promise<Set<string>> => {
    if (!condition || keys.length === 0) return new Set();
    const found = await sql
      .createQueryBuilder(entity, 'r')
      .select(key as never, true)
      .where({ $and: [{ [key]: { $in: keys } }, condition] } as FilterQuery<E>)
      .execute<Record<string, string>[]>('all', true);
    return new Set(found.map((row) => row[key]!));
  };
  return new DataLoader<string, boolean>(async (keys) => {
    const filter = rows.filter<object>(type) as Record<string, unknown> | null;
    if (filter === null) return keys.map(() => false);
    const given = Object.keys(filter);
    if (given.length === 0) return keys.map(() => true);
    // Fail closed on a filter that is not a PersonReach.
    if (given.some((k) => !PERSON_REACH_KEYS.includes(k))) return keys.map(() => false);
    const reach = filter as PersonReach;
    const distinct = [...new Set(keys)];
    const [byPact, byMember] = await Promise.all([
      matching(ServicePact, distinct, reach.servicePact),
      matching(HouseholdMember, distinct, reach.householdMember),
    ]);
    return keys.map((k) => (key === 'fiscalCode' && !!reach.fiscalCode && reach.fiscalCode === k) || byPact.has(k) || byMember.has(k));
  }, loaderOptions());
}

/**
 * The DataLoaders of one request, bound to its entity manager and to the caller's row
 * scopes. The loaders that release rows (by id, per worker, per household) put the
 * caller's scope into their SQL, so a row outside it is never loaded and answers exactly
 * like a missing one (null, an empty list, NOT_FOUND in a mutation). The loaders marked
 * *internal* read without the scope: they compute answers about a person already in
 * scope (the status checks) or keep an invariant of a write (one active pact per person
 * and programme, one open inclusion pact per household); their rows are never returned.
 */
export function createLoaders(em: EntityManager, rows: RowScope) {
  /** `em.find` of the caller's rows of `type` matching `where`; no statement when the caller sees none. */
  const scoped = <E extends object>(type: string, entity: new () => E, where: FilterQuery<E>, options: Parameters<EntityManager['find']>[2] = {}) => {
    const restricted = rows.restrict<E>(type, where);
    return restricted === null ? Promise.resolve([] as E[]) : (em.find(entity, restricted, options as never) as Promise<E[]>);
  };
  return {
    servicePactById: rowLoader<string, ServicePact>(
      (ids) => scoped('ServicePact', ServicePact, { id: { $in: uuidsOnly(ids) } }),
      (p) => p.id,
    ),
    servicePactsByWorker: groupLoader<string, ServicePact>(
      (ids) => scoped('ServicePact', ServicePact, { workerId: { $in: [...ids] } }, { orderBy: NEWEST_PACT_FIRST }),
      (p) => p.workerId,
    ),
    /** Internal: every pact of the people, for the signature rule (one active pact per person and programme). */
    allServicePactsByWorker: groupLoader<string, ServicePact>(
      (ids) => em.find(ServicePact, { workerId: { $in: [...ids] } }, { orderBy: NEWEST_PACT_FIRST }),
      (p) => p.workerId,
    ),
    /** Internal: every pact of the people, for the status of a person in scope (never released as rows). */
    statusPactsByFiscalCode: groupLoader<string, ServicePact>(
      (codes) => em.find(ServicePact, { fiscalCode: { $in: [...codes] } }, { orderBy: NEWEST_PACT_FIRST }),
      (p) => p.fiscalCode,
    ),
    servicePactChangesByPact: groupLoader<string, ServicePactStateChange>(
      (ids) =>
        em.find(
          ServicePactStateChange,
          { pact: { $in: [...ids] } },
          { orderBy: { effectiveOn: 'asc', recordedAt: 'asc', id: 'asc' } },
        ),
      (c) => c.pact.id,
    ),
    householdById: rowLoader<string, Household>(
      (ids) => scoped('Household', Household, { id: { $in: uuidsOnly(ids) } }),
      (h) => h.id,
    ),
    /** Internal: which household a worker belongs to; `Worker.household` then loads it through `householdById` (scoped). */
    householdMemberByWorker: rowLoader<string, HouseholdMember>(
      (ids) => em.find(HouseholdMember, { workerId: { $in: [...ids] } }),
      (m) => m.workerId,
    ),
    /** Internal: the household of a person in scope of a status check. */
    householdMemberByFiscalCode: rowLoader<string, HouseholdMember>(
      (codes) => em.find(HouseholdMember, { fiscalCode: { $in: [...codes] } }),
      (m) => m.fiscalCode,
    ),
    /** Members of households already loaded through the scope (or of the household of a person in scope). */
    membersByHousehold: groupLoader<string, HouseholdMember>(
      async (ids) => byRelation(await em.find(HouseholdMember, { household: { $in: [...ids] } }, { orderBy: { fiscalCode: 'asc' } })),
      (m) => m.household.id,
    ),
    inclusionPactById: rowLoader<string, SocialInclusionPact>(
      (ids) => scoped('SocialInclusionPact', SocialInclusionPact, { id: { $in: uuidsOnly(ids) } }),
      (p) => p.id,
    ),
    inclusionPactsByHousehold: groupLoader<string, SocialInclusionPact>(
      (ids) => scoped('SocialInclusionPact', SocialInclusionPact, { household: { $in: [...ids] } }, { orderBy: NEWEST_PAD_FIRST }),
      (p) => p.household.id,
    ),
    /** Internal: every inclusion pact of the households, for the rule of one open pact per household. */
    allInclusionPactsByHousehold: groupLoader<string, SocialInclusionPact>(
      (ids) => em.find(SocialInclusionPact, { household: { $in: [...ids] } }, { orderBy: NEWEST_PAD_FIRST }),
      (p) => p.household.id,
    ),
    inclusionPactChangesByPact: groupLoader<string, SocialInclusionPactStateChange>(
      (ids) =>
        em.find(
          SocialInclusionPactStateChange,
          { pact: { $in: [...ids] } },
          { orderBy: { effectiveOn: 'asc', recordedAt: 'asc', id: 'asc' } },
        ),
      (c) => c.pact.id,
    ),
    activationRoutingsByPact: groupLoader<string, ActivationRouting>(
      (ids) => scoped('ActivationRouting', ActivationRouting, { pact: { $in: [...ids] } }, { orderBy: BY_MEMBER }),
      (r) => r.pact.id,
    ),
    /** The PAD of members already loaded through their household's scope (and internal, for the analysis rule). */
    padByMember: rowLoader<string, DigitalActivationPact>(
      (ids) => em.find(DigitalActivationPact, { member: { $in: [...ids] } }),
      (p) => p.member.id,
    ),
    /** Internal: the do-not-convene decision in force for each person (one at most), for their convocation status. */
    currentExclusionByFiscalCode: rowLoader<string, ConvocationExclusion>(
      (codes) => em.find(ConvocationExclusion, { fiscalCode: { $in: [...codes] }, endedOn: null }),
      (e) => e.fiscalCode,
    ),
    /** Do-not-convene decisions of members already loaded through their household's scope, newest first. */
    exclusionsByMember: groupLoader<string, ConvocationExclusion>(
      (ids) => em.find(ConvocationExclusion, { member: { $in: [...ids] } }, { orderBy: { since: 'desc', recordedAt: 'desc', id: 'desc' } }),
      (e) => e.member.id,
    ),
    /** The service-point directory replica (reference data, no personal data). */
    directoryEntryByCode: rowLoader<string, ServicePointDirectoryEntry>(
      (codes) => em.find(ServicePointDirectoryEntry, { code: { $in: [...codes] } }),
      (e) => e.code,
    ),
    /** Fiscal codes whose PersonStatus is in the caller's scope. */
    personStatusInScope: personReach(em, rows, 'PersonStatus', 'fiscalCode'),
    /** Fiscal codes whose EmploymentStatusCheck is in the caller's scope. */
    statusCheckInScope: personReach(em, rows, 'EmploymentStatusCheck', 'fiscalCode'),
    /** Worker ids whose Worker stub is in the caller's scope. */
    workerInScope: personReach(em, rows, 'Worker', 'workerId'),
  };
}

export type PactsLoaders = ReturnType<typeof createLoaders>;
