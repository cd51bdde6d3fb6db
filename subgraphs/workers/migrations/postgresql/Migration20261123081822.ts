import { Migration } from '@mikro-orm/migrations';

export class Migration20261123081822 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "worker_contacts" ("worker_id" uuid not null, "phone" varchar(16) null, "phone_source" text check ("phone_source" in ('SELF_DECLARED', 'JOB_CENTRE', 'SOCIAL_SERVICES', 'REGION')) null, "phone_updated_at" timestamptz null, "mobile_phone" varchar(16) null, "mobile_phone_source" text check ("mobile_phone_source" in ('SELF_DECLARED', 'JOB_CENTRE', 'SOCIAL_SERVICES', 'REGION')) null, "mobile_phone_updated_at" timestamptz null, "email" varchar(254) null, "email_source" text check ("email_source" in ('SELF_DECLARED', 'JOB_CENTRE', 'SOCIAL_SERVICES', 'REGION')) null, "email_updated_at" timestamptz null, "pec" varchar(254) null, "pec_source" text check ("pec_source" in ('SELF_DECLARED', 'JOB_CENTRE', 'SOCIAL_SERVICES', 'REGION')) null, "pec_updated_at" timestamptz null, "street" varchar(200) null, "street_number" varchar(16) null, "postcode" varchar(5) null, "address_source" text check ("address_source" in ('SELF_DECLARED', 'JOB_CENTRE', 'SOCIAL_SERVICES', 'REGION')) null, "address_updated_at" timestamptz null, "created_at" timestamptz not null, constraint "worker_contacts_pkey" primary key ("worker_id"));`);

    this.addSql(`alter table "worker_contacts" add constraint "worker_contacts_worker_id_foreign" foreign key ("worker_id") references "worker" ("id") on update cascade on delete cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "worker_contacts" cascade;`);
  }

}
