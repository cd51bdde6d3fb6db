import { Migration } from '@mikro-orm/migrations';

export class Migration20261123081316 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "service_pact_state_change" add column "organisation" varchar(200) null, add column "purpose" varchar(40) null;`);

    this.addSql(`alter table "social_inclusion_pact_state_change" add column "organisation" varchar(200) null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "service_pact_state_change" drop column "organisation", drop column "purpose";`);

    this.addSql(`alter table "social_inclusion_pact_state_change" drop column "organisation";`);
  }

}
