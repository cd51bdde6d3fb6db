import { Migration } from '@mikro-orm/migrations';

export class Migration20261123081316 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table \`service_pact_state_change\` add column \`organisation\` text null;`);
    this.addSql(`alter table \`service_pact_state_change\` add column \`purpose\` text null;`);

    this.addSql(`alter table \`social_inclusion_pact_state_change\` add column \`organisation\` text null;`);
  }

}
