import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { companiesSubgraph } from '../../../subgraphs/companies';
import { type CompaniesLoaders } from '../../../subgraphs/companies/loaders';
import { createTestSubgraph, type TestSubgraph } from '../../utils/subgraph';
import { addEmployer, day, employerCaller, employerCode, fileOk, hireInput, workerCode } from './fixtures';

const EMPLOYER = employerCode(1);

describe('employment relationships derived from mandatory notices', () => {
  let graph: TestSubgraph<CompaniesLoaders>;
  beforeAll(async () => {
    graph = await createTestSubgraph(companiesSubgraph, { caller: employerCaller(EMPLOYER) });
    await addEmployer(graph.em(), EMPLOYER);
  });
  afterAll(() => graph.close());

  it('a hire creates an ACTIVE relationship with the notice’s terms', async () => {
    const hire = await fileOk(graph, hireInput(EMPLOYER, workerCode(1)));
    expect(hire.relationship).toMatchObject({
      status: 'ACTIVE',
      contractType: 'A.02.00',
      workingTime: 'FULL_TIME',
      weeklyHours: null,
      startDate: day(1),
      plannedEndDate: day(180),
      terminationDate: null,
      endedOn: null,
    });
    expect(hire.state).toBe('VALIDATED');
    expect(hire.code).toMatch(/^\d{16}$/);
  });

  it('hire, extension, transformation and termination update one relationship, notices oldest first', async () => {
    const worker = workerCode(2);
    const hire = await fileOk(graph, hireInput(EMPLOYER, worker, { startDate: day(-20), endDate: day(60) }));
    const relationshipId = hire.relationship.id;

    const extension = await fileOk(graph, { type: 'EXTENSION', relationshipId, eventDate: day(-2), endDate: day(120) });
    expect(extension.relationship.id).toBe(relationshipId);
    expect(extension.relationship.plannedEndDate).toBe(day(120));
    expect(extension.contractType).toBe('A.02.00');
    expect(extension.startDate).toBe(day(-20));

    const transformation = await fileOk(graph, {
      type: 'TRANSFORMATION',
      relationshipId,
      eventDate: day(-1),
      transformationCode: 'TP',
      workingTime: 'HORIZONTAL_PART_TIME',
      weeklyHours: 24,
    });
    expect(transformation.relationship).toMatchObject({ workingTime: 'HORIZONTAL_PART_TIME', weeklyHours: 24, plannedEndDate: day(120), status: 'ACTIVE' });

    const termination = await fileOk(graph, { type: 'TERMINATION', relationshipId, eventDate: day(0), terminationCause: 'DI' });
    expect(termination.relationship).toMatchObject({ status: 'TERMINATED', terminationDate: day(0), endedOn: day(0), weeklyHours: 24 });

    const res = await graph.query<{ employmentRelationship: { status: string; notices: { type: string; id: string }[]; worker: { fiscalCode: string }; employer: { fiscalCode: string } } }>(
      'query($id: ID!) { employmentRelationship(id: $id) { status notices { id type } worker { fiscalCode } employer { fiscalCode } } }',
      { id: relationshipId },
    );
    expect(res.errors).toBeUndefined();
    const rel = res.data!.employmentRelationship;
    expect(rel.status).toBe('TERMINATED');
    expect(rel.notices.map((n) => n.type)).toEqual(['HIRE', 'EXTENSION', 'TRANSFORMATION', 'TERMINATION']);
    expect(rel.notices.map((n) => n.id)).toEqual([hire.id, extension.id, transformation.id, termination.id]);
    expect(rel.worker.fiscalCode).toBe(worker);
    expect(rel.employer.fiscalCode).toBe(EMPLOYER);
  });

  it('a DI transformation makes the relationship open-ended with the new contract type', async () => {
    const hire = await fileOk(graph, hireInput(EMPLOYER, workerCode(3), { startDate: day(-30), endDate: day(30) }));
    const di = await fileOk(graph, { type: 'TRANSFORMATION', relationshipId: hire.relationship.id, eventDate: day(-1), transformationCode: 'DI', contractType: 'A.01.00' });
    expect(di.relationship).toMatchObject({ contractType: 'A.01.00', plannedEndDate: null, status: 'ACTIVE' });
    expect(di.endDate).toBeNull();
  });

  it('a fixed-term relationship past its planned end date reads TERMINATED, ended on its planned end', async () => {
    const worker = workerCode(4);
    const hire = await fileOk(graph, hireInput(EMPLOYER, worker, { startDate: day(-40), endDate: day(-1) }));
    expect(hire.relationship).toMatchObject({ status: 'TERMINATED', terminationDate: null, endedOn: day(-1), plannedEndDate: day(-1) });
    const today = await fileOk(graph, hireInput(EMPLOYER, workerCode(5), { startDate: day(-40), endDate: day(0) }));
    expect(today.relationship).toMatchObject({ status: 'ACTIVE', endedOn: null });
  });

  it('Employer.employees lists the relationships that read ACTIVE unless activeOnly is false', async () => {
    const res = await graph.query<{ employer: { active: { worker: { fiscalCode: string } }[]; all: { worker: { fiscalCode: string }; status: string }[] } }>(
      'query($cf: FiscalCode!) { employer(fiscalCode: $cf) { active: employees { worker { fiscalCode } } all: employees(activeOnly: false) { worker { fiscalCode } status } } }',
      { cf: EMPLOYER },
    );
    expect(res.errors).toBeUndefined();
    const active = res.data!.employer.active.map((r) => r.worker.fiscalCode).sort();
    expect(active).toEqual([workerCode(1), workerCode(3), workerCode(5)].sort());
    expect(res.data!.employer.all).toHaveLength(5);
    expect(res.data!.employer.all.filter((r) => r.status === 'TERMINATED').map((r) => r.worker.fiscalCode).sort()).toEqual([workerCode(2), workerCode(4)].sort());
  });

  it('Worker.employments and Worker.mandatoryNotices follow the person across notices', async () => {
    const res = await graph.query<{ _entities: { employments: { status: string }[]; mandatoryNotices: { type: string }[] }[] }>(
      `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Worker { employments { status } mandatoryNotices { type } } } }`,
      { reps: [{ __typename: 'Worker', fiscalCode: workerCode(2) }] },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!._entities[0]!.employments).toEqual([{ status: 'TERMINATED' }]);
    expect(res.data!._entities[0]!.mandatoryNotices.map((n) => n.type)).toEqual(['HIRE', 'EXTENSION', 'TRANSFORMATION', 'TERMINATION']);
  });
});
