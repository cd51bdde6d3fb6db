import { Migration } from '@mikro-orm/migrations';

export class Migration20261122231832 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "employer" add column "construction" boolean not null default false;`);
    this.addSql(`create index "employer_construction_index" on "employer" ("construction");`);
    // Existing employers: the sector as derivedEmployerColumns() computes it (ATECO section F or a construction CCNL, list of construction.ts).
    this.addSql(`update "employer" set "construction" = true where "ateco_section" = 'F' or "ccnl" in ('068', '069', '070', '071', 'F011', 'F012', 'F015', 'F016', 'F017', 'F018');`);

    this.addSql(`alter table "employment_relationship" add column "worker_domicile_municipality" varchar(6) null;`);
    this.addSql(`create index "employment_relationship_worker_domicile_municipality_index" on "employment_relationship" ("worker_domicile_municipality");`);

    this.addSql(`alter table "mandatory_notice" add column "worker_domicile_municipality" varchar(6) null;`);
    this.addSql(`create index "mandatory_notice_worker_domicile_municipality_index" on "mandatory_notice" ("worker_domicile_municipality");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "employer_construction_index";`);
    this.addSql(`alter table "employer" drop column "construction";`);

    this.addSql(`drop index "employment_relationship_worker_domicile_municipality_index";`);
    this.addSql(`alter table "employment_relationship" drop column "worker_domicile_municipality";`);

    this.addSql(`drop index "mandatory_notice_worker_domicile_municipality_index";`);
    this.addSql(`alter table "mandatory_notice" drop column "worker_domicile_municipality";`);
  }

}
