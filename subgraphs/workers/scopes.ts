import { type FilterQuery } from '@mikro-orm/core';
import { type Caller } from '../lib/identity';
import { inTerritory, type ScopeFilter, type ScopeImplementations } from '../lib/policy/scope';
import { type AvailabilityDeclaration } from './availability/availability.entity';
import { type DidChangeProposal } from './availability/did-change-proposal.entity';
import { type Worker } from './worker/worker.entity';

/*
 * Database filters of the row scopes that `schema/policy/workers.yaml` names for this
 * subgraph's types (see `schema/policy/scopes.yaml` for their meaning). Each is a
 * MikroORM condition on the entity the type is loaded from; the loaders and the `workers`
 * list AND it with their own conditions, so out-of-scope rows never leave the database.
 * A DID's job centre is placed in a territory through the replicated service-point
 * directory; employers through the replicated employment links.
 */

/** A person whose domicile is in the caller's territory, or who holds a DID at a job centre of it. */
function workerInTerritory(caller: Caller): FilterQuery<Worker> {
  return {
    $or: [
      inTerritory(caller, 'domicileMunicipality'),
      { declarationRows: { $some: { jobCentre: inTerritory(caller, 'municipality') } } },
    ],
  } as FilterQuery<Worker>;
}

/** A person domiciled in the social worker's municipality (token territory). */
function workerInMunicipality(caller: Caller): FilterQuery<Worker> {
  return inTerritory(caller, 'domicileMunicipality') as FilterQuery<Worker>;
}

/** The citizen themselves: the token subject is their fiscal code. */
function workerSelf(caller: Caller): FilterQuery<Worker> {
  return { fiscalCode: caller.subject };
}

/** A person a construction-sector employer employs or employed. */
function workerOfConstruction(): FilterQuery<Worker> {
  return { employmentLinks: { $some: { construction: true } } };
}

/** A person one of the caller's employers employs or employed. */
function workerOfOwnEmployers(caller: Caller): FilterQuery<Worker> {
  return { employmentLinks: { $some: { employerFiscalCode: { $in: [...caller.employers] } } } };
}

/** A DID held at a job centre of the caller's territory, or of a person domiciled in it. */
function declarationInTerritory(caller: Caller): FilterQuery<AvailabilityDeclaration> {
  return {
    $or: [inTerritory(caller, 'jobCentreMunicipality'), { worker: inTerritory(caller, 'domicileMunicipality') }],
  } as FilterQuery<AvailabilityDeclaration>;
}

/** A proposed DID change whose DID is in the caller's territory (the DID's own scope, through the relation). */
function proposalInTerritory(caller: Caller): FilterQuery<DidChangeProposal> {
  return { declaration: declarationInTerritory(caller) } as FilterQuery<DidChangeProposal>;
}

/** The citizen's own DIDs. */
function declarationSelf(caller: Caller): FilterQuery<AvailabilityDeclaration> {
  return { worker: { fiscalCode: caller.subject } };
}

const filter = <E>(build: (caller: Caller) => FilterQuery<E>): ScopeFilter => build as ScopeFilter;

export const rowScopes: ScopeImplementations = {
  Worker: {
    territory: filter(workerInTerritory),
    municipality: filter(workerInMunicipality),
    construction: filter(workerOfConstruction),
    'own-employers': filter(workerOfOwnEmployers),
    self: filter(workerSelf),
  },
  AvailabilityDeclaration: {
    territory: filter(declarationInTerritory),
    self: filter(declarationSelf),
  },
  DidChangeProposal: {
    territory: filter(proposalInTerritory),
  },
  // A Cassa Edile's bulk exports: those made for it (token org is its code).
  BulkExport: {
    'own-recipient': (caller) => ({ recipient: caller.organisation }),
  },
  // The status check is a view of the person (Worker rows): the same conditions on the person.
  PersonStatus: {
    territory: filter(workerInTerritory),
    municipality: filter(workerInMunicipality),
    self: filter(workerSelf),
  },
};
