import { type SqlEntityManager } from '@mikro-orm/knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditIndexState, AuditRecord, AuditStore, AuditSubject, CredentialSuspension } from '../../../subgraphs/lib/audit';
import { migrations } from '../../../subgraphs/lib/audit/migrations';
import { initOrm, migrate } from '../../../subgraphs/lib/orm';
import { testPlatform } from '../../utils/database';
import { accessRecord, type AuditTestDatabase, createAuditDatabase, sql } from './support';

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

  it('start the index where a trail written before the index followed the chain ends: its records were indexed as they were written', async () => {
    const older = await createAuditDatabase('audit_migrations_older');
    const db = await initOrm({ entities: [AuditRecord, AuditSubject, AuditIndexState, CredentialSuspension], databaseUrl: older.url, migrations });
    try {
      await db.orm.getMigrator().up({ to: 'Migration20261124090000' });
      const before = new AuditStore(db);
      const written = await Promise.all([1, 2, 3].map((n) => before.append(accessRecord(n))));
      // As the earlier store did: the subject rows in the append.
      for (const record of written) {
        for (const key of record.people) await sql(before, 'insert into "audit_subject" ("seq", "kind", "key") values (?, ?, ?)', [record.seq, 'person', key]);
      }
      expect(await migrate(db)).toEqual(['Migration20261125090000']);
      expect(await before.indexedSeq()).toBe(3);
      expect(await before.indexSubjects()).toBe(0);
      const later = await before.append(accessRecord(4));
      // Person 4 is in record 3 (indexed by the old store) and record 4 (not indexed yet).
      expect((await before.query({ person: later.people[0] }, { first: 5 })).records.map((r) => r.seq)).toEqual([4, 3]);
      expect(await before.indexSubjects()).toBe(1);
    } finally {
      await db.orm.close(true);
      await older.drop();
    }
  });
});
