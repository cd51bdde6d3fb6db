import { type FilterQuery, OptimisticLockError } from '@mikro-orm/core';
import { badUserInput, conflict, illegalTransition, type InputProblem, notFound } from '../../lib/errors';
import { today } from '../../lib/dates';
import { type ConnectionShape, checkConnectionArgs, paginate } from '../../lib/pagination';
import { checkReason } from '../../lib/validation';
import { type WorkersContext } from '../context';
import { DID_TRANSITIONS } from './availability.entity';
import { AvailabilityService } from './availability.service';
import { DidChangeProposal, DidChangeProposalStatus, SANCTION_KINDS, TARGET_STATUS } from './did-change-proposal.entity';
import { type ConfirmDidChangeProposalInput, type DidChangeProposalsArgs, type ProposeDidSanctionInput, type RejectDidChangeProposalInput } from './did-change-proposal.input';
import { inRequestTransaction } from '../../lib/orm';
import { queueWorkerCompetence } from '../worker/worker-competence.events';

/** Row type of the access policy that proposals are scoped by (the territory of their DID). */
export const PROPOSAL_ROW_TYPE = 'DidChangeProposal';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_REFERENCE_LENGTH = 100;

/**
 * The job centre's decisions on proposed DID changes: the worklist, confirmation (the DID
 * changes through the availability service, so its state machine applies), rejection, and
 * sanctions proposed by one operator for another to confirm. Every proposal is reached
 * through the caller's row scope: outside it, NOT_FOUND like an unknown id.
 */
export class DidChangeProposalService {
  constructor(private readonly ctx: WorkersContext) {}

