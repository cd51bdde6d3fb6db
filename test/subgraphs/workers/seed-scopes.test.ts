import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDataset } from '../../../scripts/seed/dataset';
import { type Dataset } from '../../../scripts/seed/dataset.types';
import { isConstructionEmployer } from '../../../subgraphs/companies/employer/construction';
import { workersSubgraph } from '../../../subgraphs/workers';
import { EmploymentLink } from '../../../subgraphs/workers/employment-link/employment-link.entity';
import { type WorkersLoaders } from '../../../subgraphs/workers/loaders';
import { seedWorkers } from '../../../subgraphs/workers/seed';
import { ServicePointDirectoryEntry } from '../../../subgraphs/lib/service-point-directory.entity';
import { asCaller, callerAs } from '../../utils/callers';
import { createTestSubgraph, type TestSubgraph } from '../../utils/subgraph';

const COUNT = '{ workers(first: 1) { totalCount } }';

// The replicas the row scopes rest on (service-point directory, employment links) are
// seeded from the same data set as the companies and referrals subgraphs, so the scopes
// agree with the data those subgraphs hold.
describe('row scopes on the seeded data set', () => {
  let graph: TestSubgraph<WorkersLoaders>;
  let data: Dataset;

  beforeAll(async () => {
    data = generateDataset({ workers: 120, seed: 5 });
    graph = await createTestSubgraph(workersSubgraph);
    await seedWorkers(graph.em(), data);
  });
  afterAll(() => graph.close());

  const total = async (caller: ReturnType<typeof callerAs>) =>
    (await graph.query<{ workers: { totalCount: number } }>(COUNT, undefined, asCaller(caller))).data!.workers.totalCount;

  it('replicates the service-point directory and one employment link per relationship', async () => {
    expect(await graph.em().count(ServicePointDirectoryEntry)).toBe(data.servicePoints.length);
    expect(await graph.em().count(EmploymentLink)).toBe(new Set(data.notices.map((n) => n.relationshipId)).size);
  });

  it("flags the links of construction employers as the companies subgraph does (ATECO F or a construction CCNL)", async () => {
    const construction = new Set(data.employers.filter((e) => isConstructionEmployer(e.ateco, e.ccnl)).map((e) => e.fiscalCode));
    const links = await graph.em().find(EmploymentLink, {});
    expect(links.some((l) => l.construction)).toBe(true);
    for (const link of links) expect(link.construction).toBe(construction.has(link.employerFiscalCode));
  });

  it('a Cassa Edile sees exactly the people construction employers employ or employed', async () => {
    const construction = new Set(data.employers.filter((e) => isConstructionEmployer(e.ateco, e.ccnl)).map((e) => e.fiscalCode));
    const expected = new Set(data.notices.filter((n) => construction.has(n.employerFiscalCode)).map((n) => n.workerId)).size;
    expect(expected).toBeGreaterThan(0);
    expect(await total(callerAs('CASSA_EDILE', 'REGULARITY_CHECK'))).toBe(expected);
  });

  it('an employer sees exactly the people it employs or employed', async () => {
    const employer = data.notices[0]!.employerFiscalCode;
    const expected = new Set(data.notices.filter((n) => n.employerFiscalCode === employer).map((n) => n.workerId)).size;
    expect(await total(callerAs('EMPLOYER', 'MANDATORY_NOTICE', { employers: [employer] }))).toBe(expected);
  });

  it('a job-centre operator sees the people domiciled in its province or holding a DID at one of its job centres', async () => {
    const jobCentresOfMilan = new Set(data.servicePoints.filter((p) => p.province === '015').map((p) => p.code));
    const expected = new Set([
      ...data.workers.filter((w) => w.domicileProvince === '015').map((w) => w.id),
      ...data.dids.filter((d) => jobCentresOfMilan.has(d.jobCentreCode)).map((d) => d.workerId),
    ]).size;
    expect(await total(callerAs('CPI_OPERATOR', 'EMPLOYMENT_SERVICES', { territory: ['015'] }))).toBe(expected);
  });
});
