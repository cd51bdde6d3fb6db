import { type InternalEventRoute } from '../lib/outbox/internal-events';

/**
 * What the referrals subgraph needs of a person to find the competent job centre and
 * social services (domicile, DID holder), sent as a snapshot after every change, so
 * that its replica (`PersonCompetence`) follows this subgraph.
 */
export const WORKERS_COMPETENCE_EVENTS: InternalEventRoute = { topic: 'competence.workers', recipient: 'referrals' };

/** Every event the workers subgraph sends to another. */
export const WORKERS_EVENT_ROUTES: readonly InternalEventRoute[] = [WORKERS_COMPETENCE_EVENTS];
