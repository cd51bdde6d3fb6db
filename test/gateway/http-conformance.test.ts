import { type AuditResult, serverAudits } from 'graphql-http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestGraph, type TestGraph } from '../utils/graph';

describe('GraphQL over HTTP conformance of the gateway', () => {
  let graph: TestGraph;
  let results: AuditResult[];
  beforeAll(async () => {
    graph = await createTestGraph();
    results = [];
    for (const audit of serverAudits({ url: () => graph.gatewayUrl })) results.push(await audit.fn());
  });
  afterAll(() => graph?.close());

  it('runs the audits', () => {
    expect(results.length).toBeGreaterThan(20);
    expect(results.some((r) => r.name.startsWith('MUST'))).toBe(true);
  });

  it('passes every MUST audit', () => {
    const failed = results.filter((r) => r.name.startsWith('MUST') && r.status !== 'ok');
    const described = failed.map((r) => `${r.id} ${r.name}: ${r.status === 'ok' ? '' : r.reason}`);
    expect(described, `failing MUST audits:\n${described.join('\n')}`).toEqual([]);
  });
});
