import { Migration } from '@mikro-orm/migrations';

export class Migration20261123082215 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "outbox_event" ("seq" serial primary key, "event_id" uuid not null, "topic" varchar(60) not null, "recipient" varchar(20) not null, "payload" jsonb not null, "created_at" timestamptz not null, "status" text check ("status" in ('PENDING', 'DELIVERED', 'DEAD')) not null default 'PENDING', "attempts" int not null default 0, "next_attempt_at" timestamptz not null, "locked_until" timestamptz null, "delivered_at" timestamptz null, "period" varchar(7) null, "erased_at" timestamptz null, "last_error" varchar(200) null);`);
    this.addSql(`alter table "outbox_event" add constraint "outbox_event_event_id_unique" unique ("event_id");`);
    this.addSql(`create index "outbox_event_topic_recipient_period_index" on "outbox_event" ("topic", "recipient", "period");`);
    this.addSql(`create index "outbox_event_recipient_topic_seq_index" on "outbox_event" ("recipient", "topic", "seq");`);
    this.addSql(`create index "outbox_event_status_next_attempt_at_index" on "outbox_event" ("status", "next_attempt_at");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "outbox_event" cascade;`);
  }

}
