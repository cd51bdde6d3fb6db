import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, today } from '../../../subgraphs/lib/dates';
import { Purpose, Role, type Caller } from '../../../subgraphs/lib/identity';
import { asCaller, callerAs } from '../../utils/callers';
import { referralsSubgraph } from '../../../subgraphs/referrals';
import { type ReferralsLoaders } from '../../../subgraphs/referrals/loaders';
import { ReferralState } from '../../../subgraphs/referrals/referral/referral.entity';
import { createTestSubgraph, type TestSubgraph } from '../../utils/subgraph';
import { CREATE_REFERRAL, FISCAL_CODE, insertReferral, insertServicePoints, POINTS, REFERRAL_FIELDS, referralInput, snapshot } from './fixtures';

interface Event {
  sequence: number;
  fromState: string | null;
  toState: string;
  at: string;
  note: string | null;
  recordedBy: string | null;
}
interface ReferralData {
  id: string;
  state: string;
  reason: string;
  motivation: string | null;
  legalBasis: string;
  workerFiscalCode: string;
  createdAt: string;
  updatedAt: string;
  sentAt: string | null;
  dueBy: string | null;
  responseOverdue: boolean;
  rejectionReason: string | null;
  outcome: string | null;
  worker: { id: string };
  from: { code: string };
  to: { code: string };
  history: Event[];
}

/** A job-centre operator of the province of Milan, where both the job centre and social services of the tests lie. */
const OPERATOR: Caller = {
  subject: 'operator-cpi-0001',
  organisation: 'AFOL Metropolitana',
  role: Role.CPI_OPERATOR,
  purpose: Purpose.REFERRAL,
  purposes: [Purpose.REFERRAL],
  territory: ['015'],
  employers: [],
};

const byId = (name: string) => `mutation($id: ID!) { ${name}(id: $id) { ${REFERRAL_FIELDS} } }`;
const REJECT = `mutation($input: RejectReferralInput!) { rejectReferral(input: $input) { ${REFERRAL_FIELDS} } }`;
const CLOSE = `mutation($input: CloseReferralInput!) { closeReferral(input: $input) { ${REFERRAL_FIELDS} } }`;

