import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Worker } from '../../subgraphs/workers/worker/worker.entity';
import { createTestGraph, type TestGraph } from '../utils/graph';
import { person } from '../utils/people';

describe('a query through the gateway', () => {
  let graph: TestGraph;
  beforeAll(async () => {
    graph = await createTestGraph({
      seed: async ({ workers }) => {
        for (let n = 0; n < 3; n++) workers!.create(Worker, person(n) as Worker);
        await workers!.flush();
      },
    });
  });
  afterAll(() => graph?.close());

  it('is answered with the data of the subgraph that owns the fields', async () => {
    const wanted = person(2);
    const res = await graph.query<{ worker: { fiscalCode: string; lastName: string; birthDate: string } | null }>(
      'query Worker($cf: FiscalCode!) { worker(fiscalCode: $cf) { fiscalCode lastName birthDate } }',
      { cf: wanted.fiscalCode },
    );
    expect(res.status).toBe(200);
    expect(res.errors).toBeUndefined();
    expect(res.data?.worker).toEqual({ fiscalCode: wanted.fiscalCode, lastName: wanted.lastName, birthDate: wanted.birthDate });
  });

  it('pages a connection across the gateway', async () => {
    const res = await graph.query<{ workers: { totalCount: number; nodes: { id: string }[]; pageInfo: { hasNextPage: boolean } } }>(
      '{ workers(first: 2) { totalCount nodes { id } pageInfo { hasNextPage } } }',
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?.workers.totalCount).toBe(3);
    expect(res.data?.workers.nodes).toHaveLength(2);
    expect(res.data?.workers.pageInfo.hasNextPage).toBe(true);
  });

  it('answers null, not an error, for a person that does not exist', async () => {
    const res = await graph.query<{ worker: unknown }>('query($cf: FiscalCode!) { worker(fiscalCode: $cf) { id } }', { cf: person(99).fiscalCode });
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({ worker: null });
  });
});
