import { Migration } from '@mikro-orm/migrations';

/** Rectifications and annulments (issue 4 point 1): what a stored notice does, and the notice it corrects. */
export class Migration20261123034213 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "mandatory_notice" add column "action" text check ("action" in ('FILING', 'RECTIFICATION', 'ANNULMENT')) not null default 'FILING', add column "corrects_id" uuid null;`);
    this.addSql(`alter table "mandatory_notice" add constraint "mandatory_notice_corrects_id_foreign" foreign key ("corrects_id") references "mandatory_notice" ("id") on update cascade on delete cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "mandatory_notice" drop constraint "mandatory_notice_corrects_id_foreign";`);

    this.addSql(`alter table "mandatory_notice" drop column "action", drop column "corrects_id";`);
  }

}
