import { ALL_ROWS } from '../../lib/policy/model';
import { badUserInput, conflict, type InputProblem, notFound } from '../../lib/errors';
import { changeAuthor } from '../../lib/state-change';
import { assertTransition, checkStateChange } from '../../lib/state-machine';
import { type PactsContext } from '../context';
import { ServicePointKind } from '../../lib/service-point-directory.entity';
import { checkNotFuture, checkServicePointCode } from '../../lib/validation';
import {
  INCLUSION_PACT_TRANSITIONS,
  InclusionPactState,
  OPEN_INCLUSION_PACT_STATES,
  SocialInclusionPact,
  SocialInclusionPactStateChange,
} from './inclusion-pact.entity';
import { type ChangeSocialInclusionPactStateInput, type CreateSocialInclusionPactInput } from './inclusion-pact.input';
import { ActivationRouting } from '../activation-routing/activation-routing.entity';
import { type RecordPreliminaryAnalysisInput } from '../activation-routing/activation-routing.input';
import { convocationStatus, endExclusionsOfClosedPath } from '../convocation-exclusion/convocation-exclusion.service';
import { inRequestTransaction } from '../../lib/orm';
import { householdPeople, queuePactsCompetence } from '../competence/competence.events';

const ACTIVATION_POINT_KINDS: readonly ServicePointKind[] = [ServicePointKind.JOB_CENTRE, ServicePointKind.JOB_CENTRE_DESK];

/** Business rules of the social inclusion pact (PaIS): creation checks and the state machine. */
export class InclusionPactService {
  constructor(private readonly ctx: PactsContext) {}

  /** Opens a PaIS for a household, TO_CONVENE from the PAD date; a household has one open PaIS at most. */
  async create(input: CreateSocialInclusionPactInput): Promise<SocialInclusionPact> {
    // Through the caller's scope: a household outside it is refused like an unknown one.
    const household = await this.ctx.loaders.householdById.load(input.householdId);
    const problems: InputProblem[] = [];
    if (!household) problems.push({ path: 'input.householdId', message: 'no household has this id' });
    if (!this.municipalityInScope(input.municipality)) {
      problems.push({ path: 'input.municipality', message: 'must be a municipality of your territory' });
    }
    const codeProblems = checkServicePointCode('input.socialServicesCode', input.socialServicesCode);
    problems.push(...codeProblems);
    if (codeProblems.length === 0) {
      const entry = await this.ctx.loaders.directoryEntryByCode.load(input.socialServicesCode);
      if (entry?.kind !== ServicePointKind.SOCIAL_SERVICES) {
        problems.push({ path: 'input.socialServicesCode', message: 'must be the code of municipal social services' });
      }
    }
    problems.push(...checkNotFuture('input.padSignedOn', input.padSignedOn));
    if (problems.length || !household) throw badUserInput(problems);

    // Every pact of the household, in the caller's scope or not: one open pact per household.
    const existing = await this.ctx.loaders.allInclusionPactsByHousehold.load(household.id);
    if (existing.some((p) => OPEN_INCLUSION_PACT_STATES.includes(p.state))) {
      throw conflict('The household already has an open social inclusion pact');
    }

    const pact = this.ctx.em.create(SocialInclusionPact, {
      household,
      municipality: input.municipality,
      socialServicesCode: input.socialServicesCode,
      state: InclusionPactState.TO_CONVENE,
      padSignedOn: input.padSignedOn,
      stateDate: input.padSignedOn,
    });
    this.record(pact, null, 'received after the digital activation pact', input.padSignedOn);
    await this.commit(household.id);
    this.forgetHousehold(household.id);
    return pact;
  }

  /** Moves a PaIS along its state machine; an illegal move is a CONFLICT and writes nothing. */
  async changeState(input: ChangeSocialInclusionPactStateInput): Promise<SocialInclusionPact> {
    const pact = await this.ctx.loaders.inclusionPactById.load(input.id);
    if (!pact) throw notFound('The social inclusion pact');
    const problems = checkStateChange(input, pact.stateDate);
    if (problems.length) throw badUserInput(problems);
    assertTransition(INCLUSION_PACT_TRANSITIONS, 'The social inclusion pact', pact.state, input.state);
    this.move(pact, input.state, input.effectiveOn, input.reason);
    if (!OPEN_INCLUSION_PACT_STATES.includes(input.state)) {
      await endExclusionsOfClosedPath(this.ctx, pact.household.id, input.effectiveOn, `the social inclusion pact ended (${input.state})`);
    }
    await this.commit(pact.household.id);
    this.forgetPact(pact);
    return pact;
  }

