import { type GraphQLObjectType } from 'graphql';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Caller } from '../../../subgraphs/lib/identity';
import { referralsSubgraph } from '../../../subgraphs/referrals';
import { type ReferralsLoaders } from '../../../subgraphs/referrals/loaders';
import { asCaller, callerAs } from '../../utils/callers';
import { createTestSubgraph, type GraphQLResponse, type TestSubgraph } from '../../utils/subgraph';
import { CALLERS, type CallerName, insertAccessData, namesOf, NO_ROWS, PEOPLE, REFERRALS, VISIBLE } from './access-fixtures';
import { POINTS } from './fixtures';

const REFERRAL = 'query($id: ID!) { referral(id: $id) { id state } }';
const WORKER_REFERRALS = 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Worker { id referrals { id } } } }';
const PAGE = 'totalCount nodes { id } pageInfo { hasNextPage hasPreviousPage }';
const INBOX = `query($code: ID!, $first: Int) { servicePoint(code: $code) { referralsReceived(first: $first) { ${PAGE} } } }`;
const OUTBOX = `query($code: ID!, $first: Int) { servicePoint(code: $code) { referralsSent(first: $first) { ${PAGE} } } }`;

interface Page {
  totalCount: number;
  nodes: { id: string }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean };
}

const CALLER_NAMES = Object.keys(CALLERS) as CallerName[];
const REFERRAL_NAMES = Object.keys(REFERRALS) as (keyof typeof REFERRALS)[];

/** Every error of a response, as (code, path) pairs. */
function refusals(res: GraphQLResponse): [unknown, string][] {
  return (res.errors ?? []).map((e) => [e.extensions?.code, (e.path ?? []).join('.')]);
}

