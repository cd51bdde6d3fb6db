import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Purpose, Role } from '../../subgraphs/lib/identity';
import { authHeaders, tokenFor } from '../utils/auth';
import { createTestGraph, type TestGraph } from '../utils/graph';

const QUERY = '{ workers(first: 1) { totalCount } }';

describe('credentials and purpose at the gateway and at each subgraph', () => {
  let graph: TestGraph;
  let subgraphRequests = 0;
  beforeAll(async () => {
    graph = await createTestGraph({ onSubgraphRequest: () => void (subgraphRequests += 1) });
  });
  beforeEach(() => {
    subgraphRequests = 0;
  });
  afterAll(() => graph?.close());

  it('answers a request with a valid token and a purpose it holds', async () => {
    const res = await graph.query(QUERY, undefined, await authHeaders({ role: Role.SOCIAL_WORKER, purposes: [Purpose.SOCIAL_INCLUSION] }));
    expect(res.status).toBe(200);
    expect(res.errors).toBeUndefined();
  });

  it.each([
    ['no Authorization header', { 'x-purpose': 'EMPLOYMENT_SERVICES', authorization: '' }, /Missing Authorization header/],
    ['a token that is not a Bearer token', { authorization: 'Basic dXNlcjpwYXNz', 'x-purpose': 'EMPLOYMENT_SERVICES' }, /not a Bearer token/],
    ['a token signed by another key', { authorization: 'Bearer eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl', 'x-purpose': 'EMPLOYMENT_SERVICES' }, /signature|malformed/],
  ])('refuses %s with 401 UNAUTHENTICATED and reads nothing', async (_, headers, message) => {
    const res = await graph.query(QUERY, undefined, headers as Record<string, string>);
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Bearer');
    expect(res.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(res.errors?.[0]?.message).toMatch(message);
    expect(res.data).toBeUndefined();
    expect(subgraphRequests).toBe(0);
  });

  it('refuses an expired token', async () => {
    const expired = await tokenFor({ ttlSeconds: -120 });
    const res = await graph.query(QUERY, undefined, { authorization: `Bearer ${expired}`, 'x-purpose': 'EMPLOYMENT_SERVICES' });
    expect(res.status).toBe(401);
    expect(res.errors?.[0]?.message).toMatch(/expired/);
    expect(subgraphRequests).toBe(0);
  });

  it.each([
    ['no declared purpose', {}, /No purpose declared/],
    ['a purpose the credential does not hold', { 'x-purpose': 'STATISTICS' }, /does not hold the declared purpose STATISTICS/],
    ['an unknown purpose', { 'x-purpose': 'CURIOSITY' }, /not a purpose of the catalogue/],
  ])('refuses %s with 403 FORBIDDEN naming the problem, before any data is read', async (_, purpose, message) => {
    const token = await tokenFor();
    const res = await graph.query(QUERY, undefined, { authorization: `Bearer ${token}`, ...purpose });
    expect(res.status).toBe(403);
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(res.errors?.[0]?.message).toMatch(message);
    expect(subgraphRequests).toBe(0);
  });

  it('makes every subgraph, called directly, refuse a request without a valid token', async () => {
    for (const [name, subgraph] of Object.entries(graph.subgraphs)) {
      const response = await fetch(subgraph.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-purpose': 'EMPLOYMENT_SERVICES' },
        body: JSON.stringify({ query: '{ _service { sdl } }' }),
      });
      expect(response.status, name).toBe(401);
      const body = (await response.json()) as { data?: unknown; errors: { extensions: { code: string } }[] };
      expect(body.errors[0]!.extensions.code, name).toBe('UNAUTHENTICATED');
      expect(body.data, name).toBeUndefined();
    }
  });
});
