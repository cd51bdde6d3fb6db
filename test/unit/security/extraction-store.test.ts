import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Purpose } from '../../../subgraphs/lib/identity';
import {
  createExtractionGuard,
  ExtractionGuard,
  MemoryExtractionStore,
  RedisExtractionStore,
  rateLimited,
  REDIS_CLIENT_OPTIONS,
  uniformLimits,
  type ExtractionRefusal,
  type ExtractionStore,
} from '../../../subgraphs/lib/security';
import { deleteKeys, keysUnder, requireRedis, TEST_REDIS_URL, UNREACHABLE_REDIS_URL } from './support';

const limits = uniformLimits({ requestsPerWindow: 10, peoplePerDay: 10, employersPerDay: 10 });
const key = { organisation: 'org-clear-marker', subject: 'subject-clear-marker', purpose: Purpose.EMPLOYMENT_SERVICES };

describe('guard built from the environment', () => {
  const prefix = `lavoro-graph-test:${randomUUID()}:`;
  const guards: ExtractionGuard[] = [];
  const create = (env: NodeJS.ProcessEnv, onStoreError?: (error: Error) => void) => {
    const guard = createExtractionGuard({ scope: 'workers', env, onStoreError });
    guards.push(guard);
    return guard;
  };

  beforeAll(requireRedis);
  afterAll(async () => {
    await Promise.all(guards.map((g) => g.close()));
    await deleteKeys(prefix);
  });

  it('keeps counters in memory without REDIS_URL', () => {
    expect(create({}).store.kind).toBe('memory');
  });

  it('shares counters through REDIS_URL between two processes', async () => {
    const env = { REDIS_URL: TEST_REDIS_URL, REDIS_KEY_PREFIX: prefix, RATE_LIMIT_PER_MINUTE: '1', DAILY_PEOPLE_BUDGET: '1' };
    const [one, two] = [create(env), create(env)];
    expect(one.store.kind).toBe('redis');
    expect((await one.checkRequest(key)).ok).toBe(true);
    expect((await two.checkRequest(key)).ok).toBe(false);
    expect((await one.admit(key, ['person-a'], [])).ok).toBe(true);
    expect((await two.admit(key, ['person-b'], [])).ok).toBe(false);
    expect((await keysUnder(prefix)).length).toBeGreaterThan(0);
  });

  it('counts requests per process scope, with the multiplier, but shares the daily budget across scopes', async () => {
    const env = { REDIS_URL: TEST_REDIS_URL, REDIS_KEY_PREFIX: prefix, RATE_LIMIT_PER_MINUTE: '1', DAILY_PEOPLE_BUDGET: '2' };
    const other = { ...key, subject: 'operator-scopes' };
    const gateway = createExtractionGuard({ scope: 'gateway', env });
    const pacts = createExtractionGuard({ scope: 'pacts', env, rateMultiplier: 3 });
    guards.push(gateway, pacts);

    expect((await gateway.checkRequest(other)).ok).toBe(true);
    expect((await gateway.checkRequest(other)).ok).toBe(false);
    const inSubgraph = await Promise.all([1, 2, 3, 4].map(() => pacts.checkRequest(other)));
    expect(inSubgraph.map((r) => r.ok)).toEqual([true, true, true, false]);
    expect(inSubgraph[3]).toMatchObject({ limit: 'REQUEST_RATE', max: 3 });

    expect((await gateway.admit(other, ['person-a', 'person-b'], [])).ok).toBe(true);
    expect(await pacts.admit(other, ['person-a'], [])).toMatchObject({ ok: true, newPeople: 0 });
    expect((await pacts.admit(other, ['person-c'], [])).ok).toBe(false);
  });

  it('fails closed when the configured Redis cannot be reached, naming the limiter and not the data', async () => {
    const errors: Error[] = [];
    const guard = create({ REDIS_URL: UNREACHABLE_REDIS_URL }, (error) => errors.push(error));
    const started = Date.now();

    const rate = (await guard.checkRequest(key)) as ExtractionRefusal;
    expect(rate).toMatchObject({ ok: false, limit: 'LIMITER_UNAVAILABLE', limiter: 'REQUEST_RATE', store: 'redis', retryAfterSeconds: 5 });
    const budget = (await guard.admit(key, ['person-clear-marker'], ['employer-clear-marker'])) as ExtractionRefusal;
    expect(budget).toMatchObject({ ok: false, limit: 'LIMITER_UNAVAILABLE', limiter: 'DAILY_BUDGET', store: 'redis' });
    expect(Date.now() - started).toBeLessThan(5000);

    const error = rateLimited(budget);
    expect(error.extensions).toMatchObject({ code: 'RATE_LIMITED', limit: 'LIMITER_UNAVAILABLE', limiter: 'DAILY_BUDGET' });
    expect(error.message).toMatch(/daily budget limiter is unavailable/);
    expect(JSON.stringify([rate, budget, error.toJSON()])).not.toContain('clear-marker');
    expect(errors).toHaveLength(1);
  });
});

