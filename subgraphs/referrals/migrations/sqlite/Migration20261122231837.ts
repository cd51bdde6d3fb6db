import { Migration } from '@mikro-orm/migrations';

export class Migration20261122231837 extends Migration {

  // Trimmed by hand to the one change: the generator also proposed rebuilding
  // service_point and referral_event, only because SQLite's introspection cannot read
  // foreign-key rules back (their definitions are unchanged).
  override async up(): Promise<void> {
    this.addSql(`alter table \`referral\` add column \`created_by_organisation\` text null;`);
    this.addSql(`create index \`referral_created_by_organisation_index\` on \`referral\` (\`created_by_organisation\`);`);
  }

}
