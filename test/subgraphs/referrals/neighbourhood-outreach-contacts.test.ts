import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { referralsSubgraph } from '../../../subgraphs/referrals';
import { type ReferralsLoaders } from '../../../subgraphs/referrals/loaders';
import { asCaller, callerAs } from '../../utils/callers';
import { person } from '../../utils/people';
import { createTestSubgraph, type TestSubgraph } from '../../utils/subgraph';
import { ACTIVITY, COMMITTEE, insertNeighbourhoodActivity, PLAIN_DESK, SANSIRO } from './neighbourhood-fixtures';

// Outreach contacts at a job-centre desk in an ALER neighbourhood (seed 004 art. 2.2:
// reaching the people who do not yet come to the services) are desk contacts: the
// protocol's partners register them on the person's consent, their organisation alone
// reads them, and the committee sees them only as counts.
const ALER_PARTNER = callerAs('SOCIAL_DESK_OPERATOR', 'REFERRAL', { subject: 'community-manager-1', organisation: 'org-aler-casa-sansiro' });
const REGISTER = `mutation($input: RegisterDeskContactInput!) { registerDeskContact(input: $input) { id desk { code } history { action organisation purpose } } }`;

const input = (deskCode: string) => ({
  deskCode,
  consent: { givenAt: '2025-10-02T09:00:00Z', recordedAs: 'SIGNED_FORM' },
  fiscalCode: person(31).fiscalCode,
  userType: 'UNEMPLOYED',
  need: 'JOB_SEARCH',
  outcome: 'ORIENTATION',
  contactedAt: '2025-10-02T09:00:00Z',
});

describe('outreach contacts at a neighbourhood desk', () => {
  let graph: TestSubgraph<ReferralsLoaders>;
  beforeAll(async () => {
    graph = await createTestSubgraph(referralsSubgraph);
    await insertNeighbourhoodActivity(graph.em());
  });
  afterAll(() => graph.close());

  it('registers them on consent for the partner\'s organisation, and the committee counts them', async () => {
    for (let i = 0; i < 3; i++) {
      const res = await graph.query<{ registerDeskContact: { desk: { code: string }; history: { action: string; organisation: string; purpose: string }[] } }>(REGISTER, { input: input(SANSIRO) }, asCaller(ALER_PARTNER));
      expect(res.errors).toBeUndefined();
      expect(res.data!.registerDeskContact).toMatchObject({ desk: { code: SANSIRO }, history: [{ action: 'REGISTERED', organisation: 'org-aler-casa-sansiro', purpose: 'REFERRAL' }] });
    }
    const res = await graph.query<{ neighbourhoodDeskActivity: { indicators: { indicator: string; total: number | null }[] } }>(ACTIVITY, { year: 2025 }, asCaller(COMMITTEE));
    // The 13 contacts of the fixtures and these 3 (the cells themselves may be suppressed).
    expect(res.data!.neighbourhoodDeskActivity.indicators.find((t) => t.indicator === 'CONTACTS')!.total).toBe(16);
  });

  it('refuses a job-centre desk outside a public-housing neighbourhood', async () => {
    const res = await graph.query(REGISTER, { input: input(PLAIN_DESK) }, asCaller(ALER_PARTNER));
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect((res.errors?.[0]?.extensions?.problems as { path: string }[]).map((p) => p.path)).toEqual(['input.deskCode']);
  });
});
