import { Migration } from '@mikro-orm/migrations';

export class Migration20261123081431 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "referral_event" add column "organisation" varchar(200) null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "referral_event" drop column "organisation";`);
  }

}
