import { Migration } from '@mikro-orm/migrations';

export class Migration20261123063817 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "appointment" ("id" uuid not null, "service_point_code" varchar(20) not null, "worker_id" uuid not null, "worker_fiscal_code" varchar(16) not null, "kind" text check ("kind" in ('CONVOCATION', 'REFERRAL_INTAKE', 'DESK_MEETING')) not null, "referral_id" uuid null, "scheduled_at" timestamptz not null, "duration_minutes" int not null, "channel" text check ("channel" in ('IN_PERSON', 'PHONE', 'VIDEO')) not null, "state" text check ("state" in ('SCHEDULED', 'CONFIRMED', 'ATTENDED', 'JUSTIFIED_ABSENCE', 'ABSENT', 'RESCHEDULED', 'CANCELLED')) not null, "convoked_by" varchar(100) not null, "convoked_by_organisation" varchar(200) not null, "purpose" text check ("purpose" in ('EMPLOYMENT_SERVICES', 'SOCIAL_INCLUSION', 'REFERRAL', 'MANDATORY_NOTICE', 'CASSA_EDILE_NOTIFICATION', 'REGULARITY_CHECK', 'TRAINING_RECORD', 'STATISTICS', 'SELF_SERVICE', 'SUPERVISION', 'ADMINISTRATION')) not null, "absence_justification" text check ("absence_justification" in ('ILLNESS', 'FAMILY_CARE', 'WORK_OR_TRAINING', 'PUBLIC_DUTY', 'FORCE_MAJEURE', 'OTHER_DOCUMENTED')) null, "change_reason" varchar(500) null, "confirmed_at" timestamptz null, "rescheduled_from" uuid null, "rescheduled_to" uuid null, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "appointment_pkey" primary key ("id"));`);
    this.addSql(`create index "appointment_worker_id_index" on "appointment" ("worker_id");`);
    this.addSql(`create index "appointment_worker_fiscal_code_index" on "appointment" ("worker_fiscal_code");`);
    this.addSql(`create index "appointment_referral_id_index" on "appointment" ("referral_id");`);
    this.addSql(`create index "appointment_state_index" on "appointment" ("state");`);
    this.addSql(`create index "appointment_convoked_by_organisation_index" on "appointment" ("convoked_by_organisation");`);
    this.addSql(`create index "appointment_service_point_code_scheduled_at_id_index" on "appointment" ("service_point_code", "scheduled_at", "id");`);

    this.addSql(`create table "appointment_reminder" ("id" uuid not null, "appointment_id" uuid not null, "channel" text check ("channel" in ('SMS', 'EMAIL', 'LETTER')) not null, "due_at" timestamptz not null, "status" text check ("status" in ('PENDING', 'SENT', 'FAILED', 'CANCELLED')) not null, "updated_at" timestamptz not null, "updated_by" varchar(100) not null, "updated_for_purpose" text check ("updated_for_purpose" in ('EMPLOYMENT_SERVICES', 'SOCIAL_INCLUSION', 'REFERRAL', 'MANDATORY_NOTICE', 'CASSA_EDILE_NOTIFICATION', 'REGULARITY_CHECK', 'TRAINING_RECORD', 'STATISTICS', 'SELF_SERVICE', 'SUPERVISION', 'ADMINISTRATION')) not null, constraint "appointment_reminder_pkey" primary key ("id"));`);
    this.addSql(`create index "appointment_reminder_appointment_id_due_at_index" on "appointment_reminder" ("appointment_id", "due_at");`);
    this.addSql(`create index "appointment_reminder_status_due_at_index" on "appointment_reminder" ("status", "due_at");`);

    this.addSql(`create table "appointment_event" ("id" uuid not null, "appointment_id" uuid not null, "sequence" int not null, "from_state" text check ("from_state" in ('SCHEDULED', 'CONFIRMED', 'ATTENDED', 'JUSTIFIED_ABSENCE', 'ABSENT', 'RESCHEDULED', 'CANCELLED')) null, "to_state" text check ("to_state" in ('SCHEDULED', 'CONFIRMED', 'ATTENDED', 'JUSTIFIED_ABSENCE', 'ABSENT', 'RESCHEDULED', 'CANCELLED')) not null, "at" timestamptz not null, "recorded_by" varchar(100) not null, "organisation" varchar(200) not null, "purpose" text check ("purpose" in ('EMPLOYMENT_SERVICES', 'SOCIAL_INCLUSION', 'REFERRAL', 'MANDATORY_NOTICE', 'CASSA_EDILE_NOTIFICATION', 'REGULARITY_CHECK', 'TRAINING_RECORD', 'STATISTICS', 'SELF_SERVICE', 'SUPERVISION', 'ADMINISTRATION')) not null, "note" varchar(500) null, constraint "appointment_event_pkey" primary key ("id"));`);
    this.addSql(`alter table "appointment_event" add constraint "appointment_event_appointment_id_sequence_unique" unique ("appointment_id", "sequence");`);

    this.addSql(`alter table "appointment" add constraint "appointment_service_point_code_foreign" foreign key ("service_point_code") references "service_point" ("code") on update cascade on delete restrict;`);
    this.addSql(`alter table "appointment" add constraint "appointment_referral_id_foreign" foreign key ("referral_id") references "referral" ("id") on update cascade on delete restrict;`);

    this.addSql(`alter table "appointment_reminder" add constraint "appointment_reminder_appointment_id_foreign" foreign key ("appointment_id") references "appointment" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "appointment_event" add constraint "appointment_event_appointment_id_foreign" foreign key ("appointment_id") references "appointment" ("id") on update cascade on delete cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "appointment_reminder" drop constraint "appointment_reminder_appointment_id_foreign";`);

    this.addSql(`alter table "appointment_event" drop constraint "appointment_event_appointment_id_foreign";`);

    this.addSql(`drop table if exists "appointment" cascade;`);

    this.addSql(`drop table if exists "appointment_reminder" cascade;`);

    this.addSql(`drop table if exists "appointment_event" cascade;`);
  }

}
