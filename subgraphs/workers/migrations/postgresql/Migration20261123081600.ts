import { Migration } from '@mikro-orm/migrations';

export class Migration20261123081600 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "employment_link" add column "planned_end_date" date null, add column "termination_date" date null;`);

    this.addSql(`alter table "availability_declaration" add column "version" int not null default 1;`);

    this.addSql(`alter table "did_change_proposal" add column "proposed_purpose" varchar(40) null, add column "declaration_version" int null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "availability_declaration" drop column "version";`);

    this.addSql(`alter table "did_change_proposal" drop column "proposed_purpose", drop column "declaration_version";`);

    this.addSql(`alter table "employment_link" drop column "planned_end_date", drop column "termination_date";`);
  }

}
