import { type SubgraphModule } from '../lib/subgraph';
import { internalEventDispatcher } from '../lib/outbox/internal-events';
import { OutboxEvent } from '../lib/outbox/outbox-event.entity';
import { PACTS_EVENT_ROUTES } from './events';
import { type PactsContext } from './context';
import { Household, HouseholdMember } from './household/household.entity';
import { HouseholdMemberResolver, HouseholdResolver } from './household/household.resolver';
import { SocialInclusionPact, SocialInclusionPactStateChange } from './inclusion-pact/inclusion-pact.entity';
import { SocialInclusionPactResolver } from './inclusion-pact/inclusion-pact.resolver';
import { ActivationRouting } from './activation-routing/activation-routing.entity';
import { ActivationRoutingResolver } from './activation-routing/activation-routing.resolver';
import { DigitalActivationPact } from './digital-activation-pact/digital-activation-pact.entity';
import { DigitalActivationPactResolver, HouseholdMemberPadResolver } from './digital-activation-pact/digital-activation-pact.resolver';
import { ConvocationExclusion } from './convocation-exclusion/convocation-exclusion.entity';
import {
  ConvocationExclusionResolver,
  HouseholdMemberExclusionResolver,
  PersonStatusExclusionResolver,
} from './convocation-exclusion/convocation-exclusion.resolver';
import { createLoaders, type PactsLoaders } from './loaders';
import { migrations } from './migrations';
import { rowScopes } from './scopes';
import { auditSubjects } from './audit';
import { ServicePact, ServicePactStateChange } from './service-pact/service-pact.entity';
import { ServicePactResolver } from './service-pact/service-pact.resolver';
import { ServicePointDirectoryEntry } from '../lib/service-point-directory.entity';
import { PersonStatus } from './status-check/person-status.type';
import { StatusCheckResolver } from './status-check/status-check.resolver';
import { personStatus } from './status-check/status-check.service';
import { resolveWorkerReference } from './worker/worker.reference';
import { WorkerPactsResolver } from './worker/worker.resolver';
import { NeighbourhoodDeskPactsResolver } from './neighbourhood-desk/neighbourhood-desk.resolver';

/** Loads an entity by the key of a representation; a key that is not a string is no row. */
function byKey<T>(key: unknown, loader: { load: (key: string) => Promise<T | null> }): Promise<T | null> {
  return typeof key === 'string' ? loader.load(key) : Promise.resolve(null);
}

/**
 * The pacts subgraph: service pacts (PSP, GOL), social inclusion pacts (PaIS),
 * households, and the work-pact side of the RdC plan status checks.
 */
export const pactsSubgraph: SubgraphModule<PactsLoaders> = {
  name: 'pacts',
  entities: [
    OutboxEvent,
    ServicePointDirectoryEntry,
    ServicePact,
    ServicePactStateChange,
    Household,
    HouseholdMember,
    SocialInclusionPact,
    SocialInclusionPactStateChange,
    ConvocationExclusion,
    ActivationRouting,
    DigitalActivationPact,
  ],
  resolvers: [
    NeighbourhoodDeskPactsResolver,
    ServicePactResolver,
    SocialInclusionPactResolver,
    HouseholdResolver,
    HouseholdMemberResolver,
    WorkerPactsResolver,
    StatusCheckResolver,
    ConvocationExclusionResolver,
    HouseholdMemberExclusionResolver,
    PersonStatusExclusionResolver,
    ActivationRoutingResolver,
    DigitalActivationPactResolver,
    HouseholdMemberPadResolver,
  ],
  orphanedTypes: [PersonStatus],
  // `_entities`: every entity loads by its key alone, through the loaders that apply the
  // caller's row scope, so a representation outside it (or with invented fields) is null.
  referenceResolvers: {
    Worker: { __resolveReference: resolveWorkerReference },
    ServicePact: {
      __resolveReference: (reference: { id: unknown }, ctx: PactsContext) => byKey(reference.id, ctx.loaders.servicePactById),
    },
    SocialInclusionPact: {
      __resolveReference: (reference: { id: unknown }, ctx: PactsContext) => byKey(reference.id, ctx.loaders.inclusionPactById),
    },
    Household: {
      __resolveReference: (reference: { id: unknown }, ctx: PactsContext) => byKey(reference.id, ctx.loaders.householdById),
    },
    PersonStatus: {
      __resolveReference: (reference: { fiscalCode: string }, ctx: PactsContext) => personStatus(reference.fiscalCode, ctx),
    },
  },
  createLoaders,
  rowScopes,
  auditSubjects,
  migrations,
  background: internalEventDispatcher(PACTS_EVENT_ROUTES),
};