describe('a store that fails or hangs', () => {
  const broken = (behaviour: 'throw' | 'hang'): ExtractionStore => {
    const fail = () => (behaviour === 'throw' ? Promise.reject(new Error('store is down')) : new Promise<never>(() => {}));
    return { kind: 'memory', consumeRequest: fail, admitSubjects: fail, countSubjects: fail, close: async () => {} };
  };

  it.each(['throw', 'hang'] as const)('refuses both checks when the store calls %s', async (behaviour) => {
    const guard = new ExtractionGuard({ limits, store: broken(behaviour), timeoutMs: 50 });
    expect(await guard.checkRequest(key)).toMatchObject({ ok: false, limit: 'LIMITER_UNAVAILABLE', limiter: 'REQUEST_RATE' });
    expect(await guard.admit(key, ['person-a'], [])).toMatchObject({ ok: false, limit: 'LIMITER_UNAVAILABLE', limiter: 'DAILY_BUDGET' });
    await expect(guard.usage(key)).rejects.toThrow();
  });

  it('does not need the store when a response releases nobody', async () => {
    const guard = new ExtractionGuard({ limits, store: broken('throw') });
    expect(await guard.admit(key, [], [''])).toEqual({ ok: true, newPeople: 0, newEmployers: 0 });
  });
});

describe('what the Redis store holds', () => {
  const prefix = `lavoro-graph-test:${randomUUID()}:`;
  let client: Redis;

  beforeAll(async () => {
    await requireRedis();
    client = new Redis(TEST_REDIS_URL, REDIS_CLIENT_OPTIONS);
  });
  afterAll(async () => {
    client.disconnect();
    await deleteKeys(prefix);
  });

  const guardWith = (secret: string | undefined, keyPrefix: string) =>
    new ExtractionGuard({ limits, store: new RedisExtractionStore(client), keyPrefix, secret, scope: 'gateway' });

  it('no organisation, user, person or employer in clear, only under its prefix, expiring', async () => {
    const guard = guardWith(undefined, prefix);
    await guard.checkRequest(key);
    await guard.admit(key, ['person-clear-marker'], ['employer-clear-marker']);

    const keys = await keysUnder(prefix);
    expect(keys).toHaveLength(3);
    const dump: string[] = [...keys];
    for (const k of keys) {
      if ((await client.type(k)) === 'set') dump.push(...(await client.smembers(k)));
      const ttl = await client.ttl(k);
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(k.includes(':rate:') ? 60 : 48 * 3600);
    }
    expect(dump.join('\n')).not.toContain('clear-marker');
    expect(keys.some((k) => k.startsWith(`${prefix}rate:gateway:EMPLOYMENT_SERVICES:`))).toBe(true);
    expect(keys.filter((k) => k.startsWith(`${prefix}budget:{`)).map((k) => k.split(':').pop()).sort()).toEqual(['employers', 'people']);
  });

  it('pseudonymises with the secret when one is configured', async () => {
    const members = async (secret: string | undefined, sub: string) => {
      const guard = guardWith(secret, `${prefix}${sub}:`);
      await guard.admit(key, ['person-a'], []);
      const [peopleKey] = (await keysUnder(`${prefix}${sub}:`)).filter((k) => k.endsWith(':people'));
      return client.smembers(peopleKey!);
    };
    const plain = await members(undefined, 'plain');
    const keyed = await members('k'.repeat(32), 'keyed');
    const otherKey = await members('o'.repeat(32), 'other');
    expect(plain).toHaveLength(1);
    expect(keyed).toHaveLength(1);
    expect(keyed).not.toEqual(plain);
    expect(otherKey).not.toEqual(keyed);
  });

  it('reloads its script after Redis forgets it', async () => {
    const guard = guardWith(undefined, `${prefix}flush:`);
    await guard.admit(key, ['person-a'], []);
    await client.script('FLUSH');
    expect(await guard.admit(key, ['person-b'], [])).toMatchObject({ ok: true, newPeople: 1, peopleUsed: 2 });
  });
});

describe('memory store housekeeping', () => {
  it('forgets the sets of past days', async () => {
    let now = Date.parse('2025-03-10T10:00:00+01:00');
    const store = new MemoryExtractionStore(() => now);
    const guard = new ExtractionGuard({ limits, store, clock: () => now });
    await guard.admit(key, ['person-a'], ['employer-a']);
    now += 3 * 86_400_000;
    await guard.admit(key, ['person-a'], []);
    expect((store as unknown as { sets: Map<string, unknown> }).sets.size).toBe(1);
  });
});
