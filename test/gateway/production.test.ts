import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestGraph, type TestGraph } from '../utils/graph';

describe('the gateway with NODE_ENV=production', () => {
  let production: TestGraph;
  let development: TestGraph;
  beforeAll(async () => {
    production = await createTestGraph({ gateway: { nodeEnv: 'production' } });
    development = await createTestGraph({ gateway: { nodeEnv: 'development' } });
  });
  afterAll(async () => {
    await production?.close();
    await development?.close();
  });

  const MISSPELT = '{ workers(first: 1) { totalCont } }';

  it('does not suggest field names in validation errors', async () => {
    const dev = await development.query(MISSPELT);
    expect(dev.errors?.[0]?.message).toContain('Did you mean');
    const res = await production.query(MISSPELT);
    expect(res.errors).toHaveLength(1);
    expect(res.errors![0]!.message).toContain('Cannot query field "totalCont"');
    expect(res.errors![0]!.message).not.toContain('Did you mean');
    expect(res.errors![0]!.message).not.toContain('totalCount');
  });

  it('returns no stack trace, even when a subgraph sends one', async () => {
    const query = 'query($cf: FiscalCode!) { worker(fiscalCode: $cf) { id } }';
    const variables = { cf: 'RSSMRA85T10A562X' };
    // The test subgraphs run in development mode and attach their stack trace.
    expect((await development.query(query, variables)).errors?.[0]?.extensions?.stacktrace).toBeDefined();
    const res = await production.query(query, variables);
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(res)).not.toMatch(/stacktrace|\.ts:\d+|node_modules/);
  });

  it('serves neither the landing page nor GraphiQL', async () => {
    const html = { accept: 'text/html' };
    const devPage = await fetch(development.gatewayUrl, { headers: html });
    expect(devPage.headers.get('content-type')).toMatch(/text\/html/);
    await devPage.body?.cancel();
    const page = await fetch(production.gatewayUrl, { headers: html });
    expect(page.headers.get('content-type') ?? '').not.toMatch(/text\/html/);
    await page.body?.cancel();
    const landing = await fetch(`${production.gatewayOrigin}/`, { headers: html });
    expect(landing.status).toBe(404);
    expect(await landing.text()).not.toMatch(/<html/i);
  });
});
