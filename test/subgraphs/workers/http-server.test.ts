import { once } from 'node:events';
import { type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSubgraphServer, MAX_BODY_BYTES } from '../../../subgraphs/lib/http';
import { workersSubgraph } from '../../../subgraphs/workers';
import { type WorkersLoaders } from '../../../subgraphs/workers/loaders';
import { createTestSubgraph, type TestSubgraph } from '../../utils/subgraph';
import { REGIONAL_CPI } from './support';

describe('the HTTP server of a subgraph', () => {
  let graph: TestSubgraph<WorkersLoaders>;
  let server: Server;
  let origin = '';

  beforeAll(async () => {
    graph = await createTestSubgraph(workersSubgraph, { caller: REGIONAL_CPI });
    server = createSubgraphServer(graph.runtime);
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise<void>((done) => server.close(() => done()));
    await graph.close();
  });

  const post = (body: string) => fetch(`${origin}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });

  it('answers a query at /graphql', async () => {
    const response = await post(JSON.stringify({ query: '{ workers(first: 1) { totalCount } }' }));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ data: { workers: { totalCount: 0 } } });
  });

  it('refuses a body that is not JSON with 400 and says so', async () => {
    const response = await post('{"query": ');
    expect(response.status).toBe(400);
    expect(JSON.stringify(await response.json())).toContain('not valid JSON');
  });

  it('refuses a body over the limit with 413', async () => {
    const response = await post(JSON.stringify({ query: `{ __typename }`, padding: 'x'.repeat(MAX_BODY_BYTES) }));
    expect(response.status).toBe(413);
  });

  it('serves health, readiness and Prometheus metrics with the SQL statement count', async () => {
    expect((await fetch(`${origin}/healthz`)).status).toBe(200);
    expect(await (await fetch(`${origin}/readyz`)).json()).toEqual({ status: 'ready' });
    const metrics = await (await fetch(`${origin}/metrics`)).text();
    expect(metrics).toMatch(/^sql_statements_total\{subgraph="workers"\} \d+$/m);
    expect(metrics).toMatch(/^graphql_http_requests_total\{status="200",subgraph="workers"\} \d+$/m);
    expect((await fetch(`${origin}/elsewhere`)).status).toBe(404);
  });
});
