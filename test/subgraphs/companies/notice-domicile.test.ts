import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { companiesSubgraph } from '../../../subgraphs/companies';
import { type CompaniesLoaders } from '../../../subgraphs/companies/loaders';
import { asCaller, callerAs } from '../../utils/callers';
import { createTestSubgraph, type TestSubgraph } from '../../utils/subgraph';
import { addEmployer, day, employerCaller, employerCode, type FiledNotice, file, fileOk, hireInput, workerCode } from './fixtures';

const EMPLOYER = employerCode(81);
const WORKER = workerCode(81);
const CPI_MILANO = callerAs('CPI_OPERATOR', 'EMPLOYMENT_SERVICES', { territory: ['015'] });
const CPI_BERGAMO = callerAs('CPI_OPERATOR', 'EMPLOYMENT_SERVICES', { territory: ['016'] });

const READ = `query($id: ID!) { employmentRelationship(id: $id) { workerDomicileMunicipality notices { code workerDomicileMunicipality } } }`;
type Read = { employmentRelationship: { workerDomicileMunicipality: string | null; notices: { code: string; workerDomicileMunicipality: string | null }[] } | null };

// The UniLav notice carries the worker's domicile: it is how the notice reaches the
// competent job centre, and the job centres' row scope reads it.
describe('the worker’s domicile on mandatory notices', () => {
  let graph: TestSubgraph<CompaniesLoaders>;
  let hire: FiledNotice;
  let extension: FiledNotice;
  let moved: FiledNotice;

  beforeAll(async () => {
    graph = await createTestSubgraph(companiesSubgraph, { caller: employerCaller(EMPLOYER) });
    // A work site in Bergamo: it matters only when no domicile was notified.
    await addEmployer(graph.em(), EMPLOYER, {}, [{ municipality: '016024', address: 'Via Sede 1' }]);
    hire = await fileOk(graph, hireInput(EMPLOYER, WORKER, { startDate: day(-30), endDate: day(60), workerDomicileMunicipality: '015146' }));
    // Left out: the domicile of the latest notice is kept.
    extension = await fileOk(graph, { type: 'EXTENSION', relationshipId: hire.relationship.id, eventDate: day(-2), endDate: day(120) });
    // The worker moved to Bergamo: the next notice says so.
    moved = await fileOk(graph, { type: 'EXTENSION', relationshipId: hire.relationship.id, eventDate: day(-1), endDate: day(150), workerDomicileMunicipality: '016024' });
  });
  afterAll(() => graph.close());

  it('is stored on each notice, inherited when left out, and the relationship carries the latest', async () => {
    const res = await graph.query<Read>(READ, { id: hire.relationship.id });
    expect(res.errors).toBeUndefined();
    expect(res.data!.employmentRelationship).toEqual({
      workerDomicileMunicipality: '016024',
      notices: [
        { code: hire.code, workerDomicileMunicipality: '015146' },
        { code: extension.code, workerDomicileMunicipality: '015146' },
        { code: moved.code, workerDomicileMunicipality: '016024' },
      ],
    });
  });

  it('the job centre of the new domicile has the relationship; the old one keeps only the notices it received', async () => {
    const bergamo = await graph.query<Read>(READ, { id: hire.relationship.id }, asCaller(CPI_BERGAMO));
    expect(bergamo.data!.employmentRelationship).toEqual({ workerDomicileMunicipality: '016024', notices: [{ code: moved.code, workerDomicileMunicipality: '016024' }] });
    const milano = await graph.query<Read>(READ, { id: hire.relationship.id }, asCaller(CPI_MILANO));
    expect(milano).toEqual({ data: { employmentRelationship: null } });
    const notices = await graph.query<{ _entities: ({ code: string } | null)[] }>(
      'query($reps: [_Any!]!) { _entities(representations: $reps) { ... on MandatoryNotice { code } } }',
      { reps: [hire, extension, moved].map((n) => ({ __typename: 'MandatoryNotice', code: n.code })) },
      asCaller(CPI_MILANO),
    );
    expect(notices.data!._entities).toEqual([{ code: hire.code }, { code: extension.code }, null]);
  });

  it('without a notified domicile, the work site decides which job centre sees the notice', async () => {
    const site = (await graph.query<{ employer: { workSites: { id: string }[] } }>('query($cf: FiscalCode!) { employer(fiscalCode: $cf) { workSites { id } } }', { cf: EMPLOYER }))
      .data!.employer.workSites[0]!.id;
    const withoutDomicile = await fileOk(graph, hireInput(EMPLOYER, workerCode(82), { workSiteId: site }));
    expect((await graph.query<Read>(READ, { id: withoutDomicile.relationship.id }, asCaller(CPI_BERGAMO))).data!.employmentRelationship).toEqual({
      workerDomicileMunicipality: null,
      notices: [{ code: withoutDomicile.code, workerDomicileMunicipality: null }],
    });
    expect(await graph.query<Read>(READ, { id: withoutDomicile.relationship.id }, asCaller(CPI_MILANO))).toEqual({ data: { employmentRelationship: null } });
  });

  it('an invalid municipality code is refused', async () => {
    const res = await file(graph, hireInput(EMPLOYER, workerCode(83), { workerDomicileMunicipality: '15146' }));
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(res.errors)).not.toContain('15146');
  });
});
