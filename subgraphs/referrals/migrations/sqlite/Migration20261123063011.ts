import { Migration } from '@mikro-orm/migrations';

export class Migration20261123063011 extends Migration {

  // Trimmed by hand to the three new tables: the generator also rebuilt service_point,
  // referral, referral_event, desk_contact and desk_contact_event, only because SQLite's
  // introspection cannot read foreign-key rules back (their definitions are unchanged).
  override async up(): Promise<void> {
    this.addSql(`create table \`appointment\` (\`id\` text not null, \`service_point_code\` text not null, \`worker_id\` text not null, \`worker_fiscal_code\` text not null, \`kind\` text check (\`kind\` in ('CONVOCATION', 'REFERRAL_INTAKE', 'DESK_MEETING')) not null, \`referral_id\` text null, \`scheduled_at\` datetime not null, \`duration_minutes\` integer not null, \`channel\` text check (\`channel\` in ('IN_PERSON', 'PHONE', 'VIDEO')) not null, \`state\` text check (\`state\` in ('SCHEDULED', 'CONFIRMED', 'ATTENDED', 'JUSTIFIED_ABSENCE', 'ABSENT', 'RESCHEDULED', 'CANCELLED')) not null, \`convoked_by\` text not null, \`convoked_by_organisation\` text not null, \`purpose\` text check (\`purpose\` in ('EMPLOYMENT_SERVICES', 'SOCIAL_INCLUSION', 'REFERRAL', 'MANDATORY_NOTICE', 'CASSA_EDILE_NOTIFICATION', 'REGULARITY_CHECK', 'TRAINING_RECORD', 'STATISTICS', 'SELF_SERVICE', 'SUPERVISION', 'ADMINISTRATION')) not null, \`absence_justification\` text check (\`absence_justification\` in ('ILLNESS', 'FAMILY_CARE', 'WORK_OR_TRAINING', 'PUBLIC_DUTY', 'FORCE_MAJEURE', 'OTHER_DOCUMENTED')) null, \`change_reason\` text null, \`confirmed_at\` datetime null, \`rescheduled_from\` text null, \`rescheduled_to\` text null, \`created_at\` datetime not null, \`updated_at\` datetime not null, constraint \`appointment_service_point_code_foreign\` foreign key(\`service_point_code\`) references \`service_point\`(\`code\`) on delete restrict on update cascade, constraint \`appointment_referral_id_foreign\` foreign key(\`referral_id\`) references \`referral\`(\`id\`) on delete restrict on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`appointment_service_point_code_index\` on \`appointment\` (\`service_point_code\`);`);
    this.addSql(`create index \`appointment_worker_id_index\` on \`appointment\` (\`worker_id\`);`);
    this.addSql(`create index \`appointment_worker_fiscal_code_index\` on \`appointment\` (\`worker_fiscal_code\`);`);
    this.addSql(`create index \`appointment_referral_id_index\` on \`appointment\` (\`referral_id\`);`);
    this.addSql(`create index \`appointment_state_index\` on \`appointment\` (\`state\`);`);
    this.addSql(`create index \`appointment_convoked_by_organisation_index\` on \`appointment\` (\`convoked_by_organisation\`);`);
    this.addSql(`create index \`appointment_service_point_code_scheduled_at_id_index\` on \`appointment\` (\`service_point_code\`, \`scheduled_at\`, \`id\`);`);
    this.addSql(`create table \`appointment_reminder\` (\`id\` text not null, \`appointment_id\` text not null, \`channel\` text check (\`channel\` in ('SMS', 'EMAIL', 'LETTER')) not null, \`due_at\` datetime not null, \`status\` text check (\`status\` in ('PENDING', 'SENT', 'FAILED', 'CANCELLED')) not null, \`updated_at\` datetime not null, constraint \`appointment_reminder_appointment_id_foreign\` foreign key(\`appointment_id\`) references \`appointment\`(\`id\`) on delete cascade on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`appointment_reminder_appointment_id_index\` on \`appointment_reminder\` (\`appointment_id\`);`);
    this.addSql(`create index \`appointment_reminder_status_due_at_index\` on \`appointment_reminder\` (\`status\`, \`due_at\`);`);
    this.addSql(`create table \`appointment_event\` (\`id\` text not null, \`appointment_id\` text not null, \`sequence\` integer not null, \`from_state\` text check (\`from_state\` in ('SCHEDULED', 'CONFIRMED', 'ATTENDED', 'JUSTIFIED_ABSENCE', 'ABSENT', 'RESCHEDULED', 'CANCELLED')) null, \`to_state\` text check (\`to_state\` in ('SCHEDULED', 'CONFIRMED', 'ATTENDED', 'JUSTIFIED_ABSENCE', 'ABSENT', 'RESCHEDULED', 'CANCELLED')) not null, \`at\` datetime not null, \`recorded_by\` text not null, \`organisation\` text not null, \`purpose\` text check (\`purpose\` in ('EMPLOYMENT_SERVICES', 'SOCIAL_INCLUSION', 'REFERRAL', 'MANDATORY_NOTICE', 'CASSA_EDILE_NOTIFICATION', 'REGULARITY_CHECK', 'TRAINING_RECORD', 'STATISTICS', 'SELF_SERVICE', 'SUPERVISION', 'ADMINISTRATION')) not null, \`note\` text null, constraint \`appointment_event_appointment_id_foreign\` foreign key(\`appointment_id\`) references \`appointment\`(\`id\`) on delete cascade on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`appointment_event_appointment_id_index\` on \`appointment_event\` (\`appointment_id\`);`);
    this.addSql(`create unique index \`appointment_event_appointment_id_sequence_unique\` on \`appointment_event\` (\`appointment_id\`, \`sequence\`);`);
  }

}
