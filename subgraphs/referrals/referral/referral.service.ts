import { addDays, today } from '../../lib/dates';
import { badUserInput, conflict, forbidden, type InputProblem, notFound } from '../../lib/errors';
import { changeAuthor } from '../../lib/state-change';
import { assertTransition } from '../../lib/state-machine';
import { AppointmentState } from '../appointment/appointment.entity';
import { type ReferralsContext } from '../context';
import { ServicePointKind } from '../service-point/service-point.entity';
import { referralsSettings, type ReferralsSettings } from '../settings';
import { isUuid } from '../../lib/validation';
import { Referral, ReferralEvent, ReferralLegalBasis, ReferralState, REFERRAL_TRANSITIONS } from './referral.entity';
import { type CloseReferralInput, type CreateReferralInput, type RejectReferralInput } from './referral.input';
import { actsFor, senderProblems, SIDES_OF_TRANSITION } from './referral.sides';

/** Shortest written motivation accepted from a job centre to social services. */
export const MIN_MOTIVATION_LENGTH = 20;
/** Longest written motivation accepted. */
export const MAX_MOTIVATION_LENGTH = 2000;
/** Longest rejection reason or closing outcome accepted. */
export const MAX_NOTE_LENGTH = 500;

/** Senders whose referrals to social services need a written motivation (DL 4/2019; domain.md §8.1, §13.5 rule 7). */
const JOB_CENTRE_KINDS: readonly ServicePointKind[] = [ServicePointKind.JOB_CENTRE, ServicePointKind.JOB_CENTRE_DESK];

/** What a new referral is made of, besides its state, dates and organisation. */
export type NewReferral = Pick<Referral, 'workerId' | 'workerFiscalCode' | 'from' | 'to' | 'reason' | 'legalBasis'> & { motivation: string | null };

/** What a transition writes besides the state and its history entry. */
interface TransitionOptions {
  note?: string | null;
  /** Problems with the mutation's own input, reported before the state is checked. */
  problems?: InputProblem[];
  /** A further precondition, checked once the transition is known to be legal. */
  check?: (referral: Referral, now: Date) => void | Promise<void>;
  apply?: (referral: Referral, now: Date) => void;
}

/** Business rules of referrals: what a new referral needs, and the state machine. */
export class ReferralService {
  constructor(
    private readonly ctx: ReferralsContext,
    private readonly settings: ReferralsSettings = referralsSettings(),
  ) {}

  /** Writes a referral, as a DRAFT or already SENT, after checking every rule at once. */
  async create(input: CreateReferralInput): Promise<Referral> {
    const problems: InputProblem[] = [];
    const [from, to] = await Promise.all([
      this.ctx.loaders.servicePointByCode.load(input.fromCode),
      this.ctx.loaders.servicePointByCode.load(input.toCode),
    ]);
    if (!from) problems.push({ path: 'input.fromCode', message: 'no service point has this code' });
    if (!to) problems.push({ path: 'input.toCode', message: 'no service point has this code' });
    if (input.fromCode === input.toCode) problems.push({ path: 'input.toCode', message: 'must differ from the sending service point' });
    if (!isUuid(input.workerId)) problems.push({ path: 'input.workerId', message: 'must be a worker id (a UUID)' });
    const motivation = input.motivation?.trim() || null;
    if (motivation != null && motivation.length > MAX_MOTIVATION_LENGTH) {
      problems.push({ path: 'input.motivation', message: `must be at most ${MAX_MOTIVATION_LENGTH} characters` });
    }
    if (from && to && JOB_CENTRE_KINDS.includes(from.kind) && to.kind === ServicePointKind.SOCIAL_SERVICES && (motivation?.length ?? 0) < MIN_MOTIVATION_LENGTH) {
      problems.push({
        path: 'input.motivation',
        message: `a referral from a job centre to social services requires a written motivation of at least ${MIN_MOTIVATION_LENGTH} characters`,
      });
    }
    if (from?.kind === ServicePointKind.SOCIAL_DESK && input.legalBasis !== ReferralLegalBasis.CONSENT) {
      problems.push({ path: 'input.legalBasis', message: 'a referral from a sportello sociale (SOCIAL_DESK) requires the legal basis CONSENT' });
    }
    problems.push(...senderProblems(this.ctx.caller, from, input.legalBasis, problems));
    if (problems.length || !from || !to) throw badUserInput(problems);

    const referral = this.write(
      { workerId: input.workerId, workerFiscalCode: input.fiscalCode, from, to, reason: input.reason, motivation, legalBasis: input.legalBasis },
      input.send,
      // Why it was written, on its first entries, as a transfer records it.
      motivation,
    );
    await this.ctx.em.flush();
    this.afterWrite([referral]);
    return referral;
  }

