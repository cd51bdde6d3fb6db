import { Migration } from '@mikro-orm/migrations';

export class Migration20261123061637 extends Migration {

  // Trimmed by hand to the two new tables: the generator also rebuilt service_point,
  // referral and referral_event, only because SQLite's introspection cannot read
  // foreign-key rules back (their definitions are unchanged).
  override async up(): Promise<void> {
    this.addSql(`create table \`desk_contact\` (\`id\` text not null, \`desk_code\` text not null, \`organisation\` text not null, \`fiscal_code\` text null, \`worker_id\` text null, \`user_type\` text check (\`user_type\` in ('WORKER', 'UNEMPLOYED', 'PENSIONER', 'MIGRANT', 'STUDENT', 'OTHER')) not null, \`need\` text check (\`need\` in ('JOB_SEARCH', 'INCOME_SUPPORT', 'HOUSING', 'HEALTH_CARE', 'TRAINING', 'CONSTRUCTION_SECTOR_BENEFITS', 'OTHER')) not null, \`outcome\` text check (\`outcome\` in ('INFORMATION', 'ORIENTATION', 'REFERRAL', 'ACCOMPANIMENT', 'NO_FOLLOW_UP')) not null, \`contacted_at\` datetime not null, \`consent_given_at\` datetime not null, \`consent_recorded_as\` text check (\`consent_recorded_as\` in ('SIGNED_FORM', 'ELECTRONIC_SIGNATURE', 'SPID_CONFIRMATION')) not null, \`consent_withdrawn_at\` datetime null, \`recorded_by\` text not null, \`created_at\` datetime not null, constraint \`desk_contact_desk_code_foreign\` foreign key(\`desk_code\`) references \`service_point\`(\`code\`) on delete restrict on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`desk_contact_desk_code_index\` on \`desk_contact\` (\`desk_code\`);`);
    this.addSql(`create index \`desk_contact_organisation_index\` on \`desk_contact\` (\`organisation\`);`);
    this.addSql(`create index \`desk_contact_desk_code_contacted_at_index\` on \`desk_contact\` (\`desk_code\`, \`contacted_at\`);`);

    this.addSql(`create table \`desk_contact_event\` (\`id\` text not null, \`contact_id\` text not null, \`sequence\` integer not null, \`action\` text check (\`action\` in ('REGISTERED', 'REFERRED', 'CONSENT_WITHDRAWN')) not null, \`at\` datetime not null, \`recorded_by\` text not null, \`organisation\` text not null, \`purpose\` text check (\`purpose\` in ('EMPLOYMENT_SERVICES', 'SOCIAL_INCLUSION', 'REFERRAL', 'MANDATORY_NOTICE', 'CASSA_EDILE_NOTIFICATION', 'REGULARITY_CHECK', 'TRAINING_RECORD', 'STATISTICS', 'SELF_SERVICE', 'SUPERVISION', 'ADMINISTRATION')) not null, \`note\` text null, \`referral_id\` text null, constraint \`desk_contact_event_contact_id_foreign\` foreign key(\`contact_id\`) references \`desk_contact\`(\`id\`) on delete cascade on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`desk_contact_event_contact_id_index\` on \`desk_contact_event\` (\`contact_id\`);`);
    this.addSql(`create unique index \`desk_contact_event_contact_id_sequence_unique\` on \`desk_contact_event\` (\`contact_id\`, \`sequence\`);`);
  }

}
