import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditKind, AuditRecordError, type AuditStore, appendRecords, chainHash, GENESIS_HASH, verifyChain } from '../../../subgraphs/lib/audit';
import { testPlatform } from '../../utils/database';
import { person } from '../../utils/people';
import { accessRecord, type AuditTestDatabase, createAuditDatabase, employer, sql } from './support';

describe(`appending to the audit chain, on ${testPlatform()}`, () => {
  let database: AuditTestDatabase;
  let store: AuditStore;
  beforeAll(async () => {
    database = await createAuditDatabase('audit_append');
    store = await database.open();
  });
  afterAll(async () => {
    await store.close();
    await database.drop();
  });

  it('numbers records from 1 and links each to the previous one, starting from the genesis hash', async () => {
    const first = await store.append(accessRecord(1));
    const second = await store.append(accessRecord(2));
    expect(first).toMatchObject({ seq: 1, prevHash: GENESIS_HASH });
    expect(second).toMatchObject({ seq: 2, prevHash: first.hash });
    expect(first.hash).toBe(chainHash(GENESIS_HASH, first));
    expect(await store.head()).toEqual({ seq: 2, hash: second.hash });
  });

  it('stores every field, lists sorted and without duplicates, and reads them back unchanged', async () => {
    const at = new Date('2026-03-04T05:06:07.089Z');
    const written = await store.append({
      kind: AuditKind.SECURITY,
      at,
      subgraph: 'companies',
      requestId: 'req-security-01',
      organisation: 'org-cassa-edile',
      subject: 'OPERATOR-9',
      role: 'CASSA_EDILE',
      purpose: 'REGULARITY_CHECK',
      operationName: null,
      tokenId: 'jti-security',
      trackingEvidence: 'eyJhbGciOiJub25lIn0.e30.',
      people: [person(8).fiscalCode, person(7).fiscalCode, person(8).fiscalCode],
      employers: [employer(2), employer(1)],
      fieldsReleased: ['Worker.lastName', 'Query.worker'],
      fieldsRefused: ['Worker.birthDate'],
      detail: 'RATE_LIMITED',
    });
    expect(written.people).toEqual([person(7).fiscalCode, person(8).fiscalCode].sort());
    const { records } = await store.query({ organisation: 'org-cassa-edile' }, { first: 10 });
    expect(records).toEqual([written]);
    expect(records[0]!.at.toISOString()).toBe(at.toISOString());
    // The subject index follows the chain: nothing for the record until it is indexed.
    const subjectsOf = () => sql(store, 'select "kind", "key" from "audit_subject" where "seq" = ? order by "kind", "key"', [written.seq]);
    expect(await subjectsOf()).toEqual([]);
    expect(await store.indexSubjects()).toBeGreaterThanOrEqual(1);
    expect(await store.indexedSeq()).toBe(written.seq);
    const subjects = await subjectsOf();
    expect(subjects.map((s) => `${s.kind}:${s.key}`)).toEqual([
      ...[employer(1), employer(2)].sort().map((k) => `employer:${k}`),
      ...[person(7).fiscalCode, person(8).fiscalCode].sort().map((k) => `person:${k}`),
    ]);
  });

  it('writes the records of a request in one transaction: the head read and one insert, nothing for the subject index', async () => {
    const before = { ...store.stats };
    const written = await appendRecords(store, [accessRecord(10), accessRecord(11), accessRecord(12)]);
    expect(written.map((r) => r.seq)).toEqual([written[0]!.seq, written[0]!.seq + 1, written[0]!.seq + 2]);
    expect(store.stats.transactions - before.transactions).toBe(1);
    // begin + lock/head + insert records + commit (PostgreSQL: lock and head are two)
    const expected = store.platform === 'postgresql' ? 5 : 4;
    expect(store.stats.statements - before.statements).toBe(expected);
  });

  it('gathers appends that arrive while a transaction runs into the next one (group commit)', async () => {
    const before = { ...store.stats };
    const written = await Promise.all(Array.from({ length: 30 }, (_, i) => store.append(accessRecord(100 + i))));
    const seqs = written.map((r) => r.seq);
    expect(new Set(seqs).size).toBe(30);
    expect(written.map((r) => r.requestId)).toEqual(Array.from({ length: 30 }, (_, i) => accessRecord(100 + i).requestId));
    expect(store.stats.transactions - before.transactions).toBeLessThan(30);
    expect((await verifyChain(store)).ok).toBe(true);
  });

  it('refuses a malformed record before writing anything, naming the field and not the value', async () => {
    const head = await store.head();
    const bad = { ...accessRecord(50), people: [person(50).fiscalCode, ''] };
    await expect(appendRecords(store, [accessRecord(51), bad])).rejects.toThrow(AuditRecordError);
    await expect(store.append(bad)).rejects.toThrow('Invalid audit record: people must be a list of non-empty strings');
    await expect(store.append({ ...accessRecord(52), kind: 'READ' as AuditKind })).rejects.toThrow('kind is not an AuditKind');
    expect(await store.head()).toEqual(head);
  });

  it('stamps the append time when the record has none', async () => {
    const before = Date.now();
    const record = await store.append(accessRecord(60));
    expect(record.at.getTime()).toBeGreaterThanOrEqual(before);
    expect(record.at.getTime()).toBeLessThanOrEqual(Date.now());
  });

  it('indexes on a timer what was appended since, until the store closes', async () => {
    const errors: unknown[] = [];
    store.startIndexing(20, (error) => errors.push(error));
    const written = await appendRecords(store, [accessRecord(70), accessRecord(71)]);
    const deadline = Date.now() + 10_000;
    while ((await store.indexedSeq()) < written[1]!.seq && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await store.indexedSeq()).toBe(written[1]!.seq);
    const rows = await sql(store, 'select "key" from "audit_subject" where "seq" = ? and "kind" = ?', [written[0]!.seq, 'person']);
    expect(rows.map((r) => r.key)).toEqual(written[0]!.people);
    expect(errors).toEqual([]);
  });
});
