import { type EntityManager, wrap } from '@mikro-orm/core';
import { queueInternalEvent } from '../../lib/outbox/internal-events';
import { ACTIVE_DID_STATUSES, AvailabilityDeclaration } from '../availability/availability.entity';
import { WORKERS_COMPETENCE_EVENTS } from '../events';
import { type Worker } from './worker.entity';

/**
 * Queues, for the referrals subgraph's competence replica, the person's current facts that
 * this subgraph owns: a snapshot, not the change, so that a repeated or late event is
 * harmless (the replica keeps the newest `changedAt`).
 *
 * Called explicitly by each mutation that changes one of these facts (DID registration,
 * DID status change, confirmation of a proposed DID change), inside that mutation's
 * transaction: it flushes the pending changes first, reads the facts back from the
 * database and queues the event in the same unit of work, so the event is committed with
 * the change or not at all. An ORM flush subscriber would catch every writer by itself,
 * but it would have to rebuild the snapshot from change sets that are not in the database
 * yet; the few writers are easier to check by a call each.
 *
 * The workers subgraph records no holder of the professional record (SAP): `recordJobCentre`
 * is null, as in the seeded replica. No mutation changes a domicile.
 */
export async function queueWorkerCompetence(em: EntityManager, worker: Worker): Promise<void> {
  await em.flush();
  // A DID's worker may be a bare reference: its fiscal code and domicile are read here.
  if (!wrap(worker).isInitialized()) await wrap(worker).init();
  // E12 allows one open DID per person, hence one active at most; the newest if data disagree.
  const active = await em.findOne(
    AvailabilityDeclaration,
    { worker: worker.id, status: { $in: [...ACTIVE_DID_STATUSES] } },
    { orderBy: { statusDate: 'desc', id: 'desc' } },
  );
  queueInternalEvent(em, WORKERS_COMPETENCE_EVENTS, {
    fiscalCode: worker.fiscalCode,
    workerId: worker.id,
    domicileMunicipality: worker.domicileMunicipality,
    availabilityJobCentre: active?.jobCentre.code ?? null,
    recordJobCentre: null,
    changedAt: new Date().toISOString(),
  });
}
