import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HouseholdRelation } from '../../../subgraphs/pacts/household/household.entity';
import { type PactsLoaders } from '../../../subgraphs/pacts/loaders';
import { ServicePactProgramme, ServicePactState } from '../../../subgraphs/pacts/service-pact/service-pact.entity';
import { asCaller } from '../../utils/callers';
import { type TestSubgraph } from '../../utils/subgraph';
import { citizen, createPactsGraph, jobCentre, newPerson, type Person, storeHousehold, storePact } from './support';

const CHECK = `query($cf: FiscalCode!) {
  employmentStatusCheck(fiscalCode: $cf) {
    checkedAt
    person { fiscalCode servicePactActive servicePactState servicePactStateDate }
    householdMembers { fiscalCode servicePactActive servicePactState servicePactStateDate }
  }
}`;

interface Status {
  fiscalCode: string;
  servicePactActive: boolean | null;
  servicePactState: string | null;
  servicePactStateDate: string | null;
}
interface Check {
  employmentStatusCheck: { checkedAt: string; person: Status; householdMembers: Status[] } | null;
}

describe('employmentStatusCheck answers the work-pact check of the RdC plan for a person and their household', () => {
  let graph: TestSubgraph<PactsLoaders>;
  /** Signed pact, active. */
  let signed: Person;
  /** In-progress pact, active; an older completed one too. */
  let working: Person;
  /** Only ended pacts. */
  let ended: Person;
  /** A proposed pact only: not signed, so not active. */
  let proposed: Person;
  /** Member with no pact at all. */
  let without: Person;
  /** Not in any household, with an active pact. */
  let single: Person;

  /** The check as a job-centre operator of the whole region (every pact and household here is in its territory). */
  const check = async (fiscalCode: string) => {
    const res = await graph.query<Check>(CHECK, { cf: fiscalCode });
    expect(res.errors).toBeUndefined();
    expect(res.data!.employmentStatusCheck).not.toBeNull();
    return res.data!.employmentStatusCheck!;
  };

  beforeAll(async () => {
    graph = await createPactsGraph(jobCentre());
    [signed, working, ended, proposed, without, single] = Array.from({ length: 6 }, newPerson);
    const em = graph.em();
    await storePact(em, { person: signed, state: ServicePactState.SIGNED, proposedOn: '2024-03-01', signedOn: '2024-03-04' });
    await storePact(em, { person: working, state: ServicePactState.COMPLETED, proposedOn: '2024-05-01', stateDate: '2024-09-01' });
    await storePact(em, {
      person: working,
      programme: ServicePactProgramme.ADI,
      state: ServicePactState.IN_PROGRESS,
      proposedOn: '2024-02-01',
      stateDate: '2024-02-20',
    });
    await storePact(em, { person: ended, state: ServicePactState.LAPSED, proposedOn: '2023-01-10', stateDate: '2023-06-30' });
    await storePact(em, { person: ended, state: ServicePactState.CANCELLED, proposedOn: '2024-01-10', stateDate: '2024-01-12' });
    await storePact(em, { person: proposed, state: ServicePactState.PROPOSED, proposedOn: '2024-04-15' });
    await storePact(em, { person: single, state: ServicePactState.IN_PROGRESS, stateDate: '2024-06-01' });
    await storeHousehold(em, [
      { person: signed, relation: HouseholdRelation.APPLICANT },
      { person: working, relation: HouseholdRelation.SPOUSE },
      { person: ended, relation: HouseholdRelation.CHILD },
      { person: proposed, relation: HouseholdRelation.PARENT },
      { person: without, relation: HouseholdRelation.OTHER },
    ]);
  });
  afterAll(() => graph.close());

  it('reports a signed pact as active, with its state and date', async () => {
    const { person } = await check(signed.fiscalCode);
    expect(person).toEqual({ fiscalCode: signed.fiscalCode, servicePactActive: true, servicePactState: 'SIGNED', servicePactStateDate: '2024-03-04' });
  });

  it('prefers the active pact over a more recent ended one', async () => {
    const { person } = await check(working.fiscalCode);
    expect(person).toMatchObject({ servicePactActive: true, servicePactState: 'IN_PROGRESS', servicePactStateDate: '2024-02-20' });
  });

  it('reports the most recent pact, not active, when every pact has ended', async () => {
    const { person } = await check(ended.fiscalCode);
    expect(person).toMatchObject({ servicePactActive: false, servicePactState: 'CANCELLED', servicePactStateDate: '2024-01-12' });
  });

  it('does not count a pact that is only proposed as active', async () => {
    const { person } = await check(proposed.fiscalCode);
    expect(person).toMatchObject({ servicePactActive: false, servicePactState: 'PROPOSED', servicePactStateDate: '2024-04-15' });
  });

  it('lists every other member of the household with their own status, not the person asked about', async () => {
    const result = await check(ended.fiscalCode);
    const byCode = new Map(result.householdMembers.map((m) => [m.fiscalCode, m]));
    expect([...byCode.keys()].sort()).toEqual([signed, working, proposed, without].map((p) => p.fiscalCode).sort());
    expect(result.householdMembers).toHaveLength(4);
    expect(byCode.get(signed.fiscalCode)?.servicePactActive).toBe(true);
    expect(byCode.get(working.fiscalCode)?.servicePactActive).toBe(true);
    expect(byCode.get(proposed.fiscalCode)?.servicePactActive).toBe(false);
    expect(byCode.get(without.fiscalCode)).toEqual({
      fiscalCode: without.fiscalCode,
      servicePactActive: false,
      servicePactState: null,
      servicePactStateDate: null,
    });
  });

  it('answers for a person outside any household with no members', async () => {
    const result = await check(single.fiscalCode);
    expect(result.person.servicePactActive).toBe(true);
    expect(result.householdMembers).toEqual([]);
  });

  it('answers the person unknown here: no active pact, no state, no household; a job centre gets no row for them', async () => {
    const stranger = newPerson();
    const own = await graph.query<Check>(CHECK, { cf: stranger.fiscalCode }, asCaller(citizen(stranger)));
    expect(own.errors).toBeUndefined();
    expect(own.data!.employmentStatusCheck!.person).toEqual({ fiscalCode: stranger.fiscalCode, servicePactActive: false, servicePactState: null, servicePactStateDate: null });
    expect(own.data!.employmentStatusCheck!.householdMembers).toEqual([]);
    // No pact and no household of the job centre's territory: outside its scope, as if absent.
    const res = await graph.query<Check>(CHECK, { cf: stranger.fiscalCode });
    expect(res.errors).toBeUndefined();
    expect(res.data!.employmentStatusCheck).toBeNull();
  });

  it('stamps the answer with the time of the check', async () => {
    const before = Date.now();
    const { checkedAt } = await check(signed.fiscalCode);
    const at = Date.parse(checkedAt);
    expect(at).toBeGreaterThanOrEqual(before - 1000);
    expect(at).toBeLessThanOrEqual(Date.now() + 1000);
  });

  it('rejects a malformed fiscal code without echoing it', async () => {
    const res = await graph.query(CHECK, { cf: 'NOTAFISCALCODE00' });
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.message).not.toContain('NOTAFISCALCODE00');
  });

  it('describes itself as the work-pact and DID checks, with the DID side in the workers subgraph', () => {
    const field = graph.runtime.schema.schema.getQueryType()?.getFields().employmentStatusCheck;
    expect(field?.description).toMatch(/work-pact check/);
    expect(field?.description).toMatch(/DID check/);
    expect(field?.description).toMatch(/workers subgraph/);
  });
});
