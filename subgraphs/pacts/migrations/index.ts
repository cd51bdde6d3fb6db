import { type MigrationObject } from '@mikro-orm/core';
import { type Platform } from '../../lib/orm';
import { Migration20261122205942 as SqliteMigration20261122205942 } from './sqlite/Migration20261122205942';
import { Migration20261122232439 as SqliteMigration20261122232439 } from './sqlite/Migration20261122232439';
import { Migration20261123063002 as SqliteMigration20261123063002 } from './sqlite/Migration20261123063002';
import { Migration20261123063923 as SqliteMigration20261123063923 } from './sqlite/Migration20261123063923';
import { Migration20261123064612 as SqliteMigration20261123064612 } from './sqlite/Migration20261123064612';
import { Migration20261123065907 as SqliteMigration20261123065907 } from './sqlite/Migration20261123065907';
import { Migration20261123080802 as SqliteMigration20261123080802 } from './sqlite/Migration20261123080802';
import { Migration20261123081316 as SqliteMigration20261123081316 } from './sqlite/Migration20261123081316';
import { Migration20261123081558 as SqliteMigration20261123081558 } from './sqlite/Migration20261123081558';
import { Migration20261122205942 as PostgresMigration20261122205942 } from './postgresql/Migration20261122205942';
import { Migration20261122232439 as PostgresMigration20261122232439 } from './postgresql/Migration20261122232439';
import { Migration20261123063002 as PostgresMigration20261123063002 } from './postgresql/Migration20261123063002';
import { Migration20261123063923 as PostgresMigration20261123063923 } from './postgresql/Migration20261123063923';
import { Migration20261123064612 as PostgresMigration20261123064612 } from './postgresql/Migration20261123064612';
import { Migration20261123065906 as PostgresMigration20261123065906 } from './postgresql/Migration20261123065906';
import { Migration20261123080802 as PostgresMigration20261123080802 } from './postgresql/Migration20261123080802';
import { Migration20261123081316 as PostgresMigration20261123081316 } from './postgresql/Migration20261123081316';
import { Migration20261123081558 as PostgresMigration20261123081558 } from './postgresql/Migration20261123081558';

/** Committed migrations of the pacts subgraph, per platform (written by scripts/migrations.ts). */
export const migrations: Record<Platform, MigrationObject[]> = {
  sqlite: [{ name: 'Migration20261122205942', class: SqliteMigration20261122205942 }, { name: 'Migration20261122232439', class: SqliteMigration20261122232439 }, { name: 'Migration20261123063002', class: SqliteMigration20261123063002 }, { name: 'Migration20261123063923', class: SqliteMigration20261123063923 }, { name: 'Migration20261123064612', class: SqliteMigration20261123064612 }, { name: 'Migration20261123065907', class: SqliteMigration20261123065907 }, { name: 'Migration20261123080802', class: SqliteMigration20261123080802 }, { name: 'Migration20261123081316', class: SqliteMigration20261123081316 }, { name: 'Migration20261123081558', class: SqliteMigration20261123081558 }],
  postgresql: [{ name: 'Migration20261122205942', class: PostgresMigration20261122205942 }, { name: 'Migration20261122232439', class: PostgresMigration20261122232439 }, { name: 'Migration20261123063002', class: PostgresMigration20261123063002 }, { name: 'Migration20261123063923', class: PostgresMigration20261123063923 }, { name: 'Migration20261123064612', class: PostgresMigration20261123064612 }, { name: 'Migration20261123065906', class: PostgresMigration20261123065906 }, { name: 'Migration20261123080802', class: PostgresMigration20261123080802 }, { name: 'Migration20261123081316', class: PostgresMigration20261123081316 }, { name: 'Migration20261123081558', class: PostgresMigration20261123081558 }],
};
