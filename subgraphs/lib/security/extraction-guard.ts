import { createHash, createHmac } from 'node:crypto';
import { addDays, legalDay } from '../dates';
import { type Caller, type Purpose } from '../identity';
import { loadExtractionGuardConfig, type ExtractionLimits, type PurposeLimits } from './extraction-limits';
import { MemoryExtractionStore, type ExtractionStore } from './extraction-store';
import { createRedisClient, RedisExtractionStore } from './redis-extraction-store';

/** Whose counters: one set per organisation, user and declared purpose. */
export interface ExtractionKey {
  organisation: string;
  /** The token's `sub`: an operator id, or a citizen's fiscal code (hashed before it reaches the store). */
  subject: string;
  purpose: Purpose;
}

/** The key of a verified caller. */
export function extractionKeyOf(caller: Pick<Caller, 'organisation' | 'subject' | 'purpose'>): ExtractionKey {
  return { organisation: caller.organisation, subject: caller.subject, purpose: caller.purpose };
}

/** The two limits a request can hit. */
export type ExtractionLimit = 'REQUEST_RATE' | 'DAILY_BUDGET';

interface RefusalBase {
  ok: false;
  /** When the limit resets (for `LIMITER_UNAVAILABLE`: when a retry makes sense). */
  resetsAt: Date;
  /** Whole seconds until `resetsAt`, at least 1. */
  retryAfterSeconds: number;
}

/** Too many requests in the current window. */
export interface RequestRateRefusal extends RefusalBase {
  limit: 'REQUEST_RATE';
  /** Requests allowed per window. */
  max: number;
  windowSeconds: number;
}

/** Releasing the data would take the day's distinct people or employers over the budget. */
export interface DailyBudgetRefusal extends RefusalBase {
  limit: 'DAILY_BUDGET';
  budget: 'PEOPLE' | 'EMPLOYERS';
  /** The budget, distinct subjects per Europe/Rome day. */
  max: number;
  /** Distinct subjects of that kind already counted today. */
  used: number;
  /** Subjects of that kind this response would have added. */
  requested: number;
}

/** The counters could not be read or written: the request is refused (fail closed). */
export interface LimiterUnavailableRefusal extends RefusalBase {
  limit: 'LIMITER_UNAVAILABLE';
  /** Which check could not run. */
  limiter: ExtractionLimit;
  store: ExtractionStore['kind'];
  /** The store's error message, for the process log only (never sent to the caller). */
  cause: string;
}

export type ExtractionRefusal = RequestRateRefusal | DailyBudgetRefusal | LimiterUnavailableRefusal;

export type RequestAdmission =
  | {
      ok: true;
      /** Requests left in the current window. */
      remaining: number;
      resetsAt: Date;
    }
  | ExtractionRefusal;

export type SubjectAdmission =
  | {
      ok: true;
      /** Subjects counted for the first time today by this admission. */
      newPeople: number;
      newEmployers: number;
      /** Distinct subjects counted today after this admission (absent when nothing was to be counted). */
      peopleUsed?: number;
      employersUsed?: number;
    }
  | ExtractionRefusal;

/** Seconds a caller is told to wait when the counters cannot be reached. */
export const UNAVAILABLE_RETRY_SECONDS = 5;

export interface ExtractionGuardOptions {
  limits: ExtractionLimits;
  /** Where counters live; default a fresh {@link MemoryExtractionStore}. */
  store?: ExtractionStore;
  /**
   * Separates the request-rate counters of processes that each see the same client request
   * (`gateway`, `workers`, ...), so one client request counts once per process and not
   * once per hop. Daily budgets are never scoped: a person released by two subgraphs in one
   * day counts once. Default `graph`.
   */
  scope?: string;
  /**
   * Multiplies the configured requests per window in this process, default 1. A query plan
   * can fetch from the same subgraph more than once per client request (workers, then
   * companies, then workers again), so a subgraph's check is a backstop set above the
   * gateway's (e.g. 3): clients meet the gateway's limit, a caller going straight to a
   * subgraph meets the subgraph's.
   */
  rateMultiplier?: number;
  /** Prefix of every store key, default `lavoro-graph:`. */
  keyPrefix?: string;
  /** HMAC key that pseudonymises keys and subjects in the store (see `EXTRACTION_GUARD_SECRET`). */
  secret?: string;
  /** A store call slower than this is treated as a failure, default 1000 ms. */
  timeoutMs?: number;
  /** Clock for the daily budget (which Europe/Rome day it is); default `Date.now`. */
  clock?: () => number;
}

