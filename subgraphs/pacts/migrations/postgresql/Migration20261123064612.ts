import { Migration } from '@mikro-orm/migrations';

export class Migration20261123064612 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "digital_activation_pact" ("id" uuid not null, "member_id" uuid not null, "signed_on" date not null, "recorded_by" varchar(100) null, "purpose" varchar(40) null, "recorded_at" timestamptz not null, constraint "digital_activation_pact_pkey" primary key ("id"));`);
    this.addSql(`alter table "digital_activation_pact" add constraint "digital_activation_pact_member_id_unique" unique ("member_id");`);

    this.addSql(`alter table "digital_activation_pact" add constraint "digital_activation_pact_member_id_foreign" foreign key ("member_id") references "household_member" ("id") on update cascade on delete cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "digital_activation_pact" cascade;`);
  }

}
