import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { companiesSubgraph } from '../../../subgraphs/companies';
import { type CompaniesLoaders } from '../../../subgraphs/companies/loaders';
import { MandatoryNotice } from '../../../subgraphs/companies/mandatory-notice/mandatory-notice.entity';
import { EmploymentRelationship, EmploymentStatus } from '../../../subgraphs/companies/relationship/employment-relationship.entity';
import { createTestSubgraph, type TestSubgraph } from '../../utils/subgraph';
import { addEmployer, day, employerCaller, employerCode, file, fileOk, hireInput, workerCode } from './fixtures';

const EMPLOYER = employerCode(31);

describe('notices the relationship’s state does not allow', () => {
  let graph: TestSubgraph<CompaniesLoaders>;
  let terminatedId: string;

  /** Every stored row of the two tables, to show that a refused filing wrote nothing. */
  const snapshot = async () => {
    const em = graph.em();
    const notices = await em.find(MandatoryNotice, {}, { orderBy: { id: 'asc' } });
    const relationships = await em.find(EmploymentRelationship, {}, { orderBy: { id: 'asc' } });
    return {
      notices: notices.map((n) => n.id),
      relationships: relationships.map((r) => [r.id, r.recordedStatus, r.plannedEndDate, r.terminationDate, r.contractType, r.version]),
    };
  };

  beforeAll(async () => {
    graph = await createTestSubgraph(companiesSubgraph, { caller: employerCaller(EMPLOYER) });
    await addEmployer(graph.em(), EMPLOYER);
    const hire = await fileOk(graph, hireInput(EMPLOYER, workerCode(31), { startDate: day(-30), endDate: day(60) }));
    terminatedId = hire.relationship.id;
    await fileOk(graph, { type: 'TERMINATION', relationshipId: terminatedId, eventDate: day(-1), terminationCause: 'LI' });
  });
  afterAll(() => graph.close());

  it('a TERMINATION of a TERMINATED relationship is a CONFLICT naming both, and writes nothing', async () => {
    const before = await snapshot();
    const res = await file(graph, { type: 'TERMINATION', relationshipId: terminatedId, eventDate: day(0), terminationCause: 'LI' });
    // The mutation field is nullable (restricted to employers), so a refusal nulls it, not the whole data.
    expect(res.data).toEqual({ fileMandatoryNotice: null });
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', currentState: 'TERMINATED', requestedState: 'TERMINATION' });
    expect(res.errors?.[0]?.message).toContain('TERMINATED');
    expect(res.errors?.[0]?.message).toContain('TERMINATION');
    expect(await snapshot()).toEqual(before);
  });

  it.each([
    ['EXTENSION', { endDate: day(200) }],
    ['TRANSFORMATION', { transformationCode: 'DI', contractType: 'A.01.00' }],
    ['TRANSFER', { workSiteId: '00000000-0000-4000-8000-000000000000' }],
  ])('a %s of a TERMINATED relationship is a CONFLICT too', async (type, extra) => {
    const before = await snapshot();
    const res = await file(graph, { type, relationshipId: terminatedId, eventDate: day(-2), ...extra });
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', currentState: 'TERMINATED', requestedState: type });
    expect(await snapshot()).toEqual(before);
  });

  it('an ANNULLED relationship takes no more notices', async () => {
    const hire = await fileOk(graph, hireInput(EMPLOYER, workerCode(32), { startDate: day(-10) }));
    await graph.em().nativeUpdate(EmploymentRelationship, { id: hire.relationship.id }, { recordedStatus: EmploymentStatus.ANNULLED });
    const res = await file(graph, { type: 'TERMINATION', relationshipId: hire.relationship.id, eventDate: day(0), terminationCause: 'LI' });
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', currentState: 'ANNULLED', requestedState: 'TERMINATION' });
  });

  it('an invalid hire creates neither a notice nor a relationship', async () => {
    const before = await snapshot();
    const res = await file(graph, hireInput(EMPLOYER, workerCode(33), { endDate: null }));
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(await snapshot()).toEqual(before);
  });

  it('an invalid later notice leaves its relationship as it was', async () => {
    const hire = await fileOk(graph, hireInput(EMPLOYER, workerCode(34), { startDate: day(-10), endDate: day(30) }));
    const before = await snapshot();
    const res = await file(graph, { type: 'EXTENSION', relationshipId: hire.relationship.id, eventDate: day(0), endDate: day(20) });
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(await snapshot()).toEqual(before);
  });

  it('an ACTIVE relationship still takes a termination, once', async () => {
    const hire = await fileOk(graph, hireInput(EMPLOYER, workerCode(35), { startDate: day(-10), endDate: day(30) }));
    const first = await file(graph, { type: 'TERMINATION', relationshipId: hire.relationship.id, eventDate: day(0), terminationCause: 'LI' });
    expect(first.errors).toBeUndefined();
    const second = await file(graph, { type: 'TERMINATION', relationshipId: hire.relationship.id, eventDate: day(0), terminationCause: 'LI' });
    expect(second.errors?.[0]?.extensions?.code).toBe('CONFLICT');
  });

  it('of two notices filed at once for the same relationship, one applies and the other is a CONFLICT', async () => {
    const hire = await fileOk(graph, hireInput(EMPLOYER, workerCode(36), { startDate: day(-10), endDate: day(30) }));
    const input = { type: 'TERMINATION', relationshipId: hire.relationship.id, eventDate: day(0), terminationCause: 'LI' };
    const results = await Promise.all([file(graph, input), file(graph, input)]);
    expect(results.filter((r) => r.errors === undefined)).toHaveLength(1);
    const refused = results.filter((r) => r.errors?.[0]?.extensions?.code === 'CONFLICT');
    expect(refused).toHaveLength(1);
    // Either the race was lost at the database (the message says so) or the second read the TERMINATED state.
    expect(refused[0]!.errors![0]!.message).toMatch(/at the same time|cannot go from TERMINATED/);
    expect(await graph.em().count(MandatoryNotice, { relationship: hire.relationship.id })).toBe(2);
  });
});
