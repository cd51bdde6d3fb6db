import { RateLimiterMemory, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';

/** Outcome of counting one request against a rate window. */
export interface RateOutcome {
  allowed: boolean;
  /** Requests counted in the current window, this one included. */
  consumed: number;
  /** Milliseconds until the window resets. */
  msBeforeReset: number;
}

/** One budget check: the day's sets of one (organisation, user, purpose) and the candidates. */
export interface BudgetInput {
  /** Store keys of the day's people and employer sets (same hash slot in Redis Cluster). */
  peopleKey: string;
  employersKey: string;
  /** Pseudonymised, de-duplicated identifiers of the people and employers this response would release. */
  people: string[];
  employers: string[];
  maxPeople: number;
  maxEmployers: number;
  /** Seconds the sets live after a write (to the end of the day plus a day of margin). */
  ttlSeconds: number;
}

/** Outcome of a budget check. Nothing is added unless `exceeded` is undefined. */
export interface BudgetOutcome {
  /** The budget that would be exceeded, if any (people are checked first). */
  exceeded?: 'PEOPLE' | 'EMPLOYERS';
  /** Distinct people and employers counted today, after the admission when admitted. */
  peopleUsed: number;
  employersUsed: number;
  /** How many of the candidates were not yet counted today. */
  newPeople: number;
  newEmployers: number;
}

/**
 * Where the guard keeps its counters. Both operations are atomic: concurrent calls (from
 * this process or, for a shared store, from others) never admit beyond a limit. A store
 * that cannot answer throws; the guard then refuses (fails closed).
 */
export interface ExtractionStore {
  /** `memory` or `redis`, for logs and for the refusal message. */
  readonly kind: 'memory' | 'redis';
  /** Counts one request in the fixed window of `key`; over `max`, `allowed` is false. */
  consumeRequest(key: string, max: number, windowSeconds: number): Promise<RateOutcome>;
  /** Adds the candidates not yet counted, unless they would take a budget over its maximum. */
  admitSubjects(input: BudgetInput): Promise<BudgetOutcome>;
  /** Distinct people and employers counted in two sets (0 when absent). */
  countSubjects(peopleKey: string, employersKey: string): Promise<{ people: number; employers: number }>;
  close(): Promise<void>;
}

/** Request-rate limiters by (points, window); rate-limiter-flexible fixes both per instance. */
export class RateLimiterPool {
  private readonly limiters = new Map<string, RateLimiterAbstract>();

  constructor(private readonly create: (points: number, duration: number) => RateLimiterAbstract) {}

  async consume(key: string, max: number, windowSeconds: number): Promise<RateOutcome> {
    const id = `${max}/${windowSeconds}`;
    let limiter = this.limiters.get(id);
    if (!limiter) {
      limiter = this.create(max, windowSeconds);
      this.limiters.set(id, limiter);
    }
    try {
      const res = await limiter.consume(key, 1);
      return { allowed: true, consumed: res.consumedPoints, msBeforeReset: Math.max(res.msBeforeNext, 0) };
    } catch (rejection) {
      // rate-limiter-flexible rejects with a RateLimiterRes when over the limit, with an Error when its store fails.
      if (rejection instanceof RateLimiterRes) {
        return { allowed: false, consumed: rejection.consumedPoints, msBeforeReset: Math.max(rejection.msBeforeNext, 0) };
      }
      throw rejection;
    }
  }
}

/**
 * Counters in this process's memory: the default without `REDIS_URL`. Several guards in one
 * process may share one instance (as processes share one Redis). The day's sets expire by
 * the injected clock, so tests can move to the next day without waiting; the request-rate
 * window runs on the real clock (rate-limiter-flexible's).
 */
export class MemoryExtractionStore implements ExtractionStore {
  readonly kind = 'memory' as const;
  private readonly sets = new Map<string, { members: Set<string>; expiresAt: number }>();
  private readonly rates = new RateLimiterPool((points, duration) => new RateLimiterMemory({ points, duration, keyPrefix: '' }));
  private lastSweep = 0;

  constructor(private readonly clock: () => number = Date.now) {}

  consumeRequest(key: string, max: number, windowSeconds: number): Promise<RateOutcome> {
    return this.rates.consume(key, max, windowSeconds);
  }

  async admitSubjects(input: BudgetInput): Promise<BudgetOutcome> {
    const now = this.clock();
    this.sweep(now);
    const people = this.live(input.peopleKey, now);
    const employers = this.live(input.employersKey, now);
    const newPeople = input.people.filter((m) => !people?.has(m));
    const newEmployers = input.employers.filter((m) => !employers?.has(m));
    const peopleUsed = people?.size ?? 0;
    const employersUsed = employers?.size ?? 0;
    const outcome: BudgetOutcome = { peopleUsed, employersUsed, newPeople: newPeople.length, newEmployers: newEmployers.length };
    if (newPeople.length > 0 && peopleUsed + newPeople.length > input.maxPeople) return { ...outcome, exceeded: 'PEOPLE' };
    if (newEmployers.length > 0 && employersUsed + newEmployers.length > input.maxEmployers) {
      return { ...outcome, exceeded: 'EMPLOYERS' };
    }
    const expiresAt = now + input.ttlSeconds * 1000;
    this.add(input.peopleKey, newPeople, expiresAt);
    this.add(input.employersKey, newEmployers, expiresAt);
    return { ...outcome, peopleUsed: peopleUsed + newPeople.length, employersUsed: employersUsed + newEmployers.length };
  }

  async countSubjects(peopleKey: string, employersKey: string): Promise<{ people: number; employers: number }> {
    const now = this.clock();
    return { people: this.live(peopleKey, now)?.size ?? 0, employers: this.live(employersKey, now)?.size ?? 0 };
  }

  async close(): Promise<void> {
    this.sets.clear();
  }

  private live(key: string, now: number): Set<string> | undefined {
    const entry = this.sets.get(key);
    if (entry && entry.expiresAt <= now) {
      this.sets.delete(key);
      return undefined;
    }
    return entry?.members;
  }

  private add(key: string, members: string[], expiresAt: number): void {
    if (members.length === 0) return;
    const entry = this.sets.get(key) ?? { members: new Set<string>(), expiresAt };
    for (const m of members) entry.members.add(m);
    entry.expiresAt = expiresAt;
    this.sets.set(key, entry);
  }

  /** Drops expired sets about once a minute, so yesterday's counters do not pile up. */
  private sweep(now: number): void {
    if (now - this.lastSweep < 60_000 && now >= this.lastSweep) return;
    this.lastSweep = now;
    for (const [key, entry] of this.sets) if (entry.expiresAt <= now) this.sets.delete(key);
  }
}
