import { type SubgraphModule } from '../lib/subgraph';
import { type PactsContext } from './context';
import { Household, HouseholdMember } from './household/household.entity';
import { HouseholdMemberResolver, HouseholdResolver } from './household/household.resolver';
import { SocialInclusionPact, SocialInclusionPactStateChange } from './inclusion-pact/inclusion-pact.entity';
import { SocialInclusionPactResolver } from './inclusion-pact/inclusion-pact.resolver';
import { createLoaders, type PactsLoaders } from './loaders';
import { migrations } from './migrations';
import { rowScopes } from './scopes';
import { ServicePact, ServicePactStateChange } from './service-pact/service-pact.entity';
import { ServicePactResolver } from './service-pact/service-pact.resolver';
import { PersonStatus } from './status-check/person-status.type';
import { StatusCheckResolver } from './status-check/status-check.resolver';
import { personStatus } from './status-check/status-check.service';
import { resolveWorkerReference } from './worker/worker.reference';
import { WorkerPactsResolver } from './worker/worker.resolver';

/**
 * The pacts subgraph: service pacts (PSP, GOL), social inclusion pacts (PaIS),
 * households, and the work-pact side of the RdC plan status checks.
 */
export const pactsSubgraph: SubgraphModule<PactsLoaders> = {
  name: 'pacts',
  entities: [ServicePact, ServicePactStateChange, Household, HouseholdMember, SocialInclusionPact, SocialInclusionPactStateChange],
  resolvers: [
    ServicePactResolver,
    SocialInclusionPactResolver,
    HouseholdResolver,
    HouseholdMemberResolver,
    WorkerPactsResolver,
    StatusCheckResolver,
  ],
  orphanedTypes: [PersonStatus],
  referenceResolvers: {
    Worker: { __resolveReference: resolveWorkerReference },
    ServicePact: {
      __resolveReference: (reference: { id: string }, ctx: PactsContext) => ctx.loaders.servicePactById.load(reference.id),
    },
    SocialInclusionPact: {
      __resolveReference: (reference: { id: string }, ctx: PactsContext) => ctx.loaders.inclusionPactById.load(reference.id),
    },
    Household: {
      __resolveReference: (reference: { id: string }, ctx: PactsContext) => ctx.loaders.householdById.load(reference.id),
    },
    PersonStatus: {
      __resolveReference: (reference: { fiscalCode: string }, ctx: PactsContext) => personStatus(reference.fiscalCode, ctx),
    },
  },
  createLoaders,
  rowScopes,
  migrations,
};
