import { type FilterQuery } from '@mikro-orm/core';
import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { badUserInput } from '../../lib/errors';
import { Connection, ConnectionArgs, type ConnectionShape, paginate } from '../../lib/pagination';
import { DateTimeScalar } from '../../lib/scalars';
import { type ReferralsContext } from '../context';
import { Referral } from '../referral/referral.entity';
import { ServicePoint, ServicePointKind } from '../service-point/service-point.entity';
import { Worker } from '../worker/worker.type';
import { Appointment, AppointmentEvent, AppointmentKind, AppointmentReminder, AppointmentState, ReminderStatus } from './appointment.entity';
import { CancelAppointmentInput, RecordAppointmentOutcomeInput, RecordReminderDeliveryInput, RescheduleAppointmentInput, ScheduleAppointmentInput } from './appointment.input';
import { AppointmentService } from './appointment.service';

export const AppointmentConnection = Connection(Appointment, 'Appointment', 'A page of appointments, by scheduled time.');
export const AppointmentReminderConnection = Connection(AppointmentReminder, 'AppointmentReminder', 'A page of reminders, by due time.');

const APPOINTMENT_ID = { description: 'Id of the appointment.' };
/** Where an unjustified absence from a convocation is a conditionality no-show. */
const JOB_CENTRE_KINDS: readonly ServicePointKind[] = [ServicePointKind.JOB_CENTRE, ServicePointKind.JOB_CENTRE_DESK];
/** No page spans more than this many days of an agenda. */
const MAX_AGENDA_DAYS = 366;

@ArgsType()
class ServiceAppointmentsArgs extends ConnectionArgs {
  @Field(() => ID, { description: 'Code of the service point.' })
  servicePointCode!: string;

  @Field(() => DateTimeScalar, { description: 'From this time (included).' })
  from!: Date;

  @Field(() => DateTimeScalar, { description: 'To this time (excluded); at most 366 days after from.' })
  to!: Date;

  @Field(() => AppointmentState, { nullable: true, description: 'Only appointments in this state.' })
  state?: AppointmentState | null;
}

@ArgsType()
class MyAppointmentsArgs extends ConnectionArgs {
  @Field(() => DateTimeScalar, { nullable: true, description: 'Only appointments from this time on.' })
  from?: Date | null;
}

@ArgsType()
class DueRemindersArgs extends ConnectionArgs {
  @Field(() => DateTimeScalar, { description: 'Reminders due at or before this time.' })
  dueBy!: Date;
}

const BY_TIME = { orderBy: { scheduledAt: 'asc', id: 'asc' } } as const;

@Resolver(() => Appointment)
export class AppointmentResolver {
  @Query(() => Appointment, { nullable: true, description: 'The appointment with this id, or null when there is none or it lies outside the caller\'s row scope.' })
  appointment(@Arg('id', () => ID, APPOINTMENT_ID) id: string, @Ctx() ctx: ReferralsContext): Promise<Appointment | null> {
    return ctx.loaders.appointmentById.load(id);
  }

  @Query(() => AppointmentConnection, {
    nullable: true,
    description: 'The agenda of a service point between two times, by scheduled time: only the appointments in the caller\'s row scope (job centres and social services: points of their territory; social desks: what their organisation booked), and totalCount counts only those.',
  })
  serviceAppointments(@Args(() => ServiceAppointmentsArgs) args: ServiceAppointmentsArgs, @Ctx() ctx: ReferralsContext): Promise<ConnectionShape<Appointment>> {
    if (args.to <= args.from) throw badUserInput([{ path: 'to', message: 'must be after from' }]);
    if (args.to.getTime() - args.from.getTime() > MAX_AGENDA_DAYS * 86_400_000) throw badUserInput([{ path: 'to', message: `must be at most ${MAX_AGENDA_DAYS} days after from` }]);
    const where: FilterQuery<Appointment> = {
      servicePoint: args.servicePointCode,
      scheduledAt: { $gte: args.from, $lt: args.to },
      ...(args.state != null ? { state: args.state } : {}),
    };
    const scoped = ctx.rows.restrict<Appointment>('Appointment', where);
    return paginate(ctx.em, Appointment, scoped ?? { id: { $in: [] } }, args, { ...BY_TIME, maxPageSize: ctx.maxPageSize });
  }

