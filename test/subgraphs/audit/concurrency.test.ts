import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AuditRecord, type AuditStore, verifyChain } from '../../../subgraphs/lib/audit';
import { testPlatform } from '../../utils/database';
import { accessRecord, type AuditTestDatabase, createAuditDatabase, sql } from './support';

// Four stores on one database, each with its own ORM and connections, stand for the
// four subgraph processes writing the shared trail at once.
describe(`several processes appending at once, on ${testPlatform()}`, () => {
  let database: AuditTestDatabase;
  let stores: AuditStore[] = [];
  beforeAll(async () => {
    database = await createAuditDatabase('audit_concurrency', { file: true });
  });
  afterAll(async () => {
    await Promise.all(stores.map((s) => s.close()));
    await database.drop();
  });

  it('open the same fresh database together: one migrates, the others wait for its schema', async () => {
    stores = await Promise.all([1, 2, 3, 4].map(() => database.open()));
    expect(await stores[0]!.head()).toEqual({ seq: 0, hash: '0'.repeat(64) });
  });

  it('append 4 × 50 records concurrently into one chain with seq 1..200 that verifies', async () => {
    await Promise.all(
      stores.map(async (store, process) => {
        for (let i = 0; i < 50; i += 1) {
          await store.append(accessRecord(process * 1000 + i, { subgraph: `subgraph-${process}` }));
        }
      }),
    );
    const result = await verifyChain(stores[0]!);
    expect(result).toMatchObject({ ok: true, records: 200, head: { seq: 200 } });
    const seqs = [];
    for (let after: string | null = null, more = true; more; ) {
      const page = await stores[1]!.query({}, { first: 500, after });
      seqs.push(...page.records.map((r) => r.seq));
      ({ endCursor: after, hasNextPage: more } = page);
    }
    expect(seqs.sort((a, b) => a - b)).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
    for (let process = 0; process < 4; process += 1) {
      const { records } = await stores[2]!.query({}, { first: 500 });
      expect(records.filter((r) => r.subgraph === `subgraph-${process}`)).toHaveLength(50);
    }
  });

  it('index the subjects from every process while the others append: each record indexed once, the chain still verifies', async () => {
    const written: AuditRecord[] = [];
    let appending = true;
    const indexers = stores.slice(0, 2).map(async (store) => {
      let indexed = 0;
      while (appending) indexed += await store.indexSubjects();
      return indexed;
    });
    await Promise.all(
      stores.map(async (store, process) => {
        for (let i = 0; i < 25; i += 1) written.push(await store.append(accessRecord(5000 + process * 100 + i)));
      }),
    );
    appending = false;
    const byIndexers = (await Promise.all(indexers)).reduce((a, b) => a + b, 0);
    const rest = await stores[3]!.indexSubjects();
    // Every record (the first test's 200 and these 100) was indexed by exactly one turn of one process.
    expect(byIndexers + rest).toBe(300);
    expect(byIndexers).toBeGreaterThan(0);
    expect(await stores[2]!.indexedSeq()).toBe(300);
    const rows = await sql(stores[0]!, 'select count(*) as "n" from "audit_subject" where "seq" > ?', [200]);
    expect(Number(rows[0]!.n)).toBe(written.reduce((n, r) => n + r.people.length + r.employers.length, 0));
    expect(await verifyChain(stores[1]!)).toMatchObject({ ok: true, records: 300 });
  });
});
