import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import {
  ExtractionGuard,
  MemoryExtractionStore,
  RedisExtractionStore,
  REDIS_CLIENT_OPTIONS,
  uniformLimits,
  type ExtractionKey,
  type ExtractionLimits,
  type ExtractionStore,
  type PurposeLimits,
} from '../../../subgraphs/lib/security';
import { Purpose } from '../../../subgraphs/lib/identity';

/** The Redis of the machine and of CI (`.ci/run` starts it). */
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A port nothing listens on: a configured but unreachable Redis. */
export const UNREACHABLE_REDIS_URL = 'redis://127.0.0.1:1';

export const operator: ExtractionKey = { organisation: 'cpi-test', subject: 'operator-1', purpose: Purpose.EMPLOYMENT_SERVICES };

/** `n` synthetic subject identifiers, unique to `label`. */
export function ids(label: string, n: number, from = 0): string[] {
  return Array.from({ length: n }, (_, i) => `${label}-${from + i}`);
}

/** A settable clock: the daily budgets follow it, in both stores. */
export class TestClock {
  constructor(public now: number) {}
  readonly read = (): number => this.now;
}

/** One store kind under test: guards built on it share counters, as processes sharing a store would. */
export interface Backend {
  name: 'memory' | 'redis';
  /** Prefix of every store key (Redis only). */
  keyPrefix?: string;
  /** `count` guards sharing one set of counters (memory: one store; Redis: one client each). */
  guards(count: number, limits: Partial<PurposeLimits> & { windowSeconds?: number }, clock?: TestClock): ExtractionGuard[];
  /** Guards with full limits per purpose. */
  guardWith(limits: ExtractionLimits, clock?: TestClock): ExtractionGuard;
  /** Closes every guard and, for Redis, deletes every key of this run. */
  cleanup(): Promise<void>;
}

const baseLimits: PurposeLimits = { requestsPerWindow: 1000, peoplePerDay: 1000, employersPerDay: 1000 };

function limitsOf(limits: Partial<PurposeLimits> & { windowSeconds?: number }): ExtractionLimits {
  const { windowSeconds = 60, ...rest } = limits;
  return uniformLimits({ ...baseLimits, ...rest }, windowSeconds);
}

export function memoryBackend(): Backend {
  const guards: ExtractionGuard[] = [];
  const make = (limits: ExtractionLimits, clock: TestClock | undefined, store: ExtractionStore) => {
    const guard = new ExtractionGuard({ limits, store, clock: clock?.read, scope: 'test' });
    guards.push(guard);
    return guard;
  };
  return {
    name: 'memory',
    guards(count, limits, clock) {
      const store = new MemoryExtractionStore(clock?.read);
      return Array.from({ length: count }, () => make(limitsOf(limits), clock, store));
    },
    guardWith(limits, clock) {
      return make(limits, clock, new MemoryExtractionStore(clock?.read));
    },
    async cleanup() {
      await Promise.all(guards.splice(0).map((g) => g.close()));
    },
  };
}

/** A Redis backend whose keys all start with a prefix unique to this run, deleted by `cleanup`. */
export function redisBackend(): Backend {
  const keyPrefix = `lavoro-graph-test:${randomUUID()}:`;
  const guards: ExtractionGuard[] = [];
  const make = (limits: ExtractionLimits, clock?: TestClock) => {
    const store = new RedisExtractionStore(new Redis(TEST_REDIS_URL, REDIS_CLIENT_OPTIONS), true);
    const guard = new ExtractionGuard({ limits, store, keyPrefix, clock: clock?.read, scope: 'test' });
    guards.push(guard);
    return guard;
  };
  return {
    name: 'redis',
    keyPrefix,
    guards(count, limits, clock) {
      return Array.from({ length: count }, () => make(limitsOf(limits), clock));
    },
    guardWith: make,
    async cleanup() {
      await Promise.all(guards.splice(0).map((g) => g.close()));
      await deleteKeys(keyPrefix);
    },
  };
}

/** Every key of the store under `prefix`, by SCAN (never KEYS on a shared server). */
export async function keysUnder(prefix: string): Promise<string[]> {
  const client = new Redis(TEST_REDIS_URL, REDIS_CLIENT_OPTIONS);
  try {
    const keys: string[] = [];
    let cursor = '0';
    do {
      const [next, batch] = await client.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
      keys.push(...batch);
      cursor = next;
    } while (cursor !== '0');
    return keys;
  } finally {
    client.disconnect();
  }
}

export async function deleteKeys(prefix: string): Promise<void> {
  const keys = await keysUnder(prefix);
  if (keys.length === 0) return;
  const client = new Redis(TEST_REDIS_URL, REDIS_CLIENT_OPTIONS);
  try {
    for (let i = 0; i < keys.length; i += 500) await client.del(...keys.slice(i, i + 500));
  } finally {
    client.disconnect();
  }
}

/** Fails with a clear message when the test Redis does not answer. */
export async function requireRedis(): Promise<void> {
  const client = new Redis(TEST_REDIS_URL, { ...REDIS_CLIENT_OPTIONS, connectTimeout: 3000 });
  client.on('error', () => {});
  try {
    await client.ping();
  } catch (error) {
    throw new Error(
      `Redis at ${TEST_REDIS_URL} does not answer (${(error as Error).message}); start it (see .ci/run) or set TEST_REDIS_URL`,
    );
  } finally {
    client.disconnect();
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