  @Query(() => AppointmentConnection, { nullable: true, description: 'The caller\'s own appointments (a person, CITIZEN), by scheduled time.' })
  myAppointments(@Args(() => MyAppointmentsArgs) args: MyAppointmentsArgs, @Ctx() ctx: ReferralsContext): Promise<ConnectionShape<Appointment>> {
    const where: FilterQuery<Appointment> = args.from != null ? { scheduledAt: { $gte: args.from } } : {};
    const scoped = ctx.rows.restrict<Appointment>('Appointment', where);
    return paginate(ctx.em, Appointment, scoped ?? { id: { $in: [] } }, args, { ...BY_TIME, maxPageSize: ctx.maxPageSize });
  }

  @Query(() => AppointmentReminderConnection, {
    nullable: true,
    description: 'PENDING reminders due at or before a time, by due time, of the appointments in the caller\'s row scope: the work list of the notification service acting for a job centre, social services or a social desk, which then reports each with recordReminderDelivery. The platform sends nothing itself.',
  })
  dueReminders(@Args(() => DueRemindersArgs) args: DueRemindersArgs, @Ctx() ctx: ReferralsContext): Promise<ConnectionShape<AppointmentReminder>> {
    const scope = ctx.rows.restrict<Appointment>('Appointment', {});
    const where = scope === null ? { id: { $in: [] } } : { status: ReminderStatus.PENDING, dueAt: { $lte: args.dueBy }, appointment: scope };
    return paginate(ctx.em, AppointmentReminder, where as FilterQuery<AppointmentReminder>, args, { orderBy: { dueAt: 'asc', id: 'asc' }, maxPageSize: ctx.maxPageSize });
  }

  @FieldResolver(() => ServicePoint, { nullable: true, description: 'Where the appointment takes place.' })
  servicePoint(@Root() appointment: Appointment, @Ctx() ctx: ReferralsContext): Promise<ServicePoint | null> {
    return ctx.loaders.servicePointByCode.load(appointment.servicePoint.code);
  }

  @FieldResolver(() => Worker, { nullable: true, description: 'The person convened.' })
  worker(@Root() appointment: Appointment): Worker {
    return Object.assign(new Worker(), { id: appointment.workerId });
  }

  @FieldResolver(() => Referral, { nullable: true, description: 'The referral whose intake this is; null for other kinds or when the referral lies outside the caller\'s scope.' })
  referral(@Root() appointment: Appointment, @Ctx() ctx: ReferralsContext): Promise<Referral | null> | null {
    return appointment.referral ? ctx.loaders.referralById.load(appointment.referral.id) : null;
  }

  @FieldResolver(() => Boolean, {
    nullable: true,
    description: 'True for an unjustified absence (ABSENT) from a convocation at a job centre or one of its desks: the no-show that may lead to a DID sanction under conditionality. Nothing is applied here; an operator may propose the sanction.',
  })
  async noShow(@Root() appointment: Appointment, @Ctx() ctx: ReferralsContext): Promise<boolean> {
    if (appointment.state !== AppointmentState.ABSENT || appointment.kind !== AppointmentKind.CONVOCATION) return false;
    const point = await ctx.loaders.servicePointByCode.load(appointment.servicePoint.code);
    return point != null && JOB_CENTRE_KINDS.includes(point.kind);
  }

  @FieldResolver(() => [AppointmentReminder], { nullable: true, description: 'Reminders to the person, by due time.' })
  reminders(@Root() appointment: Appointment, @Ctx() ctx: ReferralsContext): Promise<AppointmentReminder[]> {
    return ctx.loaders.remindersByAppointment.load(appointment.id);
  }

  @FieldResolver(() => [AppointmentEvent], { nullable: true, description: 'Every change, oldest first: who, when, why, under which purpose.' })
  history(@Root() appointment: Appointment, @Ctx() ctx: ReferralsContext): Promise<AppointmentEvent[]> {
    return ctx.loaders.eventsByAppointment.load(appointment.id);
  }

