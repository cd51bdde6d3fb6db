import { z } from 'zod';
import { env, readEnv } from '../config';
import { Purpose } from '../identity';

/**
 * Limits against mass extraction through the online channel (Cassa Edile convention art. 3,
 * sportello protocol art. 5: no automatic or bulk extraction), counted per organisation,
 * user and purpose.
 */
export interface PurposeLimits {
  /** Requests per rate window (`RATE_LIMIT_PER_MINUTE[_<PURPOSE>]`). */
  requestsPerWindow: number;
  /** Distinct people whose data may be released per Europe/Rome day (`DAILY_PEOPLE_BUDGET[_<PURPOSE>]`); 0 releases none. */
  peoplePerDay: number;
  /** Distinct employers whose data may be released per Europe/Rome day (`DAILY_EMPLOYER_BUDGET[_<PURPOSE>]`); 0 releases none. */
  employersPerDay: number;
}

export interface ExtractionLimits {
  /** Length of the request-rate window in seconds: 60 in production (the variables say "per minute"); tests shorten it. */
  windowSeconds: number;
  /** The limits of each purpose, every purpose present. */
  byPurpose: Record<Purpose, PurposeLimits>;
}

/**
 * The defaults for every purpose without its own.
 *
 * - 120 requests a minute: an operator's screen issues a few GraphQL requests per action
 *   (a person's record, then their DID, pacts, referrals), and a busy desk rarely goes
 *   beyond one action every few seconds; 120 leaves a wide margin for that, while a script
 *   walking the graph one person per request at full speed (hundreds a second) stops within
 *   its first second.
 * - 500 distinct people a day: a job-centre operator sees some 20-40 people in
 *   appointments and works through lists of their territory (a page is at most 100 rows,
 *   `MAX_PAGE_SIZE`), so five full pages plus the day's appointments fit; copying a
 *   province (hundreds of thousands of people) would take years, not minutes.
 * - 500 distinct employers a day: an employment history names one employer per
 *   relationship, a Cassa Edile integrator checks the construction employers of its
 *   province a batch at a time; 500 covers both, and keeps the business register of the
 *   Region (hundreds of thousands of employers) out of reach.
 *
 * People and employers are separate budgets: a list of workers with their employment
 * histories touches both, and employers (mostly legal persons) must not use up the budget
 * that protects people, nor the other way round.
 */
export const DEFAULT_PURPOSE_LIMITS: PurposeLimits = { requestsPerWindow: 120, peoplePerDay: 500, employersPerDay: 500 };

/**
 * Purposes whose default differs from {@link DEFAULT_PURPOSE_LIMITS}. The global variables
 * (`RATE_LIMIT_PER_MINUTE`, `DAILY_PEOPLE_BUDGET`, `DAILY_EMPLOYER_BUDGET`) do not change
 * these; their own `_<PURPOSE>` variables do.
 *
 * - `STATISTICS`: analysts are served aggregates that pass disclosure control and never a
 *   personal field, so individual rows are the exception (a sample of pseudonymised
 *   records); 100 people or employers a day allow checking a sample, while a cohort goes
 *   through the SISTAN microdata release, not the online channel. Reporting clients send a
 *   few costly aggregate queries, so 30 requests a minute.
 * - `SUPERVISION`: a data protection officer reviewing one organisation's accesses pages
 *   through audit records that name the people concerned; 2,000 a day covers a day of four
 *   operators at the default budget, while a stolen DPO credential still cannot walk the
 *   population. 60 requests a minute: paging through the trail, not a desk's pace.
 */
export const PURPOSE_DEFAULTS: Partial<Record<Purpose, PurposeLimits>> = {
  [Purpose.STATISTICS]: { requestsPerWindow: 30, peoplePerDay: 100, employersPerDay: 100 },
  [Purpose.SUPERVISION]: { requestsPerWindow: 60, peoplePerDay: 2000, employersPerDay: 2000 },
};

