import { Migration } from '@mikro-orm/migrations';

/** Rectifications and annulments (issue 4 point 1): what a stored notice does, and the notice it corrects. Written by hand: the generated diff rebuilt an unchanged table and put the foreign key on the wrong column. */
export class Migration20261123034213 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table \`mandatory_notice\` add column \`action\` text check (\`action\` in ('FILING', 'RECTIFICATION', 'ANNULMENT')) not null default 'FILING';`);
    this.addSql(`alter table \`mandatory_notice\` add column \`corrects_id\` text null constraint \`mandatory_notice_corrects_id_foreign\` references \`mandatory_notice\` (\`id\`) on update cascade on delete cascade;`);
    this.addSql(`create index \`mandatory_notice_corrects_id_index\` on \`mandatory_notice\` (\`corrects_id\`);`);
  }

}
