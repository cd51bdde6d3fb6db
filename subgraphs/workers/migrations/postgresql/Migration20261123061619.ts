import { Migration } from '@mikro-orm/migrations';

export class Migration20261123061619 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "did_change_proposal" ("id" uuid not null, "declaration_id" uuid not null, "worker_id" uuid not null, "kind" text check ("kind" in ('SUSPEND', 'LAPSE', 'RESUME', 'SANCTION_NO_SHOW', 'SANCTION_OFFER_REFUSED')) not null, "to_status" text check ("to_status" in ('INSERTED', 'VALIDATED', 'SUSPENDED', 'LAPSED', 'REVOKED', 'CANCELLED')) not null, "cause_reference" varchar(100) not null, "notice_code" varchar(16) null, "effective_on" date not null, "proposal_reason" varchar(500) not null, "proposed_by" varchar(100) not null, "proposed_at" timestamptz not null, "status" text check ("status" in ('PENDING', 'CONFIRMED', 'REJECTED', 'WITHDRAWN', 'SUPERSEDED')) not null default 'PENDING', "decided_by" varchar(100) null, "decided_at" timestamptz null, "decision_reason" varchar(500) null, "purpose" varchar(40) null, constraint "did_change_proposal_pkey" primary key ("id"));`);
    this.addSql(`create index "did_change_proposal_declaration_idx" on "did_change_proposal" ("declaration_id");`);
    this.addSql(`create index "did_change_proposal_worker_idx" on "did_change_proposal" ("worker_id");`);
    this.addSql(`create index "did_change_proposal_status_idx" on "did_change_proposal" ("status", "proposed_at");`);
    this.addSql(`alter table "did_change_proposal" add constraint "did_change_proposal_cause_unique" unique ("declaration_id", "kind", "cause_reference");`);

    this.addSql(`alter table "did_change_proposal" add constraint "did_change_proposal_declaration_id_foreign" foreign key ("declaration_id") references "availability_declaration" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "did_change_proposal" add constraint "did_change_proposal_worker_id_foreign" foreign key ("worker_id") references "worker" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "availability_status_change" add column "purpose" varchar(40) null, add column "cause_kind" text check ("cause_kind" in ('SUSPEND', 'LAPSE', 'RESUME', 'SANCTION_NO_SHOW', 'SANCTION_OFFER_REFUSED')) null, add column "cause_reference" varchar(100) null, add column "notice_code" varchar(16) null, add column "proposal_id" uuid null, add column "proposed_by" varchar(100) null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "did_change_proposal" cascade;`);

    this.addSql(`alter table "availability_status_change" drop column "purpose", drop column "cause_kind", drop column "cause_reference", drop column "notice_code", drop column "proposal_id", drop column "proposed_by";`);
  }

}
