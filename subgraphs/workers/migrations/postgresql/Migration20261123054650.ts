import { Migration } from '@mikro-orm/migrations';

/** Retention of bulk exports: when the Cassa Edile confirmed deleting its downloaded copy. */
export class Migration20261123054650 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "bulk_export" add column "deletion_confirmed_at" timestamptz null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "bulk_export" drop column "deletion_confirmed_at";`);
  }

}
