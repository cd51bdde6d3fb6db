import { today } from '../../lib/dates';
import { badUserInput, conflict, type InputProblem, notFound } from '../../lib/errors';
import { queueInternalEvent } from '../../lib/outbox/internal-events';
import { checkNotFuture, checkReason } from '../../lib/validation';
import { type PactsContext } from '../context';
import { CONVOCATION_EXCLUSION_EVENTS } from '../events';
import { type HouseholdMember } from '../household/household.entity';
import { OPEN_INCLUSION_PACT_STATES } from '../inclusion-pact/inclusion-pact.entity';
import { ConvocationExclusion, type ConvocationExclusionReason } from './convocation-exclusion.entity';
import { type EndConvocationExclusionInput, type SetConvocationExclusionInput } from './convocation-exclusion.input';

const MAX_DETAILS_LENGTH = 500;

/** What a job centre learns about a person it might convene: whether not to, and the coded reason only. */
export interface ConvocationStatus {
  excluded: boolean;
  reason: ConvocationExclusionReason | null;
  since: string | null;
}

const NOT_EXCLUDED: ConvocationStatus = { excluded: false, reason: null, since: null };

/**
 * The `convocation.exclusion` event of one change of a decision, for the referrals
 * subgraph's replica (whose appointments refuse to convene an excluded person): the coded
 * reason only, never the details. `changedAt` orders the changes of one decision.
 */
export function exclusionEvent(exclusion: ConvocationExclusion, changedAt: Date): Record<string, unknown> {
  return {
    exclusionId: exclusion.id,
    fiscalCode: exclusion.fiscalCode,
    reason: exclusion.reason,
    since: exclusion.since,
    endedOn: exclusion.endedOn ?? null,
    changedAt: changedAt.toISOString(),
  };
}

/**
 * Whether a person is not to be convened (art. 3(6)): a decision in force since today or
 * before, on a member of a household whose social inclusion pact is still open. Internal
 * loaders: the caller's scope on the person is checked by the field that releases it.
 */
export async function convocationStatus(fiscalCode: string, ctx: PactsContext): Promise<ConvocationStatus> {
  const [member, exclusion] = await Promise.all([
    ctx.loaders.householdMemberByFiscalCode.load(fiscalCode),
    ctx.loaders.currentExclusionByFiscalCode.load(fiscalCode),
  ]);
  if (!member || !exclusion || exclusion.since > today()) return NOT_EXCLUDED;
  const pacts = await ctx.loaders.allInclusionPactsByHousehold.load(member.household.id);
  if (!pacts.some((p) => OPEN_INCLUSION_PACT_STATES.includes(p.state))) return NOT_EXCLUDED;
  return { excluded: true, reason: exclusion.reason, since: exclusion.since };
}

/**
 * Ends, in the caller's unit of work, every decision still in force on the members of a
 * household whose inclusion pact has just closed: a decision exists only while the path is
 * open, and the referrals subgraph's replica, which knows nothing of pacts, must hear of the
 * end (one `convocation.exclusion` event each, in the same transaction as the pact's change).
 * A decision that had not taken effect yet ends on its first day. Returns how many ended.
 */
export async function endExclusionsOfClosedPath(
  ctx: PactsContext,
  householdId: string,
  endedOn: string,
  reason: string,
): Promise<number> {
  const current = await ctx.em.find(ConvocationExclusion, { member: { household: householdId }, endedOn: null });
  const now = new Date();
  for (const exclusion of current) {
    exclusion.endedOn = endedOn < exclusion.since ? exclusion.since : endedOn;
    exclusion.endReason = reason;
    exclusion.endedBy = ctx.caller?.subject ?? null;
    exclusion.endPurpose = ctx.caller?.purpose ?? null;
    queueInternalEvent(ctx.em, CONVOCATION_EXCLUSION_EVENTS, exclusionEvent(exclusion, now));
    ctx.loaders.currentExclusionByFiscalCode.clear(exclusion.fiscalCode);
  }
  return current.length;
}

/** The social worker's do-not-convene decisions on the members of their inclusion pacts. */
export class ConvocationExclusionService {
  constructor(private readonly ctx: PactsContext) {}

  /**
   * Records a decision; the member's household must have an open pact of the caller's
   * scope, and no decision be in force. The `convocation.exclusion` event is written in the
   * same flush (one transaction): both or neither.
   */
  async set(input: SetConvocationExclusionInput): Promise<ConvocationExclusion> {
    const problems = checkNotFuture('input.since', input.since);
    if (input.details != null && input.details.length > MAX_DETAILS_LENGTH) {
      problems.push({ path: 'input.details', message: `must be at most ${MAX_DETAILS_LENGTH} characters` });
    }
    if (problems.length) throw badUserInput(problems);
    const member = await this.memberInScope(input.fiscalCode);
    const pacts = await this.ctx.loaders.inclusionPactsByHousehold.load(member.household.id);
    if (!pacts.some((p) => OPEN_INCLUSION_PACT_STATES.includes(p.state))) {
      throw conflict("The member's household has no open social inclusion pact");
    }
    if (await this.ctx.loaders.currentExclusionByFiscalCode.load(member.fiscalCode)) {
      throw conflict('The member already has a do-not-convene decision in force');
    }
    const exclusion = this.ctx.em.create(ConvocationExclusion, {
      member,
      fiscalCode: member.fiscalCode,
      reason: input.reason,
      details: input.details?.trim() || null,
      since: input.since,
      recordedBy: this.ctx.caller?.subject ?? null,
      purpose: this.ctx.caller?.purpose ?? null,
    });
    queueInternalEvent(this.ctx.em, CONVOCATION_EXCLUSION_EVENTS, exclusionEvent(exclusion, exclusion.recordedAt));
    await this.ctx.em.flush();
    this.forget(member);
    return exclusion;
  }

  /** Ends the decision in force, with its `convocation.exclusion` event in the same flush; CONFLICT when there is none. */
  async end(input: EndConvocationExclusionInput): Promise<ConvocationExclusion> {
    const problems: InputProblem[] = [...checkReason('input.reason', input.reason), ...checkNotFuture('input.endedOn', input.endedOn)];
    if (problems.length) throw badUserInput(problems);
    const member = await this.memberInScope(input.fiscalCode);
    const current = await this.ctx.loaders.currentExclusionByFiscalCode.load(member.fiscalCode);
    if (!current) throw conflict('The member has no do-not-convene decision in force');
    if (input.endedOn < current.since) throw badUserInput([{ path: 'input.endedOn', message: 'must not be before the decision took effect' }]);
    current.endedOn = input.endedOn;
    current.endReason = input.reason.trim();
    current.endedBy = this.ctx.caller?.subject ?? null;
    current.endPurpose = this.ctx.caller?.purpose ?? null;
    queueInternalEvent(this.ctx.em, CONVOCATION_EXCLUSION_EVENTS, exclusionEvent(current, new Date()));
    await this.ctx.em.flush();
    this.forget(member);
    return current;
  }

  /** The member with this fiscal code, when their household is in the caller's scope; NOT_FOUND otherwise, as for an unknown one. */
  private async memberInScope(fiscalCode: string): Promise<HouseholdMember> {
    const member = await this.ctx.loaders.householdMemberByFiscalCode.load(fiscalCode);
    const household = member ? await this.ctx.loaders.householdById.load(member.household.id) : null;
    if (!member || !household) throw notFound('The household member');
    return member;
  }

  private forget(member: HouseholdMember): void {
    this.ctx.loaders.currentExclusionByFiscalCode.clear(member.fiscalCode);
    this.ctx.loaders.exclusionsByMember.clear(member.id);
  }
}
