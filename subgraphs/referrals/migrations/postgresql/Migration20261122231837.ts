import { Migration } from '@mikro-orm/migrations';

export class Migration20261122231837 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "referral" add column "created_by_organisation" varchar(200) null;`);
    this.addSql(`create index "referral_created_by_organisation_index" on "referral" ("created_by_organisation");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "referral_created_by_organisation_index";`);
    this.addSql(`alter table "referral" drop column "created_by_organisation";`);
  }

}
