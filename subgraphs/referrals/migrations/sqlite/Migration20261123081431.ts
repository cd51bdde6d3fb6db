import { Migration } from '@mikro-orm/migrations';

export class Migration20261123081431 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table \`referral_event\` add column \`organisation\` text null;`);
  }

}
