import { type FilterQuery } from '@mikro-orm/core';
import { badUserInput } from '../lib/errors';
import { type Caller } from '../lib/identity';
import { checkConnectionArgs, type ConnectionArgs, type ConnectionShape } from '../lib/pagination';
import { inTerritory, type ScopeImplementations } from '../lib/policy/scope';
import { type Household, type HouseholdMember } from './household/household.entity';
import { type SocialInclusionPact } from './inclusion-pact/inclusion-pact.entity';
import { type ServicePact } from './service-pact/service-pact.entity';
import { type ActivationRouting } from './activation-routing/activation-routing.entity';
import { type ServicePointDirectoryEntry } from '../lib/service-point-directory.entity';

/**
 * Where a person is in scope for the types this subgraph computes about a person rather
 * than stores (`PersonStatus`, `EmploymentStatusCheck`, the `Worker` stub): the filter of
 * such a type is not a condition on one table but on the rows the answer is computed
 * from. The person (a fiscal code, or a worker id for the Worker stub) is in scope when
 * - `fiscalCode` is theirs (the citizen themselves: no row needed), or
 * - one of their service pacts meets `servicePact`, or
 * - their household membership meets `householdMember`.
 * `personReach()` in loaders.ts evaluates it in SQL, in one batch per request.
 */
export interface PersonReach {
  fiscalCode?: string;
  servicePact?: FilterQuery<ServicePact>;
  householdMember?: FilterQuery<HouseholdMember>;
}

/** The keys a PersonReach may have: any other filter on a person type is refused (fail closed). */
export const PERSON_REACH_KEYS: readonly string[] = ['fiscalCode', 'servicePact', 'householdMember'];

/** Job centres and desks of the caller's territory (their municipality, ISTAT prefix match). */
export function jobCentresInTerritory(caller: Caller): FilterQuery<ServicePointDirectoryEntry> {
  return inTerritory(caller, 'municipality') as FilterQuery<ServicePointDirectoryEntry>;
}

/** Service pacts held by a job centre or desk of the caller's territory. */
function pactsInTerritory(caller: Caller): FilterQuery<ServicePact> {
  return { jobCentre: jobCentresInTerritory(caller) } as FilterQuery<ServicePact>;
}

/** Inclusion pacts whose municipality in charge is in the caller's territory (province or municipality codes). */
function inclusionPactsOf(caller: Caller): FilterQuery<SocialInclusionPact> {
  return inTerritory(caller, 'municipality') as FilterQuery<SocialInclusionPact>;
}

/**
 * Households of the social worker's municipality: resident there, or with an inclusion
 * pact of that municipality (so that a pact in scope always shows its household).
 */
function householdsOfMunicipality(caller: Caller): FilterQuery<Household> {
  return { $or: [inTerritory(caller, 'municipality'), { pactRows: { $some: inclusionPactsOf(caller) } }] } as FilterQuery<Household>;
}

/** Households of which the citizen is a member (token `sub` is their fiscal code). */
function ownHouseholds(caller: Caller): FilterQuery<Household> {
  return { memberRows: { $some: { fiscalCode: caller.subject } } } as FilterQuery<Household>;
}

/** People with a pact held in the job centre's territory, or resident in a household there. */
function peopleInTerritory(caller: Caller): PersonReach {
  return {
    servicePact: pactsInTerritory(caller),
    householdMember: { household: inTerritory(caller, 'municipality') } as FilterQuery<HouseholdMember>,
  };
}

/** People of a household of the social worker's municipality (resident, or with an inclusion pact of it). */
function peopleOfMunicipality(caller: Caller): PersonReach {
  return { householdMember: { household: householdsOfMunicipality(caller) } as FilterQuery<HouseholdMember> };
}

/** The citizen themselves, whatever the data: their own status is always an answer. */
function themselves(caller: Caller): PersonReach {
  return { fiscalCode: caller.subject };
}

/**
 * Database filters of the row scopes that `schema/policy/pacts.yaml` names for this
 * subgraph's types (see `schema/policy/scopes.yaml` for their meaning). Every loader, list
 * and connection of the subgraph adds them to its query, so a row outside the caller's
 * scope is never read; the person-level types use a {@link PersonReach}.
 */
export const rowScopes: ScopeImplementations = {
  ServicePact: {
    /** Job centres: pacts held by a job centre or desk of their territory (directory replica). */
    territory: (caller) => pactsInTerritory(caller),
    /** Citizens: their own pacts (the fiscal code the pact was made with). */
    self: (caller) => ({ fiscalCode: caller.subject }),
  },
  SocialInclusionPact: {
    /** Social services: pacts of which their municipality is in charge. */
    municipality: (caller) => inclusionPactsOf(caller),
    /** Job centres: pacts of municipalities of their territory (the policy releases their status only). */
    territory: (caller) => inclusionPactsOf(caller),
    /** Citizens: the pacts of their own household. */
    self: (caller) => ({ household: ownHouseholds(caller) }),
  },
  ActivationRouting: {
    /** Job centres: the members routed to a job centre or desk of their territory. */
    territory: (caller) => ({ jobCentre: jobCentresInTerritory(caller) }) as FilterQuery<ActivationRouting>,
    /** Social services: the routings of the pacts of their municipality. */
    municipality: (caller) => ({ pact: inclusionPactsOf(caller) }) as FilterQuery<ActivationRouting>,
  },
  Household: {
    municipality: (caller) => householdsOfMunicipality(caller),
    self: (caller) => ownHouseholds(caller),
  },
  PersonStatus: {
    territory: (caller) => peopleInTerritory(caller) as FilterQuery<object>,
    municipality: (caller) => peopleOfMunicipality(caller) as FilterQuery<object>,
    self: (caller) => themselves(caller) as FilterQuery<object>,
  },
  EmploymentStatusCheck: {
    territory: (caller) => peopleInTerritory(caller) as FilterQuery<object>,
    municipality: (caller) => peopleOfMunicipality(caller) as FilterQuery<object>,
    self: (caller) => themselves(caller) as FilterQuery<object>,
  },
  Worker: {
    /**
     * Citizens: this subgraph knows a worker id only from the pacts and household rows that
     * carry it, so the stub is the citizen's own when one of those rows bears both the id
     * and the caller's fiscal code. Any other id is no row.
     */
    self: (caller) => ({ servicePact: { fiscalCode: caller.subject }, householdMember: { fiscalCode: caller.subject } }) as FilterQuery<object>,
  },
};

/** The answer of a connection for a caller who sees no row of its type; its arguments are still checked. */
export function emptyConnection<T>(args: ConnectionArgs, maxPageSize: number): ConnectionShape<T> {
  const problems = checkConnectionArgs(args, maxPageSize);
  if (problems.length) throw badUserInput(problems);
  return { edges: [], nodes: [], pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null }, totalCount: 0 };
}