  @Mutation(() => Appointment, {
    nullable: true,
    description: 'Convenes or books a person at a service point of the caller\'s territory (a social desk: a DESK_MEETING, anywhere), with PENDING reminders 3 and 1 days before on each channel. A REFERRAL_INTAKE of an ACCEPTED referral moves it to APPOINTMENT_SET in the same transaction; for a referral in any other state (or one with an appointment still to happen) it is a CONFLICT. A CONVOCATION at a job centre or one of its desks of a person whom the social services decided not to convene (do-not-convene, plan §1.4) on that date is refused: CONFLICT with extensions.reason DO_NOT_CONVENE and the coded exclusionReason, nothing written. Every input problem is listed in one BAD_USER_INPUT.',
  })
  scheduleAppointment(@Arg('input', () => ScheduleAppointmentInput, { description: 'The appointment.' }) input: ScheduleAppointmentInput, @Ctx() ctx: ReferralsContext): Promise<Appointment> {
    return new AppointmentService(ctx).schedule(input);
  }

  @Mutation(() => Appointment, {
    nullable: true,
    description: 'Moves a SCHEDULED or CONFIRMED appointment: it becomes RESCHEDULED (its pending reminders CANCELLED) and the new appointment, returned, is linked to it (rescheduledFrom / rescheduledTo) with new reminders. An illegal transition is a CONFLICT, and so is a job-centre CONVOCATION moved to a date on which the person is not to be convened (DO_NOT_CONVENE, as in scheduleAppointment); an appointment outside the caller\'s scope is NOT_FOUND.',
  })
  rescheduleAppointment(@Arg('input', () => RescheduleAppointmentInput, { description: 'The appointment, the new time and the reason.' }) input: RescheduleAppointmentInput, @Ctx() ctx: ReferralsContext): Promise<Appointment> {
    return new AppointmentService(ctx).reschedule(input);
  }

  @Mutation(() => Appointment, { nullable: true, description: 'Cancels a SCHEDULED or CONFIRMED appointment with a reason (CANCELLED); its pending reminders are CANCELLED. An illegal transition is a CONFLICT; an appointment outside the caller\'s scope is NOT_FOUND.' })
  cancelAppointment(@Arg('input', () => CancelAppointmentInput, { description: 'The appointment and the reason.' }) input: CancelAppointmentInput, @Ctx() ctx: ReferralsContext): Promise<Appointment> {
    return new AppointmentService(ctx).cancel(input);
  }

  @Mutation(() => Appointment, {
    nullable: true,
    description: 'Records the attendance outcome (esito) once the scheduled time has come: ATTENDED, JUSTIFIED_ABSENCE (with a coded justification) or ABSENT. Before the scheduled time, or from a state other than SCHEDULED or CONFIRMED, it is a CONFLICT and nothing is written. No sanction is applied: an ABSENT at a job-centre convocation (noShow) is sent, with the outcome, to the workers subgraph, where an operator may confirm the DID change it proposes.',
  })
  recordAppointmentOutcome(@Arg('input', () => RecordAppointmentOutcomeInput, { description: 'The appointment and its outcome.' }) input: RecordAppointmentOutcomeInput, @Ctx() ctx: ReferralsContext): Promise<Appointment> {
    return new AppointmentService(ctx).recordOutcome(input);
  }

  @Mutation(() => Appointment, { nullable: true, description: 'The person says they will come (CONFIRMED), before the scheduled time; only their own appointment (another\'s is NOT_FOUND). A second confirmation, or one after the time, is a CONFLICT.' })
  confirmAppointment(@Arg('id', () => ID, APPOINTMENT_ID) id: string, @Ctx() ctx: ReferralsContext): Promise<Appointment> {
    return new AppointmentService(ctx).confirm(id);
  }

  @Mutation(() => AppointmentReminder, {
    nullable: true,
    description: 'Records what the notification service did with a PENDING reminder: SENT or FAILED (a FAILED one may later be SENT). The platform sends nothing itself. Anything else is a CONFLICT; a reminder of an appointment outside the caller\'s scope is NOT_FOUND.',
  })
  recordReminderDelivery(@Arg('input', () => RecordReminderDeliveryInput, { description: 'The reminder and its delivery state.' }) input: RecordReminderDeliveryInput, @Ctx() ctx: ReferralsContext): Promise<AppointmentReminder> {
    return new AppointmentService(ctx).recordReminderDelivery(input);
  }
}

@Resolver(() => AppointmentReminder)
export class AppointmentReminderResolver {
  @FieldResolver(() => Appointment, { nullable: true, description: 'The appointment reminded of; null when it lies outside the caller\'s row scope.' })
  appointment(@Root() reminder: AppointmentReminder, @Ctx() ctx: ReferralsContext): Promise<Appointment | null> {
    return ctx.loaders.appointmentById.load(reminder.appointment.id);
  }
}
