import { type InternalEventRoute } from '../lib/outbox/internal-events';

/**
 * The convocation exclusions of the inclusion path (plan §1.4), sent to the referrals
 * subgraph, whose appointments refuse to convene an excluded beneficiary.
 */
export const CONVOCATION_EXCLUSION_EVENTS: InternalEventRoute = { topic: 'convocation.exclusion', recipient: 'referrals' };

/** Every event the pacts subgraph sends to another. */
export const PACTS_EVENT_ROUTES: readonly InternalEventRoute[] = [CONVOCATION_EXCLUSION_EVENTS];
