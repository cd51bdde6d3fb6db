import { Migration } from '@mikro-orm/migrations';

export class Migration20261122232202 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "service_point_directory" ("code" varchar(20) not null, "kind" text check ("kind" in ('JOB_CENTRE', 'JOB_CENTRE_DESK', 'SOCIAL_SERVICES', 'SOCIAL_DESK', 'CASSA_EDILE', 'PATRONATO')) not null, "municipality" varchar(6) not null, "province" varchar(3) not null, constraint "service_point_directory_pkey" primary key ("code"));`);
    this.addSql(`create index "service_point_directory_municipality_index" on "service_point_directory" ("municipality");`);

    this.addSql(`create table "employment_link" ("id" uuid not null, "worker_id" uuid not null, "employer_fiscal_code" varchar(16) not null, "construction" boolean not null, "start_date" date not null, "end_date" date null, constraint "employment_link_pkey" primary key ("id"));`);
    this.addSql(`create index "employment_link_worker_idx" on "employment_link" ("worker_id");`);
    this.addSql(`create index "employment_link_construction_worker_id_index" on "employment_link" ("construction", "worker_id");`);
    this.addSql(`create index "employment_link_employer_fiscal_code_worker_id_index" on "employment_link" ("employer_fiscal_code", "worker_id");`);

    this.addSql(`alter table "employment_link" add constraint "employment_link_worker_id_foreign" foreign key ("worker_id") references "worker" ("id") on update cascade on delete cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "service_point_directory" cascade;`);

    this.addSql(`drop table if exists "employment_link" cascade;`);
  }

}