/**
 * Guards the online channel against mass extraction (issue 3 point 10; privacy.md O4): per
 * organisation, user and purpose, a request-rate limit and a daily budget of distinct
 * people and of distinct employers whose data is released. Call {@link checkRequest}
 * before executing a request and {@link admit} before releasing its data; a refusal
 * becomes a `RATE_LIMITED` error through `rateLimited()`. Every store failure refuses.
 */
export class ExtractionGuard {
  readonly store: ExtractionStore;
  readonly limits: ExtractionLimits;
  private readonly scope: string;
  private readonly rateMultiplier: number;
  private readonly keyPrefix: string;
  private readonly secret?: string;
  private readonly timeoutMs: number;
  private readonly clock: () => number;

  constructor(options: ExtractionGuardOptions) {
    this.limits = options.limits;
    this.clock = options.clock ?? Date.now;
    this.store = options.store ?? new MemoryExtractionStore(this.clock);
    this.scope = options.scope ?? 'graph';
    this.rateMultiplier = options.rateMultiplier ?? 1;
    this.keyPrefix = options.keyPrefix ?? 'lavoro-graph:';
    this.secret = options.secret;
    this.timeoutMs = options.timeoutMs ?? 1000;
  }

  /** The limits that apply to a purpose. */
  limitsFor(purpose: Purpose): PurposeLimits {
    return this.limits.byPurpose[purpose];
  }

  /** Counts one request; refuses when the window's requests are used up. Call before execution. */
  async checkRequest(key: ExtractionKey): Promise<RequestAdmission> {
    const max = Math.max(1, Math.round(this.limitsFor(key.purpose).requestsPerWindow * this.rateMultiplier));
    const windowSeconds = this.limits.windowSeconds;
    let outcome;
    try {
      outcome = await this.withTimeout(
        this.store.consumeRequest(`${this.keyPrefix}rate:${this.scope}:${key.purpose}:${this.keyHash(key)}`, max, windowSeconds),
      );
    } catch (error) {
      return this.unavailable('REQUEST_RATE', error);
    }
    const resetsAt = new Date(Date.now() + outcome.msBeforeReset);
    if (outcome.allowed) return { ok: true, remaining: Math.max(max - outcome.consumed, 0), resetsAt };
    return { ok: false, limit: 'REQUEST_RATE', max, windowSeconds, resetsAt, retryAfterSeconds: secondsUntil(outcome.msBeforeReset) };
  }

  /**
   * Would releasing these people and employers take today's budget over its limit? If not,
   * they are counted (each once a day, however often released) and the answer is ok; if so,
   * nothing is counted and the refusal names the budget. Atomic across processes sharing a
   * Redis. Pass the identifiers of every person and employer whose data the response
   * releases, in the same form in every subgraph (e.g. fiscal codes), so that the same person
   * seen through two subgraphs counts once.
   */
  async admit(key: ExtractionKey, people: Iterable<string>, employers: Iterable<string>): Promise<SubjectAdmission> {
    const peopleIds = this.subjectIds('p', people);
    const employerIds = this.subjectIds('e', employers);
    if (peopleIds.length === 0 && employerIds.length === 0) return { ok: true, newPeople: 0, newEmployers: 0 };
    const limits = this.limitsFor(key.purpose);
    const now = this.clock();
    const { peopleKey, employersKey } = this.budgetKeys(key, now);
    const resetAt = nextLegalMidnight(now);
    let outcome;
    try {
      outcome = await this.withTimeout(
        this.store.admitSubjects({
          peopleKey,
          employersKey,
          people: peopleIds,
          employers: employerIds,
          maxPeople: limits.peoplePerDay,
          maxEmployers: limits.employersPerDay,
          // The day's sets outlive the day by a day, so a clock a little off between processes still finds them.
          ttlSeconds: Math.ceil((resetAt + 86_400_000 - now) / 1000),
        }),
      );
    } catch (error) {
      return this.unavailable('DAILY_BUDGET', error);
    }
    const { exceeded, peopleUsed, employersUsed, newPeople, newEmployers } = outcome;
    if (exceeded) {
      const people = exceeded === 'PEOPLE';
      return {
        ok: false,
        limit: 'DAILY_BUDGET',
        budget: exceeded,
        max: people ? limits.peoplePerDay : limits.employersPerDay,
        used: people ? peopleUsed : employersUsed,
        requested: people ? newPeople : newEmployers,
        resetsAt: new Date(resetAt),
        retryAfterSeconds: secondsUntil(resetAt - now),
      };
    }
    return { ok: true, newPeople, newEmployers, peopleUsed, employersUsed };
  }

