import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, today } from '../../../subgraphs/lib/dates';
import { OutboxEvent } from '../../../subgraphs/lib/outbox/outbox-event.entity';
import { workersSubgraph } from '../../../subgraphs/workers';
import { AvailabilityDeclaration } from '../../../subgraphs/workers/availability/availability.entity';
import { type WorkersLoaders } from '../../../subgraphs/workers/loaders';
import { Worker } from '../../../subgraphs/workers/worker/worker.entity';
import { asCaller, callerAs } from '../../utils/callers';
import { person } from '../../utils/people';
import { createTestSubgraph, type TestSubgraph } from '../../utils/subgraph';
import { addDirectory, DIRECTORY } from './support';

// Every workers mutation that changes who holds a person's active DID queues, in its own
// transaction, the person's competence facts for the referrals subgraph (a snapshot).
const MILAN_CPI = callerAs('CPI_OPERATOR', 'EMPLOYMENT_SERVICES', { territory: ['015'], subject: 'OPERATOR-MI-1' });
const MILAN_CPI_2 = callerAs('CPI_OPERATOR', 'EMPLOYMENT_SERVICES', { territory: ['015'], subject: 'OPERATOR-MI-2' });

const REGISTER = `mutation($input: RegisterAvailabilityDeclarationInput!) { registerAvailabilityDeclaration(input: $input) { id status } }`;
const CHANGE = `mutation($input: ChangeAvailabilityDeclarationStatusInput!) { changeAvailabilityDeclarationStatus(input: $input) { id status } }`;
const SANCTION = `mutation($input: ProposeDidSanctionInput!) { proposeDidSanction(input: $input) { id } }`;
const CONFIRM = `mutation($input: ConfirmDidChangeProposalInput!) { confirmDidChangeProposal(input: $input) { status declaration { status } } }`;

describe('the workers subgraph queues competence facts with each DID change', () => {
  let graph: TestSubgraph<WorkersLoaders>;
  const people = [person(81, { domicileMunicipality: '015146', domicileProvince: '015' }), person(82, { domicileMunicipality: '015146', domicileProvince: '015' })];
  const ids = new Map<string, string>();

  beforeAll(async () => {
    graph = await createTestSubgraph(workersSubgraph, { caller: MILAN_CPI });
    await addDirectory(graph.em());
    const em = graph.em();
    for (const p of people) ids.set(p.fiscalCode, em.create(Worker, p as Worker).id);
    await em.flush();
  });
  afterAll(() => graph.close());

  const events = async (fiscalCode: string) =>
    (await graph.em().find(OutboxEvent, { topic: 'competence.workers' }, { orderBy: { seq: 'asc' } })).filter((e) => e.payload.fiscalCode === fiscalCode);
  const register = (fiscalCode: string) =>
    graph.query<{ registerAvailabilityDeclaration: { id: string } }>(REGISTER, {
      input: { fiscalCode, declaredOn: addDays(today(), -20), channel: 'JOB_CENTRE', jobCentreCode: DIRECTORY.milanDesk.code },
    });

  it('a DID registration queues the new holder; a refused one queues nothing', async () => {
    const [p] = people;
    const res = await register(p!.fiscalCode);
    expect(res.errors).toBeUndefined();
    const [event, ...others] = await events(p!.fiscalCode);
    expect(others).toEqual([]);
    expect(event).toMatchObject({ recipient: 'referrals', status: 'PENDING' });
    expect(event!.payload).toEqual({
      fiscalCode: p!.fiscalCode,
      workerId: ids.get(p!.fiscalCode),
      domicileMunicipality: '015146',
      availabilityJobCentre: DIRECTORY.milanDesk.code,
      recordJobCentre: null,
      changedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
    });

    // A second open DID is a CONFLICT: nothing written, no event.
    expect((await register(p!.fiscalCode)).errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(await events(p!.fiscalCode)).toHaveLength(1);
  });

  it('a status change queues the facts after it: a cancelled DID holds nothing', async () => {
    const [p] = people;
    const [registered] = await events(p!.fiscalCode);
    const did = await graph.em().findOneOrFail(AvailabilityDeclaration, { worker: ids.get(p!.fiscalCode)! });
    const res = await graph.query(CHANGE, { input: { id: did.id, status: 'CANCELLED', effectiveOn: addDays(today(), -1), reason: 'entered in error' } });
    expect(res.errors).toBeUndefined();
    const all = await events(p!.fiscalCode);
    expect(all).toHaveLength(2);
    expect(all[1]!.payload).toMatchObject({ availabilityJobCentre: null, workerId: ids.get(p!.fiscalCode) });
    expect(Date.parse(all[1]!.payload.changedAt as string)).toBeGreaterThanOrEqual(Date.parse(registered!.payload.changedAt as string));

    // An illegal move (a cancelled DID is final) writes no event.
    const again = await graph.query(CHANGE, { input: { id: did.id, status: 'VALIDATED', effectiveOn: today(), reason: 'try again' } });
    expect(again.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(await events(p!.fiscalCode)).toHaveLength(2);
  });

  it('a confirmed sanction queues the facts; proposing it does not', async () => {
    const [, p] = people;
    const registered = await register(p!.fiscalCode);
    const didId = registered.data!.registerAvailabilityDeclaration.id;
    const validated = await graph.query(CHANGE, { input: { id: didId, status: 'VALIDATED', effectiveOn: addDays(today(), -10), reason: 'service pact signed' } });
    expect(validated.errors).toBeUndefined();
    expect((await events(p!.fiscalCode)).map((e) => e.payload.availabilityJobCentre)).toEqual([DIRECTORY.milanDesk.code, DIRECTORY.milanDesk.code]);

    const proposed = await graph.query<{ proposeDidSanction: { id: string } }>(SANCTION, { input: { didId, kind: 'SANCTION_NO_SHOW', reference: 'APP-81', reason: 'missed the convocation' } }, asCaller(MILAN_CPI));
    expect(proposed.errors).toBeUndefined();
    expect(await events(p!.fiscalCode)).toHaveLength(2);

    const confirmed = await graph.query<{ confirmDidChangeProposal: { status: string; declaration: { status: string } } }>(CONFIRM, { input: { id: proposed.data!.proposeDidSanction.id } }, asCaller(MILAN_CPI_2));
    expect(confirmed.errors).toBeUndefined();
    expect(confirmed.data!.confirmDidChangeProposal.declaration.status).toBe('REVOKED');
    const all = await events(p!.fiscalCode);
    expect(all).toHaveLength(3);
    expect(all[2]!.payload).toMatchObject({ availabilityJobCentre: null });
  });
});
