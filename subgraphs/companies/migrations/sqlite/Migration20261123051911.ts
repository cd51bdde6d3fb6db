import { Migration } from '@mikro-orm/migrations';

/** Bulk exports of the companies subgraph (table bulk_export). Written by hand: the generated diff also rebuilt unchanged tables. */
export class Migration20261123051911 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`bulk_export\` (\`id\` text not null, \`recipient\` text not null, \`dataset\` text check (\`dataset\` in ('RELATIONSHIPS', 'REGISTRY', 'TRAINING')) not null, \`format\` text check (\`format\` in ('NDJSON', 'CSV')) not null, \`trigger\` text check (\`trigger\` in ('REQUEST', 'SCHEDULE', 'COMMAND_LINE')) not null, \`status\` text check (\`status\` in ('PENDING', 'RUNNING', 'READY', 'FAILED', 'EXPIRED')) not null default 'PENDING', \`requested_by\` text not null, \`requested_at\` datetime not null, \`period_from\` date null, \`period_to\` date null, \`slot_key\` text null, \`locked_until\` datetime null, \`started_at\` datetime null, \`completed_at\` datetime null, \`expires_at\` datetime null, \`expired_at\` datetime null, \`row_count\` bigint null, \`byte_count\` bigint null, \`sha256\` text null, \`file_name\` text null, \`error\` text null, \`audit_parts\` integer null, \`first_downloaded_at\` datetime null, \`last_downloaded_at\` datetime null, \`download_count\` integer not null default 0, primary key (\`id\`));`);
    this.addSql(`create unique index \`bulk_export_slot_key_unique\` on \`bulk_export\` (\`slot_key\`);`);
    this.addSql(`create index \`bulk_export_status_expires_at_index\` on \`bulk_export\` (\`status\`, \`expires_at\`);`);
    this.addSql(`create index \`bulk_export_recipient_requested_at_index\` on \`bulk_export\` (\`recipient\`, \`requested_at\`);`);
  }

}
