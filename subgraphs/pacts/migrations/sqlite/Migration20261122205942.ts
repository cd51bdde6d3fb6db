import { Migration } from '@mikro-orm/migrations';

export class Migration20261122205942 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`household\` (\`id\` text not null, \`municipality\` text not null, primary key (\`id\`));`);

    this.addSql(`create table \`household_member\` (\`id\` text not null, \`household_id\` text not null, \`worker_id\` text not null, \`fiscal_code\` text not null, \`relation\` text check (\`relation\` in ('APPLICANT', 'SPOUSE', 'CHILD', 'PARENT', 'OTHER')) not null, constraint \`household_member_household_id_foreign\` foreign key(\`household_id\`) references \`household\`(\`id\`) on delete cascade on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`household_member_household_id_index\` on \`household_member\` (\`household_id\`);`);
    this.addSql(`create unique index \`household_member_worker_id_unique\` on \`household_member\` (\`worker_id\`);`);
    this.addSql(`create unique index \`household_member_fiscal_code_unique\` on \`household_member\` (\`fiscal_code\`);`);
    this.addSql(`create index \`household_member_household_id_fiscal_code_index\` on \`household_member\` (\`household_id\`, \`fiscal_code\`);`);

    this.addSql(`create table \`service_pact\` (\`id\` text not null, \`worker_id\` text not null, \`fiscal_code\` text not null, \`did_id\` text null, \`job_centre_code\` text not null, \`programme\` text check (\`programme\` in ('ORDINARY', 'GOL', 'YOUTH_GUARANTEE', 'ADI', 'SFL')) not null, \`gol_pathway\` text check (\`gol_pathway\` in ('JOB_REINTEGRATION', 'UPSKILLING', 'RESKILLING', 'WORK_AND_INCLUSION', 'COLLECTIVE_REALLOCATION')) null, \`state\` text check (\`state\` in ('PROPOSED', 'SIGNED', 'IN_PROGRESS', 'COMPLETED', 'INTERRUPTED', 'LAPSED', 'CANCELLED')) not null, \`proposed_on\` date not null, \`signed_on\` date null, \`ended_on\` date null, \`state_date\` date not null, \`created_at\` datetime not null, primary key (\`id\`));`);
    this.addSql(`create index \`service_pact_worker_id_index\` on \`service_pact\` (\`worker_id\`);`);
    this.addSql(`create index \`service_pact_fiscal_code_index\` on \`service_pact\` (\`fiscal_code\`);`);
    this.addSql(`create index \`service_pact_job_centre_code_index\` on \`service_pact\` (\`job_centre_code\`);`);
    this.addSql(`create index \`service_pact_state_index\` on \`service_pact\` (\`state\`);`);

    this.addSql(`create table \`service_pact_state_change\` (\`id\` text not null, \`pact_id\` text not null, \`from_state\` text check (\`from_state\` in ('PROPOSED', 'SIGNED', 'IN_PROGRESS', 'COMPLETED', 'INTERRUPTED', 'LAPSED', 'CANCELLED')) null, \`to_state\` text check (\`to_state\` in ('PROPOSED', 'SIGNED', 'IN_PROGRESS', 'COMPLETED', 'INTERRUPTED', 'LAPSED', 'CANCELLED')) not null, \`effective_on\` date not null, \`reason\` text null, \`recorded_by\` text null, \`recorded_at\` datetime not null, constraint \`service_pact_state_change_pact_id_foreign\` foreign key(\`pact_id\`) references \`service_pact\`(\`id\`) on delete cascade on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`service_pact_state_change_pact_id_index\` on \`service_pact_state_change\` (\`pact_id\`);`);
    this.addSql(`create index \`service_pact_state_change_pact_id_effective_on_index\` on \`service_pact_state_change\` (\`pact_id\`, \`effective_on\`);`);

    this.addSql(`create table \`social_inclusion_pact\` (\`id\` text not null, \`household_id\` text not null, \`municipality\` text not null, \`social_services_code\` text not null, \`state\` text check (\`state\` in ('TO_CONVENE', 'PRELIMINARY_ANALYSIS', 'ANALYSIS_FRAMEWORK', 'SIGNED', 'MONITORING', 'COMPLETED', 'LAPSED')) not null, \`pad_signed_on\` date not null, \`signed_on\` date null, \`state_date\` date not null, \`created_at\` datetime not null, constraint \`social_inclusion_pact_household_id_foreign\` foreign key(\`household_id\`) references \`household\`(\`id\`) on delete cascade on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`social_inclusion_pact_household_id_index\` on \`social_inclusion_pact\` (\`household_id\`);`);
    this.addSql(`create index \`social_inclusion_pact_municipality_index\` on \`social_inclusion_pact\` (\`municipality\`);`);
    this.addSql(`create index \`social_inclusion_pact_state_index\` on \`social_inclusion_pact\` (\`state\`);`);
    this.addSql(`create index \`social_inclusion_pact_household_id_pad_signed_on_index\` on \`social_inclusion_pact\` (\`household_id\`, \`pad_signed_on\`);`);

    this.addSql(`create table \`social_inclusion_pact_state_change\` (\`id\` text not null, \`pact_id\` text not null, \`from_state\` text check (\`from_state\` in ('TO_CONVENE', 'PRELIMINARY_ANALYSIS', 'ANALYSIS_FRAMEWORK', 'SIGNED', 'MONITORING', 'COMPLETED', 'LAPSED')) null, \`to_state\` text check (\`to_state\` in ('TO_CONVENE', 'PRELIMINARY_ANALYSIS', 'ANALYSIS_FRAMEWORK', 'SIGNED', 'MONITORING', 'COMPLETED', 'LAPSED')) not null, \`effective_on\` date not null, \`reason\` text null, \`recorded_by\` text null, \`recorded_at\` datetime not null, constraint \`social_inclusion_pact_state_change_pact_id_foreign\` foreign key(\`pact_id\`) references \`social_inclusion_pact\`(\`id\`) on delete cascade on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`social_inclusion_pact_state_change_pact_id_index\` on \`social_inclusion_pact_state_change\` (\`pact_id\`);`);
    this.addSql(`create index \`social_inclusion_pact_state_change_pact_id_effective_on_index\` on \`social_inclusion_pact_state_change\` (\`pact_id\`, \`effective_on\`);`);
  }

}
