import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initOrm } from '../../subgraphs/lib/orm';
import { type SubgraphModule } from '../../subgraphs/lib/subgraph';
import { companiesSubgraph } from '../../subgraphs/companies';
import { pactsSubgraph } from '../../subgraphs/pacts';
import { referralsSubgraph } from '../../subgraphs/referrals';
import { workersSubgraph } from '../../subgraphs/workers';
import { createTestDatabase, testPlatform } from '../utils/database';

const MODULES: Record<string, SubgraphModule> = {
  workers: workersSubgraph as SubgraphModule,
  companies: companiesSubgraph as SubgraphModule,
  pacts: pactsSubgraph as SubgraphModule,
  referrals: referralsSubgraph as SubgraphModule,
};

/**
 * Persistent databases for the seeding tests on the current platform: SQLite files in a
 * temporary folder (an in-memory database would vanish between connections) or fresh
 * PostgreSQL databases.
 */
export class SeedDatabases {
  private readonly drops: (() => Promise<void>)[] = [];
  private readonly folder = testPlatform() === 'sqlite' ? mkdtempSync(join(tmpdir(), 'lg-seed-')) : null;
  private serial = 0;

  /** A new, empty database for a subgraph. */
  async fresh(name: string): Promise<string> {
    this.serial += 1;
    if (this.folder) return `file:${join(this.folder, `${name}-${this.serial}.db`)}`;
    const db = await createTestDatabase(`seed_${name}`);
    this.drops.push(db.drop);
    return db.url;
  }

  /** One new database per subgraph. */
  async all(): Promise<Record<string, string>> {
    const urls: Record<string, string> = {};
    for (const name of Object.keys(MODULES)) urls[name] = await this.fresh(name);
    return urls;
  }

  async dispose(): Promise<void> {
    for (const drop of this.drops) await drop();
    if (this.folder) rmSync(this.folder, { recursive: true, force: true });
  }
}

/** Rows of one entity (by class name) in a subgraph's database. */
export async function countRows(name: string, url: string, entity: string): Promise<number> {
  const module = MODULES[name]!;
  const db = await initOrm({ entities: module.entities, databaseUrl: url, migrations: module.migrations });
  try {
    return await db.orm.em.fork().count(entity, {});
  } finally {
    await db.orm.close(true);
  }
}

/** Rows in all the tables of a subgraph's database. */
export async function totalRows(name: string, url: string): Promise<number> {
  const module = MODULES[name]!;
  const db = await initOrm({ entities: module.entities, databaseUrl: url, migrations: module.migrations });
  try {
    const em = db.orm.em.fork();
    let total = 0;
    for (const meta of Object.values(db.orm.getMetadata().getAll())) {
      if (!meta.embeddable && !meta.virtual && !meta.abstract) total += await em.count(meta.className, {});
    }
    return total;
  } finally {
    await db.orm.close(true);
  }
}
