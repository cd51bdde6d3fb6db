import { Migration } from '@mikro-orm/migrations';

/** Retention of what a Cassa Edile receives: the notification's month and erasure, and the Cassa's deletion confirmations. */
export class Migration20261123051616 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "cassa_edile_deletion_confirmation" ("id" uuid not null, "cassa_code" varchar(20) not null, "period" varchar(7) not null, "confirmed_at" timestamptz not null, "confirmed_by" varchar(200) not null, constraint "cassa_edile_deletion_confirmation_pkey" primary key ("id"));`);
    this.addSql(`alter table "cassa_edile_deletion_confirmation" add constraint "cassa_edile_deletion_confirmation_cassa_code_period_unique" unique ("cassa_code", "period");`);

    this.addSql(`alter table "outbox_event" add column "period" varchar(7) null, add column "erased_at" timestamptz null;`);
    this.addSql(`create index "outbox_event_topic_recipient_period_index" on "outbox_event" ("topic", "recipient", "period");`);
    // Notifications written before: their month on the Italian calendar, from the time they were written.
    this.addSql(`update "outbox_event" set "period" = to_char("created_at" at time zone 'Europe/Rome', 'YYYY-MM') where "topic" = 'cassa-edile.notice';`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "cassa_edile_deletion_confirmation" cascade;`);

    this.addSql(`drop index "outbox_event_topic_recipient_period_index";`);
    this.addSql(`alter table "outbox_event" drop column "period", drop column "erased_at";`);
  }

}
