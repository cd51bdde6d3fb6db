import { Migration } from '@mikro-orm/migrations';

export class Migration20261123082351 extends Migration {

  override async up(): Promise<void> {
    // Written by hand: SQLite cannot drop a NOT NULL in place (the generator left it out), so
    // the table is rebuilt with worker_id and domicile_municipality nullable and the two stamps.
    this.addSql(`pragma foreign_keys = off;`);
    this.addSql(`create table \`person_competence__temp_alter\` (\`fiscal_code\` text not null, \`worker_id\` text null, \`domicile_municipality\` text null, \`service_pact_job_centre\` text null, \`availability_job_centre\` text null, \`record_job_centre\` text null, \`inclusion_pact_municipality\` text null, \`updated_at\` datetime not null, \`workers_changed_at\` datetime null, \`pacts_changed_at\` datetime null, primary key (\`fiscal_code\`));`);
    this.addSql(`insert into \`person_competence__temp_alter\` select \`fiscal_code\`, \`worker_id\`, \`domicile_municipality\`, \`service_pact_job_centre\`, \`availability_job_centre\`, \`record_job_centre\`, \`inclusion_pact_municipality\`, \`updated_at\`, null, null from \`person_competence\`;`);
    this.addSql(`drop table \`person_competence\`;`);
    this.addSql(`alter table \`person_competence__temp_alter\` rename to \`person_competence\`;`);
    this.addSql(`pragma foreign_keys = on;`);
  }

}
