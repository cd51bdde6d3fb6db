import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDataset } from '../../scripts/seed/dataset';
import { seedCompanies } from '../../subgraphs/companies/seed';
import { seedPacts } from '../../subgraphs/pacts/seed';
import { seedReferrals } from '../../subgraphs/referrals/seed';
import { seedWorkers } from '../../subgraphs/workers/seed';
import { createTestGraph, type TestGraph } from '../utils/graph';

const LIST = `query($first: Int) { workers(first: $first) { nodes {
  id
  availabilityDeclaration { status history { toStatus } }
  employments { status employer { name } notices { type } }
  servicePacts { state programme }
  referrals { state to { name } }
} } }`;

interface Listed {
  workers: {
    nodes: {
      availabilityDeclaration: { status: string } | null;
      employments: unknown[] | null;
      servicePacts: unknown[] | null;
      referrals: unknown[] | null;
    }[];
  };
}

describe('one query across the four subgraphs, as the list grows', () => {
  let graph: TestGraph;
  let fetches = 0;

  beforeAll(async () => {
    const data = generateDataset({ workers: 400, seed: 11 });
    graph = await createTestGraph({
      onSubgraphRequest: () => void (fetches += 1),
      seed: async (ems) => {
        await seedWorkers(ems.workers!, data);
        await seedCompanies(ems.companies!, data);
        await seedPacts(ems.pacts!, data);
        await seedReferrals(ems.referrals!, data);
      },
    });
  });
  afterAll(() => graph?.close());

  async function measure(first: number): Promise<{ sql: number; fetches: number; data: Listed }> {
    for (const sub of Object.values(graph.subgraphs)) sub.runtime.db.sql.reset();
    fetches = 0;
    const res = await graph.query<Listed>(LIST, { first });
    expect(res.errors).toBeUndefined();
    const sql = Object.values(graph.subgraphs).reduce((sum, sub) => sum + sub.runtime.db.sql.statements, 0);
    return { sql, fetches, data: res.data! };
  }

  it('sends the same SQL statements and subgraph fetches for 10 and 100 workers', async () => {
    const ten = await measure(10);
    const hundred = await measure(100);
    expect(hundred.data.workers.nodes).toHaveLength(100);
    // the page really carries data from every subgraph, so the counts cover real joins
    const nodes = hundred.data.workers.nodes;
    expect(nodes.some((n) => n.availabilityDeclaration)).toBe(true);
    expect(nodes.some((n) => (n.employments ?? []).length > 0)).toBe(true);
    expect(nodes.some((n) => (n.servicePacts ?? []).length > 0)).toBe(true);
    expect(nodes.some((n) => (n.referrals ?? []).length > 0)).toBe(true);
    expect(hundred.fetches).toBe(ten.fetches);
    expect(hundred.sql).toBe(ten.sql);
    // one fetch to the owner of the list, one per subgraph that contributes fields
    expect(ten.fetches).toBe(4);
    console.info(`cross-subgraph list: ${ten.fetches} subgraph fetches and ${ten.sql} SQL statements for both 10 and 100 workers`);
  });
});
