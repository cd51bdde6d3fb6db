import { Migration } from '@mikro-orm/migrations';

export class Migration20261123061637 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "desk_contact" ("id" uuid not null, "desk_code" varchar(20) not null, "organisation" varchar(200) not null, "fiscal_code" varchar(16) null, "worker_id" uuid null, "user_type" text check ("user_type" in ('WORKER', 'UNEMPLOYED', 'PENSIONER', 'MIGRANT', 'STUDENT', 'OTHER')) not null, "need" text check ("need" in ('JOB_SEARCH', 'INCOME_SUPPORT', 'HOUSING', 'HEALTH_CARE', 'TRAINING', 'CONSTRUCTION_SECTOR_BENEFITS', 'OTHER')) not null, "outcome" text check ("outcome" in ('INFORMATION', 'ORIENTATION', 'REFERRAL', 'ACCOMPANIMENT', 'NO_FOLLOW_UP')) not null, "contacted_at" timestamptz not null, "consent_given_at" timestamptz not null, "consent_recorded_as" text check ("consent_recorded_as" in ('SIGNED_FORM', 'ELECTRONIC_SIGNATURE', 'SPID_CONFIRMATION')) not null, "consent_withdrawn_at" timestamptz null, "recorded_by" varchar(100) not null, "created_at" timestamptz not null, constraint "desk_contact_pkey" primary key ("id"));`);
    this.addSql(`create index "desk_contact_organisation_index" on "desk_contact" ("organisation");`);
    this.addSql(`create index "desk_contact_desk_code_contacted_at_index" on "desk_contact" ("desk_code", "contacted_at");`);

    this.addSql(`create table "desk_contact_event" ("id" uuid not null, "contact_id" uuid not null, "sequence" int not null, "action" text check ("action" in ('REGISTERED', 'REFERRED', 'CONSENT_WITHDRAWN')) not null, "at" timestamptz not null, "recorded_by" varchar(100) not null, "organisation" varchar(200) not null, "purpose" text check ("purpose" in ('EMPLOYMENT_SERVICES', 'SOCIAL_INCLUSION', 'REFERRAL', 'MANDATORY_NOTICE', 'CASSA_EDILE_NOTIFICATION', 'REGULARITY_CHECK', 'TRAINING_RECORD', 'STATISTICS', 'SELF_SERVICE', 'SUPERVISION', 'ADMINISTRATION')) not null, "note" varchar(500) null, "referral_id" uuid null, constraint "desk_contact_event_pkey" primary key ("id"));`);
    this.addSql(`alter table "desk_contact_event" add constraint "desk_contact_event_contact_id_sequence_unique" unique ("contact_id", "sequence");`);

    this.addSql(`alter table "desk_contact" add constraint "desk_contact_desk_code_foreign" foreign key ("desk_code") references "service_point" ("code") on update cascade on delete restrict;`);

    this.addSql(`alter table "desk_contact_event" add constraint "desk_contact_event_contact_id_foreign" foreign key ("contact_id") references "desk_contact" ("id") on update cascade on delete cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "desk_contact_event" drop constraint "desk_contact_event_contact_id_foreign";`);

    this.addSql(`drop table if exists "desk_contact" cascade;`);

    this.addSql(`drop table if exists "desk_contact_event" cascade;`);
  }

}
