import { Migration } from '@mikro-orm/migrations';

export class Migration20261123081936 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "referral_event" add column "organisation" varchar(200) null;`);
    this.addSql(`alter table "referral_event" alter column "note" type text using ("note"::text);`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "referral_event" drop column "organisation";`);

    this.addSql(`alter table "referral_event" alter column "note" type varchar(500) using ("note"::varchar(500));`);
  }

}
