import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { referralsSubgraph } from '../../../subgraphs/referrals';
import { type ReferralsLoaders } from '../../../subgraphs/referrals/loaders';
import { ReferralState } from '../../../subgraphs/referrals/referral/referral.entity';
import { createTestSubgraph, type TestSubgraph } from '../../utils/subgraph';
import { insertReferral, insertServicePoints, POINTS, REGION_OPERATOR } from './fixtures';

interface Page {
  totalCount: number;
  edges: { cursor: string; node: { id: string } }[];
  nodes: { id: string; state: string }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
}

const PAGE = 'totalCount edges { cursor node { id } } nodes { id state } pageInfo { hasNextPage hasPreviousPage startCursor endCursor }';
const INBOX = `query($code: ID!, $first: Int, $after: String, $last: Int, $before: String, $state: ReferralState) {
  servicePoint(code: $code) { referralsReceived(first: $first, after: $after, last: $last, before: $before, state: $state) { ${PAGE} } } }`;
const OUTBOX = `query($code: ID!, $first: Int, $state: ReferralState) { servicePoint(code: $code) { referralsSent(first: $first, state: $state) { ${PAGE} } } }`;

interface Row {
  id: string;
  createdAt: Date;
  state: ReferralState;
  from: string;
}

/** Newest first; the id breaks ties, as the lists do. */
function newestFirst(a: Row, b: Row): number {
  return b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
}

