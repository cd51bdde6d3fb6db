import { type MigrationObject } from '@mikro-orm/core';
import { type Platform } from '../../orm';
import { Migration20261122232500 as SqliteMigration20261122232500 } from './sqlite/Migration20261122232500';
import { Migration20261124090000 as SqliteMigration20261124090000 } from './sqlite/Migration20261124090000';
import { Migration20261125090000 as SqliteMigration20261125090000 } from './sqlite/Migration20261125090000';
import { Migration20261122232500 as PostgresMigration20261122232500 } from './postgresql/Migration20261122232500';
import { Migration20261124090000 as PostgresMigration20261124090000 } from './postgresql/Migration20261124090000';
import { Migration20261125090000 as PostgresMigration20261125090000 } from './postgresql/Migration20261125090000';

/** Committed migrations of the shared audit store, per platform (same layout as each subgraph's). */
export const migrations: Record<Platform, MigrationObject[]> = {
  sqlite: [
    { name: 'Migration20261122232500', class: SqliteMigration20261122232500 },
    { name: 'Migration20261124090000', class: SqliteMigration20261124090000 },
    { name: 'Migration20261125090000', class: SqliteMigration20261125090000 },
  ],
  postgresql: [
    { name: 'Migration20261122232500', class: PostgresMigration20261122232500 },
    { name: 'Migration20261124090000', class: PostgresMigration20261124090000 },
    { name: 'Migration20261125090000', class: PostgresMigration20261125090000 },
  ],
};
