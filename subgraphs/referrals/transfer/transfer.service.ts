import { badUserInput, type InputProblem } from '../../lib/errors';
import { JOB_CENTRE_KINDS } from '../../lib/service-point-directory.entity';
import { type Competence, competentJobCentre, competentSocialServices, hasWorkersFacts, type WithWorkersFacts } from '../competence/competence';
import { PersonCompetence } from '../competence/person-competence.entity';
import { type ReferralsContext } from '../context';
import { Referral, ReferralLegalBasis, ReferralReason, ReferralState } from '../referral/referral.entity';
import { inCallerTerritory } from '../referral/referral.sides';
import { MAX_MOTIVATION_LENGTH, MIN_MOTIVATION_LENGTH, ReferralService } from '../referral/referral.service';
import { ServicePoint, ServicePointKind } from '../service-point/service-point.entity';
import { type ReferHouseholdMembersToJobCentreInput, type ReferToSocialServicesInput } from './transfer.input';
import { type PersonTransfer, TransferOutcome } from './transfer.type';

/** Most members sent in one call. */
export const MAX_MEMBERS = 20;
/** Fewest words in a written motivation to social services. */
export const MIN_MOTIVATION_WORDS = 3;

/** States in which a referral is still open: a second one in the same direction is not written. */
const OPEN_STATES: readonly ReferralState[] = [ReferralState.DRAFT, ReferralState.SENT, ReferralState.ACCEPTED, ReferralState.APPOINTMENT_SET, ReferralState.TAKEN_IN_CHARGE];

type Direction = 'toJobCentre' | 'toSocialServices';

/** One person's case, decided before anything is written. */
interface Decision {
  transfer: PersonTransfer;
  facts: WithWorkersFacts<PersonCompetence> | null;
  from: ServicePoint | null;
}

/**
 * The RdC inter-platform transfers (Annex 5 §1.1-1.2): social services send household
 * members to the competent job centre, a job centre sends a person to the competent
 * social services with a written motivation. Competence is decided on the replica
 * `PersonCompetence` and the service-point directory (competence.ts); each person's
 * outcome is data, and every referral written in one call is flushed in one transaction.
 */
export class TransferService {
  private readonly referrals: ReferralService;

  constructor(private readonly ctx: ReferralsContext) {
    this.referrals = new ReferralService(ctx);
  }

  /** Social services to the job centre: one outcome per member. */
  async toJobCentre(input: ReferHouseholdMembersToJobCentreInput): Promise<PersonTransfer[]> {
    const problems: InputProblem[] = [];
    const codes = input.members.map((m) => m.fiscalCode);
    if (codes.length === 0) problems.push({ path: 'input.members', message: 'must name at least one member' });
    if (codes.length > MAX_MEMBERS) problems.push({ path: 'input.members', message: `must name at most ${MAX_MEMBERS} members` });
    codes.forEach((code, i) => {
      if (codes.indexOf(code) !== i) problems.push({ path: `input.members.${i}.fiscalCode`, message: 'names a member already given' });
    });
    const motivation = input.motivation?.trim() || null;
    if (motivation && motivation.length > MAX_MOTIVATION_LENGTH) problems.push({ path: 'input.motivation', message: `must be at most ${MAX_MOTIVATION_LENGTH} characters` });
    if (problems.length) throw badUserInput(problems);
    return this.transfer(codes, 'toJobCentre', motivation);
  }

  /** Job centre to social services, with the written motivation. */
  async toSocialServices(input: ReferToSocialServicesInput): Promise<PersonTransfer> {
    const motivation = input.motivation.trim();
    const problems = motivationProblems(motivation);
    if (problems.length) throw badUserInput(problems);
    const [transfer] = await this.transfer([input.fiscalCode], 'toSocialServices', motivation);
    return transfer!;
  }

