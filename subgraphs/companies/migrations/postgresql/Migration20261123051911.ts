import { Migration } from '@mikro-orm/migrations';

/** Bulk exports of the companies subgraph (table bulk_export). */
export class Migration20261123051911 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "bulk_export" ("id" uuid not null, "recipient" varchar(10) not null, "dataset" text check ("dataset" in ('RELATIONSHIPS', 'REGISTRY', 'TRAINING')) not null, "format" text check ("format" in ('NDJSON', 'CSV')) not null, "trigger" text check ("trigger" in ('REQUEST', 'SCHEDULE', 'COMMAND_LINE')) not null, "status" text check ("status" in ('PENDING', 'RUNNING', 'READY', 'FAILED', 'EXPIRED')) not null default 'PENDING', "requested_by" varchar(200) not null, "requested_at" timestamptz not null, "period_from" date null, "period_to" date null, "slot_key" varchar(100) null, "locked_until" timestamptz null, "started_at" timestamptz null, "completed_at" timestamptz null, "expires_at" timestamptz null, "expired_at" timestamptz null, "row_count" bigint null, "byte_count" bigint null, "sha256" varchar(64) null, "file_name" varchar(200) null, "error" varchar(40) null, "audit_parts" int null, "first_downloaded_at" timestamptz null, "last_downloaded_at" timestamptz null, "download_count" int not null default 0, constraint "bulk_export_pkey" primary key ("id"));`);
    this.addSql(`alter table "bulk_export" add constraint "bulk_export_slot_key_unique" unique ("slot_key");`);
    this.addSql(`create index "bulk_export_status_expires_at_index" on "bulk_export" ("status", "expires_at");`);
    this.addSql(`create index "bulk_export_recipient_requested_at_index" on "bulk_export" ("recipient", "requested_at");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "bulk_export" cascade;`);
  }

}
