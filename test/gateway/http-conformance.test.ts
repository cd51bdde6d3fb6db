import { type AuditResult, serverAudits } from 'graphql-http';
import { authHeaders } from '../utils/auth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestGraph, type TestGraph } from '../utils/graph';

describe('GraphQL over HTTP conformance of the gateway', () => {
  let graph: TestGraph;
  let results: AuditResult[];
  beforeAll(async () => {
    graph = await createTestGraph();
    results = [];
    const auth = await authHeaders();
    // The audits speak GraphQL over HTTP; every request carries a valid credential and purpose.
    const fetchFn = (input: RequestInfo | URL, init?: RequestInit) => {
      const headers = new Headers(init?.headers);
      for (const [name, value] of Object.entries(auth)) headers.set(name, value);
      return fetch(input, { ...init, headers });
    };
    for (const audit of serverAudits({ url: () => graph.gatewayUrl, fetchFn })) results.push(await audit.fn());
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
