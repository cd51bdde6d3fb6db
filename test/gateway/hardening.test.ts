import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_OPERATION_LIMITS } from '../../subgraphs/lib/limits';
import { authHeaders } from '../utils/auth';
import { createTestGraph, type TestGraph } from '../utils/graph';

// Operation limits and HTTP hardening at the gateway (issue 3, point 11). Every refusal
// happens before planning: no subgraph is asked anything.

/** A selection `levels` deep, alternating a person and their latest DID. */
function deepQuery(levels: number): string {
  let inner = 'id';
  for (let i = 0; i < levels; i += 1) inner = i % 2 === 0 ? `worker { ${inner} }` : `availabilityDeclaration { ${inner} }`;
  return `query Deep($cf: FiscalCode!) { worker(fiscalCode: $cf) { ${inner} } }`;
}

async function post(url: string, body: string, headers: Record<string, string>, chunked = false) {
  return new Promise<{ status: number; body: string }>((done, fail) => {
    const req = request(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers, ...(chunked ? { 'transfer-encoding': 'chunked' } : { 'content-length': String(Buffer.byteLength(body)) }) } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (text += chunk));
      res.on('end', () => done({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', fail);
    req.end(body);
  });
}

describe('gateway operation limits', () => {
  let graph: TestGraph;
  let production: TestGraph;
  let subgraphRequests = 0;
  const cf = 'RSSMRA85T10A562S';

  beforeAll(async () => {
    graph = await createTestGraph({ onSubgraphRequest: () => void (subgraphRequests += 1) });
    // Production, with a low cost limit and a small body limit to show both are configurable.
    production = await createTestGraph({
      onSubgraphRequest: () => void (subgraphRequests += 1),
      gateway: { nodeEnv: 'production', limits: { ...DEFAULT_OPERATION_LIMITS, cost: 30 }, maxBodyBytes: 4096 },
    });
  });
  afterAll(async () => {
    await graph?.close();
    await production?.close();
  });

  it('accepts an operation as deep as the limit and refuses one level more, naming the limit', async () => {
    subgraphRequests = 0;
    // worker(1) + 10 nested levels + id = 12 levels.
    const ok = await graph.query(deepQuery(10), { cf });
    expect(ok.errors?.find((e) => /depth/i.test(e.message))).toBeUndefined();
    subgraphRequests = 0;
    const refused = await graph.query(deepQuery(11), { cf });
    expect(refused.data ?? null).toBeNull();
    expect(refused.errors?.[0]?.message).toMatch(/depth limit of 12/i);
    expect(subgraphRequests).toBe(0);
  });

  it('refuses more aliases than the limit', async () => {
    subgraphRequests = 0;
    const aliases = Array.from({ length: DEFAULT_OPERATION_LIMITS.aliases + 1 }, (_, i) => `a${i}: worker(fiscalCode: $cf) { id }`).join(' ');
    const refused = await graph.query(`query Many($cf: FiscalCode!) { ${aliases} }`, { cf });
    expect(refused.data ?? null).toBeNull();
    expect(refused.errors?.[0]?.message).toMatch(/aliases limit of 15/i);
    expect(subgraphRequests).toBe(0);
  });

  it('refuses a document with more tokens than the limit', async () => {
    const fields = Array.from({ length: DEFAULT_OPERATION_LIMITS.tokens }, () => 'id').join(' ');
    const refused = await graph.query(`query Long($cf: FiscalCode!) { worker(fiscalCode: $cf) { ${fields} } }`, { cf });
    expect(refused.data ?? null).toBeNull();
    expect(refused.errors?.[0]?.message).toMatch(/token limit of 3000/i);
  });

  it('refuses an operation whose static cost exceeds the configured limit', async () => {
    subgraphRequests = 0;
    const wide = 'query Wide($cf: FiscalCode!) { worker(fiscalCode: $cf) { id firstName lastName birthDate sex citizenship availabilityDeclaration { id status statusDate declaredOn channel history { id fromStatus toStatus effectiveOn } } } }';
    expect((await graph.query(wide, { cf })).errors?.find((e) => /cost/i.test(e.message))).toBeUndefined();
    subgraphRequests = 0;
    const refused = await production.query(wide, { cf });
    expect(refused.data ?? null).toBeNull();
    expect(refused.errors?.[0]?.message).toMatch(/cost limit of 30/i);
    expect(subgraphRequests).toBe(0);
  });

  it('refuses a body over the size limit (413) and a body of unstated length (411)', async () => {
    const auth = await authHeaders();
    const big = JSON.stringify({ query: `{ __typename }`, padding: 'x'.repeat(5000) });
    const tooLarge = await post(production.gatewayUrl, big, auth);
    expect(tooLarge.status).toBe(413);
    expect(JSON.parse(tooLarge.body).errors[0].message).toMatch(/larger than 4096 bytes/);
    const chunked = await post(production.gatewayUrl, JSON.stringify({ query: '{ __typename }' }), auth, true);
    expect(chunked.status).toBe(411);
  });

  it('refuses batched HTTP requests (an array of operations)', async () => {
    subgraphRequests = 0;
    const auth = await authHeaders();
    const batch = JSON.stringify([
      { query: 'query A($cf: FiscalCode!) { worker(fiscalCode: $cf) { id } }', variables: { cf } },
      { query: 'query B($cf: FiscalCode!) { worker(fiscalCode: $cf) { id } }', variables: { cf } },
    ]);
    const answer = await post(graph.gatewayUrl, batch, auth);
    expect(answer.status).toBeGreaterThanOrEqual(400);
    expect(answer.status).toBeLessThan(500);
    expect(subgraphRequests).toBe(0);
  });

  it('answers introspection in development and refuses it in production', async () => {
    const introspect = '{ __schema { queryType { name } } }';
    expect((await graph.query<{ __schema: { queryType: { name: string } } }>(introspect)).data?.__schema.queryType.name).toBe('Query');
    const refused = await production.query(introspect);
    expect(refused.data ?? null).toBeNull();
    expect(refused.errors?.[0]?.message).toMatch(/introspection/i);
  });
});
