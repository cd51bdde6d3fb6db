import { Migration } from '@mikro-orm/migrations';

/** Training courses are unique per (source, supplier, course id): each Cassa Edile numbers its own courses. */
export class Migration20261123035803 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "training_course" drop constraint "training_course_source_external_id_unique";`);

    this.addSql(`alter table "training_course" add column "supplier" varchar(40) null;`);
    this.addSql(`alter table "training_course" add constraint "training_course_source_supplier_external_id_unique" unique ("source", "supplier", "external_id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "training_course" drop constraint "training_course_source_supplier_external_id_unique";`);
    this.addSql(`alter table "training_course" drop column "supplier";`);

    this.addSql(`alter table "training_course" add constraint "training_course_source_external_id_unique" unique ("source", "external_id");`);
  }

}
