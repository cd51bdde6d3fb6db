import { Migration } from '@mikro-orm/migrations';

export class Migration20261123063002 extends Migration {

  override async up(): Promise<void> {
    // Trimmed by hand to the change the PostgreSQL migration of the same step makes: the
    // SQLite diff also rebuilt every table because SQLite cannot report foreign-key rules back.
    this.addSql(`create table \`convocation_exclusion\` (\`id\` text not null, \`member_id\` text not null, \`fiscal_code\` text not null, \`reason\` text check (\`reason\` in ('CARE_OF_CHILD_UNDER_3', 'CARE_OF_DISABLED_OR_DEPENDENT', 'DISABILITY', 'HEALTH_OR_CARE_PROGRAMME', 'VIOLENCE_PROTECTION_PROGRAMME', 'AGED_60_OR_OVER', 'IN_EDUCATION_OR_TRAINING', 'EMPLOYED')) not null, \`details\` text null, \`since\` date not null, \`recorded_by\` text null, \`purpose\` text null, \`recorded_at\` datetime not null, \`ended_on\` date null, \`end_reason\` text null, \`ended_by\` text null, \`end_purpose\` text null, constraint \`convocation_exclusion_member_id_foreign\` foreign key(\`member_id\`) references \`household_member\`(\`id\`) on delete cascade on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`convocation_exclusion_member_id_index\` on \`convocation_exclusion\` (\`member_id\`);`);
    this.addSql(`create index \`convocation_exclusion_fiscal_code_index\` on \`convocation_exclusion\` (\`fiscal_code\`);`);
    this.addSql(`alter table \`social_inclusion_pact\` add column \`preliminary_analysis_on\` date null;`);
    this.addSql(`alter table \`social_inclusion_pact_state_change\` add column \`purpose\` text null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists \`convocation_exclusion\`;`);
    this.addSql(`alter table \`social_inclusion_pact\` drop column \`preliminary_analysis_on\`;`);
    this.addSql(`alter table \`social_inclusion_pact_state_change\` drop column \`purpose\`;`);
  }

}
