import { Migration } from '@mikro-orm/migrations';

export class Migration20261123063923 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "activation_routing" ("id" uuid not null, "pact_id" uuid not null, "member_id" uuid not null, "fiscal_code" varchar(16) not null, "worker_id" varchar(36) not null, "job_centre_code" varchar(20) not null, "routed_on" date not null, "recorded_by" varchar(100) null, "purpose" varchar(40) null, "recorded_at" timestamptz not null, constraint "activation_routing_pkey" primary key ("id"));`);
    this.addSql(`create index "activation_routing_pact_id_index" on "activation_routing" ("pact_id");`);
    this.addSql(`create index "activation_routing_member_id_index" on "activation_routing" ("member_id");`);
    this.addSql(`create index "activation_routing_fiscal_code_index" on "activation_routing" ("fiscal_code");`);
    this.addSql(`create index "activation_routing_job_centre_code_index" on "activation_routing" ("job_centre_code");`);

    this.addSql(`alter table "activation_routing" add constraint "activation_routing_pact_id_foreign" foreign key ("pact_id") references "social_inclusion_pact" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "activation_routing" add constraint "activation_routing_member_id_foreign" foreign key ("member_id") references "household_member" ("id") on update cascade on delete cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "activation_routing" cascade;`);
  }

}
