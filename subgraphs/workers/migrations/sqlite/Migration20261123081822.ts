import { Migration } from '@mikro-orm/migrations';

export class Migration20261123081822 extends Migration {

  // Trimmed by hand to the new contacts table: the generator also rebuilt the tables whose
  // foreign-key rules SQLite's introspection cannot read back (unchanged).
  override async up(): Promise<void> {
    this.addSql(`create table \`worker_contacts\` (\`worker_id\` text not null, \`phone\` text null, \`phone_source\` text check (\`phone_source\` in ('SELF_DECLARED', 'JOB_CENTRE', 'SOCIAL_SERVICES', 'REGION')) null, \`phone_updated_at\` datetime null, \`mobile_phone\` text null, \`mobile_phone_source\` text check (\`mobile_phone_source\` in ('SELF_DECLARED', 'JOB_CENTRE', 'SOCIAL_SERVICES', 'REGION')) null, \`mobile_phone_updated_at\` datetime null, \`email\` text null, \`email_source\` text check (\`email_source\` in ('SELF_DECLARED', 'JOB_CENTRE', 'SOCIAL_SERVICES', 'REGION')) null, \`email_updated_at\` datetime null, \`pec\` text null, \`pec_source\` text check (\`pec_source\` in ('SELF_DECLARED', 'JOB_CENTRE', 'SOCIAL_SERVICES', 'REGION')) null, \`pec_updated_at\` datetime null, \`street\` text null, \`street_number\` text null, \`postcode\` text null, \`address_source\` text check (\`address_source\` in ('SELF_DECLARED', 'JOB_CENTRE', 'SOCIAL_SERVICES', 'REGION')) null, \`address_updated_at\` datetime null, \`created_at\` datetime not null, constraint \`worker_contacts_worker_id_foreign\` foreign key(\`worker_id\`) references \`worker\`(\`id\`) on delete cascade on update cascade, primary key (\`worker_id\`));`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists \`worker_contacts\`;`);
  }

}
