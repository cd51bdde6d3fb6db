import { type MigrationObject } from '@mikro-orm/core';
import { type Platform } from '../../lib/orm';
import { Migration20261122210836 as SqliteMigration20261122210836 } from './sqlite/Migration20261122210836';
import { Migration20261122232202 as SqliteMigration20261122232202 } from './sqlite/Migration20261122232202';
import { Migration20261123035803 as SqliteMigration20261123035803 } from './sqlite/Migration20261123035803';
import { Migration20261123051944 as SqliteMigration20261123051944 } from './sqlite/Migration20261123051944';
import { Migration20261123054650 as SqliteMigration20261123054650 } from './sqlite/Migration20261123054650';
import { Migration20261123061619 as SqliteMigration20261123061619 } from './sqlite/Migration20261123061619';
import { Migration20261123065906 as SqliteMigration20261123065906 } from './sqlite/Migration20261123065906';
import { Migration20261123081600 as SqliteMigration20261123081600 } from './sqlite/Migration20261123081600';
import { Migration20261123081822 as SqliteMigration20261123081822 } from './sqlite/Migration20261123081822';
import { Migration20261123082215 as SqliteMigration20261123082215 } from './sqlite/Migration20261123082215';
import { Migration20261122210836 as PostgresMigration20261122210836 } from './postgresql/Migration20261122210836';
import { Migration20261122232202 as PostgresMigration20261122232202 } from './postgresql/Migration20261122232202';
import { Migration20261123035803 as PostgresMigration20261123035803 } from './postgresql/Migration20261123035803';
import { Migration20261123051944 as PostgresMigration20261123051944 } from './postgresql/Migration20261123051944';
import { Migration20261123054650 as PostgresMigration20261123054650 } from './postgresql/Migration20261123054650';
import { Migration20261123061619 as PostgresMigration20261123061619 } from './postgresql/Migration20261123061619';
import { Migration20261123065905 as PostgresMigration20261123065905 } from './postgresql/Migration20261123065905';
import { Migration20261123081600 as PostgresMigration20261123081600 } from './postgresql/Migration20261123081600';
import { Migration20261123081822 as PostgresMigration20261123081822 } from './postgresql/Migration20261123081822';
import { Migration20261123082215 as PostgresMigration20261123082215 } from './postgresql/Migration20261123082215';

/** Committed migrations of the workers subgraph, per platform (written by scripts/migrations.ts). */
export const migrations: Record<Platform, MigrationObject[]> = {
  sqlite: [{ name: 'Migration20261122210836', class: SqliteMigration20261122210836 }, { name: 'Migration20261122232202', class: SqliteMigration20261122232202 }, { name: 'Migration20261123035803', class: SqliteMigration20261123035803 }, { name: 'Migration20261123051944', class: SqliteMigration20261123051944 }, { name: 'Migration20261123054650', class: SqliteMigration20261123054650 }, { name: 'Migration20261123061619', class: SqliteMigration20261123061619 }, { name: 'Migration20261123065906', class: SqliteMigration20261123065906 }, { name: 'Migration20261123081600', class: SqliteMigration20261123081600 }, { name: 'Migration20261123081822', class: SqliteMigration20261123081822 }, { name: 'Migration20261123082215', class: SqliteMigration20261123082215 }],
  postgresql: [{ name: 'Migration20261122210836', class: PostgresMigration20261122210836 }, { name: 'Migration20261122232202', class: PostgresMigration20261122232202 }, { name: 'Migration20261123035803', class: PostgresMigration20261123035803 }, { name: 'Migration20261123051944', class: PostgresMigration20261123051944 }, { name: 'Migration20261123054650', class: PostgresMigration20261123054650 }, { name: 'Migration20261123061619', class: PostgresMigration20261123061619 }, { name: 'Migration20261123065905', class: PostgresMigration20261123065905 }, { name: 'Migration20261123081600', class: PostgresMigration20261123081600 }, { name: 'Migration20261123081822', class: PostgresMigration20261123081822 }, { name: 'Migration20261123082215', class: PostgresMigration20261123082215 }],
};
