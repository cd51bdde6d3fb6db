import { type MigrationObject } from '@mikro-orm/core';
import { type Platform } from '../../lib/orm';
import { Migration20261122211501 as SqliteMigration20261122211501 } from './sqlite/Migration20261122211501';
import { Migration20261122231832 as SqliteMigration20261122231832 } from './sqlite/Migration20261122231832';
import { Migration20261123034213 as SqliteMigration20261123034213 } from './sqlite/Migration20261123034213';
import { Migration20261123034953 as SqliteMigration20261123034953 } from './sqlite/Migration20261123034953';
import { Migration20261123051616 as SqliteMigration20261123051616 } from './sqlite/Migration20261123051616';
import { Migration20261123051911 as SqliteMigration20261123051911 } from './sqlite/Migration20261123051911';
import { Migration20261123052029 as SqliteMigration20261123052029 } from './sqlite/Migration20261123052029';
import { Migration20261123053713 as SqliteMigration20261123053713 } from './sqlite/Migration20261123053713';
import { Migration20261123054650 as SqliteMigration20261123054650 } from './sqlite/Migration20261123054650';
import { Migration20261122211501 as PostgresMigration20261122211501 } from './postgresql/Migration20261122211501';
import { Migration20261122231832 as PostgresMigration20261122231832 } from './postgresql/Migration20261122231832';
import { Migration20261123034213 as PostgresMigration20261123034213 } from './postgresql/Migration20261123034213';
import { Migration20261123034953 as PostgresMigration20261123034953 } from './postgresql/Migration20261123034953';
import { Migration20261123051616 as PostgresMigration20261123051616 } from './postgresql/Migration20261123051616';
import { Migration20261123051911 as PostgresMigration20261123051911 } from './postgresql/Migration20261123051911';
import { Migration20261123052029 as PostgresMigration20261123052029 } from './postgresql/Migration20261123052029';
import { Migration20261123053713 as PostgresMigration20261123053713 } from './postgresql/Migration20261123053713';
import { Migration20261123054650 as PostgresMigration20261123054650 } from './postgresql/Migration20261123054650';

/** Committed migrations of the companies subgraph, per platform (written by scripts/migrations.ts). */
export const migrations: Record<Platform, MigrationObject[]> = {
  sqlite: [{ name: 'Migration20261122211501', class: SqliteMigration20261122211501 }, { name: 'Migration20261122231832', class: SqliteMigration20261122231832 }, { name: 'Migration20261123034213', class: SqliteMigration20261123034213 }, { name: 'Migration20261123034953', class: SqliteMigration20261123034953 }, { name: 'Migration20261123051616', class: SqliteMigration20261123051616 }, { name: 'Migration20261123051911', class: SqliteMigration20261123051911 }, { name: 'Migration20261123052029', class: SqliteMigration20261123052029 }, { name: 'Migration20261123053713', class: SqliteMigration20261123053713 }, { name: 'Migration20261123054650', class: SqliteMigration20261123054650 }],
  postgresql: [{ name: 'Migration20261122211501', class: PostgresMigration20261122211501 }, { name: 'Migration20261122231832', class: PostgresMigration20261122231832 }, { name: 'Migration20261123034213', class: PostgresMigration20261123034213 }, { name: 'Migration20261123034953', class: PostgresMigration20261123034953 }, { name: 'Migration20261123051616', class: PostgresMigration20261123051616 }, { name: 'Migration20261123051911', class: PostgresMigration20261123051911 }, { name: 'Migration20261123052029', class: PostgresMigration20261123052029 }, { name: 'Migration20261123053713', class: PostgresMigration20261123053713 }, { name: 'Migration20261123054650', class: PostgresMigration20261123054650 }],
};
