import { Field, ID, InputType, Int } from 'type-graphql';
import { DateTimeScalar, FiscalCodeScalar } from '../../lib/scalars';
import { AbsenceJustification, AppointmentChannel, AppointmentKind, AppointmentState, ReminderChannel, ReminderStatus } from './appointment.entity';

@InputType({ description: 'A new appointment or convocation of a person at a service point.' })
export class ScheduleAppointmentInput {
  @Field(() => ID, { description: 'Code of the service point where the person is convened; of the caller\'s territory (job centres, social services).' })
  servicePointCode!: string;

  @Field(() => AppointmentKind, { description: 'Kind; REFERRAL_INTAKE needs referralId; a social desk books DESK_MEETING only.' })
  kind!: AppointmentKind;

  @Field(() => ID, { nullable: true, description: 'The ACCEPTED referral whose intake this is (REFERRAL_INTAKE only): it moves to APPOINTMENT_SET, and the service point must be its receiving one.' })
  referralId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Id of the person (the Worker id of the workers subgraph); taken from the referral when there is one.' })
  workerId?: string | null;

  @Field(() => FiscalCodeScalar, { nullable: true, description: 'Codice fiscale of the person; taken from the referral when there is one.' })
  fiscalCode?: string | null;

  @Field(() => DateTimeScalar, { description: 'When; must be in the future.' })
  scheduledAt!: Date;

  @Field(() => Int, { defaultValue: 30, description: 'Planned duration in minutes, 5-480 (default 30).' })
  durationMinutes!: number;

  @Field(() => AppointmentChannel, { defaultValue: AppointmentChannel.IN_PERSON, description: 'Channel (default IN_PERSON).' })
  channel!: AppointmentChannel;

  @Field(() => [ReminderChannel], { defaultValue: [ReminderChannel.SMS], description: 'Channels of the reminders (default SMS); an empty list sends none.' })
  reminderChannels!: ReminderChannel[];
}

@InputType({ description: 'A new time for a SCHEDULED or CONFIRMED appointment: the old one becomes RESCHEDULED and a new one is linked to it.' })
export class RescheduleAppointmentInput {
  @Field(() => ID, { description: 'The appointment to move.' })
  id!: string;

  @Field(() => DateTimeScalar, { description: 'The new time; must be in the future.' })
  scheduledAt!: Date;

  @Field(() => String, { description: 'Why it moves; required, at most 500 characters, no personal data.' })
  reason!: string;
}

@InputType({ description: 'The cancellation of a SCHEDULED or CONFIRMED appointment.' })
export class CancelAppointmentInput {
  @Field(() => ID, { description: 'The appointment to cancel.' })
  id!: string;

  @Field(() => String, { description: 'Why; required, at most 500 characters, no personal data.' })
  reason!: string;
}

@InputType({ description: 'The attendance outcome (esito) of an appointment, after its scheduled time.' })
export class RecordAppointmentOutcomeInput {
  @Field(() => ID, { description: 'The appointment.' })
  id!: string;

  @Field(() => AppointmentState, { description: 'ATTENDED, JUSTIFIED_ABSENCE or ABSENT.' })
  outcome!: AppointmentState;

  @Field(() => AbsenceJustification, { nullable: true, description: 'Coded reason; required with JUSTIFIED_ABSENCE, refused otherwise.' })
  justification?: AbsenceJustification | null;
}

@InputType({ description: 'What the notification service did with a PENDING reminder.' })
export class RecordReminderDeliveryInput {
  @Field(() => ID, { description: 'The reminder.' })
  id!: string;

  @Field(() => ReminderStatus, { description: 'SENT or FAILED.' })
  status!: ReminderStatus;
}
