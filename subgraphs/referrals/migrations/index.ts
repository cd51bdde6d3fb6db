import { type MigrationObject } from '@mikro-orm/core';
import { type Platform } from '../../lib/orm';
import { Migration20261122210030 as SqliteMigration20261122210030 } from './sqlite/Migration20261122210030';
import { Migration20261122231837 as SqliteMigration20261122231837 } from './sqlite/Migration20261122231837';
import { Migration20261123061637 as SqliteMigration20261123061637 } from './sqlite/Migration20261123061637';
import { Migration20261123063817 as SqliteMigration20261123063817 } from './sqlite/Migration20261123063817';
import { Migration20261123065208 as SqliteMigration20261123065208 } from './sqlite/Migration20261123065208';
import { Migration20261123065411 as SqliteMigration20261123065411 } from './sqlite/Migration20261123065411';
import { Migration20261123080840 as SqliteMigration20261123080840 } from './sqlite/Migration20261123080840';
import { Migration20261123081346 as SqliteMigration20261123081346 } from './sqlite/Migration20261123081346';
import { Migration20261123081936 as SqliteMigration20261123081936 } from './sqlite/Migration20261123081936';
import { Migration20261123082351 as SqliteMigration20261123082351 } from './sqlite/Migration20261123082351';
import { Migration20261122210030 as PostgresMigration20261122210030 } from './postgresql/Migration20261122210030';
import { Migration20261122231837 as PostgresMigration20261122231837 } from './postgresql/Migration20261122231837';
import { Migration20261123061637 as PostgresMigration20261123061637 } from './postgresql/Migration20261123061637';
import { Migration20261123063817 as PostgresMigration20261123063817 } from './postgresql/Migration20261123063817';
import { Migration20261123065208 as PostgresMigration20261123065208 } from './postgresql/Migration20261123065208';
import { Migration20261123065411 as PostgresMigration20261123065411 } from './postgresql/Migration20261123065411';
import { Migration20261123080840 as PostgresMigration20261123080840 } from './postgresql/Migration20261123080840';
import { Migration20261123081346 as PostgresMigration20261123081346 } from './postgresql/Migration20261123081346';
import { Migration20261123081936 as PostgresMigration20261123081936 } from './postgresql/Migration20261123081936';
import { Migration20261123082351 as PostgresMigration20261123082351 } from './postgresql/Migration20261123082351';

/** Committed migrations of the referrals subgraph, per platform (written by scripts/migrations.ts). */
export const migrations: Record<Platform, MigrationObject[]> = {
  sqlite: [{ name: 'Migration20261122210030', class: SqliteMigration20261122210030 }, { name: 'Migration20261122231837', class: SqliteMigration20261122231837 }, { name: 'Migration20261123061637', class: SqliteMigration20261123061637 }, { name: 'Migration20261123063817', class: SqliteMigration20261123063817 }, { name: 'Migration20261123065208', class: SqliteMigration20261123065208 }, { name: 'Migration20261123065411', class: SqliteMigration20261123065411 }, { name: 'Migration20261123080840', class: SqliteMigration20261123080840 }, { name: 'Migration20261123081346', class: SqliteMigration20261123081346 }, { name: 'Migration20261123081936', class: SqliteMigration20261123081936 }, { name: 'Migration20261123082351', class: SqliteMigration20261123082351 }],
  postgresql: [{ name: 'Migration20261122210030', class: PostgresMigration20261122210030 }, { name: 'Migration20261122231837', class: PostgresMigration20261122231837 }, { name: 'Migration20261123061637', class: PostgresMigration20261123061637 }, { name: 'Migration20261123063817', class: PostgresMigration20261123063817 }, { name: 'Migration20261123065208', class: PostgresMigration20261123065208 }, { name: 'Migration20261123065411', class: PostgresMigration20261123065411 }, { name: 'Migration20261123080840', class: PostgresMigration20261123080840 }, { name: 'Migration20261123081346', class: PostgresMigration20261123081346 }, { name: 'Migration20261123081936', class: PostgresMigration20261123081936 }, { name: 'Migration20261123082351', class: PostgresMigration20261123082351 }],
};
