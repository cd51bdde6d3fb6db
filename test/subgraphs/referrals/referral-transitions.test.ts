import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, today } from '../../../subgraphs/lib/dates';
import { referralsSubgraph } from '../../../subgraphs/referrals';
import { type ReferralsLoaders } from '../../../subgraphs/referrals/loaders';
import { ReferralState } from '../../../subgraphs/referrals/referral/referral.entity';
import { createTestSubgraph, type TestSubgraph } from '../../utils/subgraph';
import { insertReferral, insertServicePoints, REGION_OPERATOR, snapshot } from './fixtures';

/** Each mutation, the state it asks for, and its variables for a referral id. */
const MUTATIONS: { name: string; requested: ReferralState; query: string; variables: (id: string) => Record<string, unknown> }[] = [
  { name: 'sendReferral', requested: ReferralState.SENT, query: 'mutation($id: ID!) { sendReferral(id: $id) { id state } }', variables: (id) => ({ id }) },
  { name: 'acceptReferral', requested: ReferralState.ACCEPTED, query: 'mutation($id: ID!) { acceptReferral(id: $id) { id state } }', variables: (id) => ({ id }) },
  {
    name: 'rejectReferral',
    requested: ReferralState.REJECTED,
    query: 'mutation($input: RejectReferralInput!) { rejectReferral(input: $input) { id state } }',
    variables: (id) => ({ input: { id, reason: 'Outside our competence' } }),
  },
  { name: 'withdrawReferral', requested: ReferralState.WITHDRAWN, query: 'mutation($id: ID!) { withdrawReferral(id: $id) { id state } }', variables: (id) => ({ id }) },
  { name: 'setReferralAppointment', requested: ReferralState.APPOINTMENT_SET, query: 'mutation($id: ID!) { setReferralAppointment(id: $id) { id state } }', variables: (id) => ({ id }) },
  { name: 'takeReferralInCharge', requested: ReferralState.TAKEN_IN_CHARGE, query: 'mutation($id: ID!) { takeReferralInCharge(id: $id) { id state } }', variables: (id) => ({ id }) },
  {
    name: 'closeReferral',
    requested: ReferralState.CLOSED,
    query: 'mutation($input: CloseReferralInput!) { closeReferral(input: $input) { id state } }',
    variables: (id) => ({ input: { id, outcome: 'Taken on by the social worker' } }),
  },
  { name: 'expireReferral', requested: ReferralState.EXPIRED, query: 'mutation($id: ID!) { expireReferral(id: $id) { id state } }', variables: (id) => ({ id }) },
];

/** The legal moves, written out from domain.md §13.4 (ReferralState), independently of the code's table. */
const LEGAL = new Set([
  'DRAFT>SENT',
  'SENT>ACCEPTED',
  'SENT>REJECTED',
  'SENT>EXPIRED',
  'SENT>WITHDRAWN',
  'ACCEPTED>APPOINTMENT_SET',
  'ACCEPTED>WITHDRAWN',
  'APPOINTMENT_SET>TAKEN_IN_CHARGE',
  'TAKEN_IN_CHARGE>CLOSED',
]);

const CASES = Object.values(ReferralState).flatMap((current) =>
  MUTATIONS.map((mutation) => ({ current, ...mutation, legal: LEGAL.has(`${current}>${mutation.requested}`) })),
);

describe('referral state machine', () => {
  let graph: TestSubgraph<ReferralsLoaders>;
  beforeAll(async () => {
    // Acts for both sides of the referrals (job centre and social services of Milan).
    graph = await createTestSubgraph(referralsSubgraph, { caller: REGION_OPERATOR });
    await insertServicePoints(graph.em());
  });
  afterAll(() => graph.close());

  it('covers every state and every mutation', () => {
    expect(CASES).toHaveLength(9 * 8);
    expect(CASES.filter((c) => c.legal)).toHaveLength(LEGAL.size);
  });

  it.each(CASES.filter((c) => c.legal))('$name moves a referral from $current to $requested and records it', async ({ current, requested, query, variables, name }) => {
    // A deadline already passed, so that expiring is allowed where the state permits it.
    const id = await insertReferral(graph.em(), { state: current, dueBy: current === ReferralState.DRAFT ? null : addDays(today(), -1) });
    const before = await snapshot(graph.em(), id);
    const res = await graph.query<Record<string, { id: string; state: string }>>(query, variables(id));
    expect(res.errors).toBeUndefined();
    expect(res.data?.[name]).toEqual({ id, state: requested });
    const after = await snapshot(graph.em(), id);
    expect(after.state).toBe(requested);
    expect(after.events).toBe(before.events + 1);
  });

  it.each(CASES.filter((c) => !c.legal))('$name refuses to move a referral from $current to $requested: CONFLICT, nothing written', async ({ current, requested, query, variables, name }) => {
    const id = await insertReferral(graph.em(), { state: current, dueBy: current === ReferralState.DRAFT ? null : addDays(today(), -1) });
    const before = await snapshot(graph.em(), id);
    const res = await graph.query(query, variables(id));
    expect(res.data).toEqual({ [name]: null });
    expect(res.errors).toHaveLength(1);
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', currentState: current, requestedState: requested });
    expect(res.errors?.[0]?.message).toContain(current);
    expect(res.errors?.[0]?.message).toContain(requested);
    expect(await snapshot(graph.em(), id)).toEqual(before);
  });
});
