import { Migration } from '@mikro-orm/migrations';

/** Retention of what a Cassa Edile receives: the notification's month and erasure, and the Cassa's deletion confirmations. */
export class Migration20261123051616 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table \`cassa_edile_deletion_confirmation\` (\`id\` text not null, \`cassa_code\` text not null, \`period\` text not null, \`confirmed_at\` datetime not null, \`confirmed_by\` text not null, primary key (\`id\`));`);
    this.addSql(`create unique index \`cassa_edile_deletion_confirmation_cassa_code_period_unique\` on \`cassa_edile_deletion_confirmation\` (\`cassa_code\`, \`period\`);`);
    this.addSql(`alter table \`outbox_event\` add column \`period\` text null;`);
    this.addSql(`alter table \`outbox_event\` add column \`erased_at\` datetime null;`);
    this.addSql(`create index \`outbox_event_topic_recipient_period_index\` on \`outbox_event\` (\`topic\`, \`recipient\`, \`period\`);`);
    // Notifications written before: their month from the time they were written (stored in milliseconds).
    this.addSql(`update \`outbox_event\` set \`period\` = strftime('%Y-%m', \`created_at\` / 1000, 'unixepoch') where \`topic\` = 'cassa-edile.notice';`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists \`cassa_edile_deletion_confirmation\`;`);
    this.addSql(`drop index if exists \`outbox_event_topic_recipient_period_index\`;`);
    this.addSql(`alter table \`outbox_event\` drop column \`erased_at\`;`);
    this.addSql(`alter table \`outbox_event\` drop column \`period\`;`);
  }
}
