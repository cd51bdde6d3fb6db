import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { companiesSubgraph } from '../../../subgraphs/companies';
import { type CompaniesLoaders } from '../../../subgraphs/companies/loaders';
import { Employer } from '../../../subgraphs/companies/employer/employer.entity';
import { MandatoryNotice } from '../../../subgraphs/companies/mandatory-notice/mandatory-notice.entity';
import { EmploymentRelationship } from '../../../subgraphs/companies/relationship/employment-relationship.entity';
import { seedCompanies } from '../../../subgraphs/companies/seed';
import { type DatasetWorker } from '../../../scripts/seed/dataset.types';
import { createTestSubgraph, type TestSubgraph } from '../../utils/subgraph';
import { dataset, datasetEmployer, datasetNotice, day, employerCaller, employerCode, workerCode } from './fixtures';

const BUILDER = employerCode(41);
const SHOP = employerCode(42);
const [W1, W2, W3] = [workerCode(41), workerCode(42), workerCode(43)];
const [R1, R2, R3, R4] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
const SITE = randomUUID();
const NON_EU_WORKER_ID = randomUUID();

describe('seeding the companies data set', () => {
  let graph: TestSubgraph<CompaniesLoaders>;
  beforeAll(async () => {
    graph = await createTestSubgraph(companiesSubgraph, { caller: employerCaller(BUILDER, SHOP) });
    const base1 = { relationshipId: R1, employerFiscalCode: BUILDER, workerFiscalCode: W1 };
    const base2 = { relationshipId: R2, employerFiscalCode: SHOP, workerFiscalCode: W2 };
    const base3 = { relationshipId: R3, employerFiscalCode: BUILDER, workerFiscalCode: W3, workerId: NON_EU_WORKER_ID };
    const notices = [
      // Listed out of order on purpose: the seeder orders each relationship's notices itself.
      datasetNotice({ ...base1, type: 'TERMINATION', endDate: '2024-09-30', eventDate: '2024-08-15', terminationCause: 'LI', filedAt: '2024-08-28T10:00:00.000Z' }),
      datasetNotice({ ...base1, type: 'HIRE', endDate: '2024-06-30', workSiteId: SITE, residencePermitType: null }),
      datasetNotice({ ...base1, type: 'EXTENSION', endDate: '2024-09-30', eventDate: '2024-06-20', filedAt: '2024-06-21T10:00:00.000Z' }),
      datasetNotice({ ...base2, type: 'HIRE', startDate: '2024-03-01', endDate: day(-1), filedAt: '2024-03-04T08:00:00.000Z' }),
      datasetNotice({ ...base3, type: 'HIRE', startDate: '2024-01-10', endDate: '2024-07-09', residencePermitType: '1', residencePermitExpiry: '2026-01-01' }),
      datasetNotice({ ...base3, type: 'TRANSFORMATION', startDate: '2024-01-10', endDate: null, eventDate: '2024-05-02', contractType: 'A.01.00', transformationCode: 'DI', residencePermitType: '1', residencePermitExpiry: '2026-01-01', filedAt: '2024-05-03T10:00:00.000Z' }),
    ];
    // A hire filed late, after the termination of the same relationship had been filed.
    notices.push(
      datasetNotice({ relationshipId: R4, employerFiscalCode: SHOP, workerFiscalCode: W1, type: 'TERMINATION', startDate: '2024-04-01', eventDate: '2024-04-05', terminationCause: 'LI', filedAt: '2024-04-06T10:00:00.000Z' }),
      datasetNotice({ relationshipId: R4, employerFiscalCode: SHOP, workerFiscalCode: W1, startDate: '2024-04-01', filedAt: '2024-04-20T10:00:00.000Z' }),
    );
    const workers = [{ id: NON_EU_WORKER_ID, citizenship: '404', domicileMunicipality: '017029' } as DatasetWorker];
    await seedCompanies(
      graph.em(),
      dataset({
        employers: [
          datasetEmployer(BUILDER, { ateco: '41.20.00', ccnl: 'F012', cassaEdileCode: 'MI00', sites: [{ id: SITE, municipality: '015209', address: 'Via Cantiere 3' }] }),
          datasetEmployer(SHOP, { legalSeatMunicipality: '019036', sites: [] }),
        ],
        notices,
        workers,
      }),
    );
  });
  afterAll(() => graph.close());

  it('stores employers with their derived columns and work sites', async () => {
    const res = await graph.query<{ employer: Record<string, unknown> }>(
      'query($cf: FiscalCode!) { employer(fiscalCode: $cf) { name atecoSection construction cassaEdileCode legalSeat { municipality province } workSites { id municipality province address } } }',
      { cf: BUILDER },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?.employer).toEqual({
      name: 'Demo S.p.A.',
      atecoSection: 'F',
      construction: true,
      cassaEdileCode: 'MI00',
      legalSeat: { municipality: '015146', province: '015' },
      workSites: [{ id: SITE, municipality: '015209', province: '015', address: 'Via Cantiere 3' }],
    });
  });

  it('derives one relationship per hire, applying its notices in order', async () => {
    const em = graph.em();
    expect(await em.count(MandatoryNotice, {})).toBe(8);
    const r1 = await em.findOneOrFail(EmploymentRelationship, { id: R1 });
    expect(r1).toMatchObject({ recordedStatus: 'TERMINATED', plannedEndDate: '2024-09-30', terminationDate: '2024-08-15', startDate: '2024-02-01' });
    const r3 = await em.findOneOrFail(EmploymentRelationship, { id: R3 });
    expect(r3).toMatchObject({ recordedStatus: 'ACTIVE', contractType: 'A.01.00', plannedEndDate: null, terminationDate: null });
  });

  it('orders notices by when they took effect, not by when they were filed', async () => {
    const res = await graph.query<{ employmentRelationship: { status: string; terminationDate: string; notices: { type: string; sequence: number; daysLate: number }[] } }>(
      'query($id: ID!) { employmentRelationship(id: $id) { status terminationDate notices { type sequence daysLate } } }',
      { id: R4 },
    );
    expect(res.data?.employmentRelationship).toEqual({
      status: 'TERMINATED',
      terminationDate: '2024-04-05',
      notices: [
        // Start 1 April, due by 31 March, filed on 20 April.
        { type: 'HIRE', sequence: 1, daysLate: 20 },
        { type: 'TERMINATION', sequence: 2, daysLate: 0 },
      ],
    });
  });

  it('reads a fixed-term relationship past its planned end as TERMINATED', async () => {
    const res = await graph.query<{ employmentRelationship: { status: string; endedOn: string } }>(
      'query($id: ID!) { employmentRelationship(id: $id) { status endedOn } }',
      { id: R2 },
    );
    expect(res.data?.employmentRelationship).toEqual({ status: 'TERMINATED', endedOn: day(-1) });
  });

  it('lists the notices oldest first and computes lateness as at filing', async () => {
    const res = await graph.query<{ employmentRelationship: { notices: { type: string; late: boolean; daysLate: number; deadline: string; workSite: { id: string } | null }[] } }>(
      'query($id: ID!) { employmentRelationship(id: $id) { notices { type late daysLate deadline workSite { id } } } }',
      { id: R1 },
    );
    expect(res.data?.employmentRelationship.notices).toEqual([
      { type: 'HIRE', late: false, daysLate: 0, deadline: '2024-01-31', workSite: { id: SITE } },
      { type: 'EXTENSION', late: false, daysLate: 0, deadline: '2024-06-25', workSite: null },
      // Event on 15 August, due by the 20th, filed on the 28th.
      { type: 'TERMINATION', late: true, daysLate: 8, deadline: '2024-08-20', workSite: null },
    ]);
    const late = await graph.query<{ employmentRelationship: { notices: { daysLate: number }[] } }>(
      'query($id: ID!) { employmentRelationship(id: $id) { notices { daysLate } } }',
      { id: R2 },
    );
    // Start 1 March, due by 29 February, filed on 4 March.
    expect(late.data?.employmentRelationship.notices).toEqual([{ daysLate: 4 }]);
  });

  it('takes the worker’s citizenship from the data set', async () => {
    const res = await graph.query<{ _entities: { mandatoryNotices: { workerCitizenship: string | null; residencePermitType: string | null }[] }[] }>(
      'query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Worker { mandatoryNotices { workerCitizenship residencePermitType } } } }',
      { reps: [{ __typename: 'Worker', fiscalCode: W3 }] },
    );
    expect(res.data?._entities[0]?.mandatoryNotices[0]).toEqual({ workerCitizenship: '404', residencePermitType: 'PERMIT' });
  });

  it('takes the worker’s domicile from the data set, for each notice and for the relationship', async () => {
    const res = await graph.query<{ r3: { workerDomicileMunicipality: string | null; notices: { workerDomicileMunicipality: string | null }[] }; r1: { workerDomicileMunicipality: string | null } }>(
      `query($r3: ID!, $r1: ID!) {
        r3: employmentRelationship(id: $r3) { workerDomicileMunicipality notices { workerDomicileMunicipality } }
        r1: employmentRelationship(id: $r1) { workerDomicileMunicipality }
      }`,
      { r3: R3, r1: R1 },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({
      r3: { workerDomicileMunicipality: '017029', notices: [{ workerDomicileMunicipality: '017029' }, { workerDomicileMunicipality: '017029' }] },
      // A worker the data set does not hold: no domicile to notify.
      r1: { workerDomicileMunicipality: null },
    });
  });

  it('stores the construction sector of each employer, derived from ATECO and CCNL', async () => {
    const rows = await graph.em().find(Employer, {}, { orderBy: { fiscalCode: 'asc' } });
    expect(rows.map((e) => [e.fiscalCode, e.construction])).toEqual([
      [BUILDER, true],
      [SHOP, false],
    ]);
  });

  it('seeded relationships take later notices through the service', async () => {
    const res = await graph.query<{ fileMandatoryNotice: { relationship: { status: string; terminationDate: string } } }>(
      'mutation($input: FileMandatoryNoticeInput!) { fileMandatoryNotice(input: $input) { relationship { status terminationDate } } }',
      { input: { type: 'TERMINATION', relationshipId: R3, eventDate: day(0), terminationCause: 'LI' } },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?.fileMandatoryNotice.relationship).toEqual({ status: 'TERMINATED', terminationDate: day(0) });
  });
});
