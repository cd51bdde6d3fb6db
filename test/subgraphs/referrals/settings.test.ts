import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../../subgraphs/lib/config';
import { addDays, today } from '../../../subgraphs/lib/dates';
import { referralsSubgraph } from '../../../subgraphs/referrals';
import { type ReferralsLoaders } from '../../../subgraphs/referrals/loaders';
import { loadReferralsSettings } from '../../../subgraphs/referrals/settings';
import { createTestSubgraph, type TestSubgraph } from '../../utils/subgraph';
import { CREATE_REFERRAL, insertServicePoints, referralInput, REGION_OPERATOR } from './fixtures';

describe('REFERRAL_RESPONSE_DAYS', () => {
  it('defaults to 30 days', () => {
    expect(loadReferralsSettings({})).toEqual({ responseDays: 30, minimumCellCount: 3 });
  });

  it('reads a number of days', () => {
    expect(loadReferralsSettings({ REFERRAL_RESPONSE_DAYS: '45' })).toEqual({ responseDays: 45, minimumCellCount: 3 });
  });

  it.each(['0', '366', 'ten', '7.5'])('refuses %s, naming the variable', (value) => {
    expect(() => loadReferralsSettings({ REFERRAL_RESPONSE_DAYS: value })).toThrow(ConfigError);
    expect(() => loadReferralsSettings({ REFERRAL_RESPONSE_DAYS: value })).toThrow(/REFERRAL_RESPONSE_DAYS/);
  });

  it('reads a minimum cell count for the desk statistics, never below 3', () => {
    expect(loadReferralsSettings({ DESK_STATISTICS_MIN_CELL_COUNT: '5' }).minimumCellCount).toBe(5);
    for (const value of ['2', '0', 'three']) {
      expect(() => loadReferralsSettings({ DESK_STATISTICS_MIN_CELL_COUNT: value })).toThrow(/DESK_STATISTICS_MIN_CELL_COUNT/);
    }
  });

  describe('in a running subgraph', () => {
    let graph: TestSubgraph<ReferralsLoaders>;
    const saved = process.env.REFERRAL_RESPONSE_DAYS;
    beforeAll(async () => {
      // Read once per process, at the first referral sent: this file runs in its own process.
      process.env.REFERRAL_RESPONSE_DAYS = '10';
      graph = await createTestSubgraph(referralsSubgraph, { caller: REGION_OPERATOR });
      await insertServicePoints(graph.em());
    });
    afterAll(async () => {
      if (saved === undefined) delete process.env.REFERRAL_RESPONSE_DAYS;
      else process.env.REFERRAL_RESPONSE_DAYS = saved;
      await graph.close();
    });

    it('sets the response deadline that many days after sending', async () => {
      const res = await graph.query<{ createReferral: { dueBy: string } }>(CREATE_REFERRAL, { input: referralInput() });
      expect(res.errors).toBeUndefined();
      expect(res.data?.createReferral.dueBy).toBe(addDays(today(), 10));
    });
  });
});
