import { Migration } from '@mikro-orm/migrations';

/** Suspendable credentials (issue 3 point 9): the suspensions and their history, in the shared platform store. */
export class Migration20261124090000 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "credential_suspension" ("id" serial primary key, "kind" text check ("kind" in ('ORGANISATION', 'USER', 'TOKEN')) not null, "value" text not null, "organisation" text null, "reason" text not null, "suspended_at" timestamptz not null, "suspended_by" text not null, "suspended_seq" bigint not null, "reinstated_at" timestamptz null, "reinstated_by" text null, "reinstated_seq" bigint null);`);
    // At most one active suspension per credential; the per-process lists read only active rows.
    this.addSql(`create unique index "credential_suspension_active_unique" on "credential_suspension" ("kind", "value", coalesce("organisation", '')) where "reinstated_at" is null;`);
  }

}
