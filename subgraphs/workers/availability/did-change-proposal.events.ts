import { type EntityManager } from '@mikro-orm/core';
import { daysBetween, today } from '../../lib/dates';
import { type Worker } from '../worker/worker.entity';
import { AvailabilityDeclaration, DID_TRANSITIONS, DidStatus, OPEN_DID_STATUSES } from './availability.entity';
import { DidChangeKind, DidChangeProposal, DidChangeProposalStatus, EMPLOYMENT_LINK_PROPOSER, TARGET_STATUS } from './did-change-proposal.entity';

/** A job of up to this many days suspends the DID; a longer or open-ended one makes it lapse (domain.md §5, 6 months = 180 days). */
export const SHORT_JOB_MAX_DAYS = 180;

/** What an employment-link event says about one relationship that matters to the DID. */
export interface EmploymentFacts {
  relationshipId: string;
  startDate: string;
  plannedEndDate: string | null;
  terminationDate: string | null;
  annulled: boolean;
  noticeCode: string | null;
}

const EMPLOYMENT_KINDS = [DidChangeKind.SUSPEND, DidChangeKind.LAPSE, DidChangeKind.RESUME];

/**
 * SUSPEND for a job of up to {@link SHORT_JOB_MAX_DAYS} days from its start to its planned
 * end (counted as `daysBetween`, so 1 January to 30 June is 180), LAPSE for a longer or
 * open-ended one.
 */
export function employmentChangeKind(startDate: string, plannedEndDate: string | null): DidChangeKind.SUSPEND | DidChangeKind.LAPSE {
  return plannedEndDate != null && daysBetween(startDate, plannedEndDate) <= SHORT_JOB_MAX_DAYS ? DidChangeKind.SUSPEND : DidChangeKind.LAPSE;
}

/**
 * Turns one relationship's state into pending DID changes for the competent job centre,
 * in the unit of work of the event (the caller flushes, in one transaction with the
 * replica): nothing is applied to the DID, an operator confirms or rejects each proposal.
 *
 * - a hire (not terminated): SUSPEND or LAPSE of the person's open DID, when the state
 *   machine allows it from the DID's state now (a VALIDATED DID; LAPSE also from SUSPENDED
 *   and from INSERTED, while a short job leaves an INSERTED DID as it is: see
 *   DID_TRANSITIONS) and the job did not start before the DID; a rectification that changes the kind
 *   supersedes the pending proposal of the other kind;
 * - a termination or an annulment: RESUME when this relationship's confirmed SUSPEND is
 *   what holds the DID suspended; a still-pending SUSPEND (or, after a job of at most 180
 *   days, LAPSE) is superseded, as the job it was about is over;
 * - an annulment withdraws every pending proposal the relationship caused.
 *
 * Idempotent: proposals are unique per (DID, kind, cause) and found before being created.
 * Returns what it did, for the event's answer.
 */
