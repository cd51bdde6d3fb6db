import { type SqlEntityManager } from '@mikro-orm/knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AuditStore } from '../../../subgraphs/lib/audit';
import { testPlatform } from '../../utils/database';
import { type AuditTestDatabase, createAuditDatabase } from './support';

describe(`committed migrations of the audit store, on ${testPlatform()}`, () => {
  let database: AuditTestDatabase;
  let store: AuditStore;
  beforeAll(async () => {
    database = await createAuditDatabase('audit_migrations');
    store = await database.open();
  });
  afterAll(async () => {
    await store.close();
    await database.drop();
  });

  it('create the tables the audit entities describe', async () => {
    const orm = store.db.orm;
    if (store.platform === 'postgresql') {
      const diff = await orm.getSchemaGenerator().getUpdateSchemaSQL({ wrap: false });
      expect(diff.trim(), 'audit entities and migrations differ').toBe('');
      return;
    }
    // SQLite's introspection cannot read foreign-key rules back: compare columns.
    const knex = (orm.em as SqlEntityManager).getKnex();
    for (const meta of Object.values(orm.getMetadata().getAll()).filter((m) => m.tableName)) {
      const columns = (await knex.raw(`pragma table_info(\`${meta.tableName}\`)`)) as { name: string }[];
      const expected = [...new Set(meta.props.flatMap((p) => p.fieldNames ?? []))].sort();
      expect(columns.map((c) => c.name).sort(), `table ${meta.tableName}`).toEqual(expected);
    }
  });

  it('index the subjects on (kind, key, seq) for the per-person and per-employer queries', async () => {
    const knex = (store.db.orm.em as SqlEntityManager).getKnex();
    const sql =
      store.platform === 'postgresql'
        ? `select indexdef as definition from pg_indexes where tablename = 'audit_subject'`
        : `select sql as definition from sqlite_master where type = 'index' and tbl_name = 'audit_subject'`;
    const result = await knex.raw(sql);
    const rows = (Array.isArray(result) ? result : result.rows) as { definition: string | null }[];
    expect(rows.map((r) => (r.definition ?? '').replace(/[`"]/g, ''))).toEqual(
      expect.arrayContaining([expect.stringMatching(/audit_subject_kind_key_seq_index ON (public\.)?audit_subject (USING btree )?\(kind, key, seq\)/i)]),
    );
  });
});
