import { addLegalDays, legalDay } from '../../lib/dates';
import { badUserInput, conflict, forbidden, type InputProblem, notFound } from '../../lib/errors';
import { Role } from '../../lib/identity';
import { assertTransition } from '../../lib/state-machine';
import { isUuid } from '../../lib/validation';
import { type ReferralsContext } from '../context';
import { type Referral, ReferralState } from '../referral/referral.entity';
import { ReferralService } from '../referral/referral.service';
import { inCallerTerritory } from '../referral/referral.sides';
import { type ServicePoint, ServicePointKind } from '../service-point/service-point.entity';
import {
  Appointment,
  AppointmentEvent,
  AppointmentKind,
  AppointmentReminder,
  AppointmentState,
  APPOINTMENT_TRANSITIONS,
  OUTCOME_STATES,
  ReminderStatus,
} from './appointment.entity';
import { type CancelAppointmentInput, type RecordAppointmentOutcomeInput, type RecordReminderDeliveryInput, type RescheduleAppointmentInput, type ScheduleAppointmentInput } from './appointment.input';
import { inRequestTransaction } from '../../lib/orm';
import { queueInternalEvent } from '../../lib/outbox/internal-events';
import { type ConvocationExclusionReplica } from '../convocation-exclusion/convocation-exclusion-replica.entity';
import { APPOINTMENT_NO_SHOW_EVENTS } from '../events';

/**
 * Days before the appointment at which a reminder is due, per channel, at the same time of
 * day on the Italian clock. Reminders already past when scheduling are not created.
 */
export const REMINDER_DAYS_BEFORE: readonly number[] = [3, 1];
/** Bounds of the planned duration, in minutes. */
export const MIN_DURATION = 5;
export const MAX_DURATION = 480;
/** Longest cancellation or rescheduling reason accepted. */
export const MAX_REASON_LENGTH = 500;

/** Service points where a person may be convened (CONVOCATION). */
const CONVENING_KINDS: readonly ServicePointKind[] = [ServicePointKind.JOB_CENTRE, ServicePointKind.JOB_CENTRE_DESK, ServicePointKind.SOCIAL_SERVICES];
/** Service points whose unjustified absences at a convocation are conditionality no-shows (DID, D.Lgs 150/2015 art. 21). */
const JOB_CENTRE_KINDS: readonly ServicePointKind[] = [ServicePointKind.JOB_CENTRE, ServicePointKind.JOB_CENTRE_DESK];
/** States in which an appointment is still to happen. */
const LIVE: readonly AppointmentState[] = [AppointmentState.SCHEDULED, AppointmentState.CONFIRMED];

/** What a transition writes besides the state and its history entry. */
interface TransitionOptions {
  note?: string | null;
  problems?: InputProblem[];
  /** A further precondition, once the transition is known to be legal (CONFLICT when it fails). */
  check?: (appointment: Appointment, now: Date) => void;
  /** Writes what the change writes; `reminders` are the appointment's, before their cancellation. */
  apply?: (appointment: Appointment, now: Date, reminders: readonly AppointmentReminder[]) => void;
}

/**
 * Appointments and convocations at service points: scheduling (with the referral's
 * APPOINTMENT_SET when it is a referral intake), the person's confirmation, rescheduling,
 * cancellation and the attendance outcome. Everything is checked before anything is
 * written; each change writes its history entry (who, when, why, purpose) in the same
 * flush. The appointment is loaded through the caller's row scope, so one outside it is
 * NOT_FOUND exactly like an unknown id. A job centre does not convene a person whom the
 * social services decided not to convene (plan §1.4: the pacts subgraph's decisions, as
 * replicated here). No sanction is ever applied here: an ABSENT outcome at a job-centre
 * convocation is exposed (Appointment.noShow) and sent to the workers subgraph as an
 * `appointment.no-show` event, where it becomes a DID change for an operator to confirm.
 */
export class AppointmentService {
  constructor(private readonly ctx: ReferralsContext) {}