  private async transfer(codes: string[], direction: Direction, motivation: string | null): Promise<PersonTransfer[]> {
    const em = this.ctx.em;
    const [facts, directory] = await Promise.all([
      em.find(PersonCompetence, { fiscalCode: { $in: codes } }),
      // The directory is public reference data: no row scope.
      em.find(ServicePoint, { kind: { $in: [...JOB_CENTRE_KINDS, ServicePointKind.SOCIAL_SERVICES] } }),
    ]);
    const decisions = codes.map((code) => this.decide(code, facts.find((f) => f.fiscalCode === code) ?? null, directory, direction));
    const written: Referral[] = [];
    for (const d of decisions) {
      if (d.transfer.outcome !== TransferOutcome.SENT || !d.facts || !d.from) continue;
      const existing = await this.openReferral(d.facts.fiscalCode, d.from, direction);
      if (existing) {
        Object.assign(d.transfer, { outcome: TransferOutcome.ALREADY_REFERRED, referral: existing });
        continue;
      }
      const referral = this.referrals.write(
        {
          workerId: d.facts.workerId,
          workerFiscalCode: d.facts.fiscalCode,
          from: d.from,
          to: d.transfer.competentServicePoint!,
          reason: direction === 'toJobCentre' ? ReferralReason.WORK_ACTIVATION : ReferralReason.SOCIAL_NEEDS,
          motivation,
          // Both transfers are flows the law requires (DL 4/2019 art. 4, DM 108/2019 art. 6).
          legalBasis: ReferralLegalBasis.LEGAL_OBLIGATION,
        },
        true,
        motivation,
      );
      d.transfer.referral = referral;
      written.push(referral);
    }
    if (written.length) {
      await em.flush();
      this.referrals.afterWrite(written);
    }
    return decisions.map((d) => d.transfer);
  }

  /**
   * The competent receiving point and the sending point acting for the caller. Social
   * services send from the social services competent for the person, which must lie in
   * the caller's municipality; a job centre sends from the job centre competent for the
   * person, which must lie in the caller's territory.
   */
  private decide(fiscalCode: string, facts: PersonCompetence | null, directory: ServicePoint[], direction: Direction): Decision {
    const refused = (outcome: TransferOutcome, to: Competence<ServicePoint> | null = null): Decision => ({
      transfer: { fiscalCode, outcome, referral: null, competentServicePoint: to?.point ?? null, competenceRule: to?.rule ?? null },
      facts: null,
      from: null,
    });
    // Unknown (absent, or only the pacts facts so far), or outside the caller's territory:
    // answered alike (an out-of-scope row is as if unknown).
    if (!facts || !hasWorkersFacts(facts)) return refused(TransferOutcome.NOT_FOUND);
    const jobCentre = competentJobCentre(facts, directory);
    const social = competentSocialServices(facts, directory);
    const [to, from] = direction === 'toJobCentre' ? [jobCentre, social] : [social, jobCentre];
    const caller = this.ctx.caller;
    // Nothing about a person outside the caller's territory, not even their competent service.
    if (!from || !caller || !inCallerTerritory(caller, from.point)) return refused(TransferOutcome.NOT_FOUND);
    if (!to) return refused(TransferOutcome.NO_COMPETENT_SERVICE);
    return {
      transfer: { fiscalCode, outcome: TransferOutcome.SENT, referral: null, competentServicePoint: to.point, competenceRule: to.rule },
      facts,
      from: from.point,
    };
  }

  /** An open referral of the person from `from` in the same direction, to be returned instead of a second one. */
  private async openReferral(fiscalCode: string, from: ServicePoint, direction: Direction): Promise<Referral | null> {
    const toKinds = direction === 'toJobCentre' ? [...JOB_CENTRE_KINDS] : [ServicePointKind.SOCIAL_SERVICES];
    return this.ctx.em.findOne(
      Referral,
      { workerFiscalCode: fiscalCode, from, to: { kind: { $in: toKinds } }, state: { $in: [...OPEN_STATES] } },
      { orderBy: { createdAt: 'desc' } },
    );
  }
}

/** A written motivation to social services: required, not trivial, not too long. */
export function motivationProblems(motivation: string): InputProblem[] {
  const path = 'input.motivation';
  if (!motivation) return [{ path, message: 'is required: a job centre states in writing why it sends the person to social services' }];
  const problems: InputProblem[] = [];
  if (motivation.length < MIN_MOTIVATION_LENGTH) problems.push({ path, message: `must be at least ${MIN_MOTIVATION_LENGTH} characters` });
  if (motivation.length > MAX_MOTIVATION_LENGTH) problems.push({ path, message: `must be at most ${MAX_MOTIVATION_LENGTH} characters` });
  const words = motivation.split(/\s+/).filter((w) => /\p{L}{2,}/u.test(w));
  if (words.length < MIN_MOTIVATION_WORDS) problems.push({ path, message: `must be written out in at least ${MIN_MOTIVATION_WORDS} words` });
  return problems;
}
