import { Migration } from '@mikro-orm/migrations';

export class Migration20261123065208 extends Migration {

  // Trimmed by hand to the new column: the generator also rebuilt the tables whose
  // foreign-key rules SQLite's introspection cannot read back (their definitions are unchanged).
  override async up(): Promise<void> {
    this.addSql(`alter table \`service_point\` add column \`neighbourhood\` text null;`);
    this.addSql(`create index \`service_point_neighbourhood_index\` on \`service_point\` (\`neighbourhood\`);`);
  }

}
