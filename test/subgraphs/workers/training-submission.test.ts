import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workersSubgraph } from '../../../subgraphs/workers';
import { type WorkersLoaders } from '../../../subgraphs/workers/loaders';
import { TrainingCourse, TrainingSource } from '../../../subgraphs/workers/professional-record/professional-record.entity';
import { asCaller, callerAs } from '../../utils/callers';
import { person } from '../../utils/people';
import { createTestSubgraph, type TestSubgraph } from '../../utils/subgraph';
import { arrangeScopes, CALLERS, type ScopeFixture, UNKNOWN_FISCAL_CODE } from './support';
import { addDays, today } from '../../../subgraphs/lib/dates';

// Web-service mode (convention art. 1-2): a Cassa Edile school's courses enter the
// professional records of the construction workers in its scope; per-item problems come
// back as data while the valid items are stored; resubmitting a course id is idempotent.
const SUBMIT = `mutation($courses: [TrainingCourseSubmission!]!) { submitTrainingCourses(courses: $courses) {
  created updated unchanged rejected items { index courseId status course { id title hours source externalId } problems { path message } } } }`;

interface Submission {
  submitTrainingCourses: {
    created: number;
    updated: number;
    unchanged: number;
    rejected: number;
    items: { index: number; courseId: string; status: string; course: { id: string; title: string; hours: number; source: string; externalId: string } | null; problems: { path: string; message: string }[] }[];
  } | null;
}

const MILAN_SCHOOL = asCaller(callerAs('CASSA_EDILE', 'TRAINING_RECORD', { organisation: 'MI00' }));
const CREMONA_SCHOOL = asCaller(callerAs('CASSA_EDILE', 'TRAINING_RECORD', { organisation: 'CR00' }));

