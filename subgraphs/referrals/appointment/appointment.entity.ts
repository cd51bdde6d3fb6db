import { Entity, Enum, Index, ManyToOne, type Opt, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Directive, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Purpose } from '../../lib/identity';
import { DateTimeScalar, FiscalCodeScalar } from '../../lib/scalars';
import { Referral } from '../referral/referral.entity';
import { ServicePoint } from '../service-point/service-point.entity';

/** What the appointment is for. */
export enum AppointmentKind {
  CONVOCATION = 'CONVOCATION',
  REFERRAL_INTAKE = 'REFERRAL_INTAKE',
  DESK_MEETING = 'DESK_MEETING',
}
registerEnumType(AppointmentKind, {
  name: 'AppointmentKind',
  description: 'Kind of appointment (tipo di appuntamento).',
  valuesConfig: {
    CONVOCATION: { description: 'Convocazione by a job centre or social services (e.g. for a service pact or a check); at a job centre, an unjustified absence is a no-show under conditionality.' },
    REFERRAL_INTAKE: { description: 'First meeting at the receiving service point of an accepted referral (the referral moves to APPOINTMENT_SET).' },
    DESK_MEETING: { description: 'A meeting booked at a desk (e.g. by a sportello sociale for the person).' },
  },
});

/** How the meeting takes place. */
export enum AppointmentChannel {
  IN_PERSON = 'IN_PERSON',
  PHONE = 'PHONE',
  VIDEO = 'VIDEO',
}
registerEnumType(AppointmentChannel, {
  name: 'AppointmentChannel',
  description: 'Channel of the appointment (canale).',
  valuesConfig: {
    IN_PERSON: { description: 'In presenza, at the service point.' },
    PHONE: { description: 'By telephone.' },
    VIDEO: { description: 'By video call.' },
  },
});

/** States of an appointment. */
export enum AppointmentState {
  SCHEDULED = 'SCHEDULED',
  CONFIRMED = 'CONFIRMED',
  ATTENDED = 'ATTENDED',
  JUSTIFIED_ABSENCE = 'JUSTIFIED_ABSENCE',
  ABSENT = 'ABSENT',
  RESCHEDULED = 'RESCHEDULED',
  CANCELLED = 'CANCELLED',
}
registerEnumType(AppointmentState, {
  name: 'AppointmentState',
  description: 'State of an appointment: SCHEDULED -> CONFIRMED (by the person, optional); SCHEDULED or CONFIRMED -> ATTENDED | JUSTIFIED_ABSENCE | ABSENT (after the scheduled time) | RESCHEDULED (a new appointment linked) | CANCELLED. All but SCHEDULED and CONFIRMED are final.',
  valuesConfig: {
    SCHEDULED: { description: 'Fissato: the person has been convened or booked.' },
    CONFIRMED: { description: 'Confermato dalla persona: the person said they will come.' },
    ATTENDED: { description: 'Presente: the person came. Final.' },
    JUSTIFIED_ABSENCE: { description: 'Assente giustificato, with a coded reason. Final.' },
    ABSENT: { description: 'Assente without justification. At a job-centre convocation this is the no-show that may lead to a DID sanction (proposed by an operator, never applied here). Final.' },
    RESCHEDULED: { description: 'Spostato: replaced by a new appointment (rescheduledTo). Final.' },
    CANCELLED: { description: 'Annullato, with a reason. Final.' },
  },
});

/** The legal transitions of an appointment. */
export const APPOINTMENT_TRANSITIONS: Readonly<Record<AppointmentState, readonly AppointmentState[]>> = {
  SCHEDULED: [AppointmentState.CONFIRMED, AppointmentState.ATTENDED, AppointmentState.JUSTIFIED_ABSENCE, AppointmentState.ABSENT, AppointmentState.RESCHEDULED, AppointmentState.CANCELLED],
  CONFIRMED: [AppointmentState.ATTENDED, AppointmentState.JUSTIFIED_ABSENCE, AppointmentState.ABSENT, AppointmentState.RESCHEDULED, AppointmentState.CANCELLED],
  ATTENDED: [],
  JUSTIFIED_ABSENCE: [],
  ABSENT: [],
  RESCHEDULED: [],
  CANCELLED: [],
};

/** The attendance outcomes (esito), recorded after the scheduled time. */
export const OUTCOME_STATES: readonly AppointmentState[] = [AppointmentState.ATTENDED, AppointmentState.JUSTIFIED_ABSENCE, AppointmentState.ABSENT];

