import { Migration } from '@mikro-orm/migrations';

export class Migration20261122232439 extends Migration {

  override async up(): Promise<void> {
    // Trimmed by hand to the change the PostgreSQL migration of the same step makes: the
    // SQLite diff also rebuilt every table because SQLite cannot report foreign-key rules back.
    this.addSql(`create table \`service_point_directory\` (\`code\` text not null, \`kind\` text check (\`kind\` in ('JOB_CENTRE', 'JOB_CENTRE_DESK', 'SOCIAL_SERVICES', 'SOCIAL_DESK', 'CASSA_EDILE', 'PATRONATO')) not null, \`municipality\` text not null, \`province\` text not null, primary key (\`code\`));`);
    this.addSql(`create index \`service_point_directory_municipality_index\` on \`service_point_directory\` (\`municipality\`);`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists \`service_point_directory\`;`);
  }

}
