import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConvocationExclusion } from '../../../subgraphs/pacts/convocation-exclusion/convocation-exclusion.entity';
import { type Household } from '../../../subgraphs/pacts/household/household.entity';
import { InclusionPactState } from '../../../subgraphs/pacts/inclusion-pact/inclusion-pact.entity';
import { type PactsLoaders } from '../../../subgraphs/pacts/loaders';
import { asCaller, callerAs } from '../../utils/callers';
import { type TestSubgraph } from '../../utils/subgraph';
import { citizen, createPactsGraph, errorCode, jobCentre, newPerson, type Person, socialWorker, storeHousehold, storeInclusionPact } from './support';

const SET = `mutation($input: SetConvocationExclusionInput!) { setConvocationExclusion(input: $input) { id fiscalCode reason details since recordedBy purpose endedOn } }`;
const END = `mutation($input: EndConvocationExclusionInput!) { endConvocationExclusion(input: $input) { endedOn endReason endedBy endPurpose } }`;
const CHECK = `query($codes: [FiscalCode!]!) { convocationExclusions(fiscalCodes: $codes) { fiscalCode convocationExcluded convocationExclusionReason convocationExcludedSince } }`;
const MEMBERS = `query($id: ID!) { household(id: $id) { members { fiscalCode convocationExclusions { reason details since endedOn recordedBy } } } }`;

interface Check {
  fiscalCode: string;
  convocationExcluded: boolean;
  convocationExclusionReason: string | null;
  convocationExcludedSince: string | null;
}