describe('training courses from a Cassa Edile (web-service mode)', () => {
  let graph: TestSubgraph<WorkersLoaders>;
  let fixture: ScopeFixture;
  const course = (courseId: string, workerFiscalCode: string, overrides: Record<string, unknown> = {}) => ({
    courseId,
    workerFiscalCode,
    title: 'Sicurezza nei cantieri, 16 ore',
    provider: 'ESEM-CPT',
    hours: 16,
    completedOn: '2025-06-30',
    ...overrides,
  });
  const submit = (courses: unknown[], headers = MILAN_SCHOOL) => graph.query<Submission>(SUBMIT, { courses }, headers);
  const stored = () => graph.em().find(TrainingCourse, { source: TrainingSource.CASSA_EDILE, supplier: { $ne: null } }, { orderBy: { externalId: 'asc', supplier: 'asc' } });

  beforeAll(async () => {
    graph = await createTestSubgraph(workersSubgraph);
    fixture = await arrangeScopes(graph.em());
  });
  afterAll(() => graph.close());

  it('stores the valid items and returns the others with every problem, named by field', async () => {
    const { milan, bergamo, cremona } = fixture.people;
    const res = await submit([
      course('ESEM-2025-001', milan.fiscalCode),
      course('ESEM-2025-002', bergamo.fiscalCode, { hours: 8 }),
      course('ESEM-2025-003', cremona.fiscalCode),
      course('ESEM-2025-004', UNKNOWN_FISCAL_CODE),
      course('bad id!', 'NOT-A-CODE', { hours: 0, completedOn: addDays(today(), 2), title: ' ' }),
      course('ESEM-2025-001', milan.fiscalCode),
    ]);
    expect(res.errors).toBeUndefined();
    const result = res.data!.submitTrainingCourses!;
    expect(result).toMatchObject({ created: 2, updated: 0, unchanged: 0, rejected: 4 });
    expect(result.items.map((i) => [i.index, i.status])).toEqual([
      [0, 'CREATED'],
      [1, 'CREATED'],
      [2, 'REJECTED'],
      [3, 'REJECTED'],
      [4, 'REJECTED'],
      [5, 'REJECTED'],
    ]);
    // Out of scope and unknown read alike.
    expect(result.items[2]!.problems).toEqual([{ path: 'workerFiscalCode', message: 'no worker known with this fiscal code' }]);
    expect(result.items[3]!.problems).toEqual(result.items[2]!.problems);
    expect(result.items[4]!.problems.map((p) => p.path).sort()).toEqual(['completedOn', 'courseId', 'hours', 'title', 'workerFiscalCode']);
    expect(result.items[5]!.problems).toEqual([{ path: 'courseId', message: 'appears earlier in this submission' }]);
    expect(JSON.stringify(result.items[4]!.problems)).not.toContain('NOT-A-CODE');
    expect((await stored()).map((c) => [c.externalId, c.supplier, c.hours])).toEqual([
      ['ESEM-2025-001', 'MI00', 16],
      ['ESEM-2025-002', 'MI00', 8],
    ]);
  });

  it('is idempotent by course id: the same data is UNCHANGED, new data UPDATED, never a second record', async () => {
    const { milan, bergamo } = fixture.people;
    const res = await submit([course('ESEM-2025-001', milan.fiscalCode), course('ESEM-2025-002', bergamo.fiscalCode, { hours: 12 })]);
    expect(res.data!.submitTrainingCourses).toMatchObject({ created: 0, updated: 1, unchanged: 1, rejected: 0 });
    expect((await stored()).map((c) => [c.externalId, c.hours])).toEqual([
      ['ESEM-2025-001', 16],
      ['ESEM-2025-002', 12],
    ]);
    const moved = await submit([course('ESEM-2025-001', bergamo.fiscalCode)]);
    expect(moved.data!.submitTrainingCourses!.items[0]).toMatchObject({ status: 'REJECTED', problems: [{ path: 'courseId', message: 'was submitted earlier for another worker' }] });
  });

  it("keeps each Cassa Edile's course ids apart", async () => {
    const res = await submit([course('ESEM-2025-001', fixture.people.milan.fiscalCode, { provider: 'Scuola edile cremonese' })], CREMONA_SCHOOL);
    expect(res.data!.submitTrainingCourses).toMatchObject({ created: 1 });
    expect((await stored()).filter((c) => c.externalId === 'ESEM-2025-001').map((c) => c.supplier)).toEqual(['CR00', 'MI00']);
  });

  it('the courses appear in the professional record with their source', async () => {
    const query = `query($code: FiscalCode!) { worker(fiscalCode: $code) { professionalRecord { trainingCourses { title provider hours source externalId } } } }`;
    const res = await graph.query<{ worker: { professionalRecord: { trainingCourses: { provider: string; source: string; externalId: string | null }[] } } }>(
      query,
      { code: fixture.people.milan.fiscalCode },
      asCaller(CALLERS.cpiMilan),
    );
    expect(res.errors).toBeUndefined();
    const courses = res.data!.worker.professionalRecord.trainingCourses;
    expect(courses.filter((c) => c.externalId === 'ESEM-2025-001').map((c) => [c.source, c.provider]).sort()).toEqual([
      ['CASSA_EDILE', 'ESEM-CPT'],
      ['CASSA_EDILE', 'Scuola edile cremonese'],
    ]);
  });

  it('looks the workers up in one query however many courses a batch holds', async () => {
    const statementsFor = async (size: number) => {
      const before = graph.runtime.db.sql.statements;
      const res = await submit(Array.from({ length: size }, (_, i) => course(`LOOKUP-${size}-${i}`, person(400 + i).fiscalCode)));
      expect(res.data!.submitTrainingCourses).toMatchObject({ rejected: size });
      return graph.runtime.db.sql.statements - before;
    };
    expect(await statementsFor(40)).toBe(await statementsFor(2));
  });

  it('refuses a batch that is empty or too large, and every other purpose or role', async () => {
    const before = (await stored()).length;
    for (const courses of [[], Array.from({ length: 501 }, (_, i) => course(`C-${i}`, person(300 + i).fiscalCode))]) {
      const res = await submit(courses);
      expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    }
    for (const caller of [callerAs('CASSA_EDILE', 'REGULARITY_CHECK', { organisation: 'MI00' }), callerAs('EMPLOYER', 'MANDATORY_NOTICE', { employers: ['12345678903'] })]) {
      const res = await submit([course('ESEM-2025-009', fixture.people.milan.fiscalCode)], asCaller(caller));
      expect(res.data?.submitTrainingCourses ?? null).toBeNull();
      expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    expect((await stored()).length).toBe(before);
  });
});
