import { Migration } from '@mikro-orm/migrations';

export class Migration20261123065411 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "person_competence" ("fiscal_code" varchar(16) not null, "worker_id" uuid not null, "domicile_municipality" varchar(6) not null, "service_pact_job_centre" varchar(20) null, "availability_job_centre" varchar(20) null, "record_job_centre" varchar(20) null, "inclusion_pact_municipality" varchar(6) null, "updated_at" timestamptz not null, constraint "person_competence_pkey" primary key ("fiscal_code"));`);

    this.addSql(`alter table "referral_event" add column "purpose" varchar(40) null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "person_competence" cascade;`);

    this.addSql(`alter table "referral_event" drop column "purpose";`);
  }

}
