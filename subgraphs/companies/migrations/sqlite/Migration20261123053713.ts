import { Migration } from '@mikro-orm/migrations';

/** Retention of monthly returns: when their worker lines were deleted. */
export class Migration20261123053713 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table \`monthly_return\` add column \`lines_erased_at\` datetime null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table \`monthly_return\` drop column \`lines_erased_at\`;`);
  }
}
