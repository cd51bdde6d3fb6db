import { type EntityManager, UniqueConstraintViolationException } from '@mikro-orm/core';
import { z } from 'zod';
import { legalDay } from '../../lib/dates';
import { BadEventError } from '../../lib/subgraph';
import { Worker } from '../worker/worker.entity';
import { AvailabilityDeclaration, DID_TRANSITIONS, OPEN_DID_STATUSES } from './availability.entity';
import { DidChangeKind, DidChangeProposal, TARGET_STATUS } from './did-change-proposal.entity';

/** Topic of the referrals subgraph's events for a convocation missed without justification. */
export const APPOINTMENT_NO_SHOW_TOPIC = 'appointment.no-show';

const noShowEvent = z.object({
  appointmentId: z.string().uuid(),
  workerFiscalCode: z.string().min(11).max(16),
  servicePointCode: z.string().min(1).max(40),
  scheduledAt: z.string().datetime({ offset: true }),
  recordedAt: z.string().datetime({ offset: true }),
  // The operator who recorded the absence: the proposer, so that another one must confirm (four eyes).
  recordedBy: z.string().min(1).max(100),
  organisation: z.string().max(100).nullable(),
  purpose: z.string().min(1).max(40),
});

/**
 * Applies a convocation recorded ABSENT without justification in the referrals subgraph: a
 * PENDING SANCTION_NO_SHOW proposal on the person's open DID (REVOKED once confirmed),
 * proposed by the operator who recorded the absence, so that the four-eyes rule has another
 * operator of the competent job centre confirm it. Proposed only when the state machine
 * allows REVOKED from the DID's state now; otherwise nothing is written and the answer says
 * why. One proposal per DID and appointment: a redelivered event (or two at once, through the
 * unique key) creates nothing more. Nothing is decided here (GDPR art. 22).
 */
export async function applyAppointmentNoShowEvent(em: EntityManager, payload: unknown): Promise<string> {
  const parsed = noShowEvent.safeParse(payload);
  if (!parsed.success) throw new BadEventError(`not an appointment no-show event: ${parsed.error.issues.map((i) => i.path.join('.') || 'event').join(', ')}`);
  const event = parsed.data;
  const kind = DidChangeKind.SANCTION_NO_SHOW;
  try {
    return await em.transactional(async (tx) => {
      const worker = await tx.findOne(Worker, { fiscalCode: event.workerFiscalCode });
      if (!worker) return 'no DID change: unknown person';
      const declaration = await tx.findOne(
        AvailabilityDeclaration,
        { worker, status: { $in: [...OPEN_DID_STATUSES] } },
        { orderBy: { declaredOn: 'desc', id: 'desc' } },
      );
      if (!declaration) return 'no DID change: no open DID';
      if (await tx.count(DidChangeProposal, { declaration, kind, causeReference: event.appointmentId })) return `${kind} already proposed`;
      const toStatus = TARGET_STATUS[kind];
      if (!DID_TRANSITIONS[declaration.status].includes(toStatus)) return `no DID change: the DID is ${declaration.status} and cannot become ${toStatus}`;
      const recordedAt = new Date(event.recordedAt);
      const recordedOn = legalDay(recordedAt);
      tx.create(DidChangeProposal, {
        declaration,
        worker,
        kind,
        toStatus,
        causeReference: event.appointmentId,
        noticeCode: null,
        effectiveOn: recordedOn < declaration.statusDate ? declaration.statusDate : recordedOn,
        proposalReason: `a convocation at service point ${event.servicePointCode} on ${legalDay(new Date(event.scheduledAt))} was missed without justification`,
        proposedBy: event.recordedBy,
        proposedPurpose: event.purpose,
        proposedAt: recordedAt,
        declarationVersion: declaration.version,
      });
      await tx.flush();
      return `proposed ${kind}`;
    });
  } catch (error) {
    // The same event delivered twice at once: the other delivery created it.
    if (error instanceof UniqueConstraintViolationException) return `${kind} already proposed`;
    throw error;
  }
}
