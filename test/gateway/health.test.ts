import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { METRIC_NAMES } from '../../gateway/gateway';
import { createTestGraph, type TestGraph } from '../utils/graph';

/** Sum of the samples of a Prometheus metric whose labels contain every given pair. */
function sample(text: string, metric: string, labels: Record<string, string> = {}): number {
  let total = 0;
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${metric}{`) && !line.startsWith(`${metric} `)) continue;
    if (Object.entries(labels).every(([k, v]) => line.includes(`${k}="${v}"`))) total += Number(line.split(' ').pop());
  }
  return total;
}

describe('gateway health and metrics endpoints', () => {
  let graph: TestGraph;
  beforeAll(async () => {
    graph = await createTestGraph();
  });
  afterAll(() => graph?.close());

  const get = (path: string) => fetch(`${graph.gatewayOrigin}${path}`);

  it('/healthz answers 200 while the process is alive', async () => {
    expect((await get('/healthz')).status).toBe(200);
  });

  it('/readyz answers 200 naming every subgraph ready', async () => {
    const res = await get('/readyz');
    expect(res.status).toBe(200);
    const body = (await res.json()) as { subgraphs: Record<string, string> };
    expect(Object.keys(body.subgraphs).sort()).toEqual(Object.keys(graph.subgraphs).sort());
    expect(Object.values(body.subgraphs).every((s) => s === 'ready')).toBe(true);
  });

  it('/metrics serves Prometheus text with the subgraph fetches of each request', async () => {
    const before = await (await get('/metrics')).text();
    const url = graph.subgraphs.workers!.url;
    const res = await graph.query('{ workers(first: 1) { totalCount } }');
    expect(res.errors).toBeUndefined();
    const metrics = await get('/metrics');
    expect(metrics.status).toBe(200);
    expect(metrics.headers.get('content-type')).toMatch(/^text\/plain/);
    const after = await metrics.text();
    expect(after).toMatch(/^# HELP graphql_gateway_fetch_duration /m);
    expect(after).toMatch(/^# TYPE graphql_gateway_subgraph_execute_duration histogram$/m);
    // One root field of one subgraph: exactly one HTTP fetch to it, one subgraph execution.
    expect(sample(after, METRIC_NAMES.subgraphFetches, { url }) - sample(before, METRIC_NAMES.subgraphFetches, { url })).toBe(1);
    expect(
      sample(after, METRIC_NAMES.subgraphExecutions, { subgraphName: 'workers' }) -
        sample(before, METRIC_NAMES.subgraphExecutions, { subgraphName: 'workers' }),
    ).toBe(1);
    expect(sample(after, METRIC_NAMES.operations) - sample(before, METRIC_NAMES.operations)).toBe(1);
  });

  it('/readyz answers 503 naming the subgraph that is down', async () => {
    const stopped = Object.keys(graph.subgraphs)[0]!;
    await graph.stopSubgraph(stopped);
    const res = await get('/readyz');
    expect(res.status).toBe(503);
    const body = (await res.json()) as { unavailable: string[] };
    expect(body.unavailable).toEqual([stopped]);
    expect((await get('/healthz')).status).toBe(200);
  });
});
