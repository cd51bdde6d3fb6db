import { z } from 'zod';
import { readEnv } from '../lib/config';

/** Settings of the referrals subgraph beyond the common ones of `lib/config.ts`. */
export interface ReferralsSettings {
  /**
   * Days the receiving service point has to answer a sent referral
   * (`REFERRAL_RESPONSE_DAYS`, 1-365, default 30). The deadline (`dueBy`) is fixed when
   * the referral is sent, so a later change of the setting does not move it.
   */
  responseDays: number;
  /**
   * Smallest count the desk contact statistics publish (`DESK_STATISTICS_MIN_CELL_COUNT`,
   * 3-100, default 3): smaller non-zero cells are suppressed. SISTAN rule 5(1)(a) sets 3 as
   * the least value; more sensitive data may need more, never less.
   */
  minimumCellCount: number;
}

/** Default of {@link ReferralsSettings.responseDays}. */
export const DEFAULT_RESPONSE_DAYS = 30;

/** Default and least value of {@link ReferralsSettings.minimumCellCount}. */
export const MIN_CELL_COUNT = 3;

/** Reads the settings; throws a `ConfigError` naming the variable when a value is invalid. */
export function loadReferralsSettings(source: NodeJS.ProcessEnv = process.env): ReferralsSettings {
  const values = readEnv(
    {
      REFERRAL_RESPONSE_DAYS: z.coerce.number().int().min(1).max(365).default(DEFAULT_RESPONSE_DAYS),
      DESK_STATISTICS_MIN_CELL_COUNT: z.coerce.number().int().min(MIN_CELL_COUNT).max(100).default(MIN_CELL_COUNT),
    },
    source,
  );
  return { responseDays: values.REFERRAL_RESPONSE_DAYS, minimumCellCount: values.DESK_STATISTICS_MIN_CELL_COUNT };
}

let current: ReferralsSettings | undefined;

/** The process's settings, read from the environment once (`main.ts` reads them at start). */
export function referralsSettings(): ReferralsSettings {
  current ??= loadReferralsSettings();
  return current;
}
