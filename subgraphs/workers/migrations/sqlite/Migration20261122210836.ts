import { Migration } from '@mikro-orm/migrations';

export class Migration20261122210836 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`worker\` (\`id\` text not null, \`fiscal_code\` text not null, \`provisional_fiscal_code\` integer not null default false, \`first_name\` text not null, \`last_name\` text not null, \`sex\` text check (\`sex\` in ('MALE', 'FEMALE')) not null, \`birth_date\` date not null, \`birth_place\` text not null, \`citizenship\` text not null, \`domicile_municipality\` text not null, \`domicile_province\` text not null, \`created_at\` datetime not null, primary key (\`id\`));`);
    this.addSql(`create unique index \`worker_fiscal_code_unique\` on \`worker\` (\`fiscal_code\`);`);
    this.addSql(`create index \`worker_domicile_municipality_index\` on \`worker\` (\`domicile_municipality\`);`);
    this.addSql(`create index \`worker_domicile_province_index\` on \`worker\` (\`domicile_province\`);`);

    this.addSql(`create table \`training_course\` (\`id\` text not null, \`worker_id\` text not null, \`title\` text not null, \`provider\` text not null, \`hours\` integer not null, \`completed_on\` date not null, \`source\` text check (\`source\` in ('SELF_DECLARED', 'JOB_CENTRE', 'REGION', 'CASSA_EDILE')) not null, \`external_id\` text null, constraint \`training_course_worker_id_foreign\` foreign key(\`worker_id\`) references \`worker\`(\`id\`) on delete cascade on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`training_course_worker_id_index\` on \`training_course\` (\`worker_id\`);`);
    this.addSql(`create index \`training_course_worker_idx\` on \`training_course\` (\`worker_id\`);`);
    this.addSql(`create unique index \`training_course_source_external_id_unique\` on \`training_course\` (\`source\`, \`external_id\`);`);

    this.addSql(`create table \`education\` (\`id\` text not null, \`worker_id\` text not null, \`level\` text check (\`level\` in ('NONE', 'PRIMARY', 'LOWER_SECONDARY', 'UPPER_SECONDARY', 'POST_SECONDARY', 'SHORT_TERTIARY', 'BACHELOR', 'MASTER', 'DOCTORATE')) not null, \`title\` text not null, \`year\` integer null, constraint \`education_worker_id_foreign\` foreign key(\`worker_id\`) references \`worker\`(\`id\`) on delete cascade on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`education_worker_id_index\` on \`education\` (\`worker_id\`);`);
    this.addSql(`create index \`education_worker_idx\` on \`education\` (\`worker_id\`);`);

    this.addSql(`create table \`declared_experience\` (\`id\` text not null, \`worker_id\` text not null, \`employer_name\` text not null, \`employer_fiscal_code\` text null, \`job_title\` text not null, \`start_date\` date not null, \`end_date\` date null, constraint \`declared_experience_worker_id_foreign\` foreign key(\`worker_id\`) references \`worker\`(\`id\`) on delete cascade on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`declared_experience_worker_id_index\` on \`declared_experience\` (\`worker_id\`);`);
    this.addSql(`create index \`declared_experience_worker_idx\` on \`declared_experience\` (\`worker_id\`);`);

    this.addSql(`create table \`availability_declaration\` (\`id\` text not null, \`worker_id\` text not null, \`national_id\` text null, \`declared_on\` date not null, \`channel\` text check (\`channel\` in ('ANPAL_PORTAL', 'REGIONAL_SYSTEM', 'JOB_CENTRE', 'INPS_NASPI', 'INPS_DISCOLL', 'SIISL')) not null, \`status\` text check (\`status\` in ('INSERTED', 'VALIDATED', 'SUSPENDED', 'LAPSED', 'REVOKED', 'CANCELLED')) not null, \`status_date\` date not null, \`job_centre_code\` text not null, constraint \`availability_declaration_worker_id_foreign\` foreign key(\`worker_id\`) references \`worker\`(\`id\`) on delete cascade on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`availability_declaration_worker_id_index\` on \`availability_declaration\` (\`worker_id\`);`);
    this.addSql(`create index \`availability_declaration_status_index\` on \`availability_declaration\` (\`status\`);`);
    this.addSql(`create index \`availability_declaration_job_centre_code_index\` on \`availability_declaration\` (\`job_centre_code\`);`);
    this.addSql(`create index \`availability_declaration_worker_idx\` on \`availability_declaration\` (\`worker_id\`);`);

    this.addSql(`create table \`availability_status_change\` (\`id\` text not null, \`declaration_id\` text not null, \`from_status\` text check (\`from_status\` in ('INSERTED', 'VALIDATED', 'SUSPENDED', 'LAPSED', 'REVOKED', 'CANCELLED')) null, \`to_status\` text check (\`to_status\` in ('INSERTED', 'VALIDATED', 'SUSPENDED', 'LAPSED', 'REVOKED', 'CANCELLED')) not null, \`effective_on\` date not null, \`reason\` text null, \`recorded_by\` text null, \`recorded_at\` datetime not null, constraint \`availability_status_change_declaration_id_foreign\` foreign key(\`declaration_id\`) references \`availability_declaration\`(\`id\`) on delete cascade on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`availability_status_change_declaration_id_index\` on \`availability_status_change\` (\`declaration_id\`);`);
    this.addSql(`create index \`availability_status_change_declaration_idx\` on \`availability_status_change\` (\`declaration_id\`);`);
  }

}
