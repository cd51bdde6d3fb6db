import { Migration } from '@mikro-orm/migrations';

export class Migration20261123082351 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "person_competence" add column "workers_changed_at" timestamptz null, add column "pacts_changed_at" timestamptz null;`);
    this.addSql(`alter table "person_competence" alter column "worker_id" drop default;`);
    this.addSql(`alter table "person_competence" alter column "worker_id" type uuid using ("worker_id"::text::uuid);`);
    this.addSql(`alter table "person_competence" alter column "worker_id" drop not null;`);
    this.addSql(`alter table "person_competence" alter column "domicile_municipality" type varchar(6) using ("domicile_municipality"::varchar(6));`);
    this.addSql(`alter table "person_competence" alter column "domicile_municipality" drop not null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "person_competence" drop column "workers_changed_at", drop column "pacts_changed_at";`);

    this.addSql(`alter table "person_competence" alter column "worker_id" drop default;`);
    this.addSql(`alter table "person_competence" alter column "worker_id" type uuid using ("worker_id"::text::uuid);`);
    this.addSql(`alter table "person_competence" alter column "worker_id" set not null;`);
    this.addSql(`alter table "person_competence" alter column "domicile_municipality" type varchar(6) using ("domicile_municipality"::varchar(6));`);
    this.addSql(`alter table "person_competence" alter column "domicile_municipality" set not null;`);
  }

}