describe('row scopes and field refusals of the referrals subgraph', () => {
  let graph: TestSubgraph<ReferralsLoaders>;
  const as = (caller: Caller) => asCaller(caller);
  beforeAll(async () => {
    // No default caller: every request names its own, and one without is nobody.
    graph = await createTestSubgraph(referralsSubgraph);
    await insertAccessData(graph.em());
  });
  afterAll(() => graph.close());

  describe('Referral rows', () => {
    const cases = CALLER_NAMES.flatMap((caller) => REFERRAL_NAMES.map((referral) => ({ caller, referral, visible: VISIBLE[caller].includes(referral) })));

    it.each(cases)('$caller reads referral $referral by id: visible $visible', async ({ caller, referral, visible }) => {
      const res = await graph.query(REFERRAL, { id: REFERRALS[referral] }, as(CALLERS[caller]));
      if (visible) {
        expect(res).toEqual({ data: { referral: { id: REFERRALS[referral], state: 'SENT' } } });
      } else {
        // Exactly the answer for an id that does not exist.
        const unknown = await graph.query(REFERRAL, { id: randomUUID() }, as(CALLERS[caller]));
        expect(unknown).toEqual({ data: { referral: null } });
        expect(res).toEqual(unknown);
      }
    });

    it.each(CALLER_NAMES)('%s gets through _entities exactly the referrals of its scope, in one statement', async (caller) => {
      const representations = [...REFERRAL_NAMES.map((name) => ({ __typename: 'Referral', id: REFERRALS[name] })), { __typename: 'Referral', id: randomUUID() }];
      graph.runtime.db.sql.reset();
      const res = await graph.query<{ _entities: ({ id: string } | null)[] }>(
        'query($r: [_Any!]!) { _entities(representations: $r) { ... on Referral { id } } }',
        { r: representations },
        as(CALLERS[caller]),
      );
      expect(graph.runtime.db.sql.statements).toBe(1);
      expect(res.errors).toBeUndefined();
      const expected = [...REFERRAL_NAMES.map((name) => (VISIBLE[caller].includes(name) ? name : 'null')), 'null'];
      expect(namesOf(res.data!._entities.map((e) => e?.id))).toEqual(expected);
    });
  });

  describe('Worker rows and Worker.referrals', () => {
    const people = ['a', 'b', 'c'] as const;
    const ownerOf = (name: keyof typeof REFERRALS) =>
      people.find((p) => ({ a: ['milan', 'deskOtherOrganisation'], b: ['cremona', 'cross', 'inbox1', 'inbox2', 'inbox3'], c: ['desk', 'deskNoConsent'] })[p].includes(name));

    it.each(CALLER_NAMES.filter((c) => c !== 'citizenA'))('%s gets a stub for any worker, holding only the referrals of its scope, newest first', async (caller) => {
      const res = await graph.query<{ _entities: { id: string; referrals: { id: string }[] }[] }>(
        WORKER_REFERRALS,
        { r: people.map((p) => ({ __typename: 'Worker', id: PEOPLE[p].workerId })) },
        as(CALLERS[caller]),
      );
      expect(res.errors).toBeUndefined();
      const expected = people.map((p) => [...VISIBLE[caller].filter((name) => ownerOf(name) === p)].reverse());
      expect(res.data!._entities.map((w) => namesOf(w.referrals.map((r) => r.id)))).toEqual(expected);
      expect(res.data!._entities.map((w) => w.id)).toEqual(people.map((p) => PEOPLE[p].workerId));
    });

    it('gives a citizen their own worker only, with their own referrals; any other worker is null like an unknown one', async () => {
      const res = await graph.query<{ _entities: ({ id: string; referrals: { id: string }[] } | null)[] }>(
        WORKER_REFERRALS,
        { r: [...people.map((p) => ({ __typename: 'Worker', id: PEOPLE[p].workerId })), { __typename: 'Worker', id: randomUUID() }] },
        as(CALLERS.citizenA),
      );
      expect(res.errors).toBeUndefined();
      expect(res.data!._entities.map((w) => w && { id: w.id, referrals: namesOf(w.referrals.map((r) => r.id)) })).toEqual([
        { id: PEOPLE.a.workerId, referrals: ['deskOtherOrganisation', 'milan'] },
        null,
        null,
        null,
      ]);
    });

    it('keeps the statements of Worker.referrals constant whatever the scope', async () => {
      const counts: number[] = [];
      for (const caller of CALLER_NAMES.filter((c) => c !== 'citizenA')) {
        graph.runtime.db.sql.reset();
        const res = await graph.query(WORKER_REFERRALS, { r: people.map((p) => ({ __typename: 'Worker', id: PEOPLE[p].workerId })) }, as(CALLERS[caller]));
        expect(res.errors).toBeUndefined();
        counts.push(graph.runtime.db.sql.statements);
      }
      expect(new Set(counts)).toEqual(new Set([1]));
    });
  });

  describe('inbox and outbox, filtered in the database', () => {
    const inboxOfCremona: Record<CallerName, string[]> = {
      cpiMilan: ['cross'],
      cpiCremona: ['inbox3', 'inbox2', 'inbox1', 'cross'],
      socialMilan: ['cross'],
      deskCgil: [],
      citizenA: [],
    };

    it.each(CALLER_NAMES.filter((c) => c !== 'citizenA'))('%s counts and pages only the referrals of its scope in an inbox', async (caller) => {
      const expected = inboxOfCremona[caller];
      const first = await graph.query<{ servicePoint: { referralsReceived: Page } }>(INBOX, { code: POINTS.jobCentreCremona.code, first: 1 }, as(CALLERS[caller]));
      expect(first.errors).toBeUndefined();
      const page = first.data!.servicePoint.referralsReceived;
      expect(page.totalCount).toBe(expected.length);
      expect(namesOf(page.nodes.map((n) => n.id))).toEqual(expected.slice(0, 1));
      expect(page.pageInfo).toEqual({ hasNextPage: expected.length > 1, hasPreviousPage: false });
      const all = await graph.query<{ servicePoint: { referralsReceived: Page } }>(INBOX, { code: POINTS.jobCentreCremona.code, first: 50 }, as(CALLERS[caller]));
      expect(namesOf(all.data!.servicePoint.referralsReceived.nodes.map((n) => n.id))).toEqual(expected);
    });

    it.each([
      ['cpiCremona', ['deskOtherOrganisation', 'desk']],
      ['deskCgil', ['desk']],
      ['cpiMilan', []],
    ] as [CallerName, string[]][])('%s reads only its referrals in the outbox of the social desk', async (caller, expected) => {
      const res = await graph.query<{ servicePoint: { referralsSent: Page } }>(OUTBOX, { code: POINTS.socialDesk.code, first: 50 }, as(CALLERS[caller]));
      expect(res.errors).toBeUndefined();
      expect(res.data!.servicePoint.referralsSent.totalCount).toBe(expected.length);
      expect(namesOf(res.data!.servicePoint.referralsSent.nodes.map((n) => n.id))).toEqual(expected);
    });

    it('runs the same statements for a narrow and a wide scope', async () => {
      const counts: number[] = [];
      for (const caller of [CALLERS.cpiMilan, CALLERS.cpiCremona, CALLERS.deskCgil]) {
        graph.runtime.db.sql.reset();
        const res = await graph.query('{ servicePoints(first: 50) { nodes { code referralsReceived(first: 2) { totalCount nodes { id } } } } }', {}, as(caller));
        expect(res.errors).toBeUndefined();
        counts.push(graph.runtime.db.sql.statements);
      }
      // The page of service points, their count, one windowed page query and one grouped count.
      expect(counts).toEqual([4, 4, 4]);
    });
  });

  describe('fields refused by role and purpose', () => {
    it("gives a citizen their referral's content and history, but not the operators who recorded it", async () => {
      const res = await graph.query<{ referral: { state: string; motivation: string; workerFiscalCode: string; from: { code: string }; history: { toState: string; recordedBy: null }[] } }>(
        'query($id: ID!) { referral(id: $id) { state motivation workerFiscalCode from { code name } history { toState recordedBy } } }',
        { id: REFERRALS.milan },
        as(CALLERS.citizenA),
      );
      expect(res.data?.referral).toMatchObject({ state: 'SENT', workerFiscalCode: PEOPLE.a.fiscalCode, from: { code: POINTS.jobCentre.code } });
      expect(res.data?.referral.motivation).toEqual(expect.any(String));
      expect(res.data?.referral.history).toEqual([
        { toState: 'DRAFT', recordedBy: null },
        { toState: 'SENT', recordedBy: null },
      ]);
      expect(refusals(res)).toEqual([
        ['FORBIDDEN', 'referral.history.0.recordedBy'],
        ['FORBIDDEN', 'referral.history.1.recordedBy'],
      ]);
    });

    it("refuses a citizen a service point's inbox, while the directory fields arrive", async () => {
      const res = await graph.query<{ servicePoint: { name: string; referralsReceived: null } }>(
        `{ servicePoint(code: "${POINTS.social.code}") { name referralsReceived { totalCount } } }`,
        {},
        as(CALLERS.citizenA),
      );
      expect(res.data).toEqual({ servicePoint: { name: POINTS.social.name, referralsReceived: null } });
      expect(refusals(res)).toEqual([['FORBIDDEN', 'servicePoint.referralsReceived']]);
    });

    it.each([
      ['a job centre for employment services', callerAs('CPI_OPERATOR', 'EMPLOYMENT_SERVICES', { territory: ['015'] })],
      ['social services for social inclusion', callerAs('SOCIAL_WORKER', 'SOCIAL_INCLUSION', { territory: ['015146'] })],
    ])('gives %s the status of its people\'s referrals, never their free text, history or a service queue', async (_label, caller) => {
      const direct = await graph.query(REFERRAL, { id: REFERRALS.milan }, as(caller));
      expect(direct.data).toEqual({ referral: null });
      expect(refusals(direct)).toEqual([['FORBIDDEN', 'referral']]);

      const viaWorker = await graph.query<{ _entities: { id: string; referrals: { id: string }[] }[] }>(WORKER_REFERRALS, { r: [{ __typename: 'Worker', id: PEOPLE.a.workerId }] }, as(caller));
      expect(refusals(viaWorker)).toEqual([]);
      expect(viaWorker.data?._entities[0]?.referrals.map((r) => r.id)).toContain(REFERRALS.milan);

      const entity = await graph.query<{ _entities: { id: string; state: string | null; motivation: null; history: null }[] }>(
        'query($r: [_Any!]!) { _entities(representations: $r) { ... on Referral { id state motivation history { id } } } }',
        { r: [{ __typename: 'Referral', id: REFERRALS.milan }] },
        as(caller),
      );
      expect(entity.data?._entities[0]?.id).toBe(REFERRALS.milan);
      expect(entity.data?._entities[0]?.state).toEqual(expect.any(String));
      expect(entity.data?._entities[0]?.motivation).toBeNull();
      expect(entity.data?._entities[0]?.history).toBeNull();
      expect(refusals(entity)).toEqual([
        ['FORBIDDEN', '_entities.0.motivation'],
        ['FORBIDDEN', '_entities.0.history'],
      ]);

      const inbox = await graph.query(`{ servicePoint(code: "${POINTS.social.code}") { code referralsReceived { totalCount } } }`, {}, as(caller));
      expect(inbox.data).toEqual({ servicePoint: { code: POINTS.social.code, referralsReceived: null } });
      expect(refusals(inbox)).toEqual([['FORBIDDEN', 'servicePoint.referralsReceived']]);
    });

    it('does not expose the organisation that wrote a referral', () => {
      const referral = graph.runtime.schema.schema.getType('Referral') as GraphQLObjectType;
      expect(Object.keys(referral.getFields()).filter((f) => /organisation/i.test(f))).toEqual([]);
      expect(graph.runtime.schema.sdl).not.toMatch(/createdByOrganisation/);
    });
  });

  describe.each(NO_ROWS)('%s: nothing personal', (_role, caller) => {
    it('reads the service-point directory, like every caller', async () => {
      const res = await graph.query<{ servicePoints: { totalCount: number } }>('{ servicePoints { totalCount } }', {}, as(caller));
      expect(res).toEqual({ data: { servicePoints: { totalCount: Object.keys(POINTS).length } } });
    });

    it('is refused the referral by id', async () => {
      const res = await graph.query(REFERRAL, { id: REFERRALS.milan }, as(caller));
      expect(res.data).toEqual({ referral: null });
      expect(refusals(res)).toEqual([['FORBIDDEN', 'referral']]);
    });

    it('gets no referral and no worker through _entities', async () => {
      const res = await graph.query(
        'query($r: [_Any!]!) { _entities(representations: $r) { ... on Referral { id state } ... on Worker { id referrals { id } } } }',
        { r: [{ __typename: 'Referral', id: REFERRALS.milan }, { __typename: 'Worker', id: PEOPLE.a.workerId }] },
        as(caller),
      );
      expect(res).toEqual({ data: { _entities: [null, null] } });
    });

    it('is refused the inbox of a service point', async () => {
      const res = await graph.query(INBOX, { code: POINTS.jobCentreCremona.code, first: 5 }, as(caller));
      expect(res.data).toEqual({ servicePoint: { referralsReceived: null } });
      expect(refusals(res)).toEqual([['FORBIDDEN', 'servicePoint.referralsReceived']]);
    });
  });

  describe('a request without a caller', () => {
    it.each([
      ['the directory', `{ servicePoint(code: "${POINTS.social.code}") { name } }`, {}, 'servicePoint'],
      ['a referral', REFERRAL, { id: REFERRALS.milan }, 'referral'],
      ['_entities', 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Referral { id } } }', { r: [{ __typename: 'Referral', id: REFERRALS.milan }] }, '_entities'],
    ])('is refused %s (FORBIDDEN, no data)', async (_label, query, variables, field) => {
      const res = await graph.query(query, variables);
      expect(res.data?.[field] ?? null).toBeNull();
      expect(refusals(res)).toEqual([['FORBIDDEN', field]]);
    });
  });
});
