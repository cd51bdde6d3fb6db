import { type FilterQuery } from '@mikro-orm/core';
import { type RequestContext } from '../lib/context';
import { badUserInput } from '../lib/errors';
import { type Caller } from '../lib/identity';
import { checkConnectionArgs, type ConnectionArgs, type ConnectionShape } from '../lib/pagination';
import { inTerritory, type ScopeImplementations } from '../lib/policy/scope';

/**
 * Where a job-centre operator's territory reaches an employment relationship or a notice:
 * the worker's domicile as notified (the notice goes to the job centre competent for it);
 * when the domicile was not notified, the municipality of the work site.
 */
function noticeInTerritory(caller: Caller): FilterQuery<object> {
  return {
    $or: [inTerritory(caller, 'workerDomicileMunicipality'), { workerDomicileMunicipality: null, workSite: inTerritory(caller, 'municipality') }],
  };
}

/** The same for a relationship: its domicile (from its latest notice), else a work site named by any of its notices. */
function relationshipInTerritory(caller: Caller): FilterQuery<object> {
  return {
    $or: [
      inTerritory(caller, 'workerDomicileMunicipality'),
      { workerDomicileMunicipality: null, noticeRows: { $some: { workSite: inTerritory(caller, 'municipality') } } },
    ],
  };
}

/** Rows whose employer is one of those the credential acts for (token `employers`). */
const ofOwnEmployers = (caller: Caller): FilterQuery<object> => ({ employer: { $in: [...caller.employers] } });
/** Rows whose employer is in the construction sector (a stored, indexed column of the employer). */
const ofConstructionEmployers = (): FilterQuery<object> => ({ employer: { construction: true } });
/** Rows of the caller's own Cassa Edile (token `org`) about construction employers. */
const ofOwnCassaConstruction = (caller: Caller): FilterQuery<object> => ({ cassaCode: caller.organisation, employer: { construction: true } });
/** Rows about the citizen themselves (token `sub` is their fiscal code). */
const aboutThemselves = (caller: Caller): FilterQuery<object> => ({ workerFiscalCode: caller.subject });

/**
 * Database filters of the row scopes that `schema/policy/companies.yaml` names for this
 * subgraph's types (see `schema/policy/scopes.yaml` for their meaning). Every loader, list
 * and connection of the subgraph adds them to its query, so a row outside the caller's
 * scope is never read.
 */
export const rowScopes: ScopeImplementations = {
  Employer: {
    construction: () => ({ construction: true }),
    'own-employers': (caller) => ({ fiscalCode: { $in: [...caller.employers] } }),
  },
  WorkSite: {
    territory: (caller) => inTerritory(caller, 'municipality'),
    construction: ofConstructionEmployers,
    'own-employers': ofOwnEmployers,
  },
  EmploymentRelationship: {
    territory: relationshipInTerritory,
    construction: ofConstructionEmployers,
    'own-employers': ofOwnEmployers,
    self: aboutThemselves,
  },
  MandatoryNotice: {
    territory: noticeInTerritory,
    construction: ofConstructionEmployers,
    'own-employers': ofOwnEmployers,
    self: aboutThemselves,
  },
  CassaEdileRegistration: { 'own-cassa': ofOwnCassaConstruction },
  MonthlyReturn: { 'own-cassa': ofOwnCassaConstruction },
  CassaEdileAnomaly: { 'own-cassa': ofOwnCassaConstruction },
  CassaEdileVerification: { 'own-cassa': (caller) => ({ cassaCode: caller.organisation }) },
  CassaEdileNotification: {
    'own-recipient': (caller) => ({ recipient: caller.organisation }),
  },
  BulkExport: {
    'own-recipient': (caller) => ({ recipient: caller.organisation }),
  },
  Worker: {
    // Companies has no table of people: the filter is on the key, and workerVisible() applies it.
    self: (caller) => ({ fiscalCode: caller.subject }),
  },
};

/** A condition no row meets, for a caller who sees no row of a type. */
export const NO_ROWS: FilterQuery<object> = { id: { $in: [] } };

/**
 * Whether the caller may see the person with this fiscal code as a `Worker` of this
 * subgraph. Companies keeps no table of people, so the Worker scope (all, or the citizen
 * themselves) is applied to the key, never to other fields of a representation.
 */
export function workerVisible(ctx: RequestContext, fiscalCode: string): boolean {
  const filter = ctx.rows.filter<{ fiscalCode: string }>('Worker') as Record<string, unknown> | null;
  if (filter === null) return false;
  const keys = Object.keys(filter);
  if (keys.length === 0) return true;
  // Fail closed on any filter other than the key one of rowScopes.Worker.
  return keys.length === 1 && typeof filter.fiscalCode === 'string' && filter.fiscalCode === fiscalCode;
}

/** The answer of a connection for a caller who sees no row of its type; its arguments are still checked. */
export function emptyConnection<T>(args: ConnectionArgs, maxPageSize: number): ConnectionShape<T> {
  const problems = checkConnectionArgs(args, maxPageSize);
  if (problems.length) throw badUserInput(problems);
  return { edges: [], nodes: [], pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null }, totalCount: 0 };
}
