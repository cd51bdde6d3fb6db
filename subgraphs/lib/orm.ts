import { DefaultLogger, type EntityClass, type EntityManager, type LogContext, type MigrationObject, MikroORM, type Options } from '@mikro-orm/core';
import { LibSqlDriver } from '@mikro-orm/libsql';
import { Migrator } from '@mikro-orm/migrations';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

/** Which SQL platform a database URL points at. */
export type Platform = 'postgresql' | 'sqlite';

export function platformOf(databaseUrl: string): Platform {
  return /^postgres(ql)?:\/\//.test(databaseUrl) ? 'postgresql' : 'sqlite';
}

/**
 * Counts SQL statements per ORM instance. Benchmarks and the batching tests read it;
 * it is a plain counter, so it costs nothing on the hot path.
 */
export class SqlCounter {
  statements = 0;
  reset(): void {
    this.statements = 0;
  }
}

class CountingLogger extends DefaultLogger {
  constructor(
    options: ConstructorParameters<typeof DefaultLogger>[0],
    private readonly counter: SqlCounter,
  ) {
    super(options);
  }

  override logQuery(context: { query: string } & LogContext): void {
    this.counter.statements += 1;
    super.logQuery(context);
  }
}

/** What a subgraph hands to {@link initOrm}. */
export interface OrmOptions {
  /** Entity classes (decorated with MikroORM and type-graphql). */
  entities: Options['entities'];
  /** `file:PATH`, `:memory:` or `postgres://...`. */
  databaseUrl: string;
  /** Committed migrations, per platform. */
  migrations: Record<Platform, MigrationObject[]>;
  /** Print SQL (development only). */
  debug?: boolean;
  /** Where new migrations are written (only when generating them). */
  generateInto?: string;
}

/** An initialised ORM and its statement counter. */
export interface Database {
  orm: MikroORM;
  platform: Platform;
  sql: SqlCounter;
}

/** Connects, without touching the schema. Use {@link migrate} to bring it up to date. */
export async function initOrm(options: OrmOptions): Promise<Database> {
  const platform = platformOf(options.databaseUrl);
  const sql = new SqlCounter();
  const common: Options = {
    entities: options.entities,
    discovery: { warnWhenNoEntities: true, requireEntitiesArray: true },
    extensions: [Migrator],
    migrations: {
      migrationsList: options.migrations[platform],
      transactional: true,
      allOrNothing: true,
      snapshot: false,
      silent: true,
      ...(options.generateInto ? { path: options.generateInto, pathTs: options.generateInto, emit: 'ts' as const } : {}),
    },
    forceUtcTimezone: true,
    allowGlobalContext: false,
    debug: options.debug ? ['query'] : false,
    loggerFactory: (loggerOptions) => new CountingLogger(loggerOptions, sql),
  };
  if (platform === 'postgresql') {
    const orm = await MikroORM.init({ ...common, driver: PostgreSqlDriver, clientUrl: options.databaseUrl });
    return { orm, platform, sql };
  }
  const dbName = options.databaseUrl.replace(/^file:/, '');
  if (dbName !== ':memory:' && !dbName.startsWith('libsql://')) mkdirSync(dirname(dbName), { recursive: true });
  const orm = await MikroORM.init({ ...common, driver: LibSqlDriver, dbName });
  // SQLite leaves foreign keys off unless asked, per connection.
  await orm.em.getConnection().execute('pragma foreign_keys = on');
  return { orm, platform, sql };
}

/** Applies every pending committed migration; returns the names applied. */
export async function migrate(db: Database): Promise<string[]> {
  const applied = await db.orm.getMigrator().up();
  return applied.map((m) => m.name);
}

/** Rows per statement when bulk-loading: well under SQLite's limit on bound variables. */
export const INSERT_CHUNK = 500;

/**
 * Bulk-inserts plain rows (seeding), a chunk per statement, bypassing the unit of work:
 * thousands of rows take one statement per {@link INSERT_CHUNK}, not one each.
 */
export async function insertChunked<T extends object>(em: EntityManager, entity: EntityClass<T>, rows: readonly object[]): Promise<void> {
  for (let start = 0; start < rows.length; start += INSERT_CHUNK) {
    await em.insertMany(entity, rows.slice(start, start + INSERT_CHUNK) as never[]);
  }
}

/**
 * Runs `work` in a transaction on the request's own entity manager (not a fork, so the
 * entities it loaded stay managed), committing what `work` left to flush, or rolling back
 * and rethrowing when it throws; `finally` runs either way (e.g. to clear loaders whose
 * cached rows the transaction may have changed).
 */
export async function inRequestTransaction<T>(em: EntityManager, work: () => Promise<T>, options: { onRollback?: () => void; finally?: () => void } = {}): Promise<T> {
  await em.begin();
  try {
    const result = await work();
    await em.commit();
    return result;
  } catch (error) {
    await em.rollback();
    options.onRollback?.();
    throw error;
  } finally {
    options.finally?.();
  }
}
