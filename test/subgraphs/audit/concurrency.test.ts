import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AuditStore, verifyChain } from '../../../subgraphs/lib/audit';
import { testPlatform } from '../../utils/database';
import { accessRecord, type AuditTestDatabase, createAuditDatabase } from './support';

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
});
