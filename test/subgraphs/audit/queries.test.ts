import { GraphQLError } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendRecords, AuditKind, type AuditPage, type AuditQuery, type AuditRecord, type AuditStore } from '../../../subgraphs/lib/audit';
import { testPlatform } from '../../utils/database';
import { person } from '../../utils/people';
import { accessRecord, type AuditTestDatabase, createAuditDatabase, employer, sql } from './support';

const DAY = 24 * 3600 * 1000;
const START = Date.parse('2026-01-01T00:00:00Z');

describe(`querying the audit trail, on ${testPlatform()}`, () => {
  let database: AuditTestDatabase;
  let store: AuditStore;
  let all: AuditRecord[];
  beforeAll(async () => {
    database = await createAuditDatabase('audit_queries');
    store = await database.open();
    // Record n is on day n; see accessRecord for who touches whom.
    all = await appendRecords(store, Array.from({ length: 60 }, (_, i) => accessRecord(i + 1, { at: new Date(START + (i + 1) * DAY) })));
    all.push(
      await store.append({ ...accessRecord(61, { at: new Date(START + 61 * DAY) }), kind: AuditKind.SECURITY, detail: 'RATE_LIMITED', people: [person(3).fiscalCode] }),
      await store.append({ ...accessRecord(62, { at: new Date(START + 62 * DAY) }), kind: AuditKind.EXPORT, people: [person(3).fiscalCode] }),
    );
  });
  afterAll(async () => {
    await store.close();
    await database.drop();
  });

  /** Every page of a query, `first` at a time, newest first. */
  async function everything(filter: AuditQuery, first: number): Promise<{ seqs: number[]; pages: AuditPage[] }> {
    const pages: AuditPage[] = [];
    let after: string | null = null;
    do {
      const page = await store.query(filter, { first, after });
      pages.push(page);
      after = page.hasNextPage ? page.endCursor : null;
    } while (after);
    return { seqs: pages.flatMap((p) => p.records.map((r) => r.seq)), pages };
  }

  const expected = (keep: (r: AuditRecord) => boolean) => all.filter(keep).map((r) => r.seq).reverse();

  it('pages through the whole trail newest first, each record once', async () => {
    const { seqs, pages } = await everything({}, 7);
    expect(seqs).toEqual(expected(() => true));
    expect(pages).toHaveLength(9);
    expect(pages.at(-1)).toMatchObject({ hasNextPage: false });
  });

  it('finds the records concerning a person through the subject index', async () => {
    const code = person(3).fiscalCode;
    const { seqs } = await everything({ person: code }, 2);
    expect(seqs).toEqual(expected((r) => r.people.includes(code)));
    expect(seqs.length).toBeGreaterThanOrEqual(3);
  });

  it('finds the records concerning an employer', async () => {
    const { seqs } = await everything({ employer: employer(8) }, 5);
    expect(seqs).toEqual(expected((r) => r.employers.includes(employer(8))));
    expect(seqs).toHaveLength(1);
  });

  it('filters by organisation, purpose, user, kind and period together', async () => {
    const filter: AuditQuery = {
      organisation: 'org-1',
      purpose: 'EMPLOYMENT_SERVICES',
      kind: AuditKind.ACCESS,
      from: new Date(START + 10 * DAY),
      to: new Date(START + 50 * DAY),
    };
    const { seqs } = await everything(filter, 3);
    expect(seqs).toEqual(
      expected((r) => r.organisation === 'org-1' && r.purpose === 'EMPLOYMENT_SERVICES' && r.kind === AuditKind.ACCESS && r.at.getTime() >= START + 10 * DAY && r.at.getTime() < START + 50 * DAY),
    );
    expect(seqs.length).toBeGreaterThan(2);
    expect((await everything({ subject: 'OPERATOR-2', person: person(7).fiscalCode }, 10)).seqs).toEqual(
      expected((r) => r.subject === 'OPERATOR-2' && r.people.includes(person(7).fiscalCode)),
    );
  });

  it('finds the same records by person and by employer whether none, some or all of them are indexed', async () => {
    const filters: AuditQuery[] = [
      { person: person(3).fiscalCode },
      { person: person(31).fiscalCode },
      { employer: employer(8) },
      { person: person(36).fiscalCode, employer: employer(36) },
      { person: person(7).fiscalCode, subject: 'OPERATOR-2' },
    ];
    const answers = async () => Promise.all(filters.map(async (filter) => (await everything(filter, 1)).seqs));
    const want = filters.map((filter) =>
      expected((r) => (!filter.person || r.people.includes(filter.person)) && (!filter.employer || r.employers.includes(filter.employer)) && (!filter.subject || r.subject === filter.subject)),
    );
    expect(want.every((seqs) => seqs.length > 0)).toBe(true);
    expect(await store.indexedSeq()).toBe(0);
    expect(await answers()).toEqual(want);
    // Indexed up to record 33: pages of one record cross from the JSON lists to the index.
    expect(await store.indexSubjects()).toBe(all.length);
    await sql(store, 'delete from "audit_subject" where "seq" > ?', [33]);
    await sql(store, 'update "audit_index_state" set "indexed_seq" = ?', [33]);
    expect(await answers()).toEqual(want);
    expect(await store.indexSubjects()).toBe(all.length - 33);
    expect(await answers()).toEqual(want);
    expect(await store.indexSubjects()).toBe(0);
  });

  it('returns an empty page for no match, and for an empty list of kinds', async () => {
    expect(await store.query({ organisation: 'org-none' }, { first: 5 })).toEqual({ records: [], endCursor: null, hasNextPage: false });
    expect(await store.query({ kind: [] }, { first: 5 })).toEqual({ records: [], endCursor: null, hasNextPage: false });
  });

  it('gives a person their access log: who, in which role and organisation, when, for what, reads and exports only', async () => {
    const code = person(3).fiscalCode;
    const log = await store.accessLogOf(code, { first: 50 });
    const concerning = all.filter((r) => r.people.includes(code) && r.kind !== AuditKind.SECURITY).reverse();
    expect(log.entries.map((e) => e.seq)).toEqual(concerning.map((r) => r.seq));
    expect(log.entries[0]).toEqual({
      seq: concerning[0]!.seq,
      at: concerning[0]!.at,
      kind: AuditKind.EXPORT,
      subgraph: 'workers',
      requestId: concerning[0]!.requestId,
      organisation: concerning[0]!.organisation,
      subject: concerning[0]!.subject,
      role: 'CPI_OPERATOR',
      purpose: concerning[0]!.purpose,
      operationName: concerning[0]!.operationName,
    });
    const firstPage = await store.accessLogOf(code, { first: 1 });
    const secondPage = await store.accessLogOf(code, { first: 1, after: firstPage.endCursor });
    expect([...firstPage.entries, ...secondPage.entries].map((e) => e.seq)).toEqual(concerning.slice(0, 2).map((r) => r.seq));
  });

  it('refuses a page size out of range and a cursor it did not issue, as BAD_USER_INPUT', async () => {
    for (const page of [{ first: 0 }, { first: 501 }, { first: 1.5 }, { first: 5, after: 'bm90LWEtY3Vyc29y' }]) {
      const error = await store.query({}, page).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(GraphQLError);
      expect((error as GraphQLError).extensions.code).toBe('BAD_USER_INPUT');
    }
  });
});
