import { Migration } from '@mikro-orm/migrations';

export class Migration20261122232500 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "audit_record" ("seq" bigint not null, "at" timestamptz not null, "kind" text check ("kind" in ('ACCESS', 'SECURITY', 'EXPORT', 'PURGE', 'ADMINISTRATION')) not null, "subgraph" text not null, "request_id" text not null, "organisation" text not null, "subject" text not null, "role" text not null, "purpose" text not null, "operation_name" text null, "token_id" text null, "tracking_evidence" text null, "people" jsonb not null, "employers" jsonb not null, "fields_released" jsonb not null, "fields_refused" jsonb not null, "detail" text null, "prev_hash" text not null, "hash" text not null, constraint "audit_record_pkey" primary key ("seq"));`);
    this.addSql(`alter table "audit_record" add constraint "audit_record_hash_unique" unique ("hash");`);
    this.addSql(`create index "audit_record_at_index" on "audit_record" ("at");`);
    this.addSql(`create index "audit_record_purpose_seq_index" on "audit_record" ("purpose", "seq");`);
    this.addSql(`create index "audit_record_organisation_seq_index" on "audit_record" ("organisation", "seq");`);

    this.addSql(`create table "audit_subject" ("seq" bigint not null, "kind" text check ("kind" in ('person', 'employer')) not null, "key" text not null, constraint "audit_subject_pkey" primary key ("seq", "kind", "key"));`);
    this.addSql(`create index "audit_subject_kind_key_seq_index" on "audit_subject" ("kind", "key", "seq");`);

    this.addSql(`alter table "audit_subject" add constraint "audit_subject_seq_foreign" foreign key ("seq") references "audit_record" ("seq") on update cascade on delete cascade;`);
  }

}
