import { type IncomingHttpHeaders } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { tokenFor } from '../utils/auth';
import { createTestGraph, type TestGraph } from '../utils/graph';

describe('headers the gateway sends to subgraphs', () => {
  let graph: TestGraph;
  let seen: { subgraph: string; headers: IncomingHttpHeaders }[] = [];
  beforeAll(async () => {
    graph = await createTestGraph({ onSubgraphRequest: (subgraph, headers) => seen.push({ subgraph, headers }) });
  });
  beforeEach(() => {
    seen = [];
  });
  afterAll(() => graph?.close());

  const QUERY = '{ workers(first: 1) { totalCount } }';

  it('forward Authorization, X-Purpose and Agid-JWT-TrackingEvidence unchanged', async () => {
    const token = await tokenFor({ subject: 'headers-test' });
    const res = await graph.query(QUERY, undefined, {
      Authorization: `Bearer ${token}`,
      'X-Purpose': 'EMPLOYMENT_SERVICES',
      'Agid-JWT-TrackingEvidence': 'evidence.jwt.value',
    });
    expect(res.errors).toBeUndefined();
    expect(seen).toHaveLength(1);
    expect(seen[0]!.subgraph).toBe('workers');
    expect(seen[0]!.headers.authorization).toBe(`Bearer ${token}`);
    expect(seen[0]!.headers['x-purpose']).toBe('EMPLOYMENT_SERVICES');
    expect(seen[0]!.headers['agid-jwt-trackingevidence']).toBe('evidence.jwt.value');
  });

  it('forward nothing the client did not send, and no other client header', async () => {
    await graph.query(QUERY, undefined, { 'x-unrelated': 'value', cookie: 'session=abc' });
    expect(seen).toHaveLength(1);
    expect(seen[0]!.headers['agid-jwt-trackingevidence']).toBeUndefined();
    expect(seen[0]!.headers['x-unrelated']).toBeUndefined();
    expect(seen[0]!.headers.cookie).toBeUndefined();
  });

  it("propagate the client's x-request-id to the subgraph and back to the client", async () => {
    const res = await graph.query(QUERY, undefined, { 'x-request-id': 'client-request-0001' });
    expect(seen[0]!.headers['x-request-id']).toBe('client-request-0001');
    expect(res.headers.get('x-request-id')).toBe('client-request-0001');
  });

  it('generate an x-request-id when the client sends none, the same for subgraph and client', async () => {
    const res = await graph.query(QUERY);
    const id = res.headers.get('x-request-id');
    expect(id).toMatch(/^[A-Za-z0-9._-]{8,64}$/);
    expect(seen[0]!.headers['x-request-id']).toBe(id);
  });

  it('replace a malformed x-request-id with a generated one', async () => {
    const res = await graph.query(QUERY, undefined, { 'x-request-id': 'no spaces allowed!' });
    const id = res.headers.get('x-request-id');
    expect(id).not.toBe('no spaces allowed!');
    expect(id).toMatch(/^[A-Za-z0-9._-]{8,64}$/);
    expect(seen[0]!.headers['x-request-id']).toBe(id);
  });
});
