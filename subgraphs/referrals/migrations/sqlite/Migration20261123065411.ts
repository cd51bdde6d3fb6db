import { Migration } from '@mikro-orm/migrations';

export class Migration20261123065411 extends Migration {

  // Trimmed by hand to the new table and column: the generator also rebuilt service_point,
  // referral, desk_contact, desk_contact_event and the appointment tables, only because
  // SQLite's introspection cannot read foreign-key rules back (their definitions are unchanged).
  override async up(): Promise<void> {
    this.addSql(`create table \`person_competence\` (\`fiscal_code\` text not null, \`worker_id\` text not null, \`domicile_municipality\` text not null, \`service_pact_job_centre\` text null, \`availability_job_centre\` text null, \`record_job_centre\` text null, \`inclusion_pact_municipality\` text null, \`updated_at\` datetime not null, primary key (\`fiscal_code\`));`);
    this.addSql(`alter table \`referral_event\` add column \`purpose\` text null;`);
  }

}
