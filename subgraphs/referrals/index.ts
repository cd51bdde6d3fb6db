import { AccessCatalogueResolver } from '../lib/auth/catalogue.resolver';
import { type SubgraphModule } from '../lib/subgraph';
import { createLoaders, type ReferralsLoaders } from './loaders';
import { migrations } from './migrations';
import { rowScopes } from './scopes';
import { Referral, ReferralEvent } from './referral/referral.entity';
import { resolveReferralReference } from './referral/referral.reference';
import { ReferralResolver } from './referral/referral.resolver';
import { ServicePoint } from './service-point/service-point.entity';
import { resolveServicePointReference } from './service-point/service-point.reference';
import { ServicePointResolver } from './service-point/service-point.resolver';
import { resolveWorkerReference } from './worker/worker.reference';
import { WorkerReferralsResolver } from './worker/worker.resolver';

/** The referrals subgraph: service points and the referrals of people between them, and the catalogue of roles and purposes. */
export const referralsSubgraph: SubgraphModule<ReferralsLoaders> = {
  name: 'referrals',
  entities: [ServicePoint, Referral, ReferralEvent],
  // The catalogue of roles and purposes lives here, with the other reference data (the directory).
  resolvers: [ServicePointResolver, ReferralResolver, WorkerReferralsResolver, AccessCatalogueResolver],
  referenceResolvers: {
    ServicePoint: { __resolveReference: resolveServicePointReference },
    Referral: { __resolveReference: resolveReferralReference },
    Worker: { __resolveReference: resolveWorkerReference },
  },
  createLoaders,
  rowScopes,
  migrations,
};
