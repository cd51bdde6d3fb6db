import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodePersonalFiscalCode, encodeNumericFiscalCode } from '../../../subgraphs/lib/codes';
import { DigitalActivationPact } from '../../../subgraphs/pacts/digital-activation-pact/digital-activation-pact.entity';
import { HouseholdMember } from '../../../subgraphs/pacts/household/household.entity';
import { type PactsLoaders } from '../../../subgraphs/pacts/loaders';
import { ServicePact, ServicePactStateChange } from '../../../subgraphs/pacts/service-pact/service-pact.entity';
import { type TestSubgraph } from '../../utils/subgraph';
import { createPactsGraph, errorCode, jobCentre, newPerson, problemsOf, storeHousehold } from './support';

// PAD before PSP (domain.md §8.2 step 8, §8.3, §13.5 rule 6): an ADI or SFL service pact
// follows the person's digital activation pact, and an SFL one records the intermediaries
// chosen in it (at least 3) for a person aged 18 to 59.
const CREATE = `mutation($input: CreateServicePactInput!) { createServicePact(input: $input) { id programme activationPactSignedOn chosenIntermediaries } }`;

let serial = 0;
/** A synthetic person born on `birthDate`. */
function bornOn(birthDate: string): { workerId: string; fiscalCode: string } {
  serial += 1;
  const firstName = ['Anna', 'Bruno', 'Carla', 'Dario', 'Elena', 'Fabio', 'Gina', 'Ivo'][serial % 8]!;
  return { workerId: randomUUID(), fiscalCode: encodePersonalFiscalCode({ lastName: 'Esempio', firstName, sex: 'F', birthPlace: 'F205', birthDate }) };
}

const SFL = (person: { workerId: string; fiscalCode: string }, sflActivationPact: unknown, proposedOn = '2024-05-10') => ({
  input: { ...person, jobCentreCode: 'CPI_MI_01', programme: 'SFL', proposedOn, sflActivationPact },
});

