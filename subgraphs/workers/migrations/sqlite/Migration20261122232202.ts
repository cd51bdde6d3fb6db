import { Migration } from '@mikro-orm/migrations';

export class Migration20261122232202 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`service_point_directory\` (\`code\` text not null, \`kind\` text check (\`kind\` in ('JOB_CENTRE', 'JOB_CENTRE_DESK', 'SOCIAL_SERVICES', 'SOCIAL_DESK', 'CASSA_EDILE', 'PATRONATO')) not null, \`municipality\` text not null, \`province\` text not null, primary key (\`code\`));`);
    this.addSql(`create index \`service_point_directory_municipality_index\` on \`service_point_directory\` (\`municipality\`);`);

    this.addSql(`create table \`employment_link\` (\`id\` text not null, \`worker_id\` text not null, \`employer_fiscal_code\` text not null, \`construction\` integer not null, \`start_date\` date not null, \`end_date\` date null, constraint \`employment_link_worker_id_foreign\` foreign key(\`worker_id\`) references \`worker\`(\`id\`) on delete cascade on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`employment_link_worker_id_index\` on \`employment_link\` (\`worker_id\`);`);
    this.addSql(`create index \`employment_link_worker_idx\` on \`employment_link\` (\`worker_id\`);`);
    this.addSql(`create index \`employment_link_construction_worker_id_index\` on \`employment_link\` (\`construction\`, \`worker_id\`);`);
    this.addSql(`create index \`employment_link_employer_fiscal_code_worker_id_index\` on \`employment_link\` (\`employer_fiscal_code\`, \`worker_id\`);`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists \`service_point_directory\`;`);

    this.addSql(`drop table if exists \`employment_link\`;`);
  }

}
