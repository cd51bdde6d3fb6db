import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Worker } from '../../subgraphs/workers/worker/worker.entity';
import { authHeaders, tokenFor } from '../utils/auth';
import { person } from '../utils/people';
import { createTestGraph, type TestGraph } from '../utils/graph';

describe('concurrent identical requests through the gateway', () => {
  let graph: TestGraph;
  const seen: { subgraph: string; authorization: string | undefined }[] = [];

  beforeAll(async () => {
    graph = await createTestGraph({
      onSubgraphRequest: (subgraph, headers) => seen.push({ subgraph, authorization: headers.authorization as string | undefined }),
      seed: async (ems) => {
        for (let n = 0; n < 3; n += 1) ems.workers!.create(Worker, person(n) as Worker);
        await ems.workers!.flush();
      },
    });
  });
  afterAll(() => graph?.close());

  it('sends each caller its own subgraph request, never a shared answer', async () => {
    seen.length = 0;
    const callers = await Promise.all(['a', 'b', 'c', 'd', 'e'].map(async (subject) => `Bearer ${await tokenFor({ subject })}`));
    const answers = await Promise.all(
      callers.map((authorization) =>
        graph.query('{ workers(first: 3) { totalCount nodes { id } } }', undefined, { authorization, 'x-purpose': 'EMPLOYMENT_SERVICES' }),
      ),
    );
    for (const answer of answers) expect(answer.data).toMatchObject({ workers: { totalCount: 3 } });
    const workerRequests = seen.filter((s) => s.subgraph === 'workers');
    expect(workerRequests).toHaveLength(callers.length);
    expect(workerRequests.map((s) => s.authorization).sort()).toEqual(callers);
  });

  it('sends every request to the subgraph even when the same caller repeats it (each leaves its own trace)', async () => {
    seen.length = 0;
    const same = await authHeaders({ subject: 'same' });
    const answers = await Promise.all(Array.from({ length: 5 }, () => graph.query('{ workers(first: 3) { totalCount } }', undefined, same)));
    for (const answer of answers) expect(answer.data).toMatchObject({ workers: { totalCount: 3 } });
    expect(seen.filter((s) => s.subgraph === 'workers')).toHaveLength(5);
  });
});
