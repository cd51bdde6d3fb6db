import { Migration } from '@mikro-orm/migrations';

export class Migration20261123065906 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "service_point_directory" add column "neighbourhood" varchar(100) null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "service_point_directory" drop column "neighbourhood";`);
  }

}
