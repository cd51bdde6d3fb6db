import { Migration } from '@mikro-orm/migrations';

export class Migration20261123063923 extends Migration {

  override async up(): Promise<void> {
    // Trimmed by hand to the change the PostgreSQL migration of the same step makes: the
    // SQLite diff also rebuilt every table because SQLite cannot report foreign-key rules back.
    this.addSql(`create table \`activation_routing\` (\`id\` text not null, \`pact_id\` text not null, \`member_id\` text not null, \`fiscal_code\` text not null, \`worker_id\` text not null, \`job_centre_code\` text not null, \`routed_on\` date not null, \`recorded_by\` text null, \`purpose\` text null, \`recorded_at\` datetime not null, constraint \`activation_routing_pact_id_foreign\` foreign key(\`pact_id\`) references \`social_inclusion_pact\`(\`id\`) on delete cascade on update cascade, constraint \`activation_routing_member_id_foreign\` foreign key(\`member_id\`) references \`household_member\`(\`id\`) on delete cascade on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`activation_routing_pact_id_index\` on \`activation_routing\` (\`pact_id\`);`);
    this.addSql(`create index \`activation_routing_member_id_index\` on \`activation_routing\` (\`member_id\`);`);
    this.addSql(`create index \`activation_routing_fiscal_code_index\` on \`activation_routing\` (\`fiscal_code\`);`);
    this.addSql(`create index \`activation_routing_job_centre_code_index\` on \`activation_routing\` (\`job_centre_code\`);`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists \`activation_routing\`;`);
  }

}
