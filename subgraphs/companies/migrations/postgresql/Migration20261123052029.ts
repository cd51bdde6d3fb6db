import { Migration } from '@mikro-orm/migrations';

/** The Cassa Edile regularity check: registrations, monthly returns and their lines, verifications, anomalies and their history. */
export class Migration20261123052029 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "cassa_edile_verification" ("id" uuid not null, "cassa_code" varchar(4) not null, "year" int not null, "month" int not null, "runs" int not null default 0, "last_run_at" timestamptz null, "state" text check ("state" in ('OPEN', 'CLOSED')) not null default 'OPEN', "closed_at" timestamptz null, "closed_by" varchar(100) null, "created_at" timestamptz not null, "version" int not null default 1, constraint "cassa_edile_verification_pkey" primary key ("id"));`);
    this.addSql(`alter table "cassa_edile_verification" add constraint "cassa_edile_verification_cassa_code_year_month_unique" unique ("cassa_code", "year", "month");`);

    this.addSql(`create table "cassa_edile_registration" ("id" uuid not null, "cassa_code" varchar(4) not null, "firm_code" varchar(8) not null, "employer_fiscal_code" varchar(16) not null, "registered_on" date not null, "state" text check ("state" in ('ACTIVE', 'SUSPENDED', 'CEASED')) not null, "suspended_on" date null, "ceased_on" date null, "updated_at" timestamptz not null, constraint "cassa_edile_registration_pkey" primary key ("id"));`);
    this.addSql(`create index "cassa_edile_registration_employer_fiscal_code_cassa_code_index" on "cassa_edile_registration" ("employer_fiscal_code", "cassa_code");`);
    this.addSql(`alter table "cassa_edile_registration" add constraint "cassa_edile_registration_cassa_code_firm_code_unique" unique ("cassa_code", "firm_code");`);

    this.addSql(`create table "cassa_edile_anomaly" ("id" uuid not null, "fingerprint" varchar(80) not null, "verification_id" uuid not null, "rule" text check ("rule" in ('CE_01', 'CE_02', 'CE_03', 'CE_04', 'CE_05', 'CE_06', 'CE_07', 'CE_08')) not null, "severity" text check ("severity" in ('LOW', 'MEDIUM', 'HIGH')) not null, "cassa_code" varchar(4) not null, "employer_fiscal_code" varchar(16) not null, "worker_fiscal_code" varchar(16) null, "year" int not null, "month" int not null, "evidence" jsonb null, "evidence_erased_at" timestamptz null, "state" text check ("state" in ('OPEN', 'UNDER_REVIEW', 'CONFIRMED', 'DISMISSED', 'RESOLVED')) not null default 'OPEN', "auto_resolved" boolean not null default false, "dismissal_reason" varchar(500) null, "detected_at" timestamptz not null, "last_detected_at" timestamptz not null, "version" int not null default 1, constraint "cassa_edile_anomaly_pkey" primary key ("id"));`);
    this.addSql(`alter table "cassa_edile_anomaly" add constraint "cassa_edile_anomaly_fingerprint_unique" unique ("fingerprint");`);
    this.addSql(`create index "cassa_edile_anomaly_worker_fiscal_code_index" on "cassa_edile_anomaly" ("worker_fiscal_code");`);
    this.addSql(`create index "cassa_edile_anomaly_employer_fiscal_code_year_month_index" on "cassa_edile_anomaly" ("employer_fiscal_code", "year", "month");`);
    this.addSql(`create index "cassa_edile_anomaly_cassa_code_year_month_state_index" on "cassa_edile_anomaly" ("cassa_code", "year", "month", "state");`);

    this.addSql(`create table "cassa_edile_anomaly_change" ("id" uuid not null, "anomaly_id" uuid not null, "position" int not null, "from_state" text check ("from_state" in ('OPEN', 'UNDER_REVIEW', 'CONFIRMED', 'DISMISSED', 'RESOLVED')) null, "to_state" text check ("to_state" in ('OPEN', 'UNDER_REVIEW', 'CONFIRMED', 'DISMISSED', 'RESOLVED')) not null, "changed_by" varchar(100) not null, "organisation" varchar(100) not null, "changed_at" timestamptz not null, "reason" varchar(500) null, constraint "cassa_edile_anomaly_change_pkey" primary key ("id"));`);
    this.addSql(`create index "cassa_edile_anomaly_change_anomaly_id_position_index" on "cassa_edile_anomaly_change" ("anomaly_id", "position");`);

    this.addSql(`create table "monthly_return" ("id" uuid not null, "cassa_code" varchar(4) not null, "firm_code" varchar(8) not null, "registration_id" uuid not null, "employer_fiscal_code" varchar(16) not null, "year" int not null, "month" int not null, "sequence" int not null, "situation" text check ("situation" in ('NORMAL', 'SUSPENDED', 'NO_EMPLOYEES')) not null, "state" text check ("state" in ('ACQUIRED', 'REPLACED')) not null default 'ACQUIRED', "received_at" timestamptz not null, constraint "monthly_return_pkey" primary key ("id"));`);
    this.addSql(`create index "monthly_return_cassa_code_year_month_state_index" on "monthly_return" ("cassa_code", "year", "month", "state");`);
    this.addSql(`alter table "monthly_return" add constraint "monthly_return_cassa_code_firm_code_year_month_sequence_unique" unique ("cassa_code", "firm_code", "year", "month", "sequence");`);

    this.addSql(`create table "monthly_return_line" ("id" uuid not null, "monthly_return_id" uuid not null, "worker_fiscal_code" varchar(16) not null, "fiscal_code_override" boolean not null default false, "hire_date" date null, "hire_type" varchar(4) null, "cessation_day" int null, "cessation_type" varchar(4) null, "grade" varchar(10) null, "job" varchar(2) null, "hours_worked" double precision not null, "overtime_hours" double precision not null default 0, "sickness_hours" double precision not null default 0, "injury_hours" double precision not null default 0, "workable_hours" double precision not null, constraint "monthly_return_line_pkey" primary key ("id"));`);
    this.addSql(`create index "monthly_return_line_worker_fiscal_code_index" on "monthly_return_line" ("worker_fiscal_code");`);

    this.addSql(`alter table "cassa_edile_registration" add constraint "cassa_edile_registration_employer_fiscal_code_foreign" foreign key ("employer_fiscal_code") references "employer" ("fiscal_code") on update cascade on delete cascade;`);

    this.addSql(`alter table "cassa_edile_anomaly" add constraint "cassa_edile_anomaly_verification_id_foreign" foreign key ("verification_id") references "cassa_edile_verification" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "cassa_edile_anomaly" add constraint "cassa_edile_anomaly_employer_fiscal_code_foreign" foreign key ("employer_fiscal_code") references "employer" ("fiscal_code") on update cascade on delete cascade;`);

    this.addSql(`alter table "cassa_edile_anomaly_change" add constraint "cassa_edile_anomaly_change_anomaly_id_foreign" foreign key ("anomaly_id") references "cassa_edile_anomaly" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "monthly_return" add constraint "monthly_return_registration_id_foreign" foreign key ("registration_id") references "cassa_edile_registration" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "monthly_return" add constraint "monthly_return_employer_fiscal_code_foreign" foreign key ("employer_fiscal_code") references "employer" ("fiscal_code") on update cascade on delete cascade;`);

    this.addSql(`alter table "monthly_return_line" add constraint "monthly_return_line_monthly_return_id_foreign" foreign key ("monthly_return_id") references "monthly_return" ("id") on update cascade on delete cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "cassa_edile_anomaly" drop constraint "cassa_edile_anomaly_verification_id_foreign";`);

    this.addSql(`alter table "monthly_return" drop constraint "monthly_return_registration_id_foreign";`);

    this.addSql(`alter table "cassa_edile_anomaly_change" drop constraint "cassa_edile_anomaly_change_anomaly_id_foreign";`);

    this.addSql(`alter table "monthly_return_line" drop constraint "monthly_return_line_monthly_return_id_foreign";`);

    this.addSql(`drop table if exists "cassa_edile_verification" cascade;`);

    this.addSql(`drop table if exists "cassa_edile_registration" cascade;`);

    this.addSql(`drop table if exists "cassa_edile_anomaly" cascade;`);

    this.addSql(`drop table if exists "cassa_edile_anomaly_change" cascade;`);

    this.addSql(`drop table if exists "monthly_return" cascade;`);

    this.addSql(`drop table if exists "monthly_return_line" cascade;`);
  }

}