  async list(args: DidChangeProposalsArgs): Promise<ConnectionShape<DidChangeProposal>> {
    const where = this.ctx.rows.restrict<DidChangeProposal>(PROPOSAL_ROW_TYPE, args.status ? { status: args.status } : {});
    if (where === null) {
      const problems = checkConnectionArgs(args, this.ctx.maxPageSize);
      if (problems.length) throw badUserInput(problems);
      return { edges: [], nodes: [], pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null }, totalCount: 0 };
    }
    return paginate(this.ctx.em, DidChangeProposal, where, args, { orderBy: { proposedAt: 'asc', id: 'asc' }, maxPageSize: this.ctx.maxPageSize });
  }

  /**
   * Applies a pending proposal to its DID and records it in the DID history with its cause,
   * the proposal, who proposed and who confirmed, under the declared purpose. An illegal
   * move of the DID is a CONFLICT and writes nothing, and so is a proposal made on a DID that
   * changed since (another proposal confirmed, a manual change: its version moved on) or a
   * DID another confirmation changes at the same moment (the versioned update finds no row):
   * the proposal stays PENDING for the operator to reject. A sanction needs an operator
   * other than its proposer.
   */
  async confirm(input: ConfirmDidChangeProposalInput): Promise<DidChangeProposal> {
    const problems: InputProblem[] = input.reason != null ? checkReason('input.reason', input.reason) : [];
    if (problems.length) throw badUserInput(problems);
    const proposal = await this.load(input.id);
    const operator = this.ctx.caller?.subject ?? null;
    if (SANCTION_KINDS.includes(proposal.kind) && operator === proposal.proposedBy) {
      throw conflict('A sanction must be confirmed by an operator other than the one who proposed it');
    }
    const declaration = proposal.declaration;
    if (!DID_TRANSITIONS[declaration.status].includes(proposal.toStatus)) throw illegalTransition('The DID', declaration.status, proposal.toStatus);
    if (proposal.declarationVersion != null && proposal.declarationVersion !== declaration.version) throw staleProposal();
    const effectiveOn = proposal.effectiveOn < declaration.statusDate ? declaration.statusDate : proposal.effectiveOn;
    if (effectiveOn > today()) throw badUserInput([{ path: 'input.id', message: `takes effect on ${effectiveOn}: it can be confirmed from that day` }]);

    const em = this.ctx.em;
    const availability = new AvailabilityService(this.ctx);
    const decision = { status: DidChangeProposalStatus.CONFIRMED, decidedBy: operator, decidedAt: new Date(), decisionReason: input.reason?.trim() ?? null, purpose: this.ctx.caller?.purpose ?? null };
    await inRequestTransaction(
      em,
      async () => {
        // Claimed with a conditional update: of two operators deciding at once, one wins.
        await this.claim(proposal, decision);
        availability.applyTransition(declaration, proposal.toStatus, effectiveOn, decision.decisionReason ?? proposal.proposalReason, {
          causeKind: proposal.kind,
          causeReference: proposal.causeReference,
          noticeCode: proposal.noticeCode ?? null,
          proposalId: proposal.id,
          proposedBy: proposal.proposedBy,
        });
        em.assign(proposal, decision);
        try {
          // Flushes the versioned update of the DID before the competence snapshot is read.
          await queueWorkerCompetence(em, declaration.worker);
        } catch (error) {
          if (error instanceof OptimisticLockError) throw staleProposal();
          throw error;
        }
      },
      { onRollback: () => em.clear() },
    );
    availability.clearDeclaration(declaration);
    return proposal;
  }

  /** Rejects a pending proposal with the operator's reason; the DID does not change. */
  async reject(input: RejectDidChangeProposalInput): Promise<DidChangeProposal> {
    const problems = checkReason('input.reason', input.reason);
    if (problems.length) throw badUserInput(problems);
    const proposal = await this.load(input.id);
    const decision = { status: DidChangeProposalStatus.REJECTED, decidedBy: this.ctx.caller?.subject ?? null, decidedAt: new Date(), decisionReason: input.reason.trim(), purpose: this.ctx.caller?.purpose ?? null };
    await this.claim(proposal, decision);
    Object.assign(proposal, decision);
    return proposal;
  }

  /**
   * Proposes a sanction (REVOKED on confirmation) on a DID of the caller's scope. The DID must
   * be able to move to REVOKED now (CONFLICT otherwise); one proposal per DID, kind and
   * reference (CONFLICT for a second one).
   */
  async proposeSanction(input: ProposeDidSanctionInput): Promise<DidChangeProposal> {
    const problems: InputProblem[] = [...checkReason('input.reason', input.reason)];
    if (!SANCTION_KINDS.includes(input.kind)) problems.push({ path: 'input.kind', message: `must be one of ${SANCTION_KINDS.join(', ')}` });
    const reference = input.reference.trim();
    if (!reference) problems.push({ path: 'input.reference', message: 'must not be empty' });
    else if (reference.length > MAX_REFERENCE_LENGTH) problems.push({ path: 'input.reference', message: `must be at most ${MAX_REFERENCE_LENGTH} characters` });
    if (problems.length) throw badUserInput(problems);
    const declaration = await this.ctx.loaders.declarationById.load(input.didId);
    if (!declaration) throw notFound('The DID');
    const toStatus = TARGET_STATUS[input.kind];
    if (!DID_TRANSITIONS[declaration.status].includes(toStatus)) throw illegalTransition('The DID', declaration.status, toStatus);
    if (await this.ctx.em.count(DidChangeProposal, { declaration, kind: input.kind, causeReference: reference })) {
      throw conflict('A sanction of this kind with this reference was already proposed for this DID');
    }
    const proposal = this.ctx.em.create(DidChangeProposal, {
      declaration,
      worker: declaration.worker,
      kind: input.kind,
      toStatus,
      causeReference: reference,
      noticeCode: null,
      effectiveOn: today(),
      proposalReason: input.reason.trim(),
      proposedBy: this.ctx.caller?.subject ?? 'unknown',
      proposedPurpose: this.ctx.caller?.purpose ?? null,
      declarationVersion: declaration.version,
    });
    await this.ctx.em.flush();
    return proposal;
  }

  /** A proposal of the caller's scope, with its DID; NOT_FOUND otherwise, CONFLICT when no longer pending. */
  private async load(id: string): Promise<DidChangeProposal> {
    const where = UUID.test(id) ? this.ctx.rows.restrict<DidChangeProposal>(PROPOSAL_ROW_TYPE, { id }) : null;
    const proposal = where && (await this.ctx.em.findOne(DidChangeProposal, where, { populate: ['declaration'] }));
    if (!proposal) throw notFound('The DID change proposal');
    if (proposal.status !== DidChangeProposalStatus.PENDING) throw illegalTransition('The DID change proposal', proposal.status, 'decided');
    return proposal;
  }

  /** Marks a still-pending proposal decided in one statement; CONFLICT when another decision came first. */
  private async claim(proposal: DidChangeProposal, decision: Partial<DidChangeProposal>): Promise<void> {
    const updated = await this.ctx.em.nativeUpdate(DidChangeProposal, { id: proposal.id, status: DidChangeProposalStatus.PENDING } as FilterQuery<DidChangeProposal>, decision);
    if (updated !== 1) throw illegalTransition('The DID change proposal', 'decided', 'decided');
  }
}

/** The answer to confirming a proposal whose DID changed since it was proposed. */
function staleProposal() {
  return conflict('The DID changed since this change was proposed: it can only be rejected', { reason: 'STALE_PROPOSAL' });
}
