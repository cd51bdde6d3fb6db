import { Migration } from '@mikro-orm/migrations';

export class Migration20261122211501 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`employer\` (\`fiscal_code\` text not null, \`name\` text not null, \`ateco_code\` text not null, \`ateco_section\` text null, \`public_administration\` integer not null default false, \`legal_seat_municipality\` text not null, \`legal_seat_province\` text not null default '', \`legal_seat_address\` text not null, \`ccnl\` text null, \`cassa_edile_code\` text null, \`created_at\` datetime not null, primary key (\`fiscal_code\`));`);
    this.addSql(`create index \`employer_ateco_section_index\` on \`employer\` (\`ateco_section\`);`);
    this.addSql(`create index \`employer_legal_seat_province_index\` on \`employer\` (\`legal_seat_province\`);`);
    this.addSql(`create index \`employer_ccnl_index\` on \`employer\` (\`ccnl\`);`);
    this.addSql(`create index \`employer_cassa_edile_code_index\` on \`employer\` (\`cassa_edile_code\`);`);

    this.addSql(`create table \`employment_relationship\` (\`id\` text not null, \`employer_fiscal_code\` text not null, \`worker_fiscal_code\` text not null, \`status\` text check (\`status\` in ('ACTIVE', 'TERMINATED', 'ANNULLED')) not null, \`contract_type\` text not null, \`working_time\` text check (\`working_time\` in ('F', 'P', 'V', 'M', 'N')) not null, \`weekly_hours\` double null, \`start_date\` date not null, \`planned_end_date\` date null, \`termination_date\` date null, \`version\` integer not null default 1, constraint \`employment_relationship_employer_fiscal_code_foreign\` foreign key(\`employer_fiscal_code\`) references \`employer\`(\`fiscal_code\`) on delete cascade on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`employment_relationship_employer_fiscal_code_index\` on \`employment_relationship\` (\`employer_fiscal_code\`);`);
    this.addSql(`create index \`employment_relationship_worker_fiscal_code_index\` on \`employment_relationship\` (\`worker_fiscal_code\`);`);
    this.addSql(`create index \`employment_relationship_status_index\` on \`employment_relationship\` (\`status\`);`);
    this.addSql(`create index \`employment_relationship_planned_end_date_index\` on \`employment_relationship\` (\`planned_end_date\`);`);
    this.addSql(`create index \`employment_relationship_employer_fiscal_code_start_date_index\` on \`employment_relationship\` (\`employer_fiscal_code\`, \`start_date\`);`);

    this.addSql(`create table \`work_site\` (\`id\` text not null, \`employer_fiscal_code\` text not null, \`municipality\` text not null, \`province\` text not null default '', \`address\` text not null, constraint \`work_site_employer_fiscal_code_foreign\` foreign key(\`employer_fiscal_code\`) references \`employer\`(\`fiscal_code\`) on delete cascade on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`work_site_employer_fiscal_code_index\` on \`work_site\` (\`employer_fiscal_code\`);`);
    this.addSql(`create index \`work_site_employer_fiscal_code_municipality_index\` on \`work_site\` (\`employer_fiscal_code\`, \`municipality\`);`);

    this.addSql(`create table \`mandatory_notice\` (\`id\` text not null, \`code\` text not null, \`type\` text check (\`type\` in ('HIRE', 'EXTENSION', 'TRANSFORMATION', 'TRANSFER', 'TERMINATION')) not null, \`state\` text check (\`state\` in ('VALIDATED', 'RECTIFIED', 'ANNULLED')) not null default 'VALIDATED', \`employer_fiscal_code\` text not null, \`relationship_id\` text not null, \`sequence\` integer not null, \`work_site_id\` text null, \`worker_fiscal_code\` text not null, \`worker_citizenship\` text null, \`contract_type\` text not null, \`start_date\` date not null, \`end_date\` date null, \`event_date\` date not null, \`training_end_date\` date null, \`working_time\` text check (\`working_time\` in ('F', 'P', 'V', 'M', 'N')) not null, \`weekly_hours\` double null, \`ccnl\` text not null, \`qualification\` text not null, \`seasonal\` integer not null default false, \`transformation_code\` text null, \`termination_cause\` text null, \`residence_permit_type\` text check (\`residence_permit_type\` in ('1', '2', '3', '4', '5', '6', '7')) null, \`residence_permit_expiry\` date null, \`filed_at\` datetime not null, \`filed_by\` text null, \`deadline\` date not null, \`late\` integer not null, \`days_late\` integer not null, constraint \`mandatory_notice_employer_fiscal_code_foreign\` foreign key(\`employer_fiscal_code\`) references \`employer\`(\`fiscal_code\`) on delete cascade on update cascade, constraint \`mandatory_notice_relationship_id_foreign\` foreign key(\`relationship_id\`) references \`employment_relationship\`(\`id\`) on delete cascade on update cascade, constraint \`mandatory_notice_work_site_id_foreign\` foreign key(\`work_site_id\`) references \`work_site\`(\`id\`) on delete set null on update cascade, primary key (\`id\`));`);
    this.addSql(`create unique index \`mandatory_notice_code_unique\` on \`mandatory_notice\` (\`code\`);`);
    this.addSql(`create index \`mandatory_notice_employer_fiscal_code_index\` on \`mandatory_notice\` (\`employer_fiscal_code\`);`);
    this.addSql(`create index \`mandatory_notice_relationship_id_index\` on \`mandatory_notice\` (\`relationship_id\`);`);
    this.addSql(`create index \`mandatory_notice_work_site_id_index\` on \`mandatory_notice\` (\`work_site_id\`);`);
    this.addSql(`create index \`mandatory_notice_worker_fiscal_code_index\` on \`mandatory_notice\` (\`worker_fiscal_code\`);`);
    this.addSql(`create index \`mandatory_notice_late_index\` on \`mandatory_notice\` (\`late\`);`);
    this.addSql(`create index \`mandatory_notice_employer_fiscal_code_filed_at_id_index\` on \`mandatory_notice\` (\`employer_fiscal_code\`, \`filed_at\`, \`id\`);`);
    this.addSql(`create unique index \`mandatory_notice_relationship_id_sequence_unique\` on \`mandatory_notice\` (\`relationship_id\`, \`sequence\`);`);
  }

}