export async function proposeDidChanges(em: EntityManager, worker: Worker | null, facts: EmploymentFacts, now: Date = new Date()): Promise<string> {
  const cause = facts.relationshipId;
  const pending = await em.find(DidChangeProposal, { causeReference: cause, kind: { $in: EMPLOYMENT_KINDS }, status: DidChangeProposalStatus.PENDING });
  const close = (proposal: DidChangeProposal, status: DidChangeProposalStatus, reason: string) =>
    em.assign(proposal, { status, decidedAt: now, decisionReason: reason, decidedBy: EMPLOYMENT_LINK_PROPOSER });

  if (facts.annulled) {
    for (const proposal of pending) close(proposal, DidChangeProposalStatus.WITHDRAWN, 'the hire was annulled');
  }
  if (!worker) return pending.length && facts.annulled ? `withdrew ${pending.length}` : 'no DID change: unknown person';

  const declaration = await em.findOne(
    AvailabilityDeclaration,
    { worker, status: { $in: [...OPEN_DID_STATUSES] } },
    { orderBy: { declaredOn: 'desc', id: 'desc' } },
  );
  if (!declaration) return facts.annulled && pending.length ? `withdrew ${pending.length}` : 'no DID change: no open DID';

  const propose = async (kind: DidChangeKind, effectiveOn: string, reason: string): Promise<string> => {
    if (!DID_TRANSITIONS[declaration.status].includes(TARGET_STATUS[kind])) {
      // A DID not yet validated is not suspended: the suspension would end in VALIDATED
      // without the service pact that validates it (see DID_TRANSITIONS).
      return declaration.status === DidStatus.INSERTED && kind === DidChangeKind.SUSPEND
        ? 'no DID change: a DID not yet validated (INSERTED) is not suspended by a short job'
        : `no DID change: the DID is ${declaration.status}`;
    }
    const existing = await em.findOne(DidChangeProposal, { declaration, kind, causeReference: cause });
    if (existing?.status === DidChangeProposalStatus.SUPERSEDED) {
      // Rectified back: the same cause proposes this change again.
      em.assign(existing, {
        status: DidChangeProposalStatus.PENDING,
        decidedAt: null,
        decidedBy: null,
        decisionReason: null,
        proposalReason: reason,
        proposedAt: now,
        declarationVersion: declaration.version,
      });
      return `proposed ${kind} again`;
    }
    if (existing) return `${kind} already proposed`;
    em.create(DidChangeProposal, {
      declaration,
      worker,
      kind,
      toStatus: TARGET_STATUS[kind],
      causeReference: cause,
      noticeCode: facts.noticeCode,
      effectiveOn: effectiveOn < declaration.statusDate ? declaration.statusDate : effectiveOn,
      proposalReason: reason,
      proposedBy: EMPLOYMENT_LINK_PROPOSER,
      proposedAt: now,
      declarationVersion: declaration.version,
    });
    return `proposed ${kind}`;
  };

  const ended = facts.annulled ? today(now) : facts.terminationDate;
  if (ended != null) {
    const shortJob = facts.annulled || daysBetween(facts.startDate, ended) <= SHORT_JOB_MAX_DAYS;
    for (const proposal of facts.annulled ? [] : pending) {
      if (proposal.kind === DidChangeKind.SUSPEND || (proposal.kind === DidChangeKind.LAPSE && shortJob)) {
        close(proposal, DidChangeProposalStatus.SUPERSEDED, 'the job ended before the change was decided');
      }
    }
    const suspendedByThis =
      declaration.status === DidStatus.SUSPENDED &&
      (await em.count(DidChangeProposal, { declaration, kind: DidChangeKind.SUSPEND, causeReference: cause, status: DidChangeProposalStatus.CONFIRMED })) > 0;
    if (!suspendedByThis) return facts.annulled ? `withdrew ${pending.length}` : 'no DID change: the DID was not suspended by this job';
    return propose(
      DidChangeKind.RESUME,
      ended,
      facts.annulled ? 'the hire that suspended the DID was annulled' : `the job that suspended the DID ended on ${ended}`,
    );
  }

  if (facts.startDate < declaration.declaredOn) return 'no DID change: the job began before the DID';
  const kind = employmentChangeKind(facts.startDate, facts.plannedEndDate);
  for (const proposal of pending) {
    if (proposal.kind !== kind) close(proposal, DidChangeProposalStatus.SUPERSEDED, `the notice was rectified: ${kind} instead`);
  }
  const reason =
    facts.plannedEndDate == null
      ? `open-ended job from ${facts.startDate}: more than ${SHORT_JOB_MAX_DAYS} days`
      : `job from ${facts.startDate} to ${facts.plannedEndDate}: ${kind === DidChangeKind.SUSPEND ? 'up to' : 'more than'} ${SHORT_JOB_MAX_DAYS} days`;
  return propose(kind, facts.startDate, reason);
}
