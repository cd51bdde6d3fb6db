import { Migration } from '@mikro-orm/migrations';

export class Migration20261123063002 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "convocation_exclusion" ("id" uuid not null, "member_id" uuid not null, "fiscal_code" varchar(16) not null, "reason" text check ("reason" in ('CARE_OF_CHILD_UNDER_3', 'CARE_OF_DISABLED_OR_DEPENDENT', 'DISABILITY', 'HEALTH_OR_CARE_PROGRAMME', 'VIOLENCE_PROTECTION_PROGRAMME', 'AGED_60_OR_OVER', 'IN_EDUCATION_OR_TRAINING', 'EMPLOYED')) not null, "details" varchar(500) null, "since" date not null, "recorded_by" varchar(100) null, "purpose" varchar(40) null, "recorded_at" timestamptz not null, "ended_on" date null, "end_reason" varchar(500) null, "ended_by" varchar(100) null, "end_purpose" varchar(40) null, constraint "convocation_exclusion_pkey" primary key ("id"));`);
    this.addSql(`create index "convocation_exclusion_member_id_index" on "convocation_exclusion" ("member_id");`);
    this.addSql(`create index "convocation_exclusion_fiscal_code_index" on "convocation_exclusion" ("fiscal_code");`);

    this.addSql(`alter table "convocation_exclusion" add constraint "convocation_exclusion_member_id_foreign" foreign key ("member_id") references "household_member" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "social_inclusion_pact" add column "preliminary_analysis_on" date null;`);

    this.addSql(`alter table "social_inclusion_pact_state_change" add column "purpose" varchar(40) null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "convocation_exclusion" cascade;`);

    this.addSql(`alter table "social_inclusion_pact" drop column "preliminary_analysis_on";`);

    this.addSql(`alter table "social_inclusion_pact_state_change" drop column "purpose";`);
  }

}
