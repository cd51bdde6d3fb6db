import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { referralsSubgraph } from '../../../subgraphs/referrals';
import { type ReferralsLoaders } from '../../../subgraphs/referrals/loaders';
import { Referral, ReferralEvent } from '../../../subgraphs/referrals/referral/referral.entity';
import { asCaller, callerAs } from '../../utils/callers';
import { createTestSubgraph, type TestSubgraph } from '../../utils/subgraph';
import { CREATE_REFERRAL, insertServicePoints, POINTS, referralInput, REGION_OPERATOR } from './fixtures';

interface Problem {
  path: string;
  message: string;
}

/** An operator of the social desk of Cremona (a sportello sociale run with a union). */
const SOCIAL_DESK = asCaller(callerAs('SOCIAL_DESK_OPERATOR', 'REFERRAL', { subject: 'desk-operator-0001', organisation: 'org-cgil-cremona' }));

const MOTIVATION_MESSAGE = 'a referral from a job centre to social services requires a written motivation of at least 20 characters';

describe('rules for a new referral', () => {
  let graph: TestSubgraph<ReferralsLoaders>;
  let rowsBefore: number;
  beforeAll(async () => {
    // A job-centre operator of the whole region: every sending point of the tests is in its territory.
    graph = await createTestSubgraph(referralsSubgraph, { caller: REGION_OPERATOR });
    await insertServicePoints(graph.em());
  });
  afterAll(() => graph.close());
  beforeEach(async () => {
    rowsBefore = (await graph.em().count(Referral)) + (await graph.em().count(ReferralEvent));
  });

  async function rowsWritten(): Promise<number> {
    return (await graph.em().count(Referral)) + (await graph.em().count(ReferralEvent)) - rowsBefore;
  }

  async function problemsFor(input: Record<string, unknown>, headers?: Record<string, string>): Promise<Problem[]> {
    const res = await graph.query(CREATE_REFERRAL, { input }, headers);
    // The mutation's result is nullable (the access policy restricts it): null, with the error.
    expect(res.data).toEqual({ createReferral: null });
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(await rowsWritten()).toBe(0);
    return res.errors?.[0]?.extensions?.problems as Problem[];
  }

  async function accepted(input: Record<string, unknown>, headers?: Record<string, string>): Promise<string> {
    const res = await graph.query<{ createReferral: { state: string } }>(CREATE_REFERRAL, { input }, headers);
    expect(res.errors).toBeUndefined();
    expect(await rowsWritten()).toBe(3);
    return res.data!.createReferral.state;
  }

  describe('job centre to social services needs a written motivation', () => {
    it.each([
      ['none', null],
      ['blank', '    '],
      ['19 characters', 'x'.repeat(19)],
      ['19 characters padded with spaces', `   ${'x'.repeat(19)}   `],
    ])('refuses a referral from the job centre with motivation: %s', async (_label, motivation) => {
      const problems = await problemsFor(referralInput({ motivation }));
      expect(problems).toEqual([{ path: 'input.motivation', message: MOTIVATION_MESSAGE }]);
    });

    it('says so in the error message', async () => {
      const res = await graph.query(CREATE_REFERRAL, { input: referralInput({ motivation: null }) });
      expect(res.errors?.[0]?.message).toContain('input.motivation: a referral from a job centre to social services requires a written motivation of at least 20 characters');
    });

    it('applies to a decentralised job-centre desk too', async () => {
      const problems = await problemsFor(referralInput({ fromCode: POINTS.desk.code, motivation: null }));
      expect(problems).toEqual([{ path: 'input.motivation', message: MOTIVATION_MESSAGE }]);
    });

    it('accepts a motivation of 20 characters', async () => {
      expect(await accepted(referralInput({ motivation: 'x'.repeat(20) }))).toBe('SENT');
    });

    it('applies to drafts as well', async () => {
      const problems = await problemsFor(referralInput({ motivation: null, send: false }));
      expect(problems.map((p) => p.path)).toEqual(['input.motivation']);
    });

    it.each([
      ['social services to the job centre', { fromCode: POINTS.social.code, toCode: POINTS.jobCentre.code, reason: 'WORK_ACTIVATION' }],
      ['the job centre to the Cassa Edile', { toCode: POINTS.cassaEdile.code, reason: 'CONSTRUCTION_SECTOR' }],
      ['the job centre to one of its desks', { toCode: POINTS.desk.code, reason: 'WORK_ACTIVATION' }],
    ])('does not require it from %s', async (_label, overrides) => {
      expect(await accepted(referralInput({ ...overrides, motivation: null }))).toBe('SENT');
    });
  });

  describe('a sportello sociale refers on consent', () => {
    it.each([
      ['a social desk operator', SOCIAL_DESK],
      ['a job-centre operator', undefined],
    ])('refuses LEGAL_OBLIGATION from a social desk, written by %s, naming the rule once', async (_label, headers) => {
      const problems = await problemsFor(referralInput({ fromCode: POINTS.socialDesk.code, toCode: POINTS.socialCremona.code, legalBasis: 'LEGAL_OBLIGATION' }), headers);
      expect(problems).toEqual([{ path: 'input.legalBasis', message: 'a referral from a sportello sociale (SOCIAL_DESK) requires the legal basis CONSENT' }]);
    });

    it('accepts CONSENT from a social desk, without a motivation', async () => {
      expect(await accepted(referralInput({ fromCode: POINTS.socialDesk.code, toCode: POINTS.patronato.code, reason: 'BENEFIT_APPLICATION', legalBasis: 'CONSENT', motivation: null }), SOCIAL_DESK)).toBe('SENT');
    });
  });

  describe('service points', () => {
    it('refuses a referral to the sender itself', async () => {
      const problems = await problemsFor(referralInput({ toCode: POINTS.jobCentre.code }));
      expect(problems).toEqual([{ path: 'input.toCode', message: 'must differ from the sending service point' }]);
    });

    it('refuses unknown service points', async () => {
      const problems = await problemsFor(referralInput({ fromCode: 'NO-SUCH-A', toCode: 'NO-SUCH-B' }));
      expect(problems).toEqual([
        { path: 'input.fromCode', message: 'no service point has this code' },
        { path: 'input.toCode', message: 'no service point has this code' },
      ]);
    });
  });

  it('lists every problem at once, without echoing the values', async () => {
    const res = await graph.query(CREATE_REFERRAL, {
      input: referralInput({ fromCode: POINTS.socialDesk.code, toCode: 'NO-SUCH-POINT', workerId: 'someone', motivation: 'y'.repeat(2001), legalBasis: 'LEGAL_OBLIGATION' }),
    });
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.extensions?.problems).toEqual([
      { path: 'input.toCode', message: 'no service point has this code' },
      { path: 'input.workerId', message: 'must be a worker id (a UUID)' },
      { path: 'input.motivation', message: 'must be at most 2000 characters' },
      { path: 'input.legalBasis', message: 'a referral from a sportello sociale (SOCIAL_DESK) requires the legal basis CONSENT' },
    ]);
    expect(res.errors?.[0]?.message).not.toContain('NO-SUCH-POINT');
    expect(res.errors?.[0]?.message).not.toContain('someone');
    expect(await rowsWritten()).toBe(0);
  });

  it('lists the motivation and the sender problems together', async () => {
    const problems = await problemsFor(referralInput({ fromCode: POINTS.desk.code, toCode: POINTS.social.code, motivation: 'short', workerId: 'x' }));
    expect(problems.map((p) => p.path)).toEqual(['input.workerId', 'input.motivation']);
  });

  it('rejects an invalid fiscal code naming the field, not the value', async () => {
    const res = await graph.query(CREATE_REFERRAL, { input: referralInput({ fiscalCode: 'RSSMRA85T10A562X' }) });
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.message).not.toContain('RSSMRA85T10A562X');
    expect(await rowsWritten()).toBe(0);
  });
});
