import { z } from 'zod';
import { env, readEnv } from './config';

// One definition for every subgraph that keeps something for a Cassa Edile's verification
// (companies: notifications and returns; companies and workers: bulk export files).

/** The longest a Cassa Edile's verification data may be kept: 24 months after it was received (convention art. 3). */
export const LEGAL_RETENTION_MONTHS = 24;

/** How long what the platform holds for a Cassa Edile's verification is kept, and how often the purge runs. */
export interface RetentionSettings {
  /** Months after receipt after which the data is deleted whatever the verification's state (1-24). */
  retentionMonths: number;
  /** Days a Cassa Edile has, after its verification of a month closed, to confirm it deleted what it received. */
  confirmationGraceDays: number;
  /** How often the purge runs in the subgraph process. */
  intervalMs: number;
}

/**
 * Reads `CASSA_EDILE_RETENTION_MONTHS` (default and maximum 24: the convention's limit;
 * a shorter period is allowed, a longer one is a configuration error),
 * `CASSA_EDILE_CONFIRMATION_GRACE_DAYS` (default 30) and `RETENTION_INTERVAL_MS`
 * (default one hour).
 */
export function readRetentionSettings(source: NodeJS.ProcessEnv = process.env): RetentionSettings {
  const settings = readEnv(
    {
      CASSA_EDILE_RETENTION_MONTHS: z.coerce
        .number()
        .int('must be a whole number of months')
        .min(1, 'must be at least 1 month')
        .max(LEGAL_RETENTION_MONTHS, `must not exceed ${LEGAL_RETENTION_MONTHS} months (convention art. 3)`)
        .default(LEGAL_RETENTION_MONTHS),
      CASSA_EDILE_CONFIRMATION_GRACE_DAYS: z.coerce.number().int('must be a whole number of days').min(0, 'must not be negative').max(365, 'must not exceed 365 days').default(30),
      RETENTION_INTERVAL_MS: env.positiveInt(3_600_000),
    },
    source,
  );
  return {
    retentionMonths: settings.CASSA_EDILE_RETENTION_MONTHS,
    confirmationGraceDays: settings.CASSA_EDILE_CONFIRMATION_GRACE_DAYS,
    intervalMs: settings.RETENTION_INTERVAL_MS,
  };
}

/** The instant `months` calendar months before `now` (clamped to the month's last day, in UTC). */
export function monthsBefore(now: Date, months: number): Date {
  return monthsAfter(now, -months);
}

/** The instant `months` calendar months after `at` (31 March + 1 month = 30 April). */
export function monthsAfter(at: Date, months: number): Date {
  const result = new Date(at.getTime());
  const day = result.getUTCDate();
  result.setUTCDate(1);
  result.setUTCMonth(result.getUTCMonth() + months);
  const last = new Date(Date.UTC(result.getUTCFullYear(), result.getUTCMonth() + 1, 0)).getUTCDate();
  result.setUTCDate(Math.min(day, last));
  return result;
}
