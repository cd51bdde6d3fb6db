import { Migration } from '@mikro-orm/migrations';

export class Migration20261123082215 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`outbox_event\` (\`seq\` integer not null primary key autoincrement, \`event_id\` text not null, \`topic\` text not null, \`recipient\` text not null, \`payload\` json not null, \`created_at\` datetime not null, \`status\` text check (\`status\` in ('PENDING', 'DELIVERED', 'DEAD')) not null default 'PENDING', \`attempts\` integer not null default 0, \`next_attempt_at\` datetime not null, \`locked_until\` datetime null, \`delivered_at\` datetime null, \`period\` text null, \`erased_at\` datetime null, \`last_error\` text null);`);
    this.addSql(`create unique index \`outbox_event_event_id_unique\` on \`outbox_event\` (\`event_id\`);`);
    this.addSql(`create index \`outbox_event_topic_recipient_period_index\` on \`outbox_event\` (\`topic\`, \`recipient\`, \`period\`);`);
    this.addSql(`create index \`outbox_event_recipient_topic_seq_index\` on \`outbox_event\` (\`recipient\`, \`topic\`, \`seq\`);`);
    this.addSql(`create index \`outbox_event_status_next_attempt_at_index\` on \`outbox_event\` (\`status\`, \`next_attempt_at\`);`);
  }

}
