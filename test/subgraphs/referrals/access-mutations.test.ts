import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Caller } from '../../../subgraphs/lib/identity';
import { referralsSubgraph } from '../../../subgraphs/referrals';
import { type ReferralsLoaders } from '../../../subgraphs/referrals/loaders';
import { Referral, ReferralLegalBasis, ReferralState } from '../../../subgraphs/referrals/referral/referral.entity';
import { asCaller, callerAs } from '../../utils/callers';
import { createTestSubgraph, type GraphQLResponse, type TestSubgraph } from '../../utils/subgraph';
import { CALLERS, NO_ROWS, ORG } from './access-fixtures';
import { CREATE_REFERRAL, insertReferral, insertServicePoints, POINTS, referralInput, snapshot } from './fixtures';

const byId = (name: string) => `mutation($id: ID!) { ${name}(id: $id) { id state } }`;
const ACCEPT = byId('acceptReferral');
const WITHDRAW = byId('withdrawReferral');

function codes(res: GraphQLResponse): unknown[] {
  return (res.errors ?? []).map((e) => e.extensions?.code);
}

describe('writing referrals within the row scope', () => {
  let graph: TestSubgraph<ReferralsLoaders>;
  beforeAll(async () => {
    graph = await createTestSubgraph(referralsSubgraph);
    await insertServicePoints(graph.em());
  });
  afterAll(() => graph.close());

  const run = (query: string, variables: Record<string, unknown>, caller: Caller) => graph.query<Record<string, { id: string; state: string } | null>>(query, variables, asCaller(caller));

  describe('a referral outside the scope is NOT_FOUND, exactly like an unknown id, and nothing is written', () => {
    it.each([
      ['a job centre of Milan, for a referral within Cremona', CALLERS.cpiMilan, { from: POINTS.jobCentreCremona.code, to: POINTS.socialCremona.code }, ACCEPT, 'acceptReferral'],
      ['social services of Milan, for a referral within Cremona', CALLERS.socialMilan, { from: POINTS.jobCentreCremona.code, to: POINTS.socialCremona.code }, ACCEPT, 'acceptReferral'],
      ['a social desk, for a referral of a job centre', CALLERS.deskCgil, { from: POINTS.jobCentre.code, to: POINTS.social.code }, WITHDRAW, 'withdrawReferral'],
      [
        'a social desk, for a referral its organisation wrote without consent',
        CALLERS.deskCgil,
        { from: POINTS.socialCremona.code, to: POINTS.socialDesk.code, organisation: ORG.cgil },
        WITHDRAW,
        'withdrawReferral',
      ],
      [
        'a social desk, for a consented referral of another organisation',
        CALLERS.deskCgil,
        { from: POINTS.socialDesk.code, to: POINTS.patronato.code, organisation: ORG.uil, legalBasis: ReferralLegalBasis.CONSENT },
        WITHDRAW,
        'withdrawReferral',
      ],
    ] as const)('%s', async (_label, caller, row, mutation, field) => {
      const id = await insertReferral(graph.em(), row);
      const before = await snapshot(graph.em(), id);
      const outside = await run(mutation, { id }, caller);
      const unknown = await run(mutation, { id: randomUUID() }, caller);
      expect(codes(outside)).toEqual(['NOT_FOUND']);
      expect(outside.data).toEqual({ [field]: null });
      expect({ ...outside, errors: outside.errors?.map(({ message, extensions }) => ({ message, code: extensions?.code })) }).toEqual({
        ...unknown,
        errors: unknown.errors?.map(({ message, extensions }) => ({ message, code: extensions?.code })),
      });
      expect(await snapshot(graph.em(), id)).toEqual(before);
    });
  });

  describe('each transition belongs to one side of the referral', () => {
    it('lets the job centre of the receiving point accept, not the one of the sending point, which may withdraw', async () => {
      // From social services of Milan to the job centre of Cremona: both operators see it.
      const id = await insertReferral(graph.em(), { from: POINTS.social.code, to: POINTS.jobCentreCremona.code });
      const before = await snapshot(graph.em(), id);
      const refused = await run(ACCEPT, { id }, CALLERS.cpiMilan);
      expect(codes(refused)).toEqual(['FORBIDDEN']);
      expect(refused.errors?.[0]?.message).toBe('Only its receiving service point may move the referral to ACCEPTED');
      expect(await snapshot(graph.em(), id)).toEqual(before);

      const accepted = await run(ACCEPT, { id }, CALLERS.cpiCremona);
      expect(accepted).toEqual({ data: { acceptReferral: { id, state: 'ACCEPTED' } } });

      const notSender = await run(WITHDRAW, { id }, CALLERS.cpiCremona);
      expect(codes(notSender)).toEqual(['FORBIDDEN']);
      const withdrawn = await run(WITHDRAW, { id }, CALLERS.socialMilan);
      expect(withdrawn).toEqual({ data: { withdrawReferral: { id, state: 'WITHDRAWN' } } });
    });

    it('lets social services accept a referral sent to them from another territory, but not withdraw it', async () => {
      const id = await insertReferral(graph.em(), { from: POINTS.jobCentreCremona.code, to: POINTS.social.code });
      expect(codes(await run(WITHDRAW, { id }, CALLERS.socialMilan))).toEqual(['FORBIDDEN']);
      expect(await run(ACCEPT, { id }, CALLERS.socialMilan)).toEqual({ data: { acceptReferral: { id, state: 'ACCEPTED' } } });
    });

    it('lets a social desk withdraw the referrals it sent, but not answer for the receiver', async () => {
      const id = await insertReferral(graph.em(), { from: POINTS.socialDesk.code, to: POINTS.patronato.code, organisation: ORG.cgil, legalBasis: ReferralLegalBasis.CONSENT });
      const before = await snapshot(graph.em(), id);
      expect(codes(await run(ACCEPT, { id }, CALLERS.deskCgil))).toEqual(['FORBIDDEN']);
      expect(await snapshot(graph.em(), id)).toEqual(before);
      expect(await run(WITHDRAW, { id }, CALLERS.deskCgil)).toEqual({ data: { withdrawReferral: { id, state: 'WITHDRAWN' } } });
    });

    it('lets either side expire a referral past its deadline', async () => {
      for (const caller of [CALLERS.cpiMilan, CALLERS.cpiCremona]) {
        const id = await insertReferral(graph.em(), { from: POINTS.social.code, to: POINTS.jobCentreCremona.code, state: ReferralState.SENT, dueBy: '2020-01-31' });
        expect(await run(byId('expireReferral'), { id }, caller)).toEqual({ data: { expireReferral: { id, state: 'EXPIRED' } } });
      }
    });
  });

  describe('creating a referral', () => {
    async function created(id: string): Promise<Referral> {
      return graph.em().findOneOrFail(Referral, id);
    }

    it.each([
      ['a job centre', CALLERS.cpiMilan, { fromCode: POINTS.desk.code, toCode: POINTS.social.code }],
      ['social services', CALLERS.socialMilan, { fromCode: POINTS.social.code, toCode: POINTS.jobCentre.code, reason: 'WORK_ACTIVATION', motivation: null }],
      [
        'a social desk',
        CALLERS.deskCgil,
        { fromCode: POINTS.socialDesk.code, toCode: POINTS.patronato.code, reason: 'BENEFIT_APPLICATION', legalBasis: 'CONSENT', motivation: null },
      ],
    ] as const)('records the organisation of %s, from its token, and the writer then sees the referral', async (_label, caller, overrides) => {
      const res = await graph.query<{ createReferral: { id: string } }>(CREATE_REFERRAL, { input: referralInput(overrides) }, asCaller(caller));
      expect(res.errors).toBeUndefined();
      const id = res.data!.createReferral.id;
      expect((await created(id)).createdByOrganisation).toBe(caller.organisation);
      expect(await graph.query('query($id: ID!) { referral(id: $id) { id } }', { id }, asCaller(caller))).toEqual({ data: { referral: { id } } });
    });

    it("keeps a social desk's referral from every other social desk", async () => {
      const res = await graph.query<{ createReferral: { id: string } }>(
        CREATE_REFERRAL,
        { input: referralInput({ fromCode: POINTS.socialDesk.code, toCode: POINTS.socialCremona.code, reason: 'ORIENTATION', legalBasis: 'CONSENT', motivation: null }) },
        asCaller(CALLERS.deskCgil),
      );
      const id = res.data!.createReferral.id;
      const other = callerAs('SOCIAL_DESK_OPERATOR', 'REFERRAL', { subject: 'desk-operator-uil', organisation: ORG.uil });
      expect(await graph.query('query($id: ID!) { referral(id: $id) { id } }', { id }, asCaller(other))).toEqual({ data: { referral: null } });
    });

    it('refuses a job centre a sending point outside its territory, writing nothing', async () => {
      const before = await graph.em().count(Referral);
      const res = await graph.query(CREATE_REFERRAL, { input: referralInput({ fromCode: POINTS.jobCentreCremona.code, toCode: POINTS.socialCremona.code }) }, asCaller(CALLERS.cpiMilan));
      expect(codes(res)).toEqual(['BAD_USER_INPUT']);
      expect(res.errors?.[0]?.extensions?.problems).toEqual([{ path: 'input.fromCode', message: "must be a service point of the caller's territory" }]);
      expect(await graph.em().count(Referral)).toBe(before);
    });

    it('refuses a social desk a sending point that is not a sportello sociale, and a legal basis other than consent', async () => {
      const before = await graph.em().count(Referral);
      const res = await graph.query(
        CREATE_REFERRAL,
        { input: referralInput({ fromCode: POINTS.patronato.code, toCode: POINTS.socialCremona.code, reason: 'ORIENTATION', legalBasis: 'LEGAL_OBLIGATION', motivation: null }) },
        asCaller(CALLERS.deskCgil),
      );
      expect(codes(res)).toEqual(['BAD_USER_INPUT']);
      expect(res.errors?.[0]?.extensions?.problems).toEqual([
        { path: 'input.fromCode', message: 'a social desk operator sends referrals from a sportello sociale (SOCIAL_DESK)' },
        { path: 'input.legalBasis', message: 'a social desk operator sends referrals only on the legal basis CONSENT' },
      ]);
      expect(await graph.em().count(Referral)).toBe(before);
    });

    it('takes no organisation from the input', () => {
      expect(graph.runtime.schema.sdl).not.toMatch(/input CreateReferralInput[^}]*organisation/is);
    });
  });

  describe('callers who do not write referrals', () => {
    const others: [string, Caller][] = [
      ['a job centre for employment services', callerAs('CPI_OPERATOR', 'EMPLOYMENT_SERVICES', { territory: ['015'] })],
      ['a citizen', CALLERS.citizenA],
      ...NO_ROWS,
    ];

    it.each(others)('refuses %s every mutation (FORBIDDEN), writing nothing', async (_label, caller) => {
      const id = await insertReferral(graph.em(), { from: POINTS.jobCentre.code, to: POINTS.social.code });
      const before = await snapshot(graph.em(), id);
      const count = await graph.em().count(Referral);
      const create = await graph.query(CREATE_REFERRAL, { input: referralInput() }, asCaller(caller));
      expect(create.data).toEqual({ createReferral: null });
      expect((create.errors ?? []).map((e) => [e.extensions?.code, e.path?.join('.')])).toEqual([['FORBIDDEN', 'createReferral']]);
      for (const name of ['acceptReferral', 'withdrawReferral', 'sendReferral']) {
        const res = await graph.query(byId(name), { id }, asCaller(caller));
        expect((res.errors ?? []).map((e) => [e.extensions?.code, e.path?.join('.')])).toEqual([['FORBIDDEN', name]]);
      }
      expect(await snapshot(graph.em(), id)).toEqual(before);
      expect(await graph.em().count(Referral)).toBe(count);
    });
  });
});
