import { Migration } from '@mikro-orm/migrations';

/** DID changes proposed by mandatory notices and sanctions, decided by an operator; the cause, proposal and purpose in the DID history. Written by hand: the generated diff also rebuilt unchanged tables. */
export class Migration20261123061619 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`did_change_proposal\` (\`id\` text not null, \`declaration_id\` text not null, \`worker_id\` text not null, \`kind\` text check (\`kind\` in ('SUSPEND', 'LAPSE', 'RESUME', 'SANCTION_NO_SHOW', 'SANCTION_OFFER_REFUSED')) not null, \`to_status\` text check (\`to_status\` in ('INSERTED', 'VALIDATED', 'SUSPENDED', 'LAPSED', 'REVOKED', 'CANCELLED')) not null, \`cause_reference\` text not null, \`notice_code\` text null, \`effective_on\` date not null, \`proposal_reason\` text not null, \`proposed_by\` text not null, \`proposed_at\` datetime not null, \`status\` text check (\`status\` in ('PENDING', 'CONFIRMED', 'REJECTED', 'WITHDRAWN', 'SUPERSEDED')) not null default 'PENDING', \`decided_by\` text null, \`decided_at\` datetime null, \`decision_reason\` text null, \`purpose\` text null, constraint \`did_change_proposal_declaration_id_foreign\` foreign key(\`declaration_id\`) references \`availability_declaration\`(\`id\`) on delete cascade on update cascade, constraint \`did_change_proposal_worker_id_foreign\` foreign key(\`worker_id\`) references \`worker\`(\`id\`) on delete cascade on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`did_change_proposal_declaration_id_index\` on \`did_change_proposal\` (\`declaration_id\`);`);
    this.addSql(`create index \`did_change_proposal_worker_id_index\` on \`did_change_proposal\` (\`worker_id\`);`);
    this.addSql(`create index \`did_change_proposal_declaration_idx\` on \`did_change_proposal\` (\`declaration_id\`);`);
    this.addSql(`create index \`did_change_proposal_worker_idx\` on \`did_change_proposal\` (\`worker_id\`);`);
    this.addSql(`create index \`did_change_proposal_status_idx\` on \`did_change_proposal\` (\`status\`, \`proposed_at\`);`);
    this.addSql(`create unique index \`did_change_proposal_cause_unique\` on \`did_change_proposal\` (\`declaration_id\`, \`kind\`, \`cause_reference\`);`);

    this.addSql(`alter table \`availability_status_change\` add column \`purpose\` text null;`);
    this.addSql(`alter table \`availability_status_change\` add column \`cause_kind\` text check (\`cause_kind\` in ('SUSPEND', 'LAPSE', 'RESUME', 'SANCTION_NO_SHOW', 'SANCTION_OFFER_REFUSED')) null;`);
    this.addSql(`alter table \`availability_status_change\` add column \`cause_reference\` text null;`);
    this.addSql(`alter table \`availability_status_change\` add column \`notice_code\` text null;`);
    this.addSql(`alter table \`availability_status_change\` add column \`proposal_id\` text null;`);
    this.addSql(`alter table \`availability_status_change\` add column \`proposed_by\` text null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists \`did_change_proposal\`;`);
    for (const column of ['purpose', 'cause_kind', 'cause_reference', 'notice_code', 'proposal_id', 'proposed_by']) {
      this.addSql(`alter table \`availability_status_change\` drop column \`${column}\`;`);
    }
  }

}
