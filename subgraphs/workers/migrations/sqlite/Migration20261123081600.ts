import { Migration } from '@mikro-orm/migrations';

export class Migration20261123081600 extends Migration {

  // Trimmed by hand to the new columns: the generator also rebuilt the tables whose
  // foreign-key rules SQLite's introspection cannot read back (unchanged).
  override async up(): Promise<void> {
    this.addSql(`alter table \`employment_link\` add column \`planned_end_date\` date null;`);
    this.addSql(`alter table \`employment_link\` add column \`termination_date\` date null;`);
    this.addSql(`alter table \`availability_declaration\` add column \`version\` integer not null default 1;`);
    this.addSql(`alter table \`did_change_proposal\` add column \`proposed_purpose\` text null;`);
    this.addSql(`alter table \`did_change_proposal\` add column \`declaration_version\` integer null;`);
  }

}
