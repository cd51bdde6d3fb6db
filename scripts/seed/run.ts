/**
 * Fills the four subgraph databases from one generated data set, so that they agree with
 * each other (same ids, same fiscal codes). Each subgraph stores its part with the
 * `seed<Name>(em, data)` function of `subgraphs/<name>/seed.ts`; all four run inside
 * transactions that commit only when every one has succeeded, so a failure leaves
 * nothing half-written.
 */
import { type EntityManager } from '@mikro-orm/core';
import { env, readEnv } from '../../subgraphs/lib/config';
import { type Database, initOrm, migrate } from '../../subgraphs/lib/orm';
import { type SubgraphModule } from '../../subgraphs/lib/subgraph';
import { generateDataset } from './dataset';
import { type Dataset } from './dataset.types';


/** The subgraphs that share the data set, in seeding order. */
export const SUBGRAPH_NAMES = ['workers', 'companies', 'pacts', 'referrals'] as const;

/** What each subgraph's seed module exports: a function whose name starts with `seed`. */
export type SeedFunction = (em: EntityManager, data: Dataset) => Promise<void>;

/** Options of {@link seedAll} and {@link seedIfEmpty}. */
export interface SeedOptions {
  /** Number of synthetic workers; the rest of the data set scales with it. */
  workers: number;
  /** Generator seed (default 1): the same seed gives the same data. */
  seed?: number;
  /** The day the data set is as of, `YYYY-MM-DD` (default today). */
  today?: string;
  /** Database URL per subgraph name; otherwise `<NAME>_DATABASE_URL`, else `file:data/<name>.db`. */
  databaseUrls?: Partial<Record<string, string>>;
  /** Empty the databases first (drop the schema and migrate again). */
  reset?: boolean;
  /** Where progress lines go (default standard output). */
  log?: (line: string) => void;
}

/** What a seeding run did. */
export interface SeedReport {
  /** False when {@link seedIfEmpty} found the data already there. */
  seeded: boolean;
  /** Rows of each part of the data set, when it was generated. */
  counts: Partial<Record<keyof Dataset, number>>;
  /** Milliseconds spent generating the data set and in each subgraph's seed function. */
  timings: Record<string, number>;
}

/** The databases are not in a state this run may seed; the message says what to do. */
export class SeedRefusedError extends Error {
  override name = 'SeedRefusedError';
}

interface Target {
  name: string;
  seed: SeedFunction;
  db: Database;
}

const NUMBER = new Intl.NumberFormat('en-US');

/** The database URL of one subgraph: the option, else `<NAME>_DATABASE_URL`, else the embedded file. */
export function databaseUrlFor(name: string, databaseUrls: SeedOptions['databaseUrls'], source: NodeJS.ProcessEnv = process.env): string {
  const given = databaseUrls?.[name];
  if (given) return given;
  const variable = `${name.toUpperCase()}_DATABASE_URL`;
  return readEnv({ [variable]: env.databaseUrl(`file:data/${name}.db`) }, source)[variable] as string;
}

/** Loads `subgraphs/<name>` and its seed module without the registry (as scripts/migrations.ts does). */
async function loadSubgraph(name: string): Promise<{ module: SubgraphModule; seed: SeedFunction }> {
  let exports: Record<string, unknown>;
  let seedExports: Record<string, unknown>;
  try {
    exports = (await import(`../../subgraphs/${name}`)) as Record<string, unknown>;
  } catch (error) {
    throw new Error(`cannot load subgraphs/${name}: ${(error as Error).message}`);
  }
  try {
    seedExports = (await import(`../../subgraphs/${name}/seed`)) as Record<string, unknown>;
  } catch (error) {
    throw new Error(`cannot load subgraphs/${name}/seed (every subgraph needs one to share the demo data set): ${(error as Error).message}`);
  }
  const module = Object.values(exports).find((v): v is SubgraphModule => (v as SubgraphModule | null)?.name === name && 'entities' in (v as object));
  if (!module) throw new Error(`subgraphs/${name}/index.ts exports no SubgraphModule named "${name}"`);
  const seed = Object.entries(seedExports).find(([key, value]) => key.startsWith('seed') && typeof value === 'function')?.[1] as SeedFunction | undefined;
  if (!seed) throw new Error(`subgraphs/${name}/seed.ts exports no function named seed<Name>(em, data)`);
  return { module, seed };
}

/** Loads every subgraph, connects to its database and brings the schema up to date. */
async function open(options: SeedOptions): Promise<Target[]> {
  const loaded = [];
  for (const name of SUBGRAPH_NAMES) loaded.push({ name, ...(await loadSubgraph(name)) });
  const targets: Target[] = [];
  try {
    for (const { name, module, seed } of loaded) {
      const db = await initOrm({ entities: module.entities, databaseUrl: databaseUrlFor(name, options.databaseUrls), migrations: module.migrations });
      targets.push({ name, seed, db });
      await migrate(db);
    }
  } catch (error) {
    await close(targets);
    throw error;
  }
  return targets;
}

async function close(targets: readonly Target[]): Promise<void> {
  await Promise.all(targets.map((t) => t.db.orm.close(true)));
}

/** Whether a subgraph's database holds no rows in any of its tables. */
async function isEmpty(target: Target): Promise<boolean> {
  const em = target.db.orm.em.fork();
  for (const meta of Object.values(target.db.orm.getMetadata().getAll())) {
    if (meta.embeddable || meta.virtual || meta.abstract) continue;
    if ((await em.count(meta.className, {})) > 0) return false;
  }
  return true;
}

