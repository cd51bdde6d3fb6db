import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDataset } from '../../../scripts/seed/dataset';
import { companiesSubgraph } from '../../../subgraphs/companies';
import { MonthlyReturn } from '../../../subgraphs/companies/cassa-edile/monthly-return.entity';
import { CassaEdileRegistration } from '../../../subgraphs/companies/cassa-edile/registration.entity';
import { type CompaniesLoaders } from '../../../subgraphs/companies/loaders';
import { seedCompanies } from '../../../subgraphs/companies/seed';
import { today } from '../../../subgraphs/lib/dates';
import { createTestSubgraph, type TestSubgraph } from '../../utils/subgraph';
import { anomalies, asCassa, monthsAgo, reconcile } from './cassa-edile-fixtures';

// The demo data: after seeding, Milan's Cassa Edile finds anomalies in the month before last.
describe('Cassa Edile demo data', () => {
  let graph: TestSubgraph<CompaniesLoaders>;
  const { year, month } = monthsAgo(2);

  beforeAll(async () => {
    graph = await createTestSubgraph(companiesSubgraph);
    await seedCompanies(graph.em(), generateDataset({ workers: 1500, seed: 11, today: today() }));
  });
  afterAll(() => graph?.close());

  it('registers some MI00 construction firms with returns for the month before last', async () => {
    const registrations = await graph.em().find(CassaEdileRegistration, {}, { populate: ['employer'] });
    expect(registrations.length).toBeGreaterThan(0);
    expect(registrations.every((r) => r.cassaCode === 'MI00' && r.employer.construction && r.employer.cassaEdileCode === 'MI00')).toBe(true);
    expect(await graph.em().count(MonthlyReturn, { year, month })).toBeGreaterThan(0);
  });

  it('a reconciliation of that month shows the planted anomalies', async () => {
    const run = await reconcile(graph, year, month);
    expect(run.errors).toBeUndefined();
    const rules = new Set((await anomalies(graph, { year, month }, asCassa())).data!.cassaEdileAnomalies!.nodes.map((a) => a.rule));
    expect([...rules]).toEqual(expect.arrayContaining(['CE_01', 'CE_02', 'CE_03', 'CE_08']));
  });
});
