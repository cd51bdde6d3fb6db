import { Migration } from '@mikro-orm/migrations';

export class Migration20261123081346 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "convocation_exclusion_replica" ("exclusion_id" uuid not null, "fiscal_code" varchar(16) not null, "reason" varchar(40) not null, "since" date not null, "ended_on" date null, "changed_at" timestamptz not null, constraint "convocation_exclusion_replica_pkey" primary key ("exclusion_id"));`);
    this.addSql(`create index "convocation_exclusion_replica_fiscal_code_index" on "convocation_exclusion_replica" ("fiscal_code");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "convocation_exclusion_replica" cascade;`);
  }

}
