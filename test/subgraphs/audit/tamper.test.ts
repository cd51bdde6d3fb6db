import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { appendRecords, AuditKind, type AuditStore, chainHash, exportCheckpoint, verifyChain } from '../../../subgraphs/lib/audit';
import { chainRecord } from '../../../subgraphs/lib/audit/chain';
import { recordFromRow } from '../../../subgraphs/lib/audit/store';
import { testPlatform } from '../../utils/database';
import { accessRecord, type AuditTestDatabase, createAuditDatabase, insertRow, sql } from './support';

// Each case starts from a fresh chain of 20 records and alters it with SQL, as someone
// with direct access to the database would; the verifier must name the first record
// concerned and what happened to it.
describe(`the chain verifier against tampering, on ${testPlatform()}`, () => {
  let database: AuditTestDatabase;
  let store: AuditStore;
  beforeAll(async () => {
    database = await createAuditDatabase('audit_tamper');
    store = await database.open();
  });
  // Records 1-15 have their subject index rows; 16-20 are not indexed yet, as the newest
  // records of a live trail are not.
  beforeEach(async () => {
    await sql(store, 'delete from "audit_record"');
    await sql(store, 'update "audit_index_state" set "indexed_seq" = 0');
    await appendRecords(store, Array.from({ length: 15 }, (_, i) => accessRecord(i + 1)));
    expect(await store.indexSubjects()).toBe(15);
    await appendRecords(store, Array.from({ length: 5 }, (_, i) => accessRecord(i + 16)));
  });
  afterAll(async () => {
    await store.close();
    await database.drop();
  });

  async function row(seq: number) {
    const [found] = await sql(store, 'select * from "audit_record" where "seq" = ?', [seq]);
    return recordFromRow(found!);
  }

  it('accepts an untouched chain, reporting its length and head', async () => {
    const head = await store.head();
    expect(await verifyChain(store)).toEqual({ ok: true, records: 20, head, problem: null });
  });

  it('accepts an empty chain', async () => {
    await sql(store, 'delete from "audit_record"');
    expect(await verifyChain(store)).toMatchObject({ ok: true, records: 0, head: { seq: 0 } });
  });

  it('detects a field of a middle record edited with SQL', async () => {
    await sql(store, 'update "audit_record" set "purpose" = ? where "seq" = ?', ['STATISTICS', 8]);
    expect(await verifyChain(store)).toMatchObject({
      ok: false,
      records: 7,
      problem: { seq: 8, kind: 'EDITED', message: 'record 8 was edited (hash mismatch)' },
    });
  });

  it('detects a person removed from the people of a record', async () => {
    await sql(store, 'update "audit_record" set "people" = ? where "seq" = ?', ['[]', 11]);
    expect((await verifyChain(store)).problem).toMatchObject({ seq: 11, kind: 'EDITED', message: 'record 11 was edited (hash mismatch)' });
  });

  it('detects a time that can no longer be read', async () => {
    await sql(store, 'update "audit_record" set "at" = ? where "seq" = ?', [store.platform === 'sqlite' ? 'yesterday' : '2001-01-01T00:00:00Z', 5]);
    expect((await verifyChain(store)).problem).toMatchObject({ seq: 5, kind: 'EDITED' });
  });

  it('detects an edited record whose hash was recomputed, at that record', async () => {
    const record = await row(9);
    const edited = { ...record, organisation: 'org-forged' };
    await sql(store, 'update "audit_record" set "organisation" = ?, "hash" = ? where "seq" = ?', ['org-forged', chainHash(record.prevHash, edited), 9]);
    expect((await verifyChain(store)).problem).toMatchObject({
      seq: 9,
      kind: 'EDITED',
      message: 'record 9 was edited and its hash recomputed (record 10 no longer links to it)',
    });
  });

  it('detects a subject index row deleted, which would hide the record from a person\'s access log', async () => {
    await sql(store, 'delete from "audit_subject" where "seq" = ? and "kind" = ?', [12, 'person']);
    expect((await verifyChain(store)).problem).toMatchObject({
      seq: 12,
      kind: 'EDITED',
      message: 'record 12 was edited (its people and employers index differs from the record)',
    });
  });

  it('detects an index row forged for a record not indexed yet', async () => {
    await sql(store, 'insert into "audit_subject" ("seq", "kind", "key") values (?, ?, ?)', [18, 'person', 'forged-key']);
    expect((await verifyChain(store)).problem).toMatchObject({
      seq: 18,
      kind: 'EDITED',
      message: 'record 18 was edited (index rows exist for it before it was indexed)',
    });
  });

  it('detects the indexed seq moved back, which would leave index rows the records no longer vouch for', async () => {
    await sql(store, 'update "audit_index_state" set "indexed_seq" = ?', [10]);
    expect((await verifyChain(store)).problem).toMatchObject({ seq: 11, kind: 'EDITED' });
  });

  it('accepts the chain again once the newest records are indexed', async () => {
    expect(await store.indexSubjects()).toBe(5);
    expect(await store.indexedSeq()).toBe(20);
    expect(await verifyChain(store)).toMatchObject({ ok: true, records: 20 });
  });

  it('detects a middle record deleted', async () => {
    await sql(store, 'delete from "audit_record" where "seq" = ?', [7]);
    expect(await verifyChain(store)).toMatchObject({
      ok: false,
      records: 6,
      problem: { seq: 7, kind: 'DELETED', message: 'record 7 was deleted (seq gap: 6 is followed by 8)' },
    });
  });

  it('detects several middle records deleted, naming the first', async () => {
    await sql(store, 'delete from "audit_record" where "seq" between ? and ?', [13, 15]);
    expect((await verifyChain(store)).problem).toMatchObject({ seq: 13, kind: 'DELETED', message: 'records 13-15 were deleted (seq gap: 12 is followed by 16)' });
  });

  it('detects the first records deleted', async () => {
    await sql(store, 'delete from "audit_record" where "seq" <= ?', [2]);
    expect((await verifyChain(store)).problem).toMatchObject({ seq: 1, kind: 'DELETED' });
  });

  it('detects a forged record inserted in the middle, with a plausible seq and a correctly computed hash', async () => {
    // The forger makes room after record 10 by renumbering the later records, then
    // inserts a record that links to record 10 and hashes correctly.
    await sql(store, 'update "audit_record" set "seq" = "seq" + 1000000 where "seq" > ?', [10]);
    await sql(store, 'update "audit_record" set "seq" = "seq" - 999999 where "seq" > ?', [1000000]);
    const tenth = await row(10);
    const forged = chainRecord(accessRecord(999, { organisation: 'org-forged', people: [] }), tenth, new Date(tenth.at.getTime() + 1));
    expect(forged.seq).toBe(11);
    await insertRow(store, forged);
    expect(await verifyChain(store)).toMatchObject({
      ok: false,
      records: 11,
      problem: { seq: 11, kind: 'INSERTED', message: 'record 11 was inserted (record 12 links to record 10)' },
    });
  });

  it('detects a forged record inserted after the tail with a seq that skips ahead', async () => {
    const head = await store.head();
    await insertRow(store, { ...chainRecord(accessRecord(999), head, new Date()), seq: 25 });
    expect((await verifyChain(store)).problem).toMatchObject({ seq: 21, kind: 'DELETED' });
  });

  it.runIf(testPlatform() === 'postgresql')('detects a forged record sharing the seq of a genuine one (primary key dropped)', async () => {
    const own = await createAuditDatabase('audit_tamper_pkey');
    const other = await own.open();
    try {
      await appendRecords(other, Array.from({ length: 20 }, (_, i) => accessRecord(i + 1)));
      await sql(other, 'alter table "audit_record" drop constraint "audit_record_pkey" cascade');
      const [sixth] = await sql(other, 'select * from "audit_record" where "seq" = 6');
      await insertRow(other, chainRecord(accessRecord(998, { people: [] }), recordFromRow(sixth!), new Date()));
      expect((await verifyChain(other)).problem).toMatchObject({ seq: 7, kind: 'INSERTED', message: 'a record was inserted at seq 7 (seq 7 appears twice)' });
    } finally {
      await other.close();
      await own.drop();
    }
  });

  it('does not notice the last records deleted without a checkpoint, and does with one', async () => {
    const checkpoint = await exportCheckpoint(store);
    expect(checkpoint).toMatchObject({ seq: 20 });
    await sql(store, 'delete from "audit_record" where "seq" > ?', [16]);
    expect(await verifyChain(store)).toMatchObject({ ok: true, records: 16 });
    expect(await verifyChain(store, { checkpoint })).toMatchObject({
      ok: false,
      records: 16,
      problem: { seq: 17, kind: 'TRUNCATED', message: 'the chain was truncated: it ends at record 16, the checkpoint is at record 20' },
    });
  });

  it('detects a truncated tail that has grown again past the checkpoint', async () => {
    const checkpoint = await exportCheckpoint(store);
    await sql(store, 'delete from "audit_record" where "seq" > ?', [16]);
    for (let n = 30; n < 36; n += 1) await store.append(accessRecord(n));
    expect(await verifyChain(store)).toMatchObject({ ok: true, records: 22 });
    expect((await verifyChain(store, { checkpoint })).problem).toMatchObject({ seq: 20, kind: 'TRUNCATED' });
  });

  it('accepts a checkpoint that the chain has since grown past', async () => {
    const checkpoint = await exportCheckpoint(store);
    await store.append(accessRecord(40, { kind: AuditKind.EXPORT }));
    expect(await verifyChain(store, { checkpoint })).toMatchObject({ ok: true, records: 21 });
  });

  it('verifies from a seq when the older records were purged, and links that seq to its predecessor when present', async () => {
    await sql(store, 'delete from "audit_record" where "seq" < ?', [6]);
    expect((await verifyChain(store)).problem).toMatchObject({ seq: 1, kind: 'DELETED' });
    expect(await verifyChain(store, { from: 6 })).toMatchObject({ ok: true, records: 15 });
    await sql(store, 'update "audit_record" set "prev_hash" = ? where "seq" = ?', ['f'.repeat(64), 11]);
    expect((await verifyChain(store, { from: 11 })).problem).toMatchObject({ seq: 11, kind: 'EDITED' });
  });

  it('reads in batches without losing the thread between them', async () => {
    await sql(store, 'update "audit_record" set "subject" = ? where "seq" = ?', ['OPERATOR-X', 14]);
    expect((await verifyChain(store, { batchSize: 3 })).problem).toMatchObject({ seq: 14, kind: 'EDITED' });
    await sql(store, 'delete from "audit_record" where "seq" >= ?', [14]);
    expect(await verifyChain(store, { batchSize: 3 })).toMatchObject({ ok: true, records: 13 });
  });
});
