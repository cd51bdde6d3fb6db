import { Migration } from '@mikro-orm/migrations';

export class Migration20261123081346 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`convocation_exclusion_replica\` (\`exclusion_id\` text not null, \`fiscal_code\` text not null, \`reason\` text not null, \`since\` date not null, \`ended_on\` date null, \`changed_at\` datetime not null, primary key (\`exclusion_id\`));`);
    this.addSql(`create index \`convocation_exclusion_replica_fiscal_code_index\` on \`convocation_exclusion_replica\` (\`fiscal_code\`);`);
  }

}
