import { type InternalEventRoute } from '../lib/outbox/internal-events';

/**
 * A convocation missed without justification, sent to the workers subgraph, where it
 * becomes a proposed DID sanction for another operator to confirm (never applied by itself).
 */
export const APPOINTMENT_NO_SHOW_EVENTS: InternalEventRoute = { topic: 'appointment.no-show', recipient: 'workers' };

/** Every event the referrals subgraph sends to another. */
export const REFERRALS_EVENT_ROUTES: readonly InternalEventRoute[] = [APPOINTMENT_NO_SHOW_EVENTS];
