import { Migration } from '@mikro-orm/migrations';

/**
 * The subject index is written behind the chain (`AuditStore.indexSubjects`); this row says
 * how far. Every record written before this migration already has its index rows.
 */
export class Migration20261125090000 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "audit_index_state" ("id" int not null, "indexed_seq" bigint not null, constraint "audit_index_state_pkey" primary key ("id"));`);
    this.addSql(`insert into "audit_index_state" ("id", "indexed_seq") select 1, coalesce(max("seq"), 0) from "audit_record";`);
  }

}