describe('referral lifecycle', () => {
  let graph: TestSubgraph<ReferralsLoaders>;
  beforeAll(async () => {
    graph = await createTestSubgraph(referralsSubgraph, { caller: OPERATOR });
    await insertServicePoints(graph.em());
  });
  afterAll(() => graph.close());

  async function run(query: string, variables: Record<string, unknown>, field: string, headers?: Record<string, string>): Promise<ReferralData> {
    const res = await graph.query<Record<string, ReferralData>>(query, variables, headers);
    expect(res.errors).toBeUndefined();
    return res.data![field]!;
  }

  it('creates a SENT referral by default, with a response deadline 30 days on and its history', async () => {
    const input = referralInput();
    const before = Date.now();
    const referral = await run(CREATE_REFERRAL, { input }, 'createReferral');
    expect(referral).toMatchObject({
      state: 'SENT',
      reason: 'SOCIAL_NEEDS',
      motivation: input.motivation,
      legalBasis: 'LEGAL_OBLIGATION',
      workerFiscalCode: FISCAL_CODE,
      worker: { id: input.workerId },
      from: { code: POINTS.jobCentre.code },
      to: { code: POINTS.social.code },
      dueBy: addDays(today(), 30),
      responseOverdue: false,
      rejectionReason: null,
      outcome: null,
    });
    expect(Date.parse(referral.sentAt!)).toBeGreaterThanOrEqual(before - 1000);
    expect(referral.history.map((e) => [e.sequence, e.fromState, e.toState, e.recordedBy])).toEqual([
      [1, null, 'DRAFT', OPERATOR.subject],
      [2, 'DRAFT', 'SENT', OPERATOR.subject],
    ]);
  });

  it('keeps a referral as a DRAFT when send is false, without a deadline, until sendReferral', async () => {
    const draft = await run(CREATE_REFERRAL, { input: referralInput({ send: false }) }, 'createReferral');
    expect(draft).toMatchObject({ state: 'DRAFT', sentAt: null, dueBy: null });
    expect(draft.history.map((e) => e.toState)).toEqual(['DRAFT']);

    const sent = await run(byId('sendReferral'), { id: draft.id }, 'sendReferral');
    expect(sent).toMatchObject({ id: draft.id, state: 'SENT', dueBy: addDays(today(), 30) });
    expect(sent.sentAt).not.toBeNull();
    expect(sent.history.map((e) => [e.sequence, e.fromState, e.toState])).toEqual([
      [1, null, 'DRAFT'],
      [2, 'DRAFT', 'SENT'],
    ]);
  });

  it('follows the legal path SENT -> ACCEPTED -> APPOINTMENT_SET -> TAKEN_IN_CHARGE -> CLOSED, with the outcome', async () => {
    const { id } = await run(CREATE_REFERRAL, { input: referralInput() }, 'createReferral');
    const steps: [string, Record<string, unknown>, string][] = [
      [byId('acceptReferral'), { id }, 'ACCEPTED'],
      [byId('setReferralAppointment'), { id }, 'APPOINTMENT_SET'],
      [byId('takeReferralInCharge'), { id }, 'TAKEN_IN_CHARGE'],
      [CLOSE, { input: { id, outcome: '  PaIS signed with the household  ' } }, 'CLOSED'],
    ];
    let previous = 'SENT';
    let updatedAt = 0;
    for (const [query, variables, expected] of steps) {
      const field = /\{ (\w+)\(/.exec(query)![1]!;
      const referral = await run(query, variables, field);
      expect(referral.state).toBe(expected);
      const last = referral.history[referral.history.length - 1]!;
      expect([last.fromState, last.toState, last.recordedBy]).toEqual([previous, expected, OPERATOR.subject]);
      expect(Date.parse(referral.updatedAt)).toBeGreaterThanOrEqual(updatedAt);
      updatedAt = Date.parse(referral.updatedAt);
      previous = expected;
    }
    const closed = await run(`query($id: ID!) { referral(id: $id) { ${REFERRAL_FIELDS} } }`, { id }, 'referral');
    expect(closed.outcome).toBe('PaIS signed with the household');
    expect(closed.history.map((e) => e.toState)).toEqual(['DRAFT', 'SENT', 'ACCEPTED', 'APPOINTMENT_SET', 'TAKEN_IN_CHARGE', 'CLOSED']);
    expect(closed.history.map((e) => e.sequence)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(closed.history[5]!.note).toBe('PaIS signed with the household');
  });

  it('rejects a sent referral and keeps the reason', async () => {
    const { id } = await run(CREATE_REFERRAL, { input: referralInput() }, 'createReferral');
    const rejected = await run(REJECT, { input: { id, reason: 'Not resident in the municipality' } }, 'rejectReferral');
    expect(rejected).toMatchObject({ state: 'REJECTED', rejectionReason: 'Not resident in the municipality' });
    expect(rejected.history.at(-1)).toMatchObject({ fromState: 'SENT', toState: 'REJECTED', note: 'Not resident in the municipality' });
  });

  it.each([ReferralState.SENT, ReferralState.ACCEPTED])('lets the sender withdraw a referral in state %s', async (state) => {
    const id = await insertReferral(graph.em(), { state });
    const withdrawn = await run(byId('withdrawReferral'), { id }, 'withdrawReferral');
    expect(withdrawn.state).toBe('WITHDRAWN');
    expect(withdrawn.history.at(-1)).toMatchObject({ fromState: state, toState: 'WITHDRAWN' });
  });

  it('flags a sent referral past its deadline as overdue, and lets an operator expire it', async () => {
    const id = await insertReferral(graph.em(), { state: ReferralState.SENT, dueBy: addDays(today(), -1) });
    const overdue = await run(`query($id: ID!) { referral(id: $id) { ${REFERRAL_FIELDS} } }`, { id }, 'referral');
    expect(overdue.responseOverdue).toBe(true);
    const expired = await run(byId('expireReferral'), { id }, 'expireReferral');
    expect(expired).toMatchObject({ state: 'EXPIRED', responseOverdue: false });
    expect(expired.history.at(-1)).toMatchObject({ fromState: 'SENT', toState: 'EXPIRED' });
  });

  it.each([
    ['on the deadline day', 0],
    ['before the deadline', 5],
  ])('refuses to expire a referral %s (CONFLICT naming both states), writing nothing', async (_label, days) => {
    const id = await insertReferral(graph.em(), { state: ReferralState.SENT, dueBy: addDays(today(), days) });
    const before = await snapshot(graph.em(), id);
    const res = await graph.query(byId('expireReferral'), { id });
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', currentState: 'SENT', requestedState: 'EXPIRED' });
    expect(res.errors?.[0]?.message).toContain('deadline');
    expect(await snapshot(graph.em(), id)).toEqual(before);
  });

  it.each([
    ['rejectReferral', REJECT, 'reason'],
    ['closeReferral', CLOSE, 'outcome'],
  ])('%s requires a non-blank text and writes nothing without it', async (field, query, key) => {
    const id = await insertReferral(graph.em(), { state: field === 'rejectReferral' ? ReferralState.SENT : ReferralState.TAKEN_IN_CHARGE });
    const before = await snapshot(graph.em(), id);
    const res = await graph.query(query, { input: { id, [key]: '   ' } });
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.extensions?.problems).toEqual([{ path: `input.${key}`, message: 'must not be empty' }]);
    expect(await snapshot(graph.em(), id)).toEqual(before);
  });

  it('answers NOT_FOUND for an unknown referral', async () => {
    const res = await graph.query(byId('acceptReferral'), { id: '00000000-0000-4000-8000-000000000000' });
    expect(res.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(res.data).toEqual({ acceptReferral: null });
  });

  it('shows the new state in the inbox and in Worker.referrals after a transition', async () => {
    // Between Cremona's service points: an operator of Cremona writes, accepts and reads it.
    const cremona = asCaller(callerAs('CPI_OPERATOR', 'REFERRAL', { subject: 'operator-cpi-0002', organisation: 'org-provincia-cremona', territory: ['019'] }));
    const input = referralInput({ toCode: POINTS.socialCremona.code, fromCode: POINTS.jobCentreCremona.code });
    const { id } = await run(CREATE_REFERRAL, { input }, 'createReferral', cremona);
    await run(byId('acceptReferral'), { id }, 'acceptReferral', cremona);
    const query = `query($r: [_Any!]!) { servicePoint(code: "${POINTS.socialCremona.code}") { referralsReceived { nodes { id state } } }
        _entities(representations: $r) { ... on Worker { referrals { id state } } } }`;
    type Result = { servicePoint: { referralsReceived: { nodes: { id: string; state: string }[] } }; _entities: { referrals: { id: string; state: string }[] }[] };
    const res = await graph.query<Result>(query, { r: [{ __typename: 'Worker', id: input.workerId }] }, cremona);
    expect(res.errors).toBeUndefined();
    expect(res.data?.servicePoint.referralsReceived.nodes).toEqual([{ id, state: 'ACCEPTED' }]);
    expect(res.data?._entities[0]?.referrals).toEqual([{ id, state: 'ACCEPTED' }]);
    // The operator of Milan sees neither: the referral lies outside its territory.
    const milan = await graph.query<Result>(query, { r: [{ __typename: 'Worker', id: input.workerId }] });
    expect(milan.errors).toBeUndefined();
    expect(milan.data?.servicePoint.referralsReceived.nodes).toEqual([]);
    expect(milan.data?._entities[0]?.referrals).toEqual([]);
  });
});
