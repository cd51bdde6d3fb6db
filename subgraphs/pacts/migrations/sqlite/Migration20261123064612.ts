import { Migration } from '@mikro-orm/migrations';

export class Migration20261123064612 extends Migration {

  override async up(): Promise<void> {
    // Trimmed by hand to the change the PostgreSQL migration of the same step makes: the
    // SQLite diff also rebuilt every table because SQLite cannot report foreign-key rules back.
    this.addSql(`create table \`digital_activation_pact\` (\`id\` text not null, \`member_id\` text not null, \`signed_on\` date not null, \`recorded_by\` text null, \`purpose\` text null, \`recorded_at\` datetime not null, constraint \`digital_activation_pact_member_id_foreign\` foreign key(\`member_id\`) references \`household_member\`(\`id\`) on delete cascade on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`digital_activation_pact_member_id_index\` on \`digital_activation_pact\` (\`member_id\`);`);
    this.addSql(`create unique index \`digital_activation_pact_member_id_unique\` on \`digital_activation_pact\` (\`member_id\`);`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists \`digital_activation_pact\`;`);
  }

}