  async schedule(input: ScheduleAppointmentInput): Promise<Appointment> {
    const now = new Date();
    const caller = this.ctx.caller!;
    const problems: InputProblem[] = [];
    const point = await this.ctx.loaders.servicePointByCode.load(input.servicePointCode);
    if (!point) problems.push({ path: 'input.servicePointCode', message: 'no service point has this code' });
    problems.push(...this.timeProblems('input.scheduledAt', input.scheduledAt, now));
    if (!Number.isInteger(input.durationMinutes) || input.durationMinutes < MIN_DURATION || input.durationMinutes > MAX_DURATION) {
      problems.push({ path: 'input.durationMinutes', message: `must be between ${MIN_DURATION} and ${MAX_DURATION}` });
    }
    if (new Set(input.reminderChannels).size !== input.reminderChannels.length) problems.push({ path: 'input.reminderChannels', message: 'must not repeat a channel' });
    if (point && input.kind === AppointmentKind.CONVOCATION && !CONVENING_KINDS.includes(point.kind)) {
      problems.push({ path: 'input.servicePointCode', message: 'a convocation takes place at a job centre, one of its desks or social services' });
    }
    if (caller.role === Role.SOCIAL_DESK_OPERATOR) {
      if (input.kind !== AppointmentKind.DESK_MEETING) problems.push({ path: 'input.kind', message: 'a social desk books DESK_MEETING appointments only' });
      if (!caller.organisation) problems.push({ path: 'input', message: 'the caller\'s token names no organisation' });
    } else if (point && !inCallerTerritory(caller, point)) {
      problems.push({ path: 'input.servicePointCode', message: 'must be a service point of the caller\'s territory' });
    }

    let referral: Referral | null = null;
    if (input.kind === AppointmentKind.REFERRAL_INTAKE) {
      if (input.referralId == null) problems.push({ path: 'input.referralId', message: 'is required for a REFERRAL_INTAKE' });
      else {
        referral = await this.ctx.loaders.referralById.load(input.referralId);
        if (!referral) problems.push({ path: 'input.referralId', message: 'no referral the caller may see has this id' });
        else if (referral.to.code !== input.servicePointCode) problems.push({ path: 'input.servicePointCode', message: 'must be the receiving service point of the referral' });
      }
    } else if (input.referralId != null) {
      problems.push({ path: 'input.referralId', message: 'only a REFERRAL_INTAKE is linked to a referral' });
    }
    const workerId = referral?.workerId ?? input.workerId ?? null;
    const fiscalCode = referral?.workerFiscalCode ?? input.fiscalCode ?? null;
    if (!referral) {
      if (workerId == null || !isUuid(workerId)) problems.push({ path: 'input.workerId', message: 'must be a worker id (a UUID)' });
      if (fiscalCode == null) problems.push({ path: 'input.fiscalCode', message: 'is required without a referral' });
    } else if ((input.workerId != null && input.workerId !== referral.workerId) || (input.fiscalCode != null && input.fiscalCode !== referral.workerFiscalCode)) {
      problems.push({ path: 'input.workerId', message: 'must be the person of the referral (or be left out)' });
    }
    if (problems.length || !point) throw badUserInput(problems);

    if (referral) await this.assertReferralOpenForIntake(referral);
    this.assertMayConvene(await this.exclusionInForce(input.kind, point, fiscalCode!, input.scheduledAt));
    return this.inTransaction(async () => {
      if (referral?.state === ReferralState.ACCEPTED) await new ReferralService(this.ctx).setAppointment(referral.id);
      const appointment = this.create(point, { ...input, workerId: workerId!, fiscalCode: fiscalCode! }, referral, null, now);
      await this.ctx.em.flush();
      return appointment;
    });
  }

  /** The person (CITIZEN) says they will come: SCHEDULED to CONFIRMED, before the scheduled time. */
  confirm(id: string): Promise<Appointment> {
    return this.transition(id, AppointmentState.CONFIRMED, {
      check: (appointment, now) => {
        if (now >= appointment.scheduledAt) throw this.tooLate(appointment, AppointmentState.CONFIRMED);
      },
      apply: (appointment, now) => {
        appointment.confirmedAt = now;
      },
    });
  }

