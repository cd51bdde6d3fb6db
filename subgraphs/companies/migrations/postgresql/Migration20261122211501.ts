import { Migration } from '@mikro-orm/migrations';

export class Migration20261122211501 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "employer" ("fiscal_code" varchar(16) not null, "name" varchar(200) not null, "ateco_code" varchar(8) not null, "ateco_section" varchar(1) null, "public_administration" boolean not null default false, "legal_seat_municipality" varchar(6) not null, "legal_seat_province" varchar(3) not null default '', "legal_seat_address" varchar(200) not null, "ccnl" varchar(10) null, "cassa_edile_code" varchar(10) null, "created_at" timestamptz not null, constraint "employer_pkey" primary key ("fiscal_code"));`);
    this.addSql(`create index "employer_ateco_section_index" on "employer" ("ateco_section");`);
    this.addSql(`create index "employer_legal_seat_province_index" on "employer" ("legal_seat_province");`);
    this.addSql(`create index "employer_ccnl_index" on "employer" ("ccnl");`);
    this.addSql(`create index "employer_cassa_edile_code_index" on "employer" ("cassa_edile_code");`);

    this.addSql(`create table "employment_relationship" ("id" uuid not null, "employer_fiscal_code" varchar(16) not null, "worker_fiscal_code" varchar(16) not null, "status" text check ("status" in ('ACTIVE', 'TERMINATED', 'ANNULLED')) not null, "contract_type" varchar(7) not null, "working_time" text check ("working_time" in ('F', 'P', 'V', 'M', 'N')) not null, "weekly_hours" double precision null, "start_date" date not null, "planned_end_date" date null, "termination_date" date null, "version" int not null default 1, constraint "employment_relationship_pkey" primary key ("id"));`);
    this.addSql(`create index "employment_relationship_worker_fiscal_code_index" on "employment_relationship" ("worker_fiscal_code");`);
    this.addSql(`create index "employment_relationship_status_index" on "employment_relationship" ("status");`);
    this.addSql(`create index "employment_relationship_planned_end_date_index" on "employment_relationship" ("planned_end_date");`);
    this.addSql(`create index "employment_relationship_employer_fiscal_code_start_date_index" on "employment_relationship" ("employer_fiscal_code", "start_date");`);

    this.addSql(`create table "work_site" ("id" uuid not null, "employer_fiscal_code" varchar(16) not null, "municipality" varchar(6) not null, "province" varchar(3) not null default '', "address" varchar(200) not null, constraint "work_site_pkey" primary key ("id"));`);
    this.addSql(`create index "work_site_employer_fiscal_code_municipality_index" on "work_site" ("employer_fiscal_code", "municipality");`);

    this.addSql(`create table "mandatory_notice" ("id" uuid not null, "code" varchar(16) not null, "type" text check ("type" in ('HIRE', 'EXTENSION', 'TRANSFORMATION', 'TRANSFER', 'TERMINATION')) not null, "state" text check ("state" in ('VALIDATED', 'RECTIFIED', 'ANNULLED')) not null default 'VALIDATED', "employer_fiscal_code" varchar(16) not null, "relationship_id" uuid not null, "sequence" int not null, "work_site_id" uuid null, "worker_fiscal_code" varchar(16) not null, "worker_citizenship" varchar(3) null, "contract_type" varchar(7) not null, "start_date" date not null, "end_date" date null, "event_date" date not null, "training_end_date" date null, "working_time" text check ("working_time" in ('F', 'P', 'V', 'M', 'N')) not null, "weekly_hours" double precision null, "ccnl" varchar(10) not null, "qualification" varchar(16) not null, "seasonal" boolean not null default false, "transformation_code" varchar(2) null, "termination_cause" varchar(10) null, "residence_permit_type" text check ("residence_permit_type" in ('1', '2', '3', '4', '5', '6', '7')) null, "residence_permit_expiry" date null, "filed_at" timestamptz not null, "filed_by" varchar(16) null, "deadline" date not null, "late" boolean not null, "days_late" int not null, constraint "mandatory_notice_pkey" primary key ("id"));`);
    this.addSql(`alter table "mandatory_notice" add constraint "mandatory_notice_code_unique" unique ("code");`);
    this.addSql(`create index "mandatory_notice_worker_fiscal_code_index" on "mandatory_notice" ("worker_fiscal_code");`);
    this.addSql(`create index "mandatory_notice_late_index" on "mandatory_notice" ("late");`);
    this.addSql(`create index "mandatory_notice_employer_fiscal_code_filed_at_id_index" on "mandatory_notice" ("employer_fiscal_code", "filed_at", "id");`);
    this.addSql(`alter table "mandatory_notice" add constraint "mandatory_notice_relationship_id_sequence_unique" unique ("relationship_id", "sequence");`);

    this.addSql(`alter table "employment_relationship" add constraint "employment_relationship_employer_fiscal_code_foreign" foreign key ("employer_fiscal_code") references "employer" ("fiscal_code") on update cascade on delete cascade;`);

    this.addSql(`alter table "work_site" add constraint "work_site_employer_fiscal_code_foreign" foreign key ("employer_fiscal_code") references "employer" ("fiscal_code") on update cascade on delete cascade;`);

    this.addSql(`alter table "mandatory_notice" add constraint "mandatory_notice_employer_fiscal_code_foreign" foreign key ("employer_fiscal_code") references "employer" ("fiscal_code") on update cascade on delete cascade;`);
    this.addSql(`alter table "mandatory_notice" add constraint "mandatory_notice_relationship_id_foreign" foreign key ("relationship_id") references "employment_relationship" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "mandatory_notice" add constraint "mandatory_notice_work_site_id_foreign" foreign key ("work_site_id") references "work_site" ("id") on update cascade on delete set null;`);
  }

}