describe('inbox and outbox of a service point', () => {
  let graph: TestSubgraph<ReferralsLoaders>;
  const inbox: Row[] = [];
  const states = [ReferralState.SENT, ReferralState.ACCEPTED, ReferralState.SENT, ReferralState.CLOSED, ReferralState.SENT, ReferralState.REJECTED, ReferralState.SENT, ReferralState.SENT];
  const savedCost = process.env.GRAPHQL_MAX_COST;
  beforeAll(async () => {
    // The last test asks for three connections per service point in one operation, over
    // the default static cost limit (GRAPHQL_MAX_COST), which this file is not about.
    process.env.GRAPHQL_MAX_COST = '50000';
    graph = await createTestSubgraph(referralsSubgraph, { caller: REGION_OPERATOR });
    const em = graph.em();
    await insertServicePoints(em);
    for (const [index, state] of states.entries()) {
      // Two referrals share a timestamp, so the id must order them.
      const createdAt = new Date(Date.UTC(2025, 2, index === 5 ? 4 : 1 + index, 9));
      const from = index % 2 ? POINTS.desk.code : POINTS.jobCentre.code;
      inbox.push({ id: await insertReferral(em, { to: POINTS.social.code, from, state, createdAt }), createdAt, state, from });
    }
    inbox.sort(newestFirst);
    await insertReferral(em, { to: POINTS.socialCremona.code, from: POINTS.jobCentreCremona.code });
  });
  afterAll(async () => {
    if (savedCost === undefined) delete process.env.GRAPHQL_MAX_COST;
    else process.env.GRAPHQL_MAX_COST = savedCost;
    await graph.close();
  });

  async function page(variables: Record<string, unknown>, query = INBOX, field = 'referralsReceived'): Promise<Page> {
    const res = await graph.query<{ servicePoint: Record<string, Page> }>(query, { code: POINTS.social.code, ...variables });
    expect(res.errors).toBeUndefined();
    return res.data!.servicePoint[field]!;
  }

  it('returns the first page newest first, with the size of the whole inbox', async () => {
    const first = await page({ first: 3 });
    expect(first.totalCount).toBe(states.length);
    expect(first.nodes.map((n) => n.id)).toEqual(inbox.slice(0, 3).map((r) => r.id));
    expect(first.edges.map((e) => e.node.id)).toEqual(first.nodes.map((n) => n.id));
    expect(first.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false, startCursor: first.edges[0]!.cursor, endCursor: first.edges[2]!.cursor });
  });

  it('pages forward through the whole inbox, every referral once and in order', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (let round = 0; round < 10; round++) {
      const current: Page = await page({ first: 3, after });
      seen.push(...current.nodes.map((n) => n.id));
      expect(current.pageInfo.hasPreviousPage).toBe(after != null);
      expect(current.pageInfo.endCursor).toBe(current.edges.at(-1)?.cursor ?? null);
      if (!current.pageInfo.hasNextPage) break;
      after = current.pageInfo.endCursor;
    }
    expect(seen).toEqual(inbox.map((r) => r.id));
  });

  it('pages backward from the end through the whole inbox, each page in list order', async () => {
    const last = await page({ last: 3 });
    expect(last.nodes.map((n) => n.id)).toEqual(inbox.slice(-3).map((r) => r.id));
    expect(last.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: false, startCursor: last.edges[0]!.cursor });
    const pages: string[][] = [];
    let before: string | null = null;
    for (let round = 0; round < 10; round++) {
      const current: Page = await page({ last: 3, before });
      pages.unshift(current.nodes.map((n) => n.id));
      expect(current.pageInfo.hasNextPage).toBe(before != null);
      expect(current.totalCount).toBe(inbox.length);
      if (!current.pageInfo.hasPreviousPage) break;
      before = current.pageInfo.startCursor;
    }
    expect(pages.map((p) => p.length)).toEqual([2, 3, 3]);
    expect(pages.flat()).toEqual(inbox.map((r) => r.id));
  });

  it('pages backward within a state', async () => {
    const expected = inbox.filter((r) => r.state === ReferralState.SENT);
    const last = await page({ state: 'SENT', last: 2 });
    expect(last.nodes.map((n) => n.id)).toEqual(expected.slice(-2).map((r) => r.id));
    const before = await page({ state: 'SENT', last: 10, before: last.pageInfo.startCursor });
    expect(before.nodes.map((n) => n.id)).toEqual(expected.slice(0, -2).map((r) => r.id));
    expect(before.pageInfo).toMatchObject({ hasPreviousPage: false, hasNextPage: true });
    expect(before.totalCount).toBe(expected.length);
  });

  it('filters by state, counting only that state', async () => {
    const sent = await page({ state: 'SENT', first: 2 });
    const expected = inbox.filter((r) => r.state === ReferralState.SENT);
    expect(sent.totalCount).toBe(expected.length);
    expect(sent.nodes.map((n) => n.id)).toEqual(expected.slice(0, 2).map((r) => r.id));
    const rest = await page({ state: 'SENT', first: 10, after: sent.pageInfo.endCursor });
    expect(rest.nodes.map((n) => n.id)).toEqual(expected.slice(2).map((r) => r.id));
    expect(rest.nodes.every((n) => n.state === 'SENT')).toBe(true);
  });

  it('lists the outbox of the sender', async () => {
    const outbox = await page({ code: POINTS.desk.code, first: 10 }, OUTBOX, 'referralsSent');
    const expected = inbox.filter((r) => r.from === POINTS.desk.code);
    expect(outbox.totalCount).toBe(expected.length);
    expect(outbox.nodes.map((n) => n.id)).toEqual(expected.map((r) => r.id));
  });

  it('returns an empty page for a point with no referrals', async () => {
    const empty = await page({ code: POINTS.patronato.code, first: 5 });
    expect(empty).toEqual({ totalCount: 0, edges: [], nodes: [], pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null } });
  });

  it.each([
    ['a cursor that is not one', { after: 'bm90LWEtY3Vyc29y' }, 'after'],
    ['a before cursor of another list', { last: 1, before: Buffer.from(JSON.stringify(['CPI-015-MILANO'])).toString('base64url') }, 'before'],
    ['a cursor with a date that is not one', { before: Buffer.from(JSON.stringify(['yesterday', '00000000-0000-4000-8000-000000000000'])).toString('base64url') }, 'before'],
    ['a negative last', { last: -1 }, 'last'],
    ['a page larger than the limit', { first: 101 }, 'first'],
    ['first and last together', { first: 1, last: 1 }, 'first'],
  ])('refuses %s with BAD_USER_INPUT', async (_label, variables, path) => {
    const res = await graph.query(INBOX, { code: POINTS.social.code, ...variables });
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect((res.errors?.[0]?.extensions?.problems as { path: string }[]).map((p) => p.path)).toContain(path);
  });

  it('loads the inboxes and outboxes of many service points in the same number of statements as of few', async () => {
    const query = `query($kind: ServicePointKind) { servicePoints(kind: $kind, first: 50) { nodes { code
      referralsReceived(first: 2) { totalCount nodes { id from { code } } }
      sent: referralsSent(first: 1, state: SENT) { totalCount }
      allSent: referralsSent(last: 1) { totalCount nodes { id } } } } }`;
    const counts: number[] = [];
    // Both lists include the social services inbox, so the same kinds of field are resolved.
    for (const [kind, size] of [['SOCIAL_SERVICES', 2], [null, Object.keys(POINTS).length]] as const) {
      graph.runtime.db.sql.reset();
      const res = await graph.query<{ servicePoints: { nodes: { code: string; referralsReceived: { totalCount: number; nodes: { id: string }[] }; allSent: { totalCount: number } }[] } }>(query, { kind });
      counts.push(graph.runtime.db.sql.statements);
      expect(res.errors).toBeUndefined();
      expect(res.data?.servicePoints.nodes).toHaveLength(size);
      const social = res.data?.servicePoints.nodes.find((n) => n.code === POINTS.social.code);
      if (social) expect(social.referralsReceived.nodes.map((n) => n.id)).toEqual(inbox.slice(0, 2).map((r) => r.id));
      const jobCentre = res.data?.servicePoints.nodes.find((n) => n.code === POINTS.jobCentre.code);
      if (jobCentre) expect(jobCentre.allSent.totalCount).toBe(inbox.filter((r) => r.from === POINTS.jobCentre.code).length);
    }
    expect(counts[1]).toBe(counts[0]);
  });
});