  /**
   * Stages a new referral (a DRAFT, SENT at once when `send`) with its history entries,
   * for the caller's flush: the caller has checked every rule. The referral belongs to
   * the verified caller's organisation, never to a value of the input; `note` goes on
   * the history entries (why it was written).
   */
  write(fields: NewReferral, send: boolean, note: string | null): Referral {
    const now = new Date();
    const referral = this.ctx.em.create(Referral, {
      ...fields,
      state: ReferralState.DRAFT,
      createdAt: now,
      updatedAt: now,
      createdByOrganisation: this.ctx.caller?.organisation || null,
    });
    this.record(referral, 1, null, ReferralState.DRAFT, now, note);
    if (send) {
      this.markSent(referral, now);
      this.record(referral, 2, ReferralState.DRAFT, ReferralState.SENT, now, note);
    }
    return referral;
  }

  /** Forgets what the request's loaders cached about the people and pages of referrals just written. */
  afterWrite(referrals: readonly Referral[]): void {
    for (const referral of referrals) this.ctx.loaders.referralsByWorker.clear(referral.workerId);
    this.clearPages();
  }

  /** DRAFT to SENT: the response deadline starts. */
  send(id: string): Promise<Referral> {
    return this.transition(id, ReferralState.SENT, { apply: (referral, now) => this.markSent(referral, now) });
  }

  /** SENT to ACCEPTED, by the receiving service point. */
  accept(id: string): Promise<Referral> {
    return this.transition(id, ReferralState.ACCEPTED);
  }

  /** SENT to REJECTED, with the reason. */
  reject(input: RejectReferralInput): Promise<Referral> {
    const reason = input.reason.trim();
    return this.transition(input.id, ReferralState.REJECTED, {
      note: reason,
      problems: noteProblems('input.reason', reason),
      apply: (referral) => {
        referral.rejectionReason = reason;
      },
    });
  }

  /** SENT or ACCEPTED to WITHDRAWN, by the sender; `why` goes on the history entry when the withdrawal has a cause of its own. */
  withdraw(id: string, why: string | null = null): Promise<Referral> {
    return this.transition(id, ReferralState.WITHDRAWN, { note: why });
  }

  /** ACCEPTED to APPOINTMENT_SET: the person has been convened. */
  setAppointment(id: string): Promise<Referral> {
    return this.transition(id, ReferralState.APPOINTMENT_SET);
  }

  /**
   * APPOINTMENT_SET to TAKEN_IN_CHARGE (presa in carico). When the intake was booked as an
   * appointment (scheduleAppointment), the person must have attended one: a CONFLICT
   * otherwise. A referral set APPOINTMENT_SET by setReferralAppointment alone, with no
   * appointment recorded, is taken in charge as before.
   */
  takeInCharge(id: string): Promise<Referral> {
    return this.transition(id, ReferralState.TAKEN_IN_CHARGE, {
      check: async (referral) => {
        const appointments = await this.ctx.loaders.appointmentsByReferral.load(referral.id);
        if (appointments.length > 0 && !appointments.some((a) => a.state === AppointmentState.ATTENDED)) {
          throw conflict('The referral cannot be taken in charge before the person has attended its intake appointment', {
            currentState: referral.state,
            requestedState: ReferralState.TAKEN_IN_CHARGE,
          });
        }
      },
    });
  }

