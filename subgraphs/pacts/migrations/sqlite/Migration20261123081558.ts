import { Migration } from '@mikro-orm/migrations';

export class Migration20261123081558 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table \`service_pact\` add column \`activation_pact_signed_on\` date null;`);
    this.addSql(`alter table \`service_pact\` add column \`chosen_intermediaries\` json null;`);
  }

}
