import { Migration } from '@mikro-orm/migrations';

/** Training courses are unique per (source, supplier, course id): each Cassa Edile numbers its own courses. Written by hand: the generated diff also rebuilt unchanged tables. */
export class Migration20261123035803 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`drop index \`training_course_source_external_id_unique\`;`);
    this.addSql(`alter table \`training_course\` add column \`supplier\` text null;`);
    this.addSql(`create unique index \`training_course_source_supplier_external_id_unique\` on \`training_course\` (\`source\`, \`supplier\`, \`external_id\`);`);
  }

}
