import { Migration } from '@mikro-orm/migrations';

export class Migration20261122210030 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`service_point\` (\`code\` text not null, \`kind\` text check (\`kind\` in ('JOB_CENTRE', 'JOB_CENTRE_DESK', 'SOCIAL_SERVICES', 'SOCIAL_DESK', 'CASSA_EDILE', 'PATRONATO')) not null, \`name\` text not null, \`municipality\` text not null, \`province\` text not null, \`address\` text not null, \`manager\` text not null, \`public_housing_neighbourhood\` integer not null, \`parent_code\` text null, constraint \`service_point_parent_code_foreign\` foreign key(\`parent_code\`) references \`service_point\`(\`code\`) on delete restrict on update cascade, primary key (\`code\`));`);
    this.addSql(`create index \`service_point_kind_index\` on \`service_point\` (\`kind\`);`);
    this.addSql(`create index \`service_point_province_index\` on \`service_point\` (\`province\`);`);
    this.addSql(`create index \`service_point_parent_code_index\` on \`service_point\` (\`parent_code\`);`);

    this.addSql(`create table \`referral\` (\`id\` text not null, \`worker_id\` text not null, \`worker_fiscal_code\` text not null, \`from_code\` text not null, \`to_code\` text not null, \`reason\` text check (\`reason\` in ('WORK_ACTIVATION', 'SOCIAL_NEEDS', 'CONSTRUCTION_SECTOR', 'BENEFIT_APPLICATION', 'ORIENTATION')) not null, \`motivation\` text null, \`legal_basis\` text check (\`legal_basis\` in ('LEGAL_OBLIGATION', 'CONSENT')) not null, \`state\` text check (\`state\` in ('DRAFT', 'SENT', 'ACCEPTED', 'REJECTED', 'EXPIRED', 'APPOINTMENT_SET', 'TAKEN_IN_CHARGE', 'CLOSED', 'WITHDRAWN')) not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`sent_at\` datetime null, \`due_by\` date null, \`rejection_reason\` text null, \`outcome\` text null, constraint \`referral_from_code_foreign\` foreign key(\`from_code\`) references \`service_point\`(\`code\`) on delete restrict on update cascade, constraint \`referral_to_code_foreign\` foreign key(\`to_code\`) references \`service_point\`(\`code\`) on delete restrict on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`referral_worker_id_index\` on \`referral\` (\`worker_id\`);`);
    this.addSql(`create index \`referral_worker_fiscal_code_index\` on \`referral\` (\`worker_fiscal_code\`);`);
    this.addSql(`create index \`referral_from_code_index\` on \`referral\` (\`from_code\`);`);
    this.addSql(`create index \`referral_to_code_index\` on \`referral\` (\`to_code\`);`);
    this.addSql(`create index \`referral_state_index\` on \`referral\` (\`state\`);`);
    this.addSql(`create index \`referral_from_code_created_at_id_index\` on \`referral\` (\`from_code\`, \`created_at\`, \`id\`);`);
    this.addSql(`create index \`referral_to_code_created_at_id_index\` on \`referral\` (\`to_code\`, \`created_at\`, \`id\`);`);

    this.addSql(`create table \`referral_event\` (\`id\` text not null, \`referral_id\` text not null, \`sequence\` integer not null, \`from_state\` text check (\`from_state\` in ('DRAFT', 'SENT', 'ACCEPTED', 'REJECTED', 'EXPIRED', 'APPOINTMENT_SET', 'TAKEN_IN_CHARGE', 'CLOSED', 'WITHDRAWN')) null, \`to_state\` text check (\`to_state\` in ('DRAFT', 'SENT', 'ACCEPTED', 'REJECTED', 'EXPIRED', 'APPOINTMENT_SET', 'TAKEN_IN_CHARGE', 'CLOSED', 'WITHDRAWN')) not null, \`at\` datetime not null, \`note\` text null, \`recorded_by\` text null, constraint \`referral_event_referral_id_foreign\` foreign key(\`referral_id\`) references \`referral\`(\`id\`) on delete cascade on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`referral_event_referral_id_index\` on \`referral_event\` (\`referral_id\`);`);
    this.addSql(`create unique index \`referral_event_referral_id_sequence_unique\` on \`referral_event\` (\`referral_id\`, \`sequence\`);`);
  }

}
