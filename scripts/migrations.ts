import 'reflect-metadata';
import { readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { type SubgraphModule } from '../subgraphs/lib/subgraph';
import { initOrm, migrate, type Platform } from '../subgraphs/lib/orm';

/**
 * Writes a migration for every subgraph whose entities differ from its committed
 * migrations, on both platforms, then rewrites each `migrations/index.ts`.
 *   npm run migrations            (all subgraphs)
 *   npm run migrations -- workers (one)
 * PostgreSQL migrations need the server of `MIGRATIONS_POSTGRES_URL` (default the local one).
 */
const ROOT = resolve(__dirname, '..', '..');
const ADMIN = process.env.MIGRATIONS_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

async function scratchDatabase(platform: Platform): Promise<{ url: string; drop: () => Promise<void> }> {
  if (platform === 'sqlite') return { url: ':memory:', drop: async () => {} };
  const name = `lg_migrations_${process.pid}`;
  const run = async (sql: string) => {
    const client = new Client({ connectionString: ADMIN });
    await client.connect();
    await client.query(sql).finally(() => client.end());
  };
  await run(`drop database if exists "${name}"`);
  await run(`create database "${name}"`);
  const url = new URL(ADMIN);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => run(`drop database if exists "${name}" with (force)`) };
}

function writeIndex(subgraph: string): void {
  const dir = join(ROOT, 'subgraphs', subgraph, 'migrations');
  const lines: string[] = [];
  const lists: Record<Platform, string[]> = { sqlite: [], postgresql: [] };
  for (const platform of ['sqlite', 'postgresql'] as const) {
    let files: string[] = [];
    try {
      files = readdirSync(join(dir, platform)).filter((f) => /^Migration\d+\.ts$/.test(f)).sort();
    } catch {
      files = [];
    }
    for (const file of files) {
      const name = file.replace(/\.ts$/, '');
      const alias = `${platform === 'sqlite' ? 'Sqlite' : 'Postgres'}${name}`;
      lines.push(`import { ${name} as ${alias} } from './${platform}/${name}';`);
      lists[platform].push(`{ name: '${name}', class: ${alias} }`);
    }
  }
  const body = [
    "import { type MigrationObject } from '@mikro-orm/core';",
    "import { type Platform } from '../../lib/orm';",
    ...lines,
    '',
    `/** Committed migrations of the ${subgraph} subgraph, per platform (written by scripts/migrations.ts). */`,
    'export const migrations: Record<Platform, MigrationObject[]> = {',
    `  sqlite: [${lists.sqlite.join(', ')}],`,
    `  postgresql: [${lists.postgresql.join(', ')}],`,
    '};',
    '',
  ];
  writeFileSync(join(dir, 'index.ts'), body.join('\n'));
}

/** Loads `subgraphs/<name>` without the registry, so one subgraph can be worked on alone. */
function loadModule(name: string): SubgraphModule {
  if (!/^[a-z]+$/.test(name)) throw new Error(`not a subgraph name: ${name}`);
  const exports = require(`../subgraphs/${name}`) as Record<string, unknown>;
  const module = Object.values(exports).find((v): v is SubgraphModule => (v as SubgraphModule)?.name === name && 'entities' in (v as object));
  if (!module) throw new Error(`subgraphs/${name}/index.ts exports no SubgraphModule named "${name}"`);
  return module;
}

async function main(): Promise<void> {
  const names = process.argv.slice(2);
  for (const name of names.length ? names : ['workers', 'companies', 'pacts', 'referrals']) {
    const module = loadModule(name);
    // PostgreSQL first: SQLite's introspection cannot read foreign-key rules back, so its
    // diff is never empty; a SQLite migration is written only when PostgreSQL needs one.
    let changed = false;
    for (const platform of ['postgresql', 'sqlite'] as const) {
      if (platform === 'sqlite' && !changed && module.migrations.sqlite.length > 0) {
        process.stdout.write(`${module.name} sqlite: up to date\n`);
        continue;
      }
      const scratch = await scratchDatabase(platform);
      const db = await initOrm({
        entities: module.entities,
        databaseUrl: scratch.url,
        migrations: module.migrations,
        generateInto: join(ROOT, 'subgraphs', module.name, 'migrations', platform),
      });
      try {
        await migrate(db);
        const result = await db.orm.getMigrator().createMigration(undefined, false, module.migrations[platform].length === 0);
        if (result.fileName) changed = true;
        process.stdout.write(`${module.name} ${platform}: ${result.fileName || 'up to date'}\n`);
      } finally {
        await db.orm.close(true);
        await scratch.drop();
      }
    }
    writeIndex(module.name);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
