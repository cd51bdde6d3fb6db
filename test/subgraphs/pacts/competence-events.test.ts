import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { today } from '../../../subgraphs/lib/dates';
import { OutboxEvent } from '../../../subgraphs/lib/outbox/outbox-event.entity';
import { InclusionPactState } from '../../../subgraphs/pacts/inclusion-pact/inclusion-pact.entity';
import { type PactsLoaders } from '../../../subgraphs/pacts/loaders';
import { GolPathway, ServicePactProgramme, ServicePactState } from '../../../subgraphs/pacts/service-pact/service-pact.entity';
import { asCaller } from '../../utils/callers';
import { type TestSubgraph } from '../../utils/subgraph';
import { createPactsGraph, errorCode, jobCentre, newPerson, socialWorker, storeHousehold, storeInclusionPact, storePact } from './support';

// Every pacts mutation that opens or moves a service pact or an inclusion pact queues, in its
// own transaction, each person's competence facts for the referrals subgraph (a snapshot).
const CREATE_PACT = `mutation($input: CreateServicePactInput!) { createServicePact(input: $input) { id state } }`;
const CHANGE_PACT = `mutation($input: ChangeServicePactStateInput!) { changeServicePactState(input: $input) { id state } }`;
const CREATE_PAIS = `mutation($input: CreateSocialInclusionPactInput!) { createSocialInclusionPact(input: $input) { id state } }`;
const CHANGE_PAIS = `mutation($input: ChangeSocialInclusionPactStateInput!) { changeSocialInclusionPactState(input: $input) { id state } }`;

describe('the pacts subgraph queues competence facts with each pact change', () => {
  let graph: TestSubgraph<PactsLoaders>;
  beforeAll(async () => {
    graph = await createPactsGraph(jobCentre());
  });
  afterAll(() => graph.close());

  const events = async (fiscalCode: string) =>
    (await graph.em().find(OutboxEvent, { topic: 'competence.pacts' }, { orderBy: { seq: 'asc' } })).filter((e) => e.payload.fiscalCode === fiscalCode).map((e) => e.payload);

  it('a service pact proposed, then cancelled: the holder is the newest open pact after each change', async () => {
    const person = newPerson();
    // An older open pact of another programme, at Bergamo.
    await storePact(graph.em(), { person, jobCentreCode: 'CPI_BG_01', proposedOn: '2024-01-10', programme: ServicePactProgramme.GOL, golPathway: GolPathway.UPSKILLING });

    const created = await graph.query<{ createServicePact: { id: string } }>(CREATE_PACT, {
      input: { workerId: person.workerId, fiscalCode: person.fiscalCode, jobCentreCode: 'CPI_MI_01', programme: 'ORDINARY', proposedOn: today() },
    });
    expect(created.errors).toBeUndefined();
    expect(await events(person.fiscalCode)).toEqual([
      { fiscalCode: person.fiscalCode, servicePactJobCentre: 'CPI_MI_01', inclusionPactMunicipality: null, changedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/) },
    ]);

    const cancelled = await graph.query(CHANGE_PACT, { input: { id: created.data!.createServicePact.id, state: 'CANCELLED', effectiveOn: today(), reason: 'entered in error' } });
    expect(cancelled.errors).toBeUndefined();
    expect((await events(person.fiscalCode)).map((e) => e.servicePactJobCentre)).toEqual(['CPI_MI_01', 'CPI_BG_01']);

    // An illegal move writes no event.
    const again = await graph.query(CHANGE_PACT, { input: { id: created.data!.createServicePact.id, state: 'IN_PROGRESS', effectiveOn: today(), reason: 'try again' } });
    expect(errorCode(again)).toBe('CONFLICT');
    expect(await events(person.fiscalCode)).toHaveLength(2);
  });

  it('an inclusion pact opened and closed: one event per household member each time', async () => {
    const [applicant, child] = [newPerson(), newPerson()];
    await storePact(graph.em(), { person: child, jobCentreCode: 'CPI_MI_02', state: ServicePactState.SIGNED });
    const home = await storeHousehold(graph.em(), [{ person: applicant }, { person: child }]);

    const created = await graph.query(CREATE_PAIS, { input: { householdId: home.id, municipality: '015146', socialServicesCode: 'SS_MI_01', padSignedOn: today() } }, asCaller(socialWorker()));
    expect(created.errors).toBeUndefined();
    expect(await events(applicant.fiscalCode)).toMatchObject([{ servicePactJobCentre: null, inclusionPactMunicipality: '015146' }]);
    expect(await events(child.fiscalCode)).toMatchObject([{ servicePactJobCentre: 'CPI_MI_02', inclusionPactMunicipality: '015146' }]);

    // A second open pact for the household is a CONFLICT: no event.
    const second = await graph.query(CREATE_PAIS, { input: { householdId: home.id, municipality: '015146', socialServicesCode: 'SS_MI_01', padSignedOn: today() } }, asCaller(socialWorker()));
    expect(errorCode(second)).toBe('CONFLICT');
    expect(await events(applicant.fiscalCode)).toHaveLength(1);
  });

  it('an inclusion pact completed: its members no longer have an inclusion-pact municipality', async () => {
    const [applicant, partner] = [newPerson(), newPerson()];
    const home = await storeHousehold(graph.em(), [{ person: applicant }, { person: partner }]);
    const pact = await storeInclusionPact(graph.em(), home, { state: InclusionPactState.MONITORING, stateDate: '2024-06-01' });

    const completed = await graph.query(CHANGE_PAIS, { input: { id: pact.id, state: 'COMPLETED', effectiveOn: today(), reason: 'path completed' } }, asCaller(socialWorker()));
    expect(completed.errors).toBeUndefined();
    for (const member of [applicant, partner]) {
      expect(await events(member.fiscalCode)).toMatchObject([{ fiscalCode: member.fiscalCode, servicePactJobCentre: null, inclusionPactMunicipality: null }]);
    }
  });
});