  async reschedule(input: RescheduleAppointmentInput): Promise<Appointment> {
    const now = new Date();
    const reason = input.reason.trim();
    const problems = [...reasonProblems(reason), ...this.timeProblems('input.scheduledAt', input.scheduledAt, now)];
    const current = await this.load(input.id);
    const exclusion = await this.exclusionInForce(current.kind, current.servicePoint, current.workerFiscalCode, input.scheduledAt);
    let replacement: Appointment | null = null;
    await this.transition(input.id, AppointmentState.RESCHEDULED, {
      note: reason,
      problems,
      // The new date is a new convocation: refused like one while the person is not to be convened.
      check: () => this.assertMayConvene(exclusion),
      apply: (old, at, reminders) => {
        // The new appointment keeps the channels of the old one's reminders.
        const channels = [...new Set(reminders.map((r) => r.channel))];
        replacement = this.create(
          old.servicePoint,
          { ...old, fiscalCode: old.workerFiscalCode, scheduledAt: input.scheduledAt, reminderChannels: channels },
          old.referral ?? null,
          old,
          at,
          `rescheduled from ${old.id}: ${reason}`,
        );
        old.changeReason = reason;
        old.rescheduledTo = replacement.id;
      },
    });
    return replacement!;
  }

  cancel(input: CancelAppointmentInput): Promise<Appointment> {
    const reason = input.reason.trim();
    return this.transition(input.id, AppointmentState.CANCELLED, {
      note: reason,
      problems: reasonProblems(reason),
      apply: (appointment) => {
        appointment.changeReason = reason;
      },
    });
  }

  /**
   * The attendance outcome. Input problems (not an outcome state, a justification missing
   * or misplaced) are BAD_USER_INPUT; an appointment no longer SCHEDULED or CONFIRMED, or
   * one whose time has not come yet, is a CONFLICT: the request is well-formed, the
   * appointment is not in a state to take it (as a referral's expiry before its deadline).
   */
  async recordOutcome(input: RecordAppointmentOutcomeInput): Promise<Appointment> {
    const problems: InputProblem[] = [];
    if (!OUTCOME_STATES.includes(input.outcome)) problems.push({ path: 'input.outcome', message: `must be one of ${OUTCOME_STATES.join(', ')}` });
    if (input.outcome === AppointmentState.JUSTIFIED_ABSENCE && input.justification == null) {
      problems.push({ path: 'input.justification', message: 'a justified absence needs a coded reason' });
    }
    if (input.outcome !== AppointmentState.JUSTIFIED_ABSENCE && input.justification != null) {
      problems.push({ path: 'input.justification', message: 'only a JUSTIFIED_ABSENCE has a justification' });
    }
    const appointment = await this.load(input.id);
    const point = await this.ctx.loaders.servicePointByCode.load(appointment.servicePoint.code);
    if (this.ctx.caller?.role === Role.SOCIAL_DESK_OPERATOR && point?.kind !== ServicePointKind.SOCIAL_DESK) {
      throw forbidden('Only the service point where the appointment takes place records its outcome');
    }
    return this.transition(input.id, input.outcome, {
      problems,
      note: input.justification ?? null,
      check: (current, now) => {
        if (now < current.scheduledAt) throw this.tooEarly(current, input.outcome);
      },
      apply: (current, now) => {
        current.absenceJustification = input.justification ?? null;
        // The no-show (Appointment.noShow) travels to the workers subgraph in the same flush as the outcome.
        if (input.outcome === AppointmentState.ABSENT && current.kind === AppointmentKind.CONVOCATION && point && JOB_CENTRE_KINDS.includes(point.kind)) {
          this.queueNoShow(current, point, now);
        }
      },
    });
  }

  /**
   * The `appointment.no-show` event for the workers subgraph, where it becomes a proposed
   * DID sanction that another operator confirms or rejects: who recorded the absence, for
   * which organisation and under which purpose.
   */
  private queueNoShow(appointment: Appointment, point: ServicePoint, now: Date): void {
    const caller = this.ctx.caller!;
    queueInternalEvent(this.ctx.em, APPOINTMENT_NO_SHOW_EVENTS, {
      appointmentId: appointment.id,
      workerFiscalCode: appointment.workerFiscalCode,
      servicePointCode: point.code,
      scheduledAt: appointment.scheduledAt.toISOString(),
      recordedAt: now.toISOString(),
      recordedBy: caller.subject,
      organisation: caller.organisation ?? null,
      purpose: caller.purpose,
    });
  }

