import { AccessCatalogueResolver } from '../lib/auth/catalogue.resolver';
import { CredentialSuspensionResolver } from '../lib/security/suspension.resolver';
import { type SubgraphModule } from '../lib/subgraph';
import { internalEventDispatcher } from '../lib/outbox/internal-events';
import { OutboxEvent } from '../lib/outbox/outbox-event.entity';
import { REFERRALS_EVENT_ROUTES } from './events';
import { createLoaders, type ReferralsLoaders } from './loaders';
import { migrations } from './migrations';
import { rowScopes } from './scopes';
import { auditSubjects } from './audit';
import { Referral, ReferralEvent } from './referral/referral.entity';
import { Appointment, AppointmentEvent, AppointmentReminder } from './appointment/appointment.entity';
import { AppointmentReminderResolver, AppointmentResolver } from './appointment/appointment.resolver';
import { resolveAppointmentReference } from './appointment/appointment.reference';
import { DeskContact, DeskContactEvent } from './desk-contact/desk-contact.entity';
import { DeskContactResolver } from './desk-contact/desk-contact.resolver';
import { NeighbourhoodDeskResolver } from './neighbourhood-desk/neighbourhood-desk.resolver';
import { resolveReferralReference } from './referral/referral.reference';
import { ReferralResolver } from './referral/referral.resolver';
import { PersonCompetence } from './competence/person-competence.entity';
import { ConvocationExclusionReplica } from './convocation-exclusion/convocation-exclusion-replica.entity';
import { applyConvocationExclusionEvent, CONVOCATION_EXCLUSION_TOPIC } from './convocation-exclusion/convocation-exclusion.events';
import { applyPactsCompetenceEvent, applyWorkersCompetenceEvent, PACTS_COMPETENCE_TOPIC, WORKERS_COMPETENCE_TOPIC } from './competence/competence.events';
import { TransferResolver } from './transfer/transfer.resolver';
import { ServicePoint } from './service-point/service-point.entity';
import { resolveServicePointReference } from './service-point/service-point.reference';
import { ServicePointResolver } from './service-point/service-point.resolver';
import { resolveWorkerReference } from './worker/worker.reference';
import { WorkerReferralsResolver } from './worker/worker.resolver';

/** The referrals subgraph: service points and the referrals of people between them, and the catalogue of roles and purposes. */
export const referralsSubgraph: SubgraphModule<ReferralsLoaders> = {
  name: 'referrals',
  entities: [OutboxEvent, ServicePoint, Referral, ReferralEvent, DeskContact, DeskContactEvent, Appointment, AppointmentEvent, AppointmentReminder, PersonCompetence, ConvocationExclusionReplica],
  // The catalogue of roles and purposes and the administration of partner credentials live
  // here, with the other reference data (the directory).
  resolvers: [ServicePointResolver, ReferralResolver, TransferResolver, DeskContactResolver, NeighbourhoodDeskResolver, AppointmentResolver, AppointmentReminderResolver, WorkerReferralsResolver, AccessCatalogueResolver, CredentialSuspensionResolver],
  referenceResolvers: {
    ServicePoint: { __resolveReference: resolveServicePointReference },
    Referral: { __resolveReference: resolveReferralReference },
    Worker: { __resolveReference: resolveWorkerReference },
    Appointment: { __resolveReference: resolveAppointmentReference },
  },
  createLoaders,
  rowScopes,
  auditSubjects,
  migrations,
  eventHandlers: {
    [CONVOCATION_EXCLUSION_TOPIC]: applyConvocationExclusionEvent,
    [WORKERS_COMPETENCE_TOPIC]: applyWorkersCompetenceEvent,
    [PACTS_COMPETENCE_TOPIC]: applyPactsCompetenceEvent,
  },
  background: internalEventDispatcher(REFERRALS_EVENT_ROUTES),
};