  /** Distinct people and employers counted today for a key. Throws when the store fails. */
  async usage(key: ExtractionKey): Promise<{ people: number; employers: number }> {
    const { peopleKey, employersKey } = this.budgetKeys(key, this.clock());
    return this.withTimeout(this.store.countSubjects(peopleKey, employersKey));
  }

  /** Closes the store (and its Redis connection when the guard created it). */
  close(): Promise<void> {
    return this.store.close();
  }

  private budgetKeys(key: ExtractionKey, now: number): { peopleKey: string; employersKey: string } {
    // The braces are a Redis Cluster hash tag: both sets in one slot, as one script needs.
    const base = `${this.keyPrefix}budget:{${legalDay(new Date(now))}:${key.purpose}:${this.keyHash(key)}}`;
    return { peopleKey: `${base}:people`, employersKey: `${base}:employers` };
  }

  /** Organisation and user never appear in the store in clear (a citizen's `sub` is a fiscal code). */
  private keyHash(key: ExtractionKey): string {
    return this.digest(`key\u0000${key.organisation}\u0000${key.subject}\u0000${key.purpose}`);
  }

  private subjectIds(kind: 'p' | 'e', ids: Iterable<string>): string[] {
    const out = new Set<string>();
    for (const id of ids) if (id) out.add(this.digest(`${kind}\u0000${id}`));
    return [...out];
  }

  /** 128 bits of SHA-256 (HMAC-SHA-256 with a secret): collisions are out of reach, members stay short. */
  private digest(value: string): string {
    const hash = this.secret ? createHmac('sha256', this.secret) : createHash('sha256');
    return hash.update(value).digest('base64url').slice(0, 22);
  }

  private withTimeout<T>(promise: Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer from the ${this.store.kind} store within ${this.timeoutMs} ms`)), this.timeoutMs);
    });
    return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
  }

  private unavailable(limiter: ExtractionLimit, error: unknown): LimiterUnavailableRefusal {
    return {
      ok: false,
      limit: 'LIMITER_UNAVAILABLE',
      limiter,
      store: this.store.kind,
      cause: error instanceof Error ? error.message : String(error),
      resetsAt: new Date(Date.now() + UNAVAILABLE_RETRY_SECONDS * 1000),
      retryAfterSeconds: UNAVAILABLE_RETRY_SECONDS,
    };
  }
}

/** Options of {@link createExtractionGuard}. */
export interface CreateExtractionGuardOptions {
  /** See {@link ExtractionGuardOptions.scope}: `gateway` or the subgraph's name. */
  scope: string;
  /** See {@link ExtractionGuardOptions.rateMultiplier}: 1 at the gateway, e.g. 3 in a subgraph. */
  rateMultiplier?: number;
  /** Environment to read, default `process.env`. */
  env?: NodeJS.ProcessEnv;
  /** Told when the Redis connection fails (once per outage); the guard refuses meanwhile. */
  onStoreError?: (error: Error) => void;
}

/**
 * The guard of one process, configured from the environment (see
 * `loadExtractionGuardConfig`): counters in Redis when `REDIS_URL` is set, in memory
 * otherwise. Throws a `ConfigError` naming each bad variable. Close it on shutdown.
 */
export function createExtractionGuard(options: CreateExtractionGuardOptions): ExtractionGuard {
  const config = loadExtractionGuardConfig(options.env);
  const store = config.redisUrl
    ? new RedisExtractionStore(createRedisClient(config.redisUrl, options.onStoreError), true)
    : new MemoryExtractionStore();
  return new ExtractionGuard({
    limits: config.limits,
    store,
    scope: options.scope,
    rateMultiplier: options.rateMultiplier,
    keyPrefix: config.keyPrefix,
    secret: config.secret,
    timeoutMs: config.timeoutMs,
  });
}

/** The instant of the next midnight in Europe/Rome (where the day's budgets reset). */
export function nextLegalMidnight(now: number): number {
  const tomorrow = addDays(legalDay(new Date(now)), 1);
  // Italian clocks change at 02:00 or 03:00, so midnight is always +01:00 or +02:00.
  for (const offset of ['+01:00', '+02:00']) {
    const at = Date.parse(`${tomorrow}T00:00:00${offset}`);
    if (legalDay(new Date(at)) === tomorrow && legalDay(new Date(at - 1)) !== tomorrow) return at;
  }
  throw new Error('no midnight found in Europe/Rome');
}

function secondsUntil(ms: number): number {
  return Math.max(1, Math.ceil(ms / 1000));
}
