import { type EntityManager } from '@mikro-orm/core';
import { groupLoader, rowLoader } from '../lib/loaders';
import { Household, HouseholdMember, HouseholdRelation } from './household/household.entity';
import { SocialInclusionPact, SocialInclusionPactStateChange } from './inclusion-pact/inclusion-pact.entity';
import { ServicePact, ServicePactStateChange } from './service-pact/service-pact.entity';
import { uuidsOnly } from '../lib/validation';

/** Newest first: the order of `Worker.servicePacts`, and the one "latest pact" relies on. */
const NEWEST_PACT_FIRST = { proposedOn: 'desc', createdAt: 'desc', id: 'desc' } as const;

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

/** The DataLoaders of one request, bound to its entity manager. */
export function createLoaders(em: EntityManager) {
  return {
    servicePactById: rowLoader<string, ServicePact>(
      (ids) => em.find(ServicePact, { id: { $in: uuidsOnly(ids) } }),
      (p) => p.id,
    ),
    servicePactsByWorker: groupLoader<string, ServicePact>(
      (ids) => em.find(ServicePact, { workerId: { $in: [...ids] } }, { orderBy: NEWEST_PACT_FIRST }),
      (p) => p.workerId,
    ),
    servicePactsByFiscalCode: groupLoader<string, ServicePact>(
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
      (ids) => em.find(Household, { id: { $in: uuidsOnly(ids) } }),
      (h) => h.id,
    ),
    householdMemberByWorker: rowLoader<string, HouseholdMember>(
      (ids) => em.find(HouseholdMember, { workerId: { $in: [...ids] } }),
      (m) => m.workerId,
    ),
    householdMemberByFiscalCode: rowLoader<string, HouseholdMember>(
      (codes) => em.find(HouseholdMember, { fiscalCode: { $in: [...codes] } }),
      (m) => m.fiscalCode,
    ),
    membersByHousehold: groupLoader<string, HouseholdMember>(
      async (ids) => byRelation(await em.find(HouseholdMember, { household: { $in: [...ids] } }, { orderBy: { fiscalCode: 'asc' } })),
      (m) => m.household.id,
    ),
    inclusionPactById: rowLoader<string, SocialInclusionPact>(
      (ids) => em.find(SocialInclusionPact, { id: { $in: uuidsOnly(ids) } }),
      (p) => p.id,
    ),
    inclusionPactsByHousehold: groupLoader<string, SocialInclusionPact>(
      (ids) =>
        em.find(
          SocialInclusionPact,
          { household: { $in: [...ids] } },
          { orderBy: { padSignedOn: 'desc', createdAt: 'desc', id: 'desc' } },
        ),
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
  };
}

export type PactsLoaders = ReturnType<typeof createLoaders>;
