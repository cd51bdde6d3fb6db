import { Migration } from '@mikro-orm/migrations';

export class Migration20261122232439 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "service_point_directory" ("code" varchar(20) not null, "kind" text check ("kind" in ('JOB_CENTRE', 'JOB_CENTRE_DESK', 'SOCIAL_SERVICES', 'SOCIAL_DESK', 'CASSA_EDILE', 'PATRONATO')) not null, "municipality" varchar(6) not null, "province" varchar(3) not null, constraint "service_point_directory_pkey" primary key ("code"));`);
    this.addSql(`create index "service_point_directory_municipality_index" on "service_point_directory" ("municipality");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "service_point_directory" cascade;`);
  }

}
