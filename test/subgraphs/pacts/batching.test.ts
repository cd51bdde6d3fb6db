import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PactsLoaders } from '../../../subgraphs/pacts/loaders';
import { ServicePactProgramme, ServicePactState } from '../../../subgraphs/pacts/service-pact/service-pact.entity';
import { asCaller } from '../../utils/callers';
import { type TestSubgraph } from '../../utils/subgraph';
import { createPactsGraph, jobCentre, newPerson, type Person, socialWorker, storeHousehold, storePact } from './support';

/** The pacts of workers, as a job centre reads them. */
const WORKER_PACTS = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Worker { servicePacts { id } } } }`;
/** The households of workers, as social services read them. */
const WORKER_HOUSEHOLDS = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Worker { household { members { fiscalCode } } } } }`;
const CHECK = `query($cf: FiscalCode!) {
  employmentStatusCheck(fiscalCode: $cf) { person { servicePactActive } householdMembers { fiscalCode servicePactActive servicePactState } }
}`;

interface WorkerResult {
  servicePacts?: { id: string }[];
  household?: { members: { fiscalCode: string }[] } | null;
}

describe('per-parent fields load in batches, whatever the number of parents', () => {
  let graph: TestSubgraph<PactsLoaders>;
  let people: Person[];
  const HOUSEHOLD_SIZE = 5;

  beforeAll(async () => {
    graph = await createPactsGraph(jobCentre());
    people = Array.from({ length: 25 }, newPerson);
    const em = graph.em();
    for (const person of people) {
      await storePact(em, { person, state: ServicePactState.COMPLETED, proposedOn: '2023-01-10', stateDate: '2023-06-01' });
      await storePact(em, { person, programme: ServicePactProgramme.ADI, state: ServicePactState.IN_PROGRESS, proposedOn: '2024-01-10' });
    }
    for (let i = 0; i < people.length; i += HOUSEHOLD_SIZE) {
      await storeHousehold(em, people.slice(i, i + HOUSEHOLD_SIZE).map((person) => ({ person })));
    }
  });
  afterAll(() => graph.close());

  /** Runs a query and returns its result with the number of SQL statements it took. */
  const measured = async <D>(query: string, variables: Record<string, unknown>, headers?: Record<string, string>) => {
    graph.runtime.db.sql.reset();
    const res = await graph.query<D>(query, variables, headers);
    expect(res.errors).toBeUndefined();
    return { data: res.data!, statements: graph.runtime.db.sql.statements };
  };

  const workers = (n: number, query: string, headers?: Record<string, string>) =>
    measured<{ _entities: WorkerResult[] }>(query, { reps: people.slice(0, n).map((p) => ({ __typename: 'Worker', id: p.workerId })) }, headers);

  it('resolves N Worker representations with their pacts (job centre) and household (social services) in the same number of statements for N = 5 and N = 25', async () => {
    const five = await workers(5, WORKER_PACTS);
    const twentyFive = await workers(25, WORKER_PACTS);
    expect(five.data._entities).toHaveLength(5);
    expect(twentyFive.data._entities).toHaveLength(25);
    for (const worker of twentyFive.data._entities) expect(worker.servicePacts).toHaveLength(2);
    expect(five.statements).toBeGreaterThan(0);
    expect(twentyFive.statements).toBe(five.statements);

    const social = asCaller(socialWorker());
    const fiveHomes = await workers(5, WORKER_HOUSEHOLDS, social);
    const twentyFiveHomes = await workers(25, WORKER_HOUSEHOLDS, social);
    expect(twentyFiveHomes.data._entities).toHaveLength(25);
    for (const worker of twentyFiveHomes.data._entities) expect(worker.household?.members).toHaveLength(HOUSEHOLD_SIZE);
    expect(fiveHomes.statements).toBeGreaterThan(0);
    expect(twentyFiveHomes.statements).toBe(fiveHomes.statements);
  });

  it('checks a whole household in the same number of statements as a person alone', async () => {
    const alone = newPerson();
    await storePact(graph.em(), { person: alone, state: ServicePactState.SIGNED });
    const single = await measured<{ employmentStatusCheck: { householdMembers: unknown[] } }>(CHECK, { cf: alone.fiscalCode });
    const family = await measured<{ employmentStatusCheck: { householdMembers: unknown[] } }>(CHECK, { cf: people[0]!.fiscalCode });
    expect(single.data.employmentStatusCheck.householdMembers).toHaveLength(0);
    expect(family.data.employmentStatusCheck.householdMembers).toHaveLength(HOUSEHOLD_SIZE - 1);
    // The person alone needs no member list; the family needs exactly one more statement for it.
    expect(family.statements).toBe(single.statements + 1);
  });
});
