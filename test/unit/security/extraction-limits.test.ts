import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../subgraphs/lib/config';
import { Purpose } from '../../../subgraphs/lib/identity';
import { DEFAULT_PURPOSE_LIMITS, loadExtractionGuardConfig } from '../../../subgraphs/lib/security';

function problemsOf(env: NodeJS.ProcessEnv): string[] {
  try {
    loadExtractionGuardConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems.map((p) => p.variable).sort();
  }
  throw new Error('the configuration was accepted');
}

describe('extraction guard configuration', () => {
  it('has defaults that keep counters in memory, a minute window and the built-in purpose limits', () => {
    const config = loadExtractionGuardConfig({});
    expect(config).toMatchObject({ keyPrefix: 'lavoro-graph:', timeoutMs: 1000, limits: { windowSeconds: 60 } });
    expect(config.redisUrl).toBeUndefined();
    expect(config.secret).toBeUndefined();
    expect(config.limits.byPurpose.EMPLOYMENT_SERVICES).toEqual({ requestsPerWindow: 120, peoplePerDay: 500, employersPerDay: 500 });
    expect(config.limits.byPurpose.STATISTICS).toEqual({ requestsPerWindow: 30, peoplePerDay: 100, employersPerDay: 100 });
    expect(config.limits.byPurpose.SUPERVISION).toEqual({ requestsPerWindow: 60, peoplePerDay: 2000, employersPerDay: 2000 });
    expect(Object.keys(config.limits.byPurpose).sort()).toEqual(Object.values(Purpose).sort());
  });

  it('applies the global variables to purposes without their own default, and a purpose variable over both', () => {
    const { limits } = loadExtractionGuardConfig({
      RATE_LIMIT_PER_MINUTE: '200',
      DAILY_PEOPLE_BUDGET: '800',
      DAILY_EMPLOYER_BUDGET: '50',
      DAILY_PEOPLE_BUDGET_REFERRAL: '40',
      RATE_LIMIT_PER_MINUTE_STATISTICS: '10',
      DAILY_EMPLOYER_BUDGET_SUPERVISION: '0',
    });
    expect(limits.byPurpose.EMPLOYMENT_SERVICES).toEqual({ requestsPerWindow: 200, peoplePerDay: 800, employersPerDay: 50 });
    expect(limits.byPurpose.REFERRAL).toEqual({ requestsPerWindow: 200, peoplePerDay: 40, employersPerDay: 50 });
    expect(limits.byPurpose.STATISTICS).toEqual({ requestsPerWindow: 10, peoplePerDay: 100, employersPerDay: 100 });
    expect(limits.byPurpose.SUPERVISION).toEqual({ requestsPerWindow: 60, peoplePerDay: 2000, employersPerDay: 0 });
  });

  it('reads the Redis variables', () => {
    const secret = 'x'.repeat(32);
    expect(
      loadExtractionGuardConfig({
        REDIS_URL: 'redis://cache.internal:6380/2',
        REDIS_KEY_PREFIX: 'lg-prod:',
        REDIS_COMMAND_TIMEOUT_MS: '250',
        EXTRACTION_GUARD_SECRET: secret,
      }),
    ).toMatchObject({ redisUrl: 'redis://cache.internal:6380/2', keyPrefix: 'lg-prod:', timeoutMs: 250, secret });
  });

  it('treats an empty variable as unset', () => {
    expect(loadExtractionGuardConfig({ REDIS_URL: '', RATE_LIMIT_PER_MINUTE: '' }).limits.byPurpose.REFERRAL).toEqual(
      DEFAULT_PURPOSE_LIMITS,
    );
  });

  it('names every invalid variable at once', () => {
    expect(
      problemsOf({
        RATE_LIMIT_PER_MINUTE: '0',
        RATE_LIMIT_PER_MINUTE_REFERRAL: 'many',
        DAILY_PEOPLE_BUDGET: '12.5',
        DAILY_EMPLOYER_BUDGET_STATISTICS: '-1',
        REDIS_URL: 'http://cache.internal:6379',
        REDIS_COMMAND_TIMEOUT_MS: '0',
        EXTRACTION_GUARD_SECRET: 'short',
      }),
    ).toEqual([
      'DAILY_EMPLOYER_BUDGET_STATISTICS',
      'DAILY_PEOPLE_BUDGET',
      'EXTRACTION_GUARD_SECRET',
      'RATE_LIMIT_PER_MINUTE',
      'RATE_LIMIT_PER_MINUTE_REFERRAL',
      'REDIS_COMMAND_TIMEOUT_MS',
      'REDIS_URL',
    ]);
  });

  it('does not repeat a secret it refuses', () => {
    const secret = 'not-long-enough-secret';
    try {
      loadExtractionGuardConfig({ EXTRACTION_GUARD_SECRET: secret });
    } catch (error) {
      expect((error as Error).message).toContain('EXTRACTION_GUARD_SECRET');
      expect((error as Error).message).not.toContain(secret);
      return;
    }
    throw new Error('the configuration was accepted');
  });
});
