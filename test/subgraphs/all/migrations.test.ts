import { describe, expect, it } from 'vitest';
import { subgraphModules } from '../../../subgraphs';
import { initOrm, migrate } from '../../../subgraphs/lib/orm';
import { createTestDatabase, testPlatform } from '../../utils/database';

describe.each(subgraphModules.map((m) => [m.name, m] as const))('committed migrations of %s', (name, module) => {
  it(`create the schema the ${name} entities describe, on ${testPlatform()}`, async () => {
    const database = await createTestDatabase(`migrations_${name}`);
    const db = await initOrm({ entities: module.entities, databaseUrl: database.url, migrations: module.migrations });
    try {
      const applied = await migrate(db);
      expect(applied.length).toBeGreaterThan(0);
      if (db.platform === 'postgresql') {
        const diff = await db.orm.getSchemaGenerator().getUpdateSchemaSQL({ wrap: false });
        expect(diff.trim(), 'entities and migrations differ: run npm run migrations').toBe('');
      } else {
        // SQLite's introspection cannot read foreign-key rules back, so MikroORM's diff
        // always proposes to rebuild tables; compare tables and columns instead.
        const connection = db.orm.em.getConnection();
        for (const meta of Object.values(db.orm.getMetadata().getAll()).filter((m) => !m.embeddable && m.tableName)) {
          const columns = (await connection.execute(`pragma table_info(\`${meta.tableName}\`)`)) as { name: string }[];
          // Formulas and non-persisted properties are computed in queries, not stored.
          const expected = meta.props.filter((p) => !p.formula && p.persist !== false).flatMap((p) => p.fieldNames ?? []);
          expect(columns.map((c) => c.name).sort(), `table ${meta.tableName}: run npm run migrations`).toEqual([...new Set(expected)].sort());
        }
      }
    } finally {
      await db.orm.close(true);
      await database.drop();
    }
  });
});
