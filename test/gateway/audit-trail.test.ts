import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyChain } from '../../subgraphs/lib/audit';
import { ExtractionGuard, uniformLimits } from '../../subgraphs/lib/security';
import { Worker } from '../../subgraphs/workers/worker/worker.entity';
import { authHeaders } from '../utils/auth';
import { createTestGraph, type TestGraph } from '../utils/graph';
import { person } from '../utils/people';

// Issue 3, point 8 wired end to end: every request that reads personal data leaves one
// record per subgraph in the shared, hash-chained trail; the person reads who accessed
// their data; the data protection officer searches the trail.
/** An AgID tracking evidence in JWS compact form (its content is the client's business). */
const EVIDENCE = `${Buffer.from('{"alg":"ES256"}').toString('base64url')}.${Buffer.from('{"userID":"desk-user-9"}').toString('base64url')}.c2lnbmF0dXJl`;

describe('the audit trail through the gateway', () => {
  let graph: TestGraph;
  const someone = person(1);
  const other = person(2);
  const operator = { role: 'CPI_OPERATOR', purposes: ['EMPLOYMENT_SERVICES'], organisation: 'ORG-CPI-TEST', subject: 'operator-7' } as const;

  beforeAll(async () => {
    graph = await createTestGraph({
      audit: true,
      seed: async ({ workers }) => {
        for (const n of [1, 2]) workers!.create(Worker, person(n) as Worker);
        await workers!.flush();
      },
    });
  });
  afterAll(() => graph?.close());

  it('records who read which person, for what purpose, with the fields released and refused', async () => {
    const headers = { ...(await authHeaders(operator as never)), 'agid-jwt-trackingevidence': EVIDENCE };
    const res = await graph.query('query ReadOne($cf: FiscalCode!) { worker(fiscalCode: $cf) { fiscalCode lastName } }', { cf: someone.fiscalCode }, headers);
    expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
    const page = await graph.audit!.query({ person: someone.fiscalCode }, { first: 10 });
    expect(page.records).toHaveLength(1);
    const record = page.records[0]!;
    expect(record).toMatchObject({
      kind: 'ACCESS',
      subgraph: 'workers',
      organisation: 'ORG-CPI-TEST',
      subject: 'operator-7',
      role: 'CPI_OPERATOR',
      purpose: 'EMPLOYMENT_SERVICES',
      operationName: 'ReadOne',
      trackingEvidence: EVIDENCE,
    });
    expect(record.people).toEqual([someone.fiscalCode]);
    expect(record.fieldsReleased).toEqual(expect.arrayContaining(['Query.worker', 'Worker.lastName']));
    expect(record.requestId).toEqual(res.headers.get('x-request-id') ?? expect.any(String));
    // The other person was not read, and has no record.
    expect((await graph.audit!.query({ person: other.fiscalCode }, { first: 10 })).records).toHaveLength(0);
  });

  it('records refused fields, and writes nothing for a request that touched no one', async () => {
    const before = (await graph.audit!.head()).seq;
    await graph.query('{ purposes { code } }');
    expect((await graph.audit!.head()).seq).toBe(before);
    const social = await authHeaders({ role: 'SOCIAL_WORKER', purposes: ['SOCIAL_INCLUSION'], territory: ['015', '016', '017', '019'], subject: 'social-1' } as never);
    const res = await graph.query('query Did($cf: FiscalCode!) { worker(fiscalCode: $cf) { lastName availabilityDeclaration { status } } }', { cf: other.fiscalCode }, social);
    expect(res.errors?.map((e) => e.extensions?.code)).toContain('FORBIDDEN');
    const record = (await graph.audit!.query({ person: other.fiscalCode, purpose: 'SOCIAL_INCLUSION' }, { first: 1 })).records[0];
    expect(record?.fieldsRefused).toContain('Worker.availabilityDeclaration');
    expect(record?.fieldsReleased).not.toContain('Worker.availabilityDeclaration');
  });

  it('lets the person read their own access log, and nobody else read it', async () => {
    const citizen = await authHeaders({ role: 'CITIZEN', purposes: ['SELF_SERVICE'], subject: someone.fiscalCode, organisation: 'SPID' } as never);
    const res = await graph.query<{ me: { fiscalCode: string; accessLog: { nodes: { organisation: string; user: string; purpose: string; service: string; at: string }[] } } }>(
      '{ me { fiscalCode accessLog(first: 50) { nodes { organisation user purpose service at } } } }',
      {},
      citizen,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?.me.fiscalCode).toBe(someone.fiscalCode);
    expect(res.data?.me.accessLog.nodes).toEqual(
      expect.arrayContaining([expect.objectContaining({ organisation: 'ORG-CPI-TEST', user: 'operator-7', purpose: 'EMPLOYMENT_SERVICES', service: 'workers' })]),
    );
    const asOperator = await graph.query('query($cf: FiscalCode!) { worker(fiscalCode: $cf) { accessLog { nodes { user } } } }', { cf: someone.fiscalCode }, await authHeaders(operator as never));
    expect(asOperator.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(asOperator.errors?.[0]?.path).toEqual(['worker', 'accessLog']);
  });

  it('lets the data protection officer search by person, organisation and purpose; others are refused', async () => {
    const dpo = await authHeaders({ role: 'DATA_PROTECTION_OFFICER', purposes: ['SUPERVISION'], subject: 'dpo-1' } as never);
    const query = 'query($cf: FiscalCode, $org: String) { auditRecords(person: $cf, organisation: $org, first: 5) { nodes { seq user organisation people fieldsReleased } pageInfo { hasNextPage endCursor } } }';
    const res = await graph.query<{ auditRecords: { nodes: { user: string; organisation: string; people: string[] }[] } }>(query, { cf: someone.fiscalCode, org: 'ORG-CPI-TEST' }, dpo);
    expect(res.errors).toBeUndefined();
    expect(res.data?.auditRecords.nodes.length).toBeGreaterThan(0);
    for (const node of res.data?.auditRecords.nodes ?? []) {
      expect(node.organisation).toBe('ORG-CPI-TEST');
      expect(node.people).toContain(someone.fiscalCode);
    }
    const refused = await graph.query(query, { cf: someone.fiscalCode }, await authHeaders(operator as never));
    expect(refused.data).toEqual({ auditRecords: null });
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('keeps a chain that verifies', async () => {
    const result = await verifyChain(graph.audit!);
    expect(result.ok).toBe(true);
    expect(result.records).toBeGreaterThan(3);
  });
});

describe('limits on extraction through the gateway', () => {
  let graph: TestGraph;
  beforeAll(async () => {
    const guard = new ExtractionGuard({ limits: uniformLimits({ requestsPerWindow: 3, peoplePerDay: 2, employersPerDay: 10 }, 60) });
    graph = await createTestGraph({
      audit: true,
      extractionGuard: guard,
      seed: async ({ workers }) => {
        for (const n of [1, 2, 3]) workers!.create(Worker, person(n) as Worker);
        await workers!.flush();
      },
    });
  });
  afterAll(() => graph?.close());

  it('refuses people beyond the daily budget with RATE_LIMITED, releases nothing and records a security event', async () => {
    const headers = await authHeaders({ subject: 'budget-user' } as never);
    const read = (n: number) => graph.query<{ worker: { lastName: string } | null }>('query($cf: FiscalCode!) { worker(fiscalCode: $cf) { lastName } }', { cf: person(n).fiscalCode }, headers);
    expect((await read(1)).data?.worker?.lastName).toBe(person(1).lastName);
    expect((await read(2)).data?.worker?.lastName).toBe(person(2).lastName);
    const third = await read(3);
    expect(third.data?.worker ?? null).toBeNull();
    expect(third.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
    expect(JSON.stringify(third)).not.toContain(person(3).lastName);
    const security = await graph.audit!.query({ kind: 'SECURITY' as never }, { first: 5 });
    expect(security.records.find((r) => r.subject === 'budget-user' && r.detail === 'RATE_LIMITED')?.fieldsReleased).toEqual([]);
  });

  it('refuses requests beyond the rate limit with HTTP 429 before anything is read', async () => {
    const headers = await authHeaders({ subject: 'rate-user' } as never);
    const statuses: number[] = [];
    for (let i = 0; i < 4; i += 1) statuses.push((await graph.query('{ purposes { code } }', {}, headers)).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const security = await graph.audit!.query({ kind: 'SECURITY' as never, subject: 'rate-user' }, { first: 5 });
    expect(security.records.map((r) => [r.subgraph, r.detail])).toEqual([['gateway', 'RATE_LIMITED']]);
  });
});
