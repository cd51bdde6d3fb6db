import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestGraph, type TestGraph } from '../utils/graph';

describe('invalid input through the gateway', () => {
  let graph: TestGraph;
  beforeAll(async () => {
    graph = await createTestGraph();
  });
  afterAll(() => graph?.close());

  it('an invalid FiscalCode variable is BAD_USER_INPUT naming the argument, not echoing the value', async () => {
    const invalid = 'RSSMRA85T10A562X';
    const res = await graph.query('query Find($cf: FiscalCode!) { worker(fiscalCode: $cf) { id } }', { cf: invalid });
    expect(res.status).toBeLessThan(500);
    expect(res.errors).toHaveLength(1);
    const [error] = res.errors!;
    expect(error!.extensions?.code).toBe('BAD_USER_INPUT');
    expect(error!.message).toContain('argument "fiscalCode"');
    expect(JSON.stringify(res)).not.toContain(invalid);
  });

  it('an invalid FiscalCode literal is rejected the same way', async () => {
    const invalid = 'RSSMRA85T10A562X';
    const res = await graph.query(`{ worker(fiscalCode: "${invalid}") { id } }`);
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.message).toContain('fiscalCode');
    expect(JSON.stringify(res.errors)).not.toContain(invalid);
  });
});
