import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, today } from '../../../subgraphs/lib/dates';
import { type Caller } from '../../../subgraphs/lib/identity';
import { workersSubgraph } from '../../../subgraphs/workers';
import { AvailabilityDeclaration, AvailabilityStatusChange, DidChannel, DidStatus } from '../../../subgraphs/workers/availability/availability.entity';
import { type WorkersLoaders } from '../../../subgraphs/workers/loaders';
import { Worker } from '../../../subgraphs/workers/worker/worker.entity';
import { asCaller } from '../../utils/callers';
import { person } from '../../utils/people';
import { createTestSubgraph, type GraphQLResponse, type TestSubgraph } from '../../utils/subgraph';
import { arrangeScopes, CALLERS, citizen, DIRECTORY, type ScopeFixture, UNKNOWN_FISCAL_CODE, UNKNOWN_ID } from './support';

const REGISTER = `mutation($input: RegisterAvailabilityDeclarationInput!) {
  registerAvailabilityDeclaration(input: $input) { id status jobCentre { code } }
}`;
const CHANGE = `mutation($input: ChangeAvailabilityDeclarationStatusInput!) {
  changeAvailabilityDeclarationStatus(input: $input) { id status }
}`;

type Problems = { path: string; message: string }[];

describe('DID mutations within the row scope', () => {
  let graph: TestSubgraph<WorkersLoaders>;
  let fixture: ScopeFixture;
  /** Domiciled in Milan, no DID: for registrations that succeed. */
  const fresh = person(105, { domicileMunicipality: '015146', domicileProvince: '015' });
  const another = person(106, { domicileMunicipality: '015146', domicileProvince: '015' });
  /** Domiciled in Bergamo: a CANCELLED DID at Milan (in a Milan operator's scope through it) and an open one at Bergamo. */
  const split = person(107, { domicileMunicipality: '016024', domicileProvince: '016' });

  beforeAll(async () => {
    graph = await createTestSubgraph(workersSubgraph);
    fixture = await arrangeScopes(graph.em());
    const em = graph.em();
    em.create(Worker, fresh as Worker);
    em.create(Worker, another as Worker);
    const splitWorker = em.create(Worker, split as Worker);
    for (const [jobCentre, status, declaredOn] of [
      [DIRECTORY.milanJobCentre.code, DidStatus.CANCELLED, '2022-01-10'],
      [DIRECTORY.bergamoJobCentre.code, DidStatus.INSERTED, '2024-01-10'],
    ] as const) {
      em.create(AvailabilityDeclaration, { worker: splitWorker, jobCentre, status, declaredOn, statusDate: declaredOn, channel: DidChannel.JOB_CENTRE });
    }
    await em.flush();
  });
  afterAll(() => graph.close());

  const as = <D>(caller: Caller, query: string, input: Record<string, unknown>) => graph.query<D>(query, { input }, asCaller(caller));
  const register = (caller: Caller, fiscalCode: string, jobCentreCode: string = DIRECTORY.milanJobCentre.code, declaredOn = addDays(today(), -3)) =>
    as<{ registerAvailabilityDeclaration: { id: string; status: string; jobCentre: { code: string } } | null }>(caller, REGISTER, {
      fiscalCode,
      declaredOn,
      channel: 'JOB_CENTRE',
      jobCentreCode,
    });
  const change = (caller: Caller, id: string, status = 'VALIDATED') =>
    as<{ changeAvailabilityDeclarationStatus: { id: string; status: string } | null }>(caller, CHANGE, { id, status, effectiveOn: addDays(today(), -1), reason: 'test' });
  const problemsOf = (res: GraphQLResponse): Problems => {
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    return res.errors![0]!.extensions!.problems as Problems;
  };
  const rows = async () => ({ declarations: await graph.em().count(AvailabilityDeclaration), changes: await graph.em().count(AvailabilityStatusChange) });

  describe('registerAvailabilityDeclaration', () => {
    it('a citizen registers their own DID', async () => {
      const res = await register(citizen(fresh.fiscalCode), fresh.fiscalCode);
      expect(res.errors).toBeUndefined();
      expect(res.data!.registerAvailabilityDeclaration).toMatchObject({ status: 'INSERTED', jobCentre: { code: DIRECTORY.milanJobCentre.code } });
    });

    it.each([
      ['a citizen, for another person', () => citizen(fresh.fiscalCode), () => another.fiscalCode],
      ['a job-centre operator, for a person outside its territory', () => CALLERS.cpiMilan, () => fixture.people.cremona.fiscalCode],
    ] as [string, () => Caller, () => string][])('%s: refused exactly as for an unknown person, and nothing is written', async (_label, callerOf, target) => {
      const before = await rows();
      const unknown = await register(callerOf(), UNKNOWN_FISCAL_CODE);
      const outOfScope = await register(callerOf(), target());
      expect(problemsOf(outOfScope)).toEqual([{ path: 'input.fiscalCode', message: 'no worker has this fiscal code' }]);
      expect(outOfScope).toEqual(unknown);
      expect(await rows()).toEqual(before);
    });

    it('a job centre or desk must be in the directory; every problem is listed, none echoes a value', async () => {
      const before = await rows();
      const res = await register(CALLERS.cpiMilan, another.fiscalCode, 'CPI-015-NOWHERE', addDays(today(), 2));
      expect(problemsOf(res).sort((a, b) => a.path.localeCompare(b.path))).toEqual([
        { path: 'input.declaredOn', message: 'must not be in the future' },
        { path: 'input.jobCentreCode', message: 'is not a service point of the directory' },
      ]);
      expect(res.errors![0]!.message).not.toContain('CPI-015-NOWHERE');
      expect(await rows()).toEqual(before);
    });

    it('refuses a service point that is not a job centre or a job-centre desk', async () => {
      const res = await register(CALLERS.cpiMilan, another.fiscalCode, DIRECTORY.milanSocialServices.code);
      expect(problemsOf(res)).toEqual([{ path: 'input.jobCentreCode', message: 'must be a job centre or a job-centre desk' }]);
    });

    it("refuses a job-centre operator a job centre outside its territory (the DID would be outside the operator's scope)", async () => {
      const res = await register(CALLERS.cpiMilan, another.fiscalCode, DIRECTORY.cremonaJobCentre.code);
      expect(problemsOf(res)).toEqual([{ path: 'input.jobCentreCode', message: "must be a job centre of the caller's territory" }]);
    });

    it('accepts a job-centre desk of the territory', async () => {
      const res = await register(CALLERS.cpiMilan, another.fiscalCode, DIRECTORY.milanDesk.code);
      expect(res.errors).toBeUndefined();
      expect(res.data!.registerAvailabilityDeclaration).toMatchObject({ status: 'INSERTED', jobCentre: { code: DIRECTORY.milanDesk.code } });
    });

    it("counts an open DID outside the operator's DID scope: still no second open DID (E12)", async () => {
      const before = await rows();
      const res = await register(CALLERS.cpiMilan, split.fiscalCode);
      expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', currentState: 'INSERTED', requestedState: 'INSERTED' });
      expect(await rows()).toEqual(before);
    });

    it.each([
      ['a social worker', () => CALLERS.socialWorkerMilan],
      ['a job-centre operator acting for a referral', () => CALLERS.cpiMilanReferral],
      ['a Cassa Edile', () => CALLERS.cassaEdile],
      ['an employer', () => CALLERS.retailEmployer],
    ] as [string, () => Caller][])('is FORBIDDEN to %s, and nothing is written', async (_label, callerOf) => {
      const before = await rows();
      const res = await register(callerOf(), fixture.people.milanNoDid.fiscalCode);
      expect(res.data).toEqual({ registerAvailabilityDeclaration: null });
      expect(res.errors?.map((e) => [e.extensions?.code, e.path?.join('.')])).toEqual([['FORBIDDEN', 'registerAvailabilityDeclaration']]);
      expect(await rows()).toEqual(before);
    });
  });

  describe('changeAvailabilityDeclarationStatus', () => {
    it.each([
      ['of a person outside the territory', () => fixture.dids.cremona],
      ['held elsewhere by a person of the territory', () => fixture.dids.commuterBergamo],
    ] as [string, () => string][])('answers NOT_FOUND for a DID %s, exactly as for an unknown id, and writes nothing', async (_label, idOf) => {
      const before = await rows();
      const statusBefore = (await graph.em().findOneOrFail(AvailabilityDeclaration, idOf())).status;
      const unknown = await change(CALLERS.cpiMilan, UNKNOWN_ID, 'CANCELLED');
      const outOfScope = await change(CALLERS.cpiMilan, idOf(), 'CANCELLED');
      expect(outOfScope.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      expect(outOfScope).toEqual(unknown);
      expect(await rows()).toEqual(before);
      expect((await graph.em().findOneOrFail(AvailabilityDeclaration, idOf())).status).toBe(statusBefore);
    });

    it('changes a DID in scope', async () => {
      const res = await change(CALLERS.cpiMilan, fixture.dids.commuterDesk, 'VALIDATED');
      expect(res.errors).toBeUndefined();
      expect(res.data!.changeAvailabilityDeclarationStatus).toEqual({ id: fixture.dids.commuterDesk, status: 'VALIDATED' });
    });

    it('is FORBIDDEN to the citizen, even on their own DID, and to a referral', async () => {
      for (const caller of [citizen(fixture.people.milan.fiscalCode), CALLERS.cpiMilanReferral]) {
        const res = await change(caller, fixture.dids.milan, 'CANCELLED');
        expect(res.data).toEqual({ changeAvailabilityDeclarationStatus: null });
        expect(res.errors?.map((e) => [e.extensions?.code, e.path?.join('.')])).toEqual([['FORBIDDEN', 'changeAvailabilityDeclarationStatus']]);
      }
      expect((await graph.em().findOneOrFail(AvailabilityDeclaration, fixture.dids.milan)).status).toBe('VALIDATED');
    });
  });
});