  /**
   * The do-not-convene decision (plan §1.4, replicated from the pacts subgraph) in force on
   * the Italian calendar day of `at`, when the appointment is a convocation at a job centre
   * or one of its desks; null otherwise. A decision holds from `since` until the day before
   * `endedOn`.
   */
  private async exclusionInForce(kind: AppointmentKind, point: ServicePoint, fiscalCode: string, at: Date): Promise<ConvocationExclusionReplica | null> {
    if (kind !== AppointmentKind.CONVOCATION) return null;
    const servicePoint = await this.ctx.loaders.servicePointByCode.load(point.code);
    if (!servicePoint || !JOB_CENTRE_KINDS.includes(servicePoint.kind)) return null;
    const day = legalDay(at);
    const exclusions = await this.ctx.loaders.exclusionsByFiscalCode.load(fiscalCode);
    return exclusions.find((e) => e.since <= day && (e.endedOn == null || day < e.endedOn)) ?? null;
  }

  /** CONFLICT, before anything is written, when the person is not to be convened: says why with the coded reason only. */
  private assertMayConvene(exclusion: ConvocationExclusionReplica | null): void {
    if (!exclusion) return;
    throw conflict('The person must not be convened by a job centre on that date: the social services decided so (do-not-convene, plan §1.4)', {
      reason: 'DO_NOT_CONVENE',
      exclusionReason: exclusion.reason,
      excludedSince: exclusion.since,
    });
  }

  /** The notification service's report on a PENDING reminder (SENT or FAILED); a FAILED one may still be SENT later. */
  async recordReminderDelivery(input: RecordReminderDeliveryInput): Promise<AppointmentReminder> {
    const reminder = await this.ctx.em.findOne(AppointmentReminder, { id: isUuid(input.id) ? input.id : { $in: [] } });
    const appointment = reminder ? await this.ctx.loaders.appointmentById.load(reminder.appointment.id) : null;
    if (!reminder || !appointment) throw notFound('The reminder');
    if (input.status !== ReminderStatus.SENT && input.status !== ReminderStatus.FAILED) {
      throw badUserInput([{ path: 'input.status', message: 'must be SENT or FAILED' }]);
    }
    const allowed = reminder.status === ReminderStatus.PENDING || (reminder.status === ReminderStatus.FAILED && input.status === ReminderStatus.SENT);
    if (!allowed) {
      throw conflict(`The reminder cannot go from ${reminder.status} to ${input.status}`, { currentState: reminder.status, requestedState: input.status });
    }
    this.mark(reminder, input.status, new Date());
    await this.ctx.em.flush();
    this.ctx.loaders.remindersByAppointment.clear(appointment.id);
    return reminder;
  }

  /**
   * A referral takes an intake appointment when ACCEPTED (it then moves to APPOINTMENT_SET),
   * or when APPOINTMENT_SET with no appointment still to happen (the earlier one was
   * cancelled or missed). Anything else is a CONFLICT, checked before anything is written.
   */
  private async assertReferralOpenForIntake(referral: Referral): Promise<void> {
    if (referral.state === ReferralState.ACCEPTED) return;
    if (referral.state === ReferralState.APPOINTMENT_SET) {
      const appointments = await this.ctx.loaders.appointmentsByReferral.load(referral.id);
      if (!appointments.some((a) => LIVE.includes(a.state))) return;
      throw conflict('The referral already has an appointment still to happen: reschedule or cancel it', { currentState: referral.state });
    }
    throw conflict(`An intake appointment cannot be set for a referral in state ${referral.state}`, { currentState: referral.state, requestedState: ReferralState.APPOINTMENT_SET });
  }

  private create(
    point: ServicePoint,
    data: Pick<Appointment, 'kind' | 'workerId' | 'scheduledAt' | 'durationMinutes' | 'channel'> & { fiscalCode: string; reminderChannels: ScheduleAppointmentInput['reminderChannels'] },
    referral: Referral | null,
    replaced: Appointment | null,
    now: Date,
    note: string | null = null,
  ): Appointment {
    const caller = this.ctx.caller!;
    const appointment = this.ctx.em.create(Appointment, {
      servicePoint: point,
      workerId: data.workerId,
      workerFiscalCode: data.fiscalCode,
      kind: data.kind,
      referral,
      scheduledAt: data.scheduledAt,
      durationMinutes: data.durationMinutes,
      channel: data.channel,
      state: AppointmentState.SCHEDULED,
      convokedBy: replaced?.convokedBy ?? caller.subject,
      convokedByOrganisation: replaced?.convokedByOrganisation ?? caller.organisation,
      purpose: replaced?.purpose ?? caller.purpose,
      rescheduledFrom: replaced?.id ?? null,
      createdAt: now,
      updatedAt: now,
    });
    this.record(appointment, 1, null, AppointmentState.SCHEDULED, now, note);
    for (const channel of data.reminderChannels) {
      for (const days of REMINDER_DAYS_BEFORE) {
        const dueAt = addLegalDays(data.scheduledAt, -days);
        if (dueAt > now) {
          this.ctx.em.create(AppointmentReminder, { appointment, channel, dueAt, status: ReminderStatus.PENDING, updatedAt: now, updatedBy: caller.subject, updatedForPurpose: caller.purpose });
        }
      }
    }
    return appointment;
  }

