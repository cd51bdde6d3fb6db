import { type MigrationObject } from '@mikro-orm/core';
import { type Platform } from '../../lib/orm';
import { Migration20261122210836 as SqliteMigration20261122210836 } from './sqlite/Migration20261122210836';
import { Migration20261122210836 as PostgresMigration20261122210836 } from './postgresql/Migration20261122210836';

/** Committed migrations of the workers subgraph, per platform (written by scripts/migrations.ts). */
export const migrations: Record<Platform, MigrationObject[]> = {
  sqlite: [{ name: 'Migration20261122210836', class: SqliteMigration20261122210836 }],
  postgresql: [{ name: 'Migration20261122210836', class: PostgresMigration20261122210836 }],
};