describe('do-not-convene (Annex 5 §1.4, art. 3(6))', () => {
  let graph: TestSubgraph<PactsLoaders>;
  let carer: Person;
  let partner: Person;
  let home: Household;
  const cpiMilan = asCaller(jobCentre(['015']));

  beforeAll(async () => {
    graph = await createPactsGraph(socialWorker());
    carer = newPerson();
    partner = newPerson();
    home = await storeHousehold(graph.em(), [{ person: partner }, { person: carer }]);
    await storeInclusionPact(graph.em(), home, { state: InclusionPactState.PRELIMINARY_ANALYSIS, stateDate: '2024-03-01' });
  });
  afterAll(() => graph.close());

  const exclusions = () => graph.em().count(ConvocationExclusion, {});
  const check = async (codes: string[], headers = cpiMilan) => {
    const res = await graph.query<{ convocationExclusions: Check[] }>(CHECK, { codes }, headers);
    expect(res.errors).toBeUndefined();
    return res.data!.convocationExclusions;
  };

  it("records the social worker's decision with who, when and under which purpose", async () => {
    const res = await graph.query<{ setConvocationExclusion: Record<string, unknown> }>(SET, {
      input: { fiscalCode: carer.fiscalCode, reason: 'CARE_OF_CHILD_UNDER_3', details: 'newborn, born 2024-01-20', since: '2024-03-01' },
    });
    expect(res.errors).toBeUndefined();
    expect(res.data!.setConvocationExclusion).toMatchObject({
      fiscalCode: carer.fiscalCode,
      reason: 'CARE_OF_CHILD_UNDER_3',
      details: 'newborn, born 2024-01-20',
      since: '2024-03-01',
      recordedBy: 'SOCIAL-WORKER-1',
      purpose: 'SOCIAL_INCLUSION',
      endedOn: null,
    });
  });

  it('tells the job centre whom not to convene and why, with the coded reason only', async () => {
    expect(await check([carer.fiscalCode, partner.fiscalCode])).toEqual([
      { fiscalCode: carer.fiscalCode, convocationExcluded: true, convocationExclusionReason: 'CARE_OF_CHILD_UNDER_3', convocationExcludedSince: '2024-03-01' },
      { fiscalCode: partner.fiscalCode, convocationExcluded: false, convocationExclusionReason: null, convocationExcludedSince: null },
    ]);
    // The details are reachable only through the household, which a job centre may not read.
    const details = await graph.query<{ household: unknown }>(MEMBERS, { id: home.id }, cpiMilan);
    expect(details.data?.household ?? null).toBeNull();
    expect(errorCode(details)).toBe('FORBIDDEN');
  });

  it('shows the details to the social worker of the municipality', async () => {
    const res = await graph.query<{ household: { members: { fiscalCode: string; convocationExclusions: { details: string }[] }[] } }>(MEMBERS, { id: home.id });
    const member = res.data!.household.members.find((m) => m.fiscalCode === carer.fiscalCode)!;
    expect(member.convocationExclusions).toEqual([{ reason: 'CARE_OF_CHILD_UNDER_3', details: 'newborn, born 2024-01-20', since: '2024-03-01', endedOn: null, recordedBy: 'SOCIAL-WORKER-1' }]);
  });

  it("leaves out a person outside the job centre's territory, as an unknown one", async () => {
    expect(await check([carer.fiscalCode], asCaller(jobCentre(['016'])))).toEqual([]);
  });

  it('refuses a second decision while one is in force with CONFLICT, and writes nothing', async () => {
    const before = await exclusions();
    const res = await graph.query(SET, { input: { fiscalCode: carer.fiscalCode, reason: 'EMPLOYED', since: '2024-04-01' } });
    expect(errorCode(res)).toBe('CONFLICT');
    expect(await exclusions()).toBe(before);
  });

  it('refuses a member of a household without an open inclusion pact with CONFLICT, and writes nothing', async () => {
    const alone = newPerson();
    const closed = await storeHousehold(graph.em(), [{ person: alone }]);
    await storeInclusionPact(graph.em(), closed, { state: InclusionPactState.COMPLETED });
    const before = await exclusions();
    const res = await graph.query(SET, { input: { fiscalCode: alone.fiscalCode, reason: 'EMPLOYED', since: '2024-04-01' } });
    expect(errorCode(res)).toBe('CONFLICT');
    expect(await exclusions()).toBe(before);
  });

  it("answers NOT_FOUND to another municipality's social worker, and writes nothing", async () => {
    const before = await exclusions();
    const res = await graph.query(SET, { input: { fiscalCode: partner.fiscalCode, reason: 'EMPLOYED', since: '2024-04-01' } }, asCaller(socialWorker(['016024'])));
    expect(errorCode(res)).toBe('NOT_FOUND');
    expect(await exclusions()).toBe(before);
  });

  it.each([
    ['a job centre', jobCentre()],
    ['a social worker declaring REFERRAL', socialWorker(['015146'], 'REFERRAL')],
  ])('is FORBIDDEN to %s, which writes nothing', async (_who, caller) => {
    const before = await exclusions();
    const res = await graph.query(SET, { input: { fiscalCode: partner.fiscalCode, reason: 'EMPLOYED', since: '2024-04-01' } }, asCaller(caller));
    expect(errorCode(res)).toBe('FORBIDDEN');
    expect(await exclusions()).toBe(before);
  });

  it('answers a job centre declaring REFERRAL too', async () => {
    expect((await check([carer.fiscalCode], asCaller(jobCentre(['015'], 'REFERRAL'))))[0]?.convocationExcluded).toBe(true);
  });

  it.each([
    ['the person themselves', () => citizen(carer)],
    ['a Cassa Edile', () => callerAs('CASSA_EDILE', 'REGULARITY_CHECK')],
  ])('is a question FORBIDDEN to %s', async (_who, caller) => {
    const res = await graph.query(CHECK, { codes: [carer.fiscalCode] }, asCaller(caller()));
    expect(errorCode(res)).toBe('FORBIDDEN');
  });

  it('stops excluding once the decision ends, recording who ended it and why', async () => {
    const res = await graph.query<{ endConvocationExclusion: Record<string, unknown> }>(END, { input: { fiscalCode: carer.fiscalCode, endedOn: '2024-06-01', reason: 'childcare place found' } });
    expect(res.errors).toBeUndefined();
    expect(res.data!.endConvocationExclusion).toEqual({ endedOn: '2024-06-01', endReason: 'childcare place found', endedBy: 'SOCIAL-WORKER-1', endPurpose: 'SOCIAL_INCLUSION' });
    expect((await check([carer.fiscalCode]))[0]).toMatchObject({ convocationExcluded: false, convocationExclusionReason: null });
    const again = await graph.query(END, { input: { fiscalCode: carer.fiscalCode, endedOn: '2024-06-02', reason: 'again' } });
    expect(errorCode(again)).toBe('CONFLICT');
  });

  it('stops excluding when the inclusion pact is no longer open', async () => {
    const person = newPerson();
    const household = await storeHousehold(graph.em(), [{ person }]);
    const pact = await storeInclusionPact(graph.em(), household, { state: InclusionPactState.MONITORING });
    expect((await graph.query(SET, { input: { fiscalCode: person.fiscalCode, reason: 'IN_EDUCATION_OR_TRAINING', since: '2024-02-01' } })).errors).toBeUndefined();
    expect((await check([person.fiscalCode]))[0]?.convocationExcluded).toBe(true);
    const em = graph.em();
    await em.nativeUpdate('SocialInclusionPact', { id: pact.id }, { state: InclusionPactState.LAPSED });
    expect((await check([person.fiscalCode]))[0]).toMatchObject({ convocationExcluded: false, convocationExclusionReason: null });
  });
});
