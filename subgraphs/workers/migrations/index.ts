import { type MigrationObject } from '@mikro-orm/core';
import { type Platform } from '../../lib/orm';
import { Migration20261122205110 as SqliteMigration20261122205110 } from './sqlite/Migration20261122205110';
import { Migration20261122205110 as PostgresMigration20261122205110 } from './postgresql/Migration20261122205110';

/** Committed migrations of the workers subgraph, per platform (written by scripts/migrations.ts). */
export const migrations: Record<Platform, MigrationObject[]> = {
  sqlite: [{ name: 'Migration20261122205110', class: SqliteMigration20261122205110 }],
  postgresql: [{ name: 'Migration20261122205110', class: PostgresMigration20261122205110 }],
};
