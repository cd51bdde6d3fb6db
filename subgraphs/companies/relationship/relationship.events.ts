import { type EntityManager } from '@mikro-orm/core';
import { OutboxEvent } from '../../lib/outbox/outbox-event.entity';
import { type Employer } from '../employer/employer.entity';
import { type EmploymentRelationship, EmploymentStatus } from './employment-relationship.entity';

/** Topic and recipient of the events that keep the workers subgraph's employment-link replica in sync. */
export const EMPLOYMENT_LINK_TOPIC = 'employment.link';
export const WORKERS_RECIPIENT = 'workers';

/**
 * Queues, in the unit of work of the notice that changed it, the relationship's state as
 * the workers subgraph keeps it (who employs whom, construction or not, from when to
 * when): the row scopes of employers and Cassa Edile over people follow it there, and so
 * do the DID changes it proposes to the job centre (suspension, lapse, resumption), which
 * need the planned end and the termination apart (`endDate` is kept for older readers).
 */
export function queueEmploymentLinkEvent(
  em: EntityManager,
  relationship: EmploymentRelationship,
  employer: Employer,
  workerFiscalCode: string,
  noticeCode: string | null = null,
): OutboxEvent {
  return em.create(OutboxEvent, {
    topic: EMPLOYMENT_LINK_TOPIC,
    recipient: WORKERS_RECIPIENT,
    payload: {
      relationshipId: relationship.id,
      workerFiscalCode,
      employerFiscalCode: employer.fiscalCode,
      construction: employer.construction,
      cassaEdileCode: employer.cassaEdileCode ?? null,
      startDate: relationship.startDate,
      endDate: relationship.terminationDate ?? relationship.plannedEndDate ?? null,
      plannedEndDate: relationship.plannedEndDate ?? null,
      terminationDate: relationship.terminationDate ?? null,
      noticeCode,
      annulled: relationship.recordedStatus === EmploymentStatus.ANNULLED,
    },
  });
}
