import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { companiesSubgraph } from '../../../subgraphs/companies';
import { type CompaniesLoaders } from '../../../subgraphs/companies/loaders';
import { seedCompanies } from '../../../subgraphs/companies/seed';
import { type DatasetEmployer, type DatasetNotice } from '../../../scripts/seed/dataset.types';
import { createTestSubgraph, type TestSubgraph } from '../../utils/subgraph';
import { dataset, datasetEmployer, datasetNotice, day, employerCaller, employerCode, workerCode } from './fixtures';

const EMPLOYERS = 20;

const QUERY = `query($first: Int!) {
  employers(first: $first) {
    nodes {
      fiscalCode
      employees { id notices { id } worker { fiscalCode } }
      workSites { id }
      mandatoryNotices(first: 2) { nodes { id relationship { id } } totalCount }
      oldest: mandatoryNotices(last: 1) { nodes { id } totalCount pageInfo { hasPreviousPage } }
    }
  }
}`;

interface Result {
  employers: {
    nodes: {
      employees: { notices: { id: string }[] }[];
      workSites: { id: string }[];
      mandatoryNotices: { nodes: { id: string }[]; totalCount: number };
      oldest: { nodes: { id: string }[]; totalCount: number; pageInfo: { hasPreviousPage: boolean } };
    }[];
  };
}

describe('batching: statements do not grow with the number of employers', () => {
  let graph: TestSubgraph<CompaniesLoaders>;

  beforeAll(async () => {
    graph = await createTestSubgraph(companiesSubgraph, { caller: employerCaller(...Array.from({ length: EMPLOYERS }, (_, e) => employerCode(800 + e))) });
    const employers: DatasetEmployer[] = [];
    const notices: DatasetNotice[] = [];
    for (let e = 0; e < EMPLOYERS; e += 1) {
      const fiscalCode = employerCode(800 + e);
      employers.push(
        datasetEmployer(fiscalCode, {
          sites: [
            { id: randomUUID(), municipality: '015146', address: 'Via Uno 1' },
            { id: randomUUID(), municipality: '015209', address: 'Via Due 2' },
          ],
        }),
      );
      // Two relationships each: an open-ended hire, and a fixed-term one later extended.
      const base = { employerFiscalCode: fiscalCode, startDate: day(-100), filedAt: `${day(-101)}T09:00:00.000Z` };
      notices.push(datasetNotice({ ...base, relationshipId: randomUUID(), workerFiscalCode: workerCode(800 + 2 * e), contractType: 'A.01.00', endDate: null }));
      const fixedTerm = randomUUID();
      const worker = workerCode(801 + 2 * e);
      notices.push(
        datasetNotice({ ...base, relationshipId: fixedTerm, workerFiscalCode: worker, endDate: day(10) }),
        datasetNotice({ ...base, relationshipId: fixedTerm, workerFiscalCode: worker, type: 'EXTENSION', endDate: day(100), eventDate: day(5), filedAt: `${day(5)}T09:00:00.000Z` }),
      );
    }
    await seedCompanies(graph.em(), dataset({ employers, notices }));
  });
  afterAll(() => graph.close());

  const statementsFor = async (first: number) => {
    graph.runtime.db.sql.reset();
    const res = await graph.query<Result>(QUERY, { first });
    expect(res.errors).toBeUndefined();
    const nodes = res.data!.employers.nodes;
    expect(nodes).toHaveLength(first);
    for (const node of nodes) {
      expect(node.employees).toHaveLength(2);
      expect(node.employees.flatMap((r) => r.notices)).toHaveLength(3);
      expect(node.workSites).toHaveLength(2);
      expect(node.mandatoryNotices.totalCount).toBe(3);
      expect(node.mandatoryNotices.nodes).toHaveLength(2);
      expect(node.oldest).toMatchObject({ totalCount: 3, pageInfo: { hasPreviousPage: true } });
      expect(node.mandatoryNotices.nodes.map((n) => n.id)).not.toContain(node.oldest.nodes[0]!.id);
    }
    return graph.runtime.db.sql.statements;
  };

  it('loads 5 and 20 employers with their employees, notices, sites and notice pages in the same number of statements', async () => {
    const five = await statementsFor(5);
    const twenty = await statementsFor(EMPLOYERS);
    expect(twenty).toBe(five);
    // Page and count of employers, employees, their notices, sites, one notice count, one windowed
    // query per page shape (first: 2 and last: 1), relationships of the page.
    expect(five).toBeLessThanOrEqual(9);
  });
});
