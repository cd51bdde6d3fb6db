import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InclusionPactState, SocialInclusionPact, SocialInclusionPactStateChange } from '../../../subgraphs/pacts/inclusion-pact/inclusion-pact.entity';
import { type PactsLoaders } from '../../../subgraphs/pacts/loaders';
import { ServicePact, ServicePactState, ServicePactStateChange } from '../../../subgraphs/pacts/service-pact/service-pact.entity';
import { asCaller } from '../../utils/callers';
import { type TestSubgraph } from '../../utils/subgraph';
import { createPactsGraph, errorCode, jobCentre, newPerson, problemsOf, socialWorker, storeHousehold, storeInclusionPact, storePact } from './support';

/** Service pacts are written by a job centre (the default caller here), inclusion pacts by social services of Milan. */
const SOCIAL = asCaller(socialWorker(['015146']));

const CREATE_PACT = `mutation($input: CreateServicePactInput!) { createServicePact(input: $input) { id golPathway } }`;
const CHANGE_PACT = `mutation($input: ChangeServicePactStateInput!) { changeServicePactState(input: $input) { id } }`;
const CREATE_PAIS = `mutation($input: CreateSocialInclusionPactInput!) { createSocialInclusionPact(input: $input) { id } }`;
const CHANGE_PAIS = `mutation($input: ChangeSocialInclusionPactStateInput!) { changeSocialInclusionPactState(input: $input) { id } }`;

