import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Dataset, type DatasetDid, type DatasetInclusionPact, type DatasetServicePact, type DatasetWorker } from '../../../scripts/seed/dataset.types';
import { referralsSubgraph } from '../../../subgraphs/referrals';
import { PersonCompetence } from '../../../subgraphs/referrals/competence/person-competence.entity';
import { type ReferralsLoaders } from '../../../subgraphs/referrals/loaders';
import { seedReferrals } from '../../../subgraphs/referrals/seed';
import { person } from '../../utils/people';
import { createTestSubgraph, type TestSubgraph } from '../../utils/subgraph';
import { REGION_OPERATOR } from './fixtures';

const A = { id: '6f1c1a52-3d4e-4b8a-9c0d-1e2f3a4b5c6d', fiscalCode: person(61).fiscalCode, domicileMunicipality: '015146' } as DatasetWorker;
const B = { id: '7f1c1a52-3d4e-4b8a-9c0d-1e2f3a4b5c6d', fiscalCode: person(62).fiscalCode, domicileMunicipality: '019036' } as DatasetWorker;

// The replica as the workers and pacts subgraphs would publish it: only an active DID, an
// open service pact and an open inclusion pact count.
const DATA: Dataset = {
  workers: [A, B],
  dids: [
    { id: 'd1', workerId: A.id, status: 'VALIDATED', statusDate: '2025-01-10', jobCentreCode: 'CPI-CR' },
    { id: 'd2', workerId: B.id, status: 'LAPSED', statusDate: '2025-02-10', jobCentreCode: 'CPI-CR' },
  ] as DatasetDid[],
  servicePacts: [
    { id: 'p1', workerId: A.id, state: 'SIGNED', proposedOn: '2025-01-12', jobCentreCode: 'CPI-MI' },
    { id: 'p2', workerId: B.id, state: 'COMPLETED', proposedOn: '2025-01-12', jobCentreCode: 'CPI-MI' },
  ] as DatasetServicePact[],
  households: [{ id: 'h1', municipality: '015146', members: [{ workerId: B.id, fiscalCode: B.fiscalCode, relation: 'APPLICANT' }] }],
  inclusionPacts: [{ id: 'i1', householdId: 'h1', municipality: '015146', state: 'MONITORING' }] as DatasetInclusionPact[],
  employers: [],
  notices: [],
  servicePoints: [],
  referrals: [],
  deskContacts: [],
  convocationExclusions: [],
};

describe('the competence replica seeded from the data set', () => {
  let graph: TestSubgraph<ReferralsLoaders>;
  beforeAll(async () => {
    graph = await createTestSubgraph(referralsSubgraph, { caller: REGION_OPERATOR });
    await seedReferrals(graph.em(), DATA);
  });
  afterAll(() => graph.close());

  it('holds one row per worker with the active DID, open pact and open inclusion pact holders', async () => {
    const rows = await graph.em().find(PersonCompetence, {}, { orderBy: { workerId: 'asc' } });
    expect(rows.map((r) => [r.workerId, r.fiscalCode, r.domicileMunicipality, r.servicePactJobCentre, r.availabilityJobCentre, r.recordJobCentre, r.inclusionPactMunicipality])).toEqual([
      [A.id, A.fiscalCode, '015146', 'CPI-MI', 'CPI-CR', null, null],
      [B.id, B.fiscalCode, '019036', null, null, null, '015146'],
    ]);
  });
});