  private async transition(id: string, requested: AppointmentState, options: TransitionOptions = {}): Promise<Appointment> {
    const appointment = await this.load(id);
    if (options.problems?.length) throw badUserInput(options.problems);
    assertTransition(APPOINTMENT_TRANSITIONS, 'The appointment', appointment.state, requested);
    const now = new Date();
    options.check?.(appointment, now);
    const [history, reminders] = await Promise.all([
      this.ctx.loaders.eventsByAppointment.load(appointment.id),
      this.ctx.loaders.remindersByAppointment.load(appointment.id),
    ]);
    this.record(appointment, (history[history.length - 1]?.sequence ?? 0) + 1, appointment.state, requested, now, options.note ?? null);
    options.apply?.(appointment, now, reminders);
    appointment.state = requested;
    appointment.updatedAt = now;
    // Once the appointment is over, moved or cancelled, nothing more is to be sent.
    if (!LIVE.includes(requested)) {
      for (const reminder of reminders) {
        if (reminder.status === ReminderStatus.PENDING) this.mark(reminder, ReminderStatus.CANCELLED, now);
      }
    }
    await this.ctx.em.flush();
    this.ctx.loaders.eventsByAppointment.clear(appointment.id);
    this.ctx.loaders.remindersByAppointment.clear(appointment.id);
    this.ctx.loaders.appointmentsByReferral.clearAll();
    return appointment;
  }

  /** A reminder's change of state, with who made it and under which purpose. */
  private mark(reminder: AppointmentReminder, status: ReminderStatus, at: Date): void {
    reminder.status = status;
    reminder.updatedAt = at;
    reminder.updatedBy = this.ctx.caller!.subject;
    reminder.updatedForPurpose = this.ctx.caller!.purpose;
  }

  private async load(id: string): Promise<Appointment> {
    const appointment = await this.ctx.loaders.appointmentById.load(id);
    if (!appointment) throw notFound('The appointment');
    return appointment;
  }

  private inTransaction<T>(work: () => Promise<T>): Promise<T> {
    return inRequestTransaction(this.ctx.em, work, { finally: () => this.ctx.loaders.appointmentsByReferral.clearAll() });
  }

  private record(appointment: Appointment, sequence: number, fromState: AppointmentState | null, toState: AppointmentState, at: Date, note: string | null): void {
    const caller = this.ctx.caller!;
    this.ctx.em.create(AppointmentEvent, {
      appointment,
      sequence,
      fromState,
      toState,
      at,
      recordedBy: caller.subject,
      organisation: caller.organisation,
      purpose: caller.purpose,
      note,
    });
  }

  private timeProblems(path: string, at: Date, now: Date): InputProblem[] {
    return at.getTime() > now.getTime() ? [] : [{ path, message: 'must be in the future' }];
  }

  private tooEarly(appointment: Appointment, requested: AppointmentState) {
    return conflict(`The appointment cannot go from ${appointment.state} to ${requested} before its scheduled time`, {
      currentState: appointment.state,
      requestedState: requested,
      scheduledAt: appointment.scheduledAt.toISOString(),
    });
  }

  private tooLate(appointment: Appointment, requested: AppointmentState) {
    return conflict(`The appointment cannot go from ${appointment.state} to ${requested} after its scheduled time`, {
      currentState: appointment.state,
      requestedState: requested,
      scheduledAt: appointment.scheduledAt.toISOString(),
    });
  }
}

function reasonProblems(reason: string): InputProblem[] {
  if (!reason) return [{ path: 'input.reason', message: 'must not be empty' }];
  if (reason.length > MAX_REASON_LENGTH) return [{ path: 'input.reason', message: `must be at most ${MAX_REASON_LENGTH} characters` }];
  return [];
}
