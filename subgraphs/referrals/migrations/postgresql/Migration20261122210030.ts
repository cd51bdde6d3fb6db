import { Migration } from '@mikro-orm/migrations';

export class Migration20261122210030 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "service_point" ("code" varchar(20) not null, "kind" text check ("kind" in ('JOB_CENTRE', 'JOB_CENTRE_DESK', 'SOCIAL_SERVICES', 'SOCIAL_DESK', 'CASSA_EDILE', 'PATRONATO')) not null, "name" varchar(200) not null, "municipality" varchar(6) not null, "province" varchar(3) not null, "address" varchar(200) not null, "manager" varchar(200) not null, "public_housing_neighbourhood" boolean not null, "parent_code" varchar(20) null, constraint "service_point_pkey" primary key ("code"));`);
    this.addSql(`create index "service_point_kind_index" on "service_point" ("kind");`);
    this.addSql(`create index "service_point_province_index" on "service_point" ("province");`);

    this.addSql(`create table "referral" ("id" uuid not null, "worker_id" uuid not null, "worker_fiscal_code" varchar(16) not null, "from_code" varchar(20) not null, "to_code" varchar(20) not null, "reason" text check ("reason" in ('WORK_ACTIVATION', 'SOCIAL_NEEDS', 'CONSTRUCTION_SECTOR', 'BENEFIT_APPLICATION', 'ORIENTATION')) not null, "motivation" text null, "legal_basis" text check ("legal_basis" in ('LEGAL_OBLIGATION', 'CONSENT')) not null, "state" text check ("state" in ('DRAFT', 'SENT', 'ACCEPTED', 'REJECTED', 'EXPIRED', 'APPOINTMENT_SET', 'TAKEN_IN_CHARGE', 'CLOSED', 'WITHDRAWN')) not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "sent_at" timestamptz null, "due_by" date null, "rejection_reason" varchar(500) null, "outcome" varchar(500) null, constraint "referral_pkey" primary key ("id"));`);
    this.addSql(`create index "referral_worker_id_index" on "referral" ("worker_id");`);
    this.addSql(`create index "referral_worker_fiscal_code_index" on "referral" ("worker_fiscal_code");`);
    this.addSql(`create index "referral_state_index" on "referral" ("state");`);
    this.addSql(`create index "referral_from_code_created_at_id_index" on "referral" ("from_code", "created_at", "id");`);
    this.addSql(`create index "referral_to_code_created_at_id_index" on "referral" ("to_code", "created_at", "id");`);

    this.addSql(`create table "referral_event" ("id" uuid not null, "referral_id" uuid not null, "sequence" int not null, "from_state" text check ("from_state" in ('DRAFT', 'SENT', 'ACCEPTED', 'REJECTED', 'EXPIRED', 'APPOINTMENT_SET', 'TAKEN_IN_CHARGE', 'CLOSED', 'WITHDRAWN')) null, "to_state" text check ("to_state" in ('DRAFT', 'SENT', 'ACCEPTED', 'REJECTED', 'EXPIRED', 'APPOINTMENT_SET', 'TAKEN_IN_CHARGE', 'CLOSED', 'WITHDRAWN')) not null, "at" timestamptz not null, "note" varchar(500) null, "recorded_by" varchar(100) null, constraint "referral_event_pkey" primary key ("id"));`);
    this.addSql(`alter table "referral_event" add constraint "referral_event_referral_id_sequence_unique" unique ("referral_id", "sequence");`);

    this.addSql(`alter table "service_point" add constraint "service_point_parent_code_foreign" foreign key ("parent_code") references "service_point" ("code") on update cascade on delete restrict;`);

    this.addSql(`alter table "referral" add constraint "referral_from_code_foreign" foreign key ("from_code") references "service_point" ("code") on update cascade on delete restrict;`);
    this.addSql(`alter table "referral" add constraint "referral_to_code_foreign" foreign key ("to_code") references "service_point" ("code") on update cascade on delete restrict;`);

    this.addSql(`alter table "referral_event" add constraint "referral_event_referral_id_foreign" foreign key ("referral_id") references "referral" ("id") on update cascade on delete cascade;`);
  }

}