/** Drops every table of the subgraph (the migrations table too) and migrates again. */
async function reset(target: Target): Promise<void> {
  // SQLite checks foreign keys while it drops a table, and a self-referencing one (a desk and
  // its job centre) fails: switch the checks off on the connection meanwhile.
  const connection = target.db.orm.em.getConnection();
  const sqlite = target.db.platform === 'sqlite';
  if (sqlite) await connection.execute('pragma foreign_keys = off');
  try {
    await target.db.orm.getSchemaGenerator().dropSchema({ dropMigrationsTable: true });
  } finally {
    if (sqlite) await connection.execute('pragma foreign_keys = on');
  }
  await migrate(target.db);
}

/**
 * Runs every seed function on a fresh fork inside its own transaction and commits them
 * only after the last one has returned: if any throws, every database rolls back.
 * Explicit begin/commit rather than nested `transactional()` callbacks: the four ORMs share
 * MikroORM's context name, so a callback context opened for one would be picked up by the
 * next one's entity manager and send its queries to the wrong database.
 */
async function seedInTransactions(targets: readonly Target[], data: Dataset, timings: Record<string, number>, log: (line: string) => void): Promise<void> {
  const begun: EntityManager[] = [];
  let committing = false;
  try {
    for (const target of targets) {
      const em = target.db.orm.em.fork();
      await em.begin();
      begun.push(em);
      const started = performance.now();
      try {
        await target.seed(em, data);
      } catch (error) {
        throw new Error(`${target.name}: seeding failed, nothing was written to any database: ${(error as Error).message}`, { cause: error });
      }
      timings[target.name] = Math.round(performance.now() - started);
      log(`${target.name}: seeded in ${NUMBER.format(timings[target.name]!)} ms`);
    }
    committing = true;
    for (const em of begun) await em.commit();
  } catch (error) {
    if (!committing) for (const em of begun) await em.rollback();
    throw error;
  }
}

async function generateAndSeed(targets: readonly Target[], options: SeedOptions, log: (line: string) => void): Promise<SeedReport> {
  const timings: Record<string, number> = {};
  const started = performance.now();
  const data = generateDataset({ workers: options.workers, seed: options.seed, today: options.today });
  timings.generate = Math.round(performance.now() - started);
  const counts = Object.fromEntries(Object.entries(data).map(([key, rows]) => [key, (rows as unknown[]).length])) as Record<keyof Dataset, number>;
  log(
    `generated the data set in ${NUMBER.format(timings.generate)} ms: ${NUMBER.format(counts.workers)} workers, ${NUMBER.format(counts.employers)} employers, ` +
      `${NUMBER.format(counts.notices)} notices, ${NUMBER.format(counts.dids)} DIDs, ${NUMBER.format(counts.servicePacts)} service pacts, ` +
      `${NUMBER.format(counts.households)} households, ${NUMBER.format(counts.inclusionPacts)} inclusion pacts, ${NUMBER.format(counts.referrals)} referrals`,
  );
  await seedInTransactions(targets, data, timings, log);
  log(`seeded ${targets.map((t) => t.name).join(', ')} in ${NUMBER.format(Math.round(performance.now() - started))} ms`);
  return { seeded: true, counts, timings };
}

function defaultLog(line: string): void {
  process.stdout.write(`${line}\n`);
}

/**
 * Generates the data set and stores it in all four subgraph databases. With `reset` the
 * databases are emptied first; without it they must be empty, or it refuses.
 * @throws SeedRefusedError when a database already holds data and `reset` is not set.
 */
export async function seedAll(options: SeedOptions): Promise<SeedReport> {
  const log = options.log ?? defaultLog;
  const targets = await open(options);
  try {
    if (options.reset) {
      for (const target of targets) await reset(target);
      log(`emptied ${targets.map((t) => t.name).join(', ')}`);
    } else {
      const full = [];
      for (const target of targets) if (!(await isEmpty(target))) full.push(target.name);
      if (full.length > 0) {
        throw new SeedRefusedError(`the ${full.join(', ')} database${full.length > 1 ? 's' : ''} already hold${full.length > 1 ? '' : 's'} data; run \`npm run seed -- --reset\` to replace all four`);
      }
    }
    return await generateAndSeed(targets, options, log);
  } finally {
    await close(targets);
  }
}

/**
 * Seeds on first start: when all four databases are empty it seeds them, when all hold
 * data it does nothing (restarting keeps the data). When only some are empty it refuses:
 * the four parts come from one data set and seeding some would make them disagree.
 * @throws SeedRefusedError naming the empty and the non-empty databases.
 */
export async function seedIfEmpty(options: Omit<SeedOptions, 'reset'>): Promise<SeedReport> {
  const log = options.log ?? defaultLog;
  const targets = await open(options);
  try {
    const empty: string[] = [];
    const full: string[] = [];
    for (const target of targets) (await isEmpty(target) ? empty : full).push(target.name);
    if (empty.length === 0) {
      log('the databases already hold data: not seeding');
      return { seeded: false, counts: {}, timings: {} };
    }
    if (full.length > 0) {
      throw new SeedRefusedError(
        `the ${empty.join(', ')} database${empty.length > 1 ? 's are' : ' is'} empty but ${full.join(', ')} hold${full.length > 1 ? '' : 's'} data; ` +
          'the four are generated from one data set, so run `npm run seed -- --reset` to rebuild them all',
      );
    }
    return await generateAndSeed(targets, options, log);
  } finally {
    await close(targets);
  }
}
