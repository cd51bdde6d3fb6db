import { type EntityManager, UniqueConstraintViolationException } from '@mikro-orm/core';
import { addDays, today } from '../../lib/dates';
import { EmploymentLink } from '../employment-link/employment-link.entity';
import { AvailabilityDeclaration, DidStatus } from './availability.entity';
import { DidChangeKind, DidChangeProposal, DidChangeProposalStatus, DID_SCHEDULE_PROPOSER, TARGET_STATUS } from './did-change-proposal.entity';

/** What one run of the DID schedule did. */
export interface DidScheduleSummary {
  /** Suspended DIDs whose suspending job reached its planned end with no termination. */
  due: number;
  /** RESUME proposals created by this run. */
  proposed: number;
}

/**
 * The natural end of a fixed-term job: for each DID held SUSPENDED by a confirmed SUSPEND whose
 * relationship (the employment-link replica) passed its planned end date with no termination
 * notice, proposes RESUME to the competent job centre, caused by the relationship and
 * effective the day after the planned end. A termination notice, when one comes, proposes
 * RESUME itself (proposeDidChanges); an annulled relationship has no link and proposes nothing.
 *
 * Idempotent and safe with two processes running it at once: each DID is handled in its own
 * transaction that looks for a proposal of the same (DID, RESUME, relationship) first, and the
 * unique key on those three refuses the second of two concurrent inserts (counted as already
 * proposed). A RESUME already rejected is not proposed again. Nothing is applied to the DID:
 * an operator confirms or rejects the proposal.
 */
export async function proposeDueResumptions(em: EntityManager, now: Date = new Date()): Promise<DidScheduleSummary> {
  const day = today(now);
  const suspensions = await em.fork().find(
    DidChangeProposal,
    { kind: DidChangeKind.SUSPEND, status: DidChangeProposalStatus.CONFIRMED, declaration: { status: DidStatus.SUSPENDED } },
    { orderBy: { decidedAt: 'desc', id: 'desc' } },
  );
  // The confirmed SUSPEND decided last is the one that holds each DID suspended.
  const holding = new Map<string, DidChangeProposal>();
  for (const suspension of suspensions) if (!holding.has(suspension.declaration.id)) holding.set(suspension.declaration.id, suspension);
  if (holding.size === 0) return { due: 0, proposed: 0 };

  const links = await em.fork().find(EmploymentLink, { id: { $in: [...holding.values()].map((s) => s.causeReference) } });
  const ended = new Map(links.filter((l) => l.plannedEndDate != null && l.plannedEndDate < day && l.terminationDate == null).map((l) => [l.id, l.plannedEndDate!]));

  const summary: DidScheduleSummary = { due: 0, proposed: 0 };
  for (const [declarationId, suspension] of holding) {
    const plannedEndDate = ended.get(suspension.causeReference);
    if (plannedEndDate == null) continue;
    summary.due += 1;
    if (await proposeResumption(em.fork(), declarationId, suspension.causeReference, plannedEndDate, now)) summary.proposed += 1;
  }
  return summary;
}

/** One DID's RESUME, checked again inside its transaction; false when there was nothing to do. */
async function proposeResumption(em: EntityManager, declarationId: string, cause: string, plannedEndDate: string, now: Date): Promise<boolean> {
  try {
    return await em.transactional(async (tx) => {
      const declaration = await tx.findOne(AvailabilityDeclaration, { id: declarationId, status: DidStatus.SUSPENDED });
      if (!declaration) return false;
      if (await tx.count(DidChangeProposal, { declaration, kind: DidChangeKind.RESUME, causeReference: cause })) return false;
      const effectiveOn = addDays(plannedEndDate, 1);
      tx.create(DidChangeProposal, {
        declaration,
        worker: declaration.worker,
        kind: DidChangeKind.RESUME,
        toStatus: TARGET_STATUS[DidChangeKind.RESUME],
        causeReference: cause,
        noticeCode: null,
        effectiveOn: effectiveOn < declaration.statusDate ? declaration.statusDate : effectiveOn,
        proposalReason: `the fixed-term job that suspended the DID reached its planned end on ${plannedEndDate} with no termination notice`,
        proposedBy: DID_SCHEDULE_PROPOSER,
        proposedAt: now,
        declarationVersion: declaration.version,
      });
      await tx.flush();
      return true;
    });
  } catch (error) {
    // Another process proposed it at the same moment.
    if (error instanceof UniqueConstraintViolationException) return false;
    throw error;
  }
}
