import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, today } from '../../../subgraphs/lib/dates';
import { workersSubgraph } from '../../../subgraphs/workers';
import { AvailabilityDeclaration, AvailabilityStatusChange } from '../../../subgraphs/workers/availability/availability.entity';
import { type WorkersLoaders } from '../../../subgraphs/workers/loaders';
import { Worker } from '../../../subgraphs/workers/worker/worker.entity';
import { person } from '../../utils/people';
import { createTestSubgraph, type TestSubgraph } from '../../utils/subgraph';
import { addDirectory, REGIONAL_CPI } from './support';

const REGISTER = `mutation($input: RegisterAvailabilityDeclarationInput!) {
  registerAvailabilityDeclaration(input: $input) { id status statusDate active history { fromStatus toStatus reason } }
}`;
const CHANGE = `mutation($input: ChangeAvailabilityDeclarationStatusInput!) {
  changeAvailabilityDeclarationStatus(input: $input) { id status statusDate history { fromStatus toStatus effectiveOn reason } }
}`;

describe('availability declaration (DID)', () => {
  let graph: TestSubgraph<WorkersLoaders>;
  const adult = person(1);
  const child = person(2, { birthDate: addDays(today(), -365 * 10) });

  beforeAll(async () => {
    // A job-centre operator of the whole region: every person here is in its scope.
    graph = await createTestSubgraph(workersSubgraph, { caller: REGIONAL_CPI });
    await addDirectory(graph.em());
    const em = graph.em();
    em.create(Worker, adult as Worker);
    em.create(Worker, child as Worker);
    await em.flush();
  });
  afterAll(() => graph.close());

  const register = (fiscalCode: string, declaredOn = addDays(today(), -20)) =>
    graph.query<{ registerAvailabilityDeclaration: { id: string; status: string; active: boolean; history: { toStatus: string }[] } }>(REGISTER, {
      input: { fiscalCode, declaredOn, channel: 'JOB_CENTRE', jobCentreCode: 'CPI-015-MILANO' },
    });
  const change = (id: string, status: string, effectiveOn = addDays(today(), -1), reason = 'operator decision') =>
    graph.query<{ changeAvailabilityDeclarationStatus: { status: string; history: { fromStatus: string | null; toStatus: string }[] } }>(CHANGE, {
      input: { id, status, effectiveOn, reason },
    });
  const rows = async () => ({
    declarations: await graph.em().count(AvailabilityDeclaration),
    changes: await graph.em().count(AvailabilityStatusChange),
  });

  it('registers a DID as INSERTED with its first history entry', async () => {
    const res = await register(adult.fiscalCode);
    expect(res.errors).toBeUndefined();
    const did = res.data!.registerAvailabilityDeclaration;
    expect(did.status).toBe('INSERTED');
    expect(did.active).toBe(true);
    expect(did.history.map((h) => h.toStatus)).toEqual(['INSERTED']);
  });

  it('refuses a second open DID with CONFLICT naming the current state, and writes nothing', async () => {
    const before = await rows();
    const res = await register(adult.fiscalCode);
    expect(res.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(res.errors?.[0]?.message).toContain('INSERTED');
    expect(await rows()).toEqual(before);
  });

  it('lists every input problem at once, without echoing values', async () => {
    const before = await rows();
    const res = await graph.query(REGISTER, {
      input: { fiscalCode: child.fiscalCode, declaredOn: addDays(today(), 3), channel: 'JOB_CENTRE', jobCentreCode: 'bad code' },
    });
    const error = res.errors?.[0];
    expect(error?.extensions?.code).toBe('BAD_USER_INPUT');
    const paths = (error?.extensions?.problems as { path: string }[]).map((p) => p.path).sort();
    expect(paths).toEqual(['input.declaredOn', 'input.declaredOn', 'input.jobCentreCode']);
    expect(error?.message).not.toContain(child.fiscalCode);
    expect(await rows()).toEqual(before);
  });

  it('follows the state machine and records each change with its reason', async () => {
    const worker = person(3);
    const em = graph.em();
    em.create(Worker, worker as Worker);
    await em.flush();
    const id = (await register(worker.fiscalCode, addDays(today(), -40))).data!.registerAvailabilityDeclaration.id;
    for (const [status, day] of [['VALIDATED', -30], ['SUSPENDED', -20], ['VALIDATED', -10], ['LAPSED', -5]] as const) {
      const res = await change(id, status, addDays(today(), day));
      expect(res.errors).toBeUndefined();
      expect(res.data!.changeAvailabilityDeclarationStatus.status).toBe(status);
    }
    const history = (await change(id, 'CANCELLED', addDays(today(), -1))).data!.changeAvailabilityDeclarationStatus.history;
    expect(history.map((h) => `${h.fromStatus ?? '-'}>${h.toStatus}`)).toEqual([
      '->INSERTED', 'INSERTED>VALIDATED', 'VALIDATED>SUSPENDED', 'SUSPENDED>VALIDATED', 'VALIDATED>LAPSED', 'LAPSED>CANCELLED',
    ]);
  });

  it.each([
    ['INSERTED', 'SUSPENDED'],
    ['INSERTED', 'REVOKED'],
    // INSERTED → LAPSED is legal (a long job loses the status: DID_TRANSITIONS); staying put is not a change.
    ['INSERTED', 'INSERTED'],
  ])('refuses %s → %s with CONFLICT naming both states and writes nothing', async (from, to) => {
    const worker = person(10 + to.length);
    const em = graph.em();
    em.create(Worker, worker as Worker);
    await em.flush();
    const id = (await register(worker.fiscalCode)).data!.registerAvailabilityDeclaration.id;
    const before = await rows();
    const res = await change(id, to);
    expect(res.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(res.errors?.[0]?.message).toContain(from);
    expect(res.errors?.[0]?.message).toContain(to);
    expect(res.errors?.[0]?.extensions).toMatchObject({ currentState: from, requestedState: to });
    expect(await rows()).toEqual(before);
  });

  it('refuses any change out of CANCELLED', async () => {
    const worker = person(30);
    const em = graph.em();
    em.create(Worker, worker as Worker);
    await em.flush();
    const id = (await register(worker.fiscalCode)).data!.registerAvailabilityDeclaration.id;
    expect((await change(id, 'CANCELLED')).errors).toBeUndefined();
    const res = await change(id, 'VALIDATED');
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', currentState: 'CANCELLED', requestedState: 'VALIDATED' });
  });

  it('names the field inside the input when a code in it is invalid, without the value', async () => {
    const res = await graph.query(REGISTER, {
      input: { fiscalCode: 'RSSMRA85T10A562X', declaredOn: '2025-01-01', channel: 'JOB_CENTRE', jobCentreCode: 'CPI-015-MILANO' },
    });
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.message).toBe(
      'Invalid FiscalCode in "input.fiscalCode" of argument "input" of field "registerAvailabilityDeclaration": check character is wrong',
    );
  });

  it('requires the person to be at least 15 on the date of the declaration', async () => {
    const res = await register(child.fiscalCode);
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.message).toMatch(/at least 15/);
  });

  it('answers NOT_FOUND for an unknown DID id', async () => {
    const res = await change('00000000-0000-4000-8000-000000000000', 'VALIDATED');
    expect(res.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});
