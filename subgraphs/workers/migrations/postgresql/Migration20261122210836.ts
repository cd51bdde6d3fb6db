import { Migration } from '@mikro-orm/migrations';

export class Migration20261122210836 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "worker" ("id" uuid not null, "fiscal_code" varchar(16) not null, "provisional_fiscal_code" boolean not null default false, "first_name" varchar(100) not null, "last_name" varchar(100) not null, "sex" text check ("sex" in ('MALE', 'FEMALE')) not null, "birth_date" date not null, "birth_place" varchar(4) not null, "citizenship" varchar(3) not null, "domicile_municipality" varchar(6) not null, "domicile_province" varchar(3) not null, "created_at" timestamptz not null, constraint "worker_pkey" primary key ("id"));`);
    this.addSql(`alter table "worker" add constraint "worker_fiscal_code_unique" unique ("fiscal_code");`);
    this.addSql(`create index "worker_domicile_municipality_index" on "worker" ("domicile_municipality");`);
    this.addSql(`create index "worker_domicile_province_index" on "worker" ("domicile_province");`);

    this.addSql(`create table "training_course" ("id" uuid not null, "worker_id" uuid not null, "title" varchar(200) not null, "provider" varchar(200) not null, "hours" int not null, "completed_on" date not null, "source" text check ("source" in ('SELF_DECLARED', 'JOB_CENTRE', 'REGION', 'CASSA_EDILE')) not null, "external_id" varchar(64) null, constraint "training_course_pkey" primary key ("id"));`);
    this.addSql(`create index "training_course_worker_idx" on "training_course" ("worker_id");`);
    this.addSql(`alter table "training_course" add constraint "training_course_source_external_id_unique" unique ("source", "external_id");`);

    this.addSql(`create table "education" ("id" uuid not null, "worker_id" uuid not null, "level" text check ("level" in ('NONE', 'PRIMARY', 'LOWER_SECONDARY', 'UPPER_SECONDARY', 'POST_SECONDARY', 'SHORT_TERTIARY', 'BACHELOR', 'MASTER', 'DOCTORATE')) not null, "title" varchar(200) not null, "year" int null, constraint "education_pkey" primary key ("id"));`);
    this.addSql(`create index "education_worker_idx" on "education" ("worker_id");`);

    this.addSql(`create table "declared_experience" ("id" uuid not null, "worker_id" uuid not null, "employer_name" varchar(200) not null, "employer_fiscal_code" varchar(16) null, "job_title" varchar(200) not null, "start_date" date not null, "end_date" date null, constraint "declared_experience_pkey" primary key ("id"));`);
    this.addSql(`create index "declared_experience_worker_idx" on "declared_experience" ("worker_id");`);

    this.addSql(`create table "availability_declaration" ("id" uuid not null, "worker_id" uuid not null, "national_id" varchar(40) null, "declared_on" date not null, "channel" text check ("channel" in ('ANPAL_PORTAL', 'REGIONAL_SYSTEM', 'JOB_CENTRE', 'INPS_NASPI', 'INPS_DISCOLL', 'SIISL')) not null, "status" text check ("status" in ('INSERTED', 'VALIDATED', 'SUSPENDED', 'LAPSED', 'REVOKED', 'CANCELLED')) not null, "status_date" date not null, "job_centre_code" varchar(20) not null, constraint "availability_declaration_pkey" primary key ("id"));`);
    this.addSql(`create index "availability_declaration_worker_idx" on "availability_declaration" ("worker_id");`);
    this.addSql(`create index "availability_declaration_status_index" on "availability_declaration" ("status");`);
    this.addSql(`create index "availability_declaration_job_centre_code_index" on "availability_declaration" ("job_centre_code");`);

    this.addSql(`create table "availability_status_change" ("id" uuid not null, "declaration_id" uuid not null, "from_status" text check ("from_status" in ('INSERTED', 'VALIDATED', 'SUSPENDED', 'LAPSED', 'REVOKED', 'CANCELLED')) null, "to_status" text check ("to_status" in ('INSERTED', 'VALIDATED', 'SUSPENDED', 'LAPSED', 'REVOKED', 'CANCELLED')) not null, "effective_on" date not null, "reason" varchar(500) null, "recorded_by" varchar(100) null, "recorded_at" timestamptz not null, constraint "availability_status_change_pkey" primary key ("id"));`);
    this.addSql(`create index "availability_status_change_declaration_idx" on "availability_status_change" ("declaration_id");`);

    this.addSql(`alter table "training_course" add constraint "training_course_worker_id_foreign" foreign key ("worker_id") references "worker" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "education" add constraint "education_worker_id_foreign" foreign key ("worker_id") references "worker" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "declared_experience" add constraint "declared_experience_worker_id_foreign" foreign key ("worker_id") references "worker" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "availability_declaration" add constraint "availability_declaration_worker_id_foreign" foreign key ("worker_id") references "worker" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "availability_status_change" add constraint "availability_status_change_declaration_id_foreign" foreign key ("declaration_id") references "availability_declaration" ("id") on update cascade on delete cascade;`);
  }

}