/** Where the guard keeps its counters and how it reaches them. */
export interface ExtractionGuardConfig {
  limits: ExtractionLimits;
  /** `REDIS_URL` (`redis://` or `rediss://`): shared counters; unset, counters are kept in this process's memory. */
  redisUrl?: string;
  /** `REDIS_KEY_PREFIX`, default `lavoro-graph:`: every key the guard writes starts with it. */
  keyPrefix: string;
  /** `REDIS_COMMAND_TIMEOUT_MS`, default 1000: a store slower than this counts as unavailable (the request is refused). */
  timeoutMs: number;
  /**
   * `EXTRACTION_GUARD_SECRET` (at least 32 characters, optional): HMAC key that pseudonymises
   * the counter keys (organisation, user) and the people and employers counted. Without it a
   * plain SHA-256 is used, which someone reading the store could reverse for fiscal codes
   * by trying candidates; set it in production, the same value in every process.
   */
  secret?: string;
}

const RATE = 'RATE_LIMIT_PER_MINUTE';
const PEOPLE = 'DAILY_PEOPLE_BUDGET';
const EMPLOYERS = 'DAILY_EMPLOYER_BUDGET';

const budget = () => z.coerce.number().int().min(0).optional();
const rate = () => z.coerce.number().int().positive().optional();

/**
 * Reads the guard's configuration: `RATE_LIMIT_PER_MINUTE`, `DAILY_PEOPLE_BUDGET` and
 * `DAILY_EMPLOYER_BUDGET`, each with a `_<PURPOSE>` override per purpose (e.g.
 * `DAILY_PEOPLE_BUDGET_SOCIAL_INCLUSION=300`), and the store variables. Precedence for a
 * purpose: its own variable, then its built-in default ({@link PURPOSE_DEFAULTS}), then
 * the global variable, then {@link DEFAULT_PURPOSE_LIMITS}. Throws a `ConfigError` naming
 * each bad variable.
 */
export function loadExtractionGuardConfig(source: NodeJS.ProcessEnv = process.env): ExtractionGuardConfig {
  const shape: Record<string, z.ZodType> = {
    [RATE]: rate(),
    [PEOPLE]: budget(),
    [EMPLOYERS]: budget(),
    REDIS_URL: env
      .url()
      .refine((v) => /^rediss?:\/\//.test(v), { message: 'must be a redis:// or rediss:// URL' })
      .optional(),
    REDIS_KEY_PREFIX: z.string().min(1).max(64).default('lavoro-graph:'),
    REDIS_COMMAND_TIMEOUT_MS: env.positiveInt(1000),
    EXTRACTION_GUARD_SECRET: z.string().min(32, { message: 'must be at least 32 characters' }).optional(),
  };
  for (const purpose of Object.values(Purpose)) {
    shape[`${RATE}_${purpose}`] = rate();
    shape[`${PEOPLE}_${purpose}`] = budget();
    shape[`${EMPLOYERS}_${purpose}`] = budget();
  }
  const values = readEnv(shape, source) as Record<string, unknown>;
  const num = (name: string) => values[name] as number | undefined;

  const byPurpose = {} as Record<Purpose, PurposeLimits>;
  for (const purpose of Object.values(Purpose)) {
    const builtIn = PURPOSE_DEFAULTS[purpose];
    byPurpose[purpose] = {
      requestsPerWindow:
        num(`${RATE}_${purpose}`) ?? builtIn?.requestsPerWindow ?? num(RATE) ?? DEFAULT_PURPOSE_LIMITS.requestsPerWindow,
      peoplePerDay: num(`${PEOPLE}_${purpose}`) ?? builtIn?.peoplePerDay ?? num(PEOPLE) ?? DEFAULT_PURPOSE_LIMITS.peoplePerDay,
      employersPerDay:
        num(`${EMPLOYERS}_${purpose}`) ?? builtIn?.employersPerDay ?? num(EMPLOYERS) ?? DEFAULT_PURPOSE_LIMITS.employersPerDay,
    };
  }
  return {
    limits: { windowSeconds: 60, byPurpose },
    redisUrl: values.REDIS_URL as string | undefined,
    keyPrefix: values.REDIS_KEY_PREFIX as string,
    timeoutMs: values.REDIS_COMMAND_TIMEOUT_MS as number,
    secret: values.EXTRACTION_GUARD_SECRET as string | undefined,
  };
}

/** The same limits for every purpose: a convenience for tests and tools. */
export function uniformLimits(limits: PurposeLimits, windowSeconds = 60): ExtractionLimits {
  const byPurpose = {} as Record<Purpose, PurposeLimits>;
  for (const purpose of Object.values(Purpose)) byPurpose[purpose] = { ...limits };
  return { windowSeconds, byPurpose };
}
