import { type InternalEventRoute } from '../lib/outbox/internal-events';

/**
 * The convocation exclusions of the inclusion path (plan §1.4), sent to the referrals
 * subgraph, whose appointments refuse to convene an excluded beneficiary.
 */
export const CONVOCATION_EXCLUSION_EVENTS: InternalEventRoute = { topic: 'convocation.exclusion', recipient: 'referrals' };

/**
 * What the referrals subgraph needs of a person's pacts to find the competent job centre
 * and social services (service-pact holder, municipality of the household's inclusion
 * pact), sent as a snapshot after every change, so that its replica follows this subgraph.
 */
export const PACTS_COMPETENCE_EVENTS: InternalEventRoute = { topic: 'competence.pacts', recipient: 'referrals' };

/** Every event the pacts subgraph sends to another. */
export const PACTS_EVENT_ROUTES: readonly InternalEventRoute[] = [CONVOCATION_EXCLUSION_EVENTS, PACTS_COMPETENCE_EVENTS];
