import { Migration } from '@mikro-orm/migrations';

export class Migration20261123065208 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "service_point" add column "neighbourhood" varchar(100) null;`);
    this.addSql(`create index "service_point_neighbourhood_index" on "service_point" ("neighbourhood");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "service_point_neighbourhood_index";`);
    this.addSql(`alter table "service_point" drop column "neighbourhood";`);
  }

}
