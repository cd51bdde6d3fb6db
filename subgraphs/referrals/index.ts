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

/** The referrals subgraph: service points and the referrals of people between them. */
export const referralsSubgraph: SubgraphModule<ReferralsLoaders> = {
  name: 'referrals',
  entities: [ServicePoint, Referral, ReferralEvent],
  resolvers: [ServicePointResolver, ReferralResolver, WorkerReferralsResolver],
  referenceResolvers: {
    ServicePoint: { __resolveReference: resolveServicePointReference },
    Referral: { __resolveReference: resolveReferralReference },
    Worker: { __resolveReference: resolveWorkerReference },
  },
  createLoaders,
  rowScopes,
  migrations,
};