  /**
   * The preliminary analysis: TO_CONVENE → PRELIMINARY_ANALYSIS, and each member found able
   * to work routed to a job centre for a service pact (the others stay with the social and
   * specialist services). Every problem is BAD_USER_INPUT, an illegal move CONFLICT; either
   * way nothing is written.
   */
  async recordPreliminaryAnalysis(input: RecordPreliminaryAnalysisInput): Promise<SocialInclusionPact> {
    const pact = await this.ctx.loaders.inclusionPactById.load(input.pactId);
    if (!pact) throw notFound('The social inclusion pact');
    const problems = checkStateChange(input, pact.stateDate);
    const members = await this.ctx.loaders.membersByHousehold.load(pact.household.id);
    const routed: { member: (typeof members)[number]; code: string }[] = [];
    for (const [i, given] of input.activatable.entries()) {
      const path = `input.activatable.${i}`;
      const member = members.find((m) => m.fiscalCode === given.fiscalCode);
      if (!member) problems.push({ path: `${path}.fiscalCode`, message: "must be a member of the pact's household" });
      else if (routed.some((r) => r.member === member)) problems.push({ path: `${path}.fiscalCode`, message: 'is listed twice' });
      else if (!(await this.ctx.loaders.padByMember.load(member.id))) {
        problems.push({ path: `${path}.fiscalCode`, message: 'has no digital activation pact (PAD) recorded: the PAD comes before the service pact' });
      } else if ((await convocationStatus(member.fiscalCode, this.ctx)).excluded) {
        problems.push({ path: `${path}.fiscalCode`, message: 'has a do-not-convene decision in force: end it first' });
      }
      const codeProblems = checkServicePointCode(`${path}.jobCentreCode`, given.jobCentreCode);
      problems.push(...codeProblems);
      if (codeProblems.length === 0) {
        const entry = await this.ctx.loaders.directoryEntryByCode.load(given.jobCentreCode);
        if (!entry || !ACTIVATION_POINT_KINDS.includes(entry.kind)) problems.push({ path: `${path}.jobCentreCode`, message: 'must be the code of a job centre or desk' });
      }
      if (member) routed.push({ member, code: given.jobCentreCode });
    }
    if (problems.length) throw badUserInput(problems);
    assertTransition(INCLUSION_PACT_TRANSITIONS, 'The social inclusion pact', pact.state, InclusionPactState.PRELIMINARY_ANALYSIS);

    this.move(pact, InclusionPactState.PRELIMINARY_ANALYSIS, input.effectiveOn, input.reason);
    for (const { member, code } of routed) {
      this.ctx.em.create(ActivationRouting, {
        pact,
        member,
        fiscalCode: member.fiscalCode,
        workerId: member.workerId,
        jobCentre: code,
        routedOn: input.effectiveOn,
        recordedBy: this.ctx.caller?.subject ?? null,
        purpose: this.ctx.caller?.purpose ?? null,
      });
    }
    await this.commit(pact.household.id);
    this.forgetPact(pact);
    this.ctx.loaders.activationRoutingsByPact.clear(pact.id);
    return pact;
  }

  /**
   * Writes the unit of work in one transaction with each member's competence snapshot for
   * the referrals subgraph (the municipality of the household's open pact may have changed).
   */
  private async commit(householdId: string): Promise<void> {
    const people = await householdPeople(this.ctx.em, householdId);
    await inRequestTransaction(this.ctx.em, () => queuePactsCompetence(this.ctx.em, people));
  }

  private move(pact: SocialInclusionPact, state: InclusionPactState, effectiveOn: string, reason: string): void {
    const from = pact.state;
    pact.state = state;
    pact.stateDate = effectiveOn;
    if (state === InclusionPactState.PRELIMINARY_ANALYSIS) pact.preliminaryAnalysisOn = effectiveOn;
    if (state === InclusionPactState.SIGNED) pact.signedOn = effectiveOn;
    this.record(pact, from, reason.trim(), effectiveOn);
  }

  private forgetPact(pact: SocialInclusionPact): void {
    this.ctx.loaders.inclusionPactChangesByPact.clear(pact.id);
    this.forgetHousehold(pact.household.id);
  }

  /** Lists cached for the household no longer hold: drop them so later fields of this request reload. */
  private forgetHousehold(id: string): void {
    this.ctx.loaders.inclusionPactsByHousehold.clear(id);
    this.ctx.loaders.allInclusionPactsByHousehold.clear(id);
  }

  /**
   * Whether a pact in charge of this municipality would be in the caller's
   * SocialInclusionPact scope (the territory codes of the scope's filter, matched as
   * ISTAT prefixes): a social worker opens pacts for their own municipality only.
   */
  private municipalityInScope(municipality: string): boolean {
    const scope = this.ctx.rows.scopeOf('SocialInclusionPact');
    if (scope === ALL_ROWS) return true;
    if (scope !== 'municipality' && scope !== 'territory') return false;
    return (this.ctx.caller?.territory ?? []).some((code) => municipality.startsWith(code));
  }

  private record(pact: SocialInclusionPact, from: InclusionPactState | null, reason: string, on: string): void {
    this.ctx.em.create(SocialInclusionPactStateChange, {
      pact,
      fromState: from,
      toState: pact.state,
      effectiveOn: on,
      reason,
      ...changeAuthor(this.ctx.caller),
    });
  }
}