/** Coded reason of a justified absence (giustificato motivo, D.Lgs 150/2015 art. 21). */
export enum AbsenceJustification {
  ILLNESS = 'ILLNESS',
  FAMILY_CARE = 'FAMILY_CARE',
  WORK_OR_TRAINING = 'WORK_OR_TRAINING',
  PUBLIC_DUTY = 'PUBLIC_DUTY',
  FORCE_MAJEURE = 'FORCE_MAJEURE',
  OTHER_DOCUMENTED = 'OTHER_DOCUMENTED',
}
registerEnumType(AbsenceJustification, {
  name: 'AbsenceJustification',
  description: 'Coded reason of a justified absence (giustificato motivo); the documents stay with the service point.',
  valuesConfig: {
    ILLNESS: { description: 'Illness or hospital stay, with a medical certificate.' },
    FAMILY_CARE: { description: 'Serious care needs of a family member.' },
    WORK_OR_TRAINING: { description: 'Work, a job interview or a training course at the same time.' },
    PUBLIC_DUTY: { description: 'A duty before a public authority (court summons, jury, election duty).' },
    FORCE_MAJEURE: { description: 'Force majeure (strike of public transport, extreme weather).' },
    OTHER_DOCUMENTED: { description: 'Another documented reason accepted by the service point.' },
  },
});

/** Channel of a reminder. */
export enum ReminderChannel {
  SMS = 'SMS',
  EMAIL = 'EMAIL',
  LETTER = 'LETTER',
}
registerEnumType(ReminderChannel, {
  name: 'ReminderChannel',
  description: 'Channel of a reminder (promemoria).',
  valuesConfig: {
    SMS: { description: 'Text message.' },
    EMAIL: { description: 'E-mail (or PEC).' },
    LETTER: { description: 'Letter by post.' },
  },
});

/** Delivery state of a reminder. */
export enum ReminderStatus {
  PENDING = 'PENDING',
  SENT = 'SENT',
  FAILED = 'FAILED',
  CANCELLED = 'CANCELLED',
}
registerEnumType(ReminderStatus, {
  name: 'ReminderStatus',
  description: 'State of a reminder: PENDING -> SENT | FAILED (recorded by the notification service) | CANCELLED (the appointment was cancelled or rescheduled).',
  valuesConfig: {
    PENDING: { description: 'Due at dueAt, not yet sent.' },
    SENT: { description: 'Sent by the notification service.' },
    FAILED: { description: 'The notification service could not deliver it.' },
    CANCELLED: { description: 'No longer to be sent: the appointment was cancelled or rescheduled, or an outcome recorded.' },
  },
});

@Directive('@key(fields: "id")')
@ObjectType({ description: 'An appointment or convocation (appuntamento / convocazione) of a person at a service point, with its attendance outcome, reminders and history.' })
@Entity({ tableName: 'appointment' })
// A service point's agenda is read by time.
@Index({ properties: ['servicePoint', 'scheduledAt', 'id'] })
export class Appointment {
  @Field(() => ID, { description: 'Identifier.' })
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => ServicePoint, { deleteRule: 'restrict' })
  servicePoint!: ServicePoint;

  /** The person: the workers subgraph's Worker id. */
  @Index()
  @Property({ type: 'uuid' })
  workerId!: string;

  @Field(() => FiscalCodeScalar, { nullable: true, description: 'Codice fiscale of the person convened.' })
  @Index()
  @Property({ type: 'string', length: 16 })
  workerFiscalCode!: string;

  @Field(() => AppointmentKind, { nullable: true, description: 'Kind (tipo).' })
  @Enum({ items: () => AppointmentKind, type: 'string' })
  kind!: AppointmentKind;

  /** The referral this appointment is the intake of; exposed through a loader in the caller's Referral scope. */
  @Index()
  @ManyToOne(() => Referral, { nullable: true, deleteRule: 'restrict' })
  referral?: Referral | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When (data e ora); shown on the Italian calendar (Europe/Rome).' })
  @Property({ type: 'datetime' })
  scheduledAt!: Date;

  @Field(() => Int, { nullable: true, description: 'Planned duration, in minutes.' })
  @Property({ type: 'integer' })
  durationMinutes!: number;

  @Field(() => AppointmentChannel, { nullable: true, description: 'Channel (canale).' })
  @Enum({ items: () => AppointmentChannel, type: 'string' })
  channel!: AppointmentChannel;

  @Field(() => AppointmentState, { nullable: true, description: 'Current state.' })
  @Index()
  @Enum({ items: () => AppointmentState, type: 'string' })
  state!: AppointmentState;

  @Field(() => String, { nullable: true, description: 'Operator who convened the person (token subject).' })
  @Property({ type: 'string', length: 100 })
  convokedBy!: string;

  /** The convening organisation (token org): a social desk sees the appointments it booked. */
  @Field(() => String, { nullable: true, description: 'Organisation that convened the person (token org).' })
  @Index()
  @Property({ type: 'string', length: 200 })
  convokedByOrganisation!: string;

  @Field(() => Purpose, { nullable: true, description: 'Purpose declared when the appointment was scheduled.' })
  @Enum({ items: () => Purpose, type: 'string' })
  purpose!: Purpose;

  @Field(() => AbsenceJustification, { nullable: true, description: 'Coded reason of a justified absence; set in state JUSTIFIED_ABSENCE.' })
  @Enum({ items: () => AbsenceJustification, type: 'string', nullable: true })
  absenceJustification?: AbsenceJustification | null;

  @Field(() => String, { nullable: true, description: 'Why it was cancelled or rescheduled.' })
  @Property({ type: 'string', length: 500, nullable: true })
  changeReason?: string | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When the person confirmed they will come; null when they did not.' })
  @Property({ type: 'datetime', nullable: true })
  confirmedAt?: Date | null;

  @Field(() => ID, { nullable: true, description: 'The appointment this one replaced (it was RESCHEDULED to this one).' })
  @Property({ type: 'uuid', nullable: true })
  rescheduledFrom?: string | null;

  @Field(() => ID, { nullable: true, description: 'The appointment that replaced this one; set in state RESCHEDULED.' })
  @Property({ type: 'uuid', nullable: true })
  rescheduledTo?: string | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When the appointment was written.' })
  @Property({ type: 'datetime' })
  createdAt: Opt<Date> = new Date();

  @Field(() => DateTimeScalar, { nullable: true, description: 'When the appointment last changed.' })
  @Property({ type: 'datetime' })
  updatedAt: Opt<Date> = new Date();
}