  /** TAKEN_IN_CHARGE to CLOSED, with the outcome. */
  close(input: CloseReferralInput): Promise<Referral> {
    const outcome = input.outcome.trim();
    return this.transition(input.id, ReferralState.CLOSED, {
      note: outcome,
      problems: noteProblems('input.outcome', outcome),
      apply: (referral) => {
        referral.outcome = outcome;
      },
    });
  }

  /**
   * SENT to EXPIRED, applied by an operator (or a later scheduled job) once the response
   * deadline has passed; nothing expires on its own. The deadline day itself still
   * belongs to the receiving service point.
   */
  expire(id: string): Promise<Referral> {
    return this.transition(id, ReferralState.EXPIRED, {
      check: (referral, now) => {
        if (referral.dueBy != null && referral.dueBy >= today(now)) {
          throw conflict(`The referral cannot go from ${referral.state} to ${ReferralState.EXPIRED} before its response deadline has passed`, {
            currentState: referral.state,
            requestedState: ReferralState.EXPIRED,
            dueBy: referral.dueBy,
          });
        }
      },
    });
  }

  /**
   * Moves a referral along its state machine. Everything is checked before anything is
   * changed, and the state and its history entry are written in one flush. The referral
   * is loaded through the caller's row scope, so one outside it is NOT_FOUND exactly like
   * an unknown id; one in scope may still be moved only by the side the transition
   * belongs to (FORBIDDEN otherwise, see `referral.sides.ts`).
   */
  private async transition(id: string, requested: ReferralState, options: TransitionOptions = {}): Promise<Referral> {
    const referral = await this.ctx.loaders.referralById.load(id);
    if (!referral) throw notFound('The referral');
    if (options.problems?.length) throw badUserInput(options.problems);
    await this.assertSide(referral, requested);
    assertTransition(REFERRAL_TRANSITIONS, 'The referral', referral.state, requested);
    const now = new Date();
    await options.check?.(referral, now);
    const history = await this.ctx.loaders.eventsByReferral.load(referral.id);
    const sequence = (history[history.length - 1]?.sequence ?? 0) + 1;
    this.record(referral, sequence, referral.state, requested, now, options.note ?? null);
    options.apply?.(referral, now);
    referral.state = requested;
    referral.updatedAt = now;
    await this.ctx.em.flush();
    this.ctx.loaders.eventsByReferral.clear(referral.id);
    this.ctx.loaders.referralsByWorker.clear(referral.workerId);
    this.clearPages();
    return referral;
  }

  /** The caller must act for a side of the referral that may ask for `requested`. */
  private async assertSide(referral: Referral, requested: ReferralState): Promise<void> {
    const sides = SIDES_OF_TRANSITION[requested];
    const [from, to] = await Promise.all([
      this.ctx.loaders.servicePointByCode.load(referral.from.code),
      this.ctx.loaders.servicePointByCode.load(referral.to.code),
    ]);
    const allowed = sides.some((side) => {
      const point = side === 'sender' ? from : to;
      return point != null && actsFor(this.ctx.caller, side, referral, point);
    });
    if (!allowed) {
      const who = sides.length === 2 ? 'its sending or receiving' : `its ${sides[0] === 'sender' ? 'sending' : 'receiving'}`;
      throw forbidden(`Only ${who} service point may move the referral to ${requested}`);
    }
  }

  private markSent(referral: Referral, now: Date): void {
    referral.state = ReferralState.SENT;
    referral.sentAt = now;
    referral.dueBy = addDays(today(now), this.settings.responseDays);
  }

  private record(referral: Referral, sequence: number, fromState: ReferralState | null, toState: ReferralState, at: Date, note: string | null): void {
    this.ctx.em.create(ReferralEvent, {
      referral,
      sequence,
      fromState,
      toState,
      at,
      note,
      ...changeAuthor(this.ctx.caller),
    });
  }

  private clearPages(): void {
    this.ctx.loaders.referralsReceived.clearAll();
    this.ctx.loaders.referralsSent.clearAll();
  }
}

function noteProblems(path: string, text: string): InputProblem[] {
  if (!text) return [{ path, message: 'must not be empty' }];
  if (text.length > MAX_NOTE_LENGTH) return [{ path, message: `must be at most ${MAX_NOTE_LENGTH} characters` }];
  return [];
}
