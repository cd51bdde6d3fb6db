import { Migration } from '@mikro-orm/migrations';

export class Migration20261123065906 extends Migration {

  // Trimmed by hand to the new column of the directory replica: the generator also rebuilt
  // the tables whose foreign-key rules SQLite's introspection cannot read back (unchanged).
  override async up(): Promise<void> {
    this.addSql(`alter table \`service_point_directory\` add column \`neighbourhood\` text null;`);
  }

}