describe('invalid input is refused with BAD_USER_INPUT listing every problem, and nothing is written', () => {
  let graph: TestSubgraph<PactsLoaders>;
  beforeAll(async () => {
    graph = await createPactsGraph(jobCentre());
  });
  afterAll(() => graph.close());

  const counts = async () => {
    const em = graph.em();
    return Promise.all([
      em.count(ServicePact, {}),
      em.count(ServicePactStateChange, {}),
      em.count(SocialInclusionPact, {}),
      em.count(SocialInclusionPactStateChange, {}),
    ]);
  };

  it('lists every problem of a new service pact at once, without echoing the values', async () => {
    const person = newPerson();
    const before = await counts();
    const res = await graph.query(CREATE_PACT, {
      input: { workerId: 'worker-17', fiscalCode: person.fiscalCode, jobCentreCode: 'cpi milano', programme: 'GOL', proposedOn: '2999-01-01' },
    });
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
    expect(problemsOf(res).map((p) => p.path).sort()).toEqual(['input.golPathway', 'input.jobCentreCode', 'input.proposedOn', 'input.workerId']);
    expect(problemsOf(res).find((p) => p.path === 'input.golPathway')?.message).toBe('is required when the programme is GOL');
    const message = res.errors?.[0]?.message ?? '';
    for (const value of ['worker-17', 'cpi milano', '2999-01-01', person.fiscalCode]) expect(message).not.toContain(value);
    expect(await counts()).toEqual(before);
  });

  it('refuses a GOL pathway on a pact of another programme', async () => {
    const person = newPerson();
    const res = await graph.query(CREATE_PACT, {
      input: { ...person, jobCentreCode: 'CPI_MI_01', programme: 'ORDINARY', golPathway: 'RESKILLING', proposedOn: '2024-01-10' },
    });
    expect(problemsOf(res)).toEqual([{ path: 'input.golPathway', message: 'is only allowed when the programme is GOL' }]);
  });

  it('accepts a GOL pact with its pathway and a pact of another programme without one', async () => {
    const gol = await graph.query<{ createServicePact: { golPathway: string | null } }>(CREATE_PACT, {
      input: { ...newPerson(), jobCentreCode: 'CPI_MI_01', programme: 'GOL', golPathway: 'WORK_AND_INCLUSION', proposedOn: '2024-01-10' },
    });
    expect(gol.errors).toBeUndefined();
    expect(gol.data!.createServicePact.golPathway).toBe('WORK_AND_INCLUSION');
    const ordinary = await graph.query<{ createServicePact: { golPathway: string | null } }>(CREATE_PACT, {
      input: { ...newPerson(), jobCentreCode: 'CPI_MI_01', programme: 'ORDINARY', proposedOn: '2024-01-10' },
    });
    expect(ordinary.errors).toBeUndefined();
    expect(ordinary.data!.createServicePact.golPathway).toBeNull();
  });

  it('lists every problem of a service pact state change at once', async () => {
    const pact = await storePact(graph.em(), { person: newPerson(), state: ServicePactState.IN_PROGRESS, stateDate: '2024-02-01' });
    const before = await counts();
    const res = await graph.query(CHANGE_PACT, { input: { id: pact.id, state: 'SIGNED', effectiveOn: '2024-01-31', reason: '   ' } });
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
    expect(problemsOf(res).map((p) => p.path).sort()).toEqual(['input.effectiveOn', 'input.reason', 'input.state']);
    const late = await graph.query(CHANGE_PACT, { input: { id: pact.id, state: 'LAPSED', effectiveOn: '2999-01-01', reason: 'x'.repeat(501) } });
    expect(problemsOf(late).map((p) => p.path).sort()).toEqual(['input.effectiveOn', 'input.reason']);
    expect(await counts()).toEqual(before);
  });

  it('checks the input before the transition: invalid input on an illegal move is BAD_USER_INPUT', async () => {
    const pact = await storePact(graph.em(), { person: newPerson(), state: ServicePactState.COMPLETED, stateDate: '2024-02-01' });
    const res = await graph.query(CHANGE_PACT, { input: { id: pact.id, state: 'IN_PROGRESS', effectiveOn: '2024-03-01', reason: '' } });
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
  });

  it('lists every problem of a new social inclusion pact at once', async () => {
    const before = await counts();
    const res = await graph.query(
      CREATE_PAIS,
      { input: { householdId: randomUUID(), municipality: '015146', socialServicesCode: 'servizi sociali', padSignedOn: '2999-01-01' } },
      SOCIAL,
    );
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
    expect(problemsOf(res).map((p) => p.path).sort()).toEqual(['input.householdId', 'input.padSignedOn', 'input.socialServicesCode']);
    expect(await counts()).toEqual(before);
  });

  it('lists every problem of a social inclusion pact state change at once', async () => {
    const home = await storeHousehold(graph.em(), [{ person: newPerson() }]);
    const pact = await storeInclusionPact(graph.em(), home, { state: InclusionPactState.TO_CONVENE, stateDate: '2024-02-01' });
    const before = await counts();
    const res = await graph.query(CHANGE_PAIS, { input: { id: pact.id, state: 'PRELIMINARY_ANALYSIS', effectiveOn: '2024-01-01', reason: '' } }, SOCIAL);
    expect(problemsOf(res).map((p) => p.path).sort()).toEqual(['input.effectiveOn', 'input.reason']);
    expect(await counts()).toEqual(before);
  });

  it('rejects malformed codes in scalars before any resolver runs', async () => {
    const res = await graph.query(
      CREATE_PAIS,
      { input: { householdId: randomUUID(), municipality: '15146', socialServicesCode: 'SS_MI_01', padSignedOn: '2024-02-30' } },
      SOCIAL,
    );
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
  });

  it('refuses a job centre that is unknown, not a job centre or desk, or outside the territory, in one and the same way', async () => {
    const before = await counts();
    const milan = asCaller(jobCentre(['015']));
    const problemFor = async (jobCentreCode: string) => {
      const res = await graph.query(CREATE_PACT, { input: { ...newPerson(), jobCentreCode, programme: 'ORDINARY', proposedOn: '2024-01-10' } }, milan);
      expect(errorCode(res)).toBe('BAD_USER_INPUT');
      return problemsOf(res);
    };
    const expected = [{ path: 'input.jobCentreCode', message: 'must be the code of a job centre or job-centre desk of your territory' }];
    expect(await problemFor('CPI_XX_99')).toEqual(expected); // unknown
    expect(await problemFor('SS_MI_01')).toEqual(expected); // social services, not a job centre
    expect(await problemFor('CPI_BG_01')).toEqual(expected); // a job centre of Bergamo
    expect(await counts()).toEqual(before);
    // A desk of the territory holds pacts too.
    const desk = await graph.query(CREATE_PACT, { input: { ...newPerson(), jobCentreCode: 'CPI_MI_02', programme: 'ORDINARY', proposedOn: '2024-01-10' } }, milan);
    expect(desk.errors).toBeUndefined();
  });

  it('lists the unknown job centre with the other problems of a new service pact', async () => {
    const res = await graph.query(CREATE_PACT, {
      input: { workerId: 'worker-17', fiscalCode: newPerson().fiscalCode, jobCentreCode: 'CPI_XX_99', programme: 'GOL', proposedOn: '2999-01-01' },
    });
    expect(problemsOf(res).map((p) => p.path).sort()).toEqual(['input.golPathway', 'input.jobCentreCode', 'input.proposedOn', 'input.workerId']);
  });

  it('refuses social services that are unknown or of another kind, a municipality outside the territory and a household outside the scope, listed together', async () => {
    const em = graph.em();
    const bergamo = await storeHousehold(em, [{ person: newPerson() }], '016024');
    const milan = await storeHousehold(em, [{ person: newPerson() }], '015146');
    const before = await counts();
    const create = (input: Record<string, unknown>) =>
      graph.query(CREATE_PAIS, { input: { householdId: milan.id, municipality: '015146', socialServicesCode: 'SS_MI_01', padSignedOn: '2024-02-01', ...input } }, SOCIAL);

    const res = await create({ householdId: bergamo.id, municipality: '016024', socialServicesCode: 'SS_XX_99' });
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
    expect(problemsOf(res)).toEqual([
      { path: 'input.householdId', message: 'no household has this id' },
      { path: 'input.municipality', message: 'must be a municipality of your territory' },
      { path: 'input.socialServicesCode', message: 'must be the code of municipal social services' },
    ]);
    // The household of another municipality is refused exactly like an unknown one.
    const unknown = await create({ householdId: randomUUID() });
    const outside = await create({ householdId: bergamo.id });
    expect(problemsOf(outside)).toEqual(problemsOf(unknown));
    expect(problemsOf(outside)).toEqual([{ path: 'input.householdId', message: 'no household has this id' }]);
    expect(problemsOf(await create({ socialServicesCode: 'CPI_MI_01' }))).toEqual([
      { path: 'input.socialServicesCode', message: 'must be the code of municipal social services' },
    ]);
    expect(await counts()).toEqual(before);

    const ok = await create({});
    expect(ok.errors).toBeUndefined();
  });

  it('rejects a malformed job-centre filter on the pact list', async () => {
    const res = await graph.query('{ servicePacts(jobCentreCode: "cpi milano") { totalCount } }');
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
    expect(problemsOf(res).map((p) => p.path)).toEqual(['jobCentreCode']);
  });
});
