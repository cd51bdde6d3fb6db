import { Migration } from '@mikro-orm/migrations';

export class Migration20261123081936 extends Migration {

  override async up(): Promise<void> {
    // SQLite columns are text already: only the new column.
    this.addSql(`alter table \`referral_event\` add column \`organisation\` text null;`);
  }

}