describe('a service pact of the ADI or SFL programmes follows the digital activation pact', () => {
  let graph: TestSubgraph<PactsLoaders>;
  beforeAll(async () => {
    graph = await createPactsGraph(jobCentre());
  });
  afterAll(() => graph.close());
  const counts = () => Promise.all([graph.em().count(ServicePact, {}), graph.em().count(ServicePactStateChange, {})]);

  it("refuses an ADI pact for a member with no PAD, or a PAD signed after the proposal, and writes nothing", async () => {
    const without = newPerson();
    const late = newPerson();
    await storeHousehold(graph.em(), [{ person: without }, { person: late }]);
    const em = graph.em();
    em.create(DigitalActivationPact, { member: await em.findOneOrFail(HouseholdMember, { fiscalCode: late.fiscalCode }), signedOn: '2024-03-02' });
    await em.flush();
    const before = await counts();
    for (const person of [without, late]) {
      const res = await graph.query(CREATE, { input: { ...person, jobCentreCode: 'CPI_MI_01', programme: 'ADI', proposedOn: '2024-03-01' } });
      expect(errorCode(res)).toBe('BAD_USER_INPUT');
      expect(problemsOf(res).map((p) => p.path)).toEqual(['input.programme']);
      expect(res.errors![0]!.message).not.toContain(person.fiscalCode);
    }
    expect(await counts()).toEqual(before);
  });

  it("accepts an ADI pact after the member's PAD and records the PAD's date", async () => {
    const member = newPerson();
    await storeHousehold(graph.em(), [{ person: member }]);
    const em = graph.em();
    em.create(DigitalActivationPact, { member: await em.findOneOrFail(HouseholdMember, { fiscalCode: member.fiscalCode }), signedOn: '2024-03-01' });
    await em.flush();
    const res = await graph.query<{ createServicePact: { activationPactSignedOn: string; chosenIntermediaries: string[] | null } }>(CREATE, {
      input: { ...member, jobCentreCode: 'CPI_MI_01', programme: 'ADI', proposedOn: '2024-03-01' },
    });
    expect(res.errors).toBeUndefined();
    expect(res.data!.createServicePact).toMatchObject({ activationPactSignedOn: '2024-03-01', chosenIntermediaries: null });
  });

  it('accepts an SFL pact with its PAD and at least 3 different intermediaries, stored normalised', async () => {
    const person = bornOn('1990-06-15');
    const res = await graph.query<{ createServicePact: { activationPactSignedOn: string; chosenIntermediaries: string[] } }>(
      CREATE,
      SFL(person, { signedOn: '2024-05-02', intermediaries: ['apl-0001', 'APL-0002', ' APL-0003 '] }),
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.createServicePact).toMatchObject({ activationPactSignedOn: '2024-05-02', chosenIntermediaries: ['APL-0001', 'APL-0002', 'APL-0003'] });
  });

  it.each([
    ['no PAD at all', null, ['input.sflActivationPact']],
    ['two intermediaries', { signedOn: '2024-05-02', intermediaries: ['A1', 'A2'] }, ['input.sflActivationPact.intermediaries']],
    ['three codes of which two are the same', { signedOn: '2024-05-02', intermediaries: ['A1', 'a1', 'A2'] }, ['input.sflActivationPact.intermediaries']],
    ['a code that is not one', { signedOn: '2024-05-02', intermediaries: ['A1', 'A2', 'A 3'] }, ['input.sflActivationPact.intermediaries.2']],
    ['a PAD after the proposal', { signedOn: '2024-05-11', intermediaries: ['A1', 'A2', 'A3'] }, ['input.sflActivationPact.signedOn']],
    ['a PAD in the future', { signedOn: '2999-01-01', intermediaries: ['A1', 'A2', 'A3'] }, ['input.sflActivationPact.signedOn', 'input.sflActivationPact.signedOn']],
  ])('refuses an SFL pact with %s, naming where, and writes nothing', async (_case, pad, paths) => {
    const before = await counts();
    const res = await graph.query(CREATE, SFL(bornOn('1990-06-15'), pad));
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
    expect(problemsOf(res).map((p) => p.path).sort()).toEqual(paths);
    expect(await counts()).toEqual(before);
  });

  it('checks the age band 18 to 59 on the day of the PAD, from the birth date the fiscal code encodes', async () => {
    const pad = { signedOn: '2024-05-02', intermediaries: ['A1', 'A2', 'A3'] };
    const ageOf = async (birthDate: string) => (await graph.query(CREATE, SFL(bornOn(birthDate), pad))).errors?.[0]?.extensions?.code ?? 'OK';
    expect(await ageOf('2006-05-02')).toBe('OK'); // 18 that day
    expect(await ageOf('2006-05-03')).toBe('BAD_USER_INPUT'); // 17
    expect(await ageOf('1964-05-03')).toBe('OK'); // 59
    expect(await ageOf('1964-05-02')).toBe('BAD_USER_INPUT'); // 60 that day
    const provisional = { workerId: randomUUID(), fiscalCode: encodeNumericFiscalCode('1234567', '015') };
    const res = await graph.query(CREATE, SFL(provisional, pad));
    expect(problemsOf(res).map((p) => p.path)).toEqual(['input.fiscalCode']);
  });

  it('refuses an SFL activation pact on a pact of another programme', async () => {
    const res = await graph.query(CREATE, {
      input: { ...newPerson(), jobCentreCode: 'CPI_MI_01', programme: 'GOL', golPathway: 'UPSKILLING', proposedOn: '2024-05-10', sflActivationPact: { signedOn: '2024-05-02', intermediaries: ['A1', 'A2', 'A3'] } },
    });
    expect(problemsOf(res)).toEqual([{ path: 'input.sflActivationPact', message: 'is only allowed when the programme is SFL' }]);
  });
});
