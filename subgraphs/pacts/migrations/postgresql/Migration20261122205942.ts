import { Migration } from '@mikro-orm/migrations';

export class Migration20261122205942 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "household" ("id" uuid not null, "municipality" varchar(6) not null, constraint "household_pkey" primary key ("id"));`);

    this.addSql(`create table "household_member" ("id" uuid not null, "household_id" uuid not null, "worker_id" varchar(36) not null, "fiscal_code" varchar(16) not null, "relation" text check ("relation" in ('APPLICANT', 'SPOUSE', 'CHILD', 'PARENT', 'OTHER')) not null, constraint "household_member_pkey" primary key ("id"));`);
    this.addSql(`alter table "household_member" add constraint "household_member_worker_id_unique" unique ("worker_id");`);
    this.addSql(`alter table "household_member" add constraint "household_member_fiscal_code_unique" unique ("fiscal_code");`);
    this.addSql(`create index "household_member_household_id_fiscal_code_index" on "household_member" ("household_id", "fiscal_code");`);

    this.addSql(`create table "service_pact" ("id" uuid not null, "worker_id" varchar(36) not null, "fiscal_code" varchar(16) not null, "did_id" varchar(36) null, "job_centre_code" varchar(20) not null, "programme" text check ("programme" in ('ORDINARY', 'GOL', 'YOUTH_GUARANTEE', 'ADI', 'SFL')) not null, "gol_pathway" text check ("gol_pathway" in ('JOB_REINTEGRATION', 'UPSKILLING', 'RESKILLING', 'WORK_AND_INCLUSION', 'COLLECTIVE_REALLOCATION')) null, "state" text check ("state" in ('PROPOSED', 'SIGNED', 'IN_PROGRESS', 'COMPLETED', 'INTERRUPTED', 'LAPSED', 'CANCELLED')) not null, "proposed_on" date not null, "signed_on" date null, "ended_on" date null, "state_date" date not null, "created_at" timestamptz not null, constraint "service_pact_pkey" primary key ("id"));`);
    this.addSql(`create index "service_pact_worker_id_index" on "service_pact" ("worker_id");`);
    this.addSql(`create index "service_pact_fiscal_code_index" on "service_pact" ("fiscal_code");`);
    this.addSql(`create index "service_pact_job_centre_code_index" on "service_pact" ("job_centre_code");`);
    this.addSql(`create index "service_pact_state_index" on "service_pact" ("state");`);

    this.addSql(`create table "service_pact_state_change" ("id" uuid not null, "pact_id" uuid not null, "from_state" text check ("from_state" in ('PROPOSED', 'SIGNED', 'IN_PROGRESS', 'COMPLETED', 'INTERRUPTED', 'LAPSED', 'CANCELLED')) null, "to_state" text check ("to_state" in ('PROPOSED', 'SIGNED', 'IN_PROGRESS', 'COMPLETED', 'INTERRUPTED', 'LAPSED', 'CANCELLED')) not null, "effective_on" date not null, "reason" varchar(500) null, "recorded_by" varchar(100) null, "recorded_at" timestamptz not null, constraint "service_pact_state_change_pkey" primary key ("id"));`);
    this.addSql(`create index "service_pact_state_change_pact_id_effective_on_index" on "service_pact_state_change" ("pact_id", "effective_on");`);

    this.addSql(`create table "social_inclusion_pact" ("id" uuid not null, "household_id" uuid not null, "municipality" varchar(6) not null, "social_services_code" varchar(20) not null, "state" text check ("state" in ('TO_CONVENE', 'PRELIMINARY_ANALYSIS', 'ANALYSIS_FRAMEWORK', 'SIGNED', 'MONITORING', 'COMPLETED', 'LAPSED')) not null, "pad_signed_on" date not null, "signed_on" date null, "state_date" date not null, "created_at" timestamptz not null, constraint "social_inclusion_pact_pkey" primary key ("id"));`);
    this.addSql(`create index "social_inclusion_pact_municipality_index" on "social_inclusion_pact" ("municipality");`);
    this.addSql(`create index "social_inclusion_pact_state_index" on "social_inclusion_pact" ("state");`);
    this.addSql(`create index "social_inclusion_pact_household_id_pad_signed_on_index" on "social_inclusion_pact" ("household_id", "pad_signed_on");`);

    this.addSql(`create table "social_inclusion_pact_state_change" ("id" uuid not null, "pact_id" uuid not null, "from_state" text check ("from_state" in ('TO_CONVENE', 'PRELIMINARY_ANALYSIS', 'ANALYSIS_FRAMEWORK', 'SIGNED', 'MONITORING', 'COMPLETED', 'LAPSED')) null, "to_state" text check ("to_state" in ('TO_CONVENE', 'PRELIMINARY_ANALYSIS', 'ANALYSIS_FRAMEWORK', 'SIGNED', 'MONITORING', 'COMPLETED', 'LAPSED')) not null, "effective_on" date not null, "reason" varchar(500) null, "recorded_by" varchar(100) null, "recorded_at" timestamptz not null, constraint "social_inclusion_pact_state_change_pkey" primary key ("id"));`);
    this.addSql(`create index "social_inclusion_pact_state_change_pact_id_effective_on_index" on "social_inclusion_pact_state_change" ("pact_id", "effective_on");`);

    this.addSql(`alter table "household_member" add constraint "household_member_household_id_foreign" foreign key ("household_id") references "household" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "service_pact_state_change" add constraint "service_pact_state_change_pact_id_foreign" foreign key ("pact_id") references "service_pact" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "social_inclusion_pact" add constraint "social_inclusion_pact_household_id_foreign" foreign key ("household_id") references "household" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "social_inclusion_pact_state_change" add constraint "social_inclusion_pact_state_change_pact_id_foreign" foreign key ("pact_id") references "social_inclusion_pact" ("id") on update cascade on delete cascade;`);
  }

}