@ObjectType({ description: 'One change of an appointment: who, when, why and under which purpose, oldest first.' })
@Entity({ tableName: 'appointment_event' })
@Unique({ properties: ['appointment', 'sequence'] })
export class AppointmentEvent {
  @Field(() => ID, { nullable: true, description: 'Identifier.' })
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Appointment, { deleteRule: 'cascade' })
  appointment!: Appointment;

  /** Unique per appointment, so two concurrent changes from the same state cannot both be written. */
  @Field(() => Int, { nullable: true, description: 'Position in the history, from 1.' })
  @Property({ type: 'integer' })
  sequence!: number;

  @Field(() => AppointmentState, { nullable: true, description: 'State before the change; null for the first entry.' })
  @Enum({ items: () => AppointmentState, type: 'string', nullable: true })
  fromState?: AppointmentState | null;

  @Field(() => AppointmentState, { nullable: true, description: 'State after the change.' })
  @Enum({ items: () => AppointmentState, type: 'string' })
  toState!: AppointmentState;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When.' })
  @Property({ type: 'datetime' })
  at: Opt<Date> = new Date();

  @Field(() => String, { nullable: true, description: 'Who: the caller (token subject).' })
  @Property({ type: 'string', length: 100 })
  recordedBy!: string;

  @Field(() => String, { nullable: true, description: 'The caller\'s organisation (token org).' })
  @Property({ type: 'string', length: 200 })
  organisation!: string;

  @Field(() => Purpose, { nullable: true, description: 'Purpose declared for the change.' })
  @Enum({ items: () => Purpose, type: 'string' })
  purpose!: Purpose;

  @Field(() => String, { nullable: true, description: 'Why: the justification code, the cancellation reason, the linked appointment.' })
  @Property({ type: 'string', length: 500, nullable: true })
  note?: string | null;
}

@ObjectType({ description: 'A reminder of an appointment to the person; the platform records its state, a notification service sends it.' })
@Entity({ tableName: 'appointment_reminder' })
@Index({ properties: ['status', 'dueAt'] })
// An appointment's reminders are read by due time.
@Index({ properties: ['appointment', 'dueAt'] })
export class AppointmentReminder {
  @Field(() => ID, { nullable: true, description: 'Identifier.' })
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Appointment, { deleteRule: 'cascade' })
  appointment!: Appointment;

  @Field(() => ReminderChannel, { nullable: true, description: 'Channel.' })
  @Enum({ items: () => ReminderChannel, type: 'string' })
  channel!: ReminderChannel;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When it is due: a whole number of days before the appointment.' })
  @Property({ type: 'datetime' })
  dueAt!: Date;

  @Field(() => ReminderStatus, { nullable: true, description: 'Delivery state.' })
  @Enum({ items: () => ReminderStatus, type: 'string' })
  status!: ReminderStatus;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When the state last changed.' })
  @Property({ type: 'datetime' })
  updatedAt: Opt<Date> = new Date();

  /** Who last changed the state (token subject): the scheduler, the notification service, or whoever moved the appointment. */
  @Field(() => String, { nullable: true, description: 'Who last changed the state (token subject).' })
  @Property({ type: 'string', length: 100 })
  updatedBy!: string;

  @Field(() => Purpose, { nullable: true, description: 'Purpose declared for the last change of state.' })
  @Enum({ items: () => Purpose, type: 'string' })
  updatedForPurpose!: Purpose;
}
