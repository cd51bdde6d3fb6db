import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workersSubgraph } from '../../../subgraphs/workers';
import { AvailabilityDeclaration, AvailabilityStatusChange, DidChannel, DidStatus } from '../../../subgraphs/workers/availability/availability.entity';
import { type WorkersLoaders } from '../../../subgraphs/workers/loaders';
import { Education, EducationLevel, TrainingCourse, TrainingSource } from '../../../subgraphs/workers/professional-record/professional-record.entity';
import { Worker } from '../../../subgraphs/workers/worker/worker.entity';
import { person } from '../../utils/people';
import { createTestSubgraph, type TestSubgraph } from '../../utils/subgraph';
import { addDirectory, REGIONAL_CPI } from './support';

const LIST = `query($first: Int) { workers(first: $first) { nodes {
  id availabilityDeclaration { status history { toStatus } jobCentre { code } }
  professionalRecord { education { title } trainingCourses { title source } declaredExperience { jobTitle } }
} } }`;

const ENTITIES = `query($representations: [_Any!]!) { _entities(representations: $representations) {
  ... on Worker { availabilityDeclarations { status history { toStatus } } }
} }`;

describe('batching in the workers subgraph', () => {
  let graph: TestSubgraph<WorkersLoaders>;
  const ids: string[] = [];

  beforeAll(async () => {
    // A job-centre operator of the whole region: the row scope covers all 100 people.
    graph = await createTestSubgraph(workersSubgraph, { caller: REGIONAL_CPI });
    await addDirectory(graph.em());
    const em = graph.em();
    for (let n = 0; n < 100; n += 1) {
      const worker = em.create(Worker, person(n) as Worker);
      ids.push(worker.id);
      const did = em.create(AvailabilityDeclaration, { worker, declaredOn: '2025-01-10', channel: DidChannel.JOB_CENTRE, status: DidStatus.INSERTED, statusDate: '2025-01-10', jobCentre: 'CPI-015-MILANO' });
      em.create(AvailabilityStatusChange, { declaration: did, toStatus: DidStatus.INSERTED, effectiveOn: '2025-01-10' });
      em.create(Education, { worker, level: EducationLevel.UPPER_SECONDARY, title: 'Diploma' });
      em.create(TrainingCourse, { worker, title: 'Safety', provider: 'School', hours: 16, completedOn: '2024-05-01', source: TrainingSource.CASSA_EDILE });
    }
    await em.flush();
  });
  afterAll(() => graph.close());

  async function statementsFor(query: string, variables: Record<string, unknown>): Promise<number> {
    graph.runtime.db.sql.reset();
    const res = await graph.query<{ workers?: { nodes: unknown[] } }>(query, variables);
    expect(res.errors).toBeUndefined();
    return graph.runtime.db.sql.statements;
  }

  it('sends the same number of SQL statements for 10 and 100 workers with DID, history and record', async () => {
    const ten = await statementsFor(LIST, { first: 10 });
    const hundred = await statementsFor(LIST, { first: 100 });
    expect(hundred).toBe(ten);
    // one page query + count, DIDs, history, education, training, experience
    expect(ten).toBeLessThanOrEqual(8);
  });

  it('batches _entities: 10 and 100 representations cost the same statements', async () => {
    const rep = (n: number) => ({ representations: ids.slice(0, n).map((id) => ({ __typename: 'Worker', id })) });
    expect(await statementsFor(ENTITIES, rep(100))).toBe(await statementsFor(ENTITIES, rep(10)));
  });
});
