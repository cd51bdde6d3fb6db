import { createHash } from 'node:crypto';
import { Redis } from 'ioredis';
import { RateLimiterRedis } from 'rate-limiter-flexible';
import {
  RateLimiterPool,
  type BudgetInput,
  type BudgetOutcome,
  type ExtractionStore,
  type RateOutcome,
} from './extraction-store';

/**
 * Check-then-add of the day's distinct subjects, atomic because Redis runs a script alone:
 * two processes admitting at once cannot both pass a budget that only one of them fits.
 * KEYS: people set, employer set. ARGV: max people, max employers, TTL seconds, number of
 * people, the people, then the employers. Returns {exceeded (0 none, 1 people, 2
 * employers), people used, new people, employers used, new employers}; used counts are
 * after the admission when admitted, before it when refused (then nothing was written).
 */
const ADMIT_SCRIPT = `
local maxPeople = tonumber(ARGV[1])
local maxEmployers = tonumber(ARGV[2])
local ttl = tonumber(ARGV[3])
local count = tonumber(ARGV[4])
local function fresh(key, first, last)
  local out = {}
  for i = first, last do
    if redis.call('SISMEMBER', key, ARGV[i]) == 0 then out[#out + 1] = ARGV[i] end
  end
  return out
end
local newPeople = fresh(KEYS[1], 5, 4 + count)
local newEmployers = fresh(KEYS[2], 5 + count, #ARGV)
local people = redis.call('SCARD', KEYS[1])
local employers = redis.call('SCARD', KEYS[2])
if #newPeople > 0 and people + #newPeople > maxPeople then
  return {1, people, #newPeople, employers, #newEmployers}
end
if #newEmployers > 0 and employers + #newEmployers > maxEmployers then
  return {2, people, #newPeople, employers, #newEmployers}
end
local function add(key, members)
  if #members == 0 then return end
  for i = 1, #members, 1000 do
    redis.call('SADD', key, unpack(members, i, math.min(i + 999, #members)))
  end
  redis.call('EXPIRE', key, ttl)
end
add(KEYS[1], newPeople)
add(KEYS[2], newEmployers)
return {0, people + #newPeople, #newPeople, employers + #newEmployers, #newEmployers}
`;
const ADMIT_SHA = createHash('sha1').update(ADMIT_SCRIPT).digest('hex');

/** Options of the ioredis client the guard creates from `REDIS_URL`. */
export const REDIS_CLIENT_OPTIONS = {
  // No connection at construction: a process starts (and its tests run) without Redis;
  // the first check connects.
  lazyConnect: true,
  // A command waiting for a connection fails after one reconnection attempt instead of
  // twenty, so an unreachable Redis refuses requests quickly rather than holding them.
  maxRetriesPerRequest: 1,
  connectTimeout: 2000,
} as const;

/** Creates the ioredis client for `REDIS_URL`. Connection errors are reported to `onError`, once per outage. */
export function createRedisClient(url: string, onError?: (error: Error) => void): Redis {
  const client = new Redis(url, REDIS_CLIENT_OPTIONS);
  let reported = false;
  // Without a listener ioredis prints every failed reconnection to the console.
  client.on('error', (error: Error) => {
    if (!reported) onError?.(error);
    reported = true;
  });
  client.on('ready', () => {
    reported = false;
  });
  return client;
}

/**
 * Counters shared by every process that uses the same Redis and key prefix: request-rate
 * windows via rate-limiter-flexible's RateLimiterRedis, the day's distinct subjects as
 * Redis sets written by one Lua script.
 */
export class RedisExtractionStore implements ExtractionStore {
  readonly kind = 'redis' as const;
  private readonly rates: RateLimiterPool;

  /** @param owned whether `close()` disconnects the client (true when the guard created it). */
  constructor(
    readonly client: Redis,
    private readonly owned = false,
  ) {
    this.rates = new RateLimiterPool((points, duration) => new RateLimiterRedis({ storeClient: client, points, duration, keyPrefix: '' }));
  }

  consumeRequest(key: string, max: number, windowSeconds: number): Promise<RateOutcome> {
    return this.rates.consume(key, max, windowSeconds);
  }

  async admitSubjects(input: BudgetInput): Promise<BudgetOutcome> {
    const args = [
      input.peopleKey,
      input.employersKey,
      String(input.maxPeople),
      String(input.maxEmployers),
      String(input.ttlSeconds),
      String(input.people.length),
      ...input.people,
      ...input.employers,
    ];
    let reply: unknown;
    try {
      reply = await this.client.evalsha(ADMIT_SHA, 2, ...args);
    } catch (error) {
      if (!(error instanceof Error) || !error.message.includes('NOSCRIPT')) throw error;
      reply = await this.client.eval(ADMIT_SCRIPT, 2, ...args);
    }
    const [exceeded, peopleUsed, newPeople, employersUsed, newEmployers] = (reply as number[]).map(Number) as [
      number,
      number,
      number,
      number,
      number,
    ];
    return {
      ...(exceeded === 1 ? { exceeded: 'PEOPLE' as const } : exceeded === 2 ? { exceeded: 'EMPLOYERS' as const } : {}),
      peopleUsed,
      employersUsed,
      newPeople,
      newEmployers,
    };
  }

  async countSubjects(peopleKey: string, employersKey: string): Promise<{ people: number; employers: number }> {
    const [people, employers] = await Promise.all([this.client.scard(peopleKey), this.client.scard(employersKey)]);
    return { people, employers };
  }

  async close(): Promise<void> {
    if (!this.owned) return;
    if (this.client.status !== 'ready') {
      // Never connected, or reconnecting: QUIT would wait for a connection.
      this.client.disconnect();
      return;
    }
    try {
      await this.client.quit();
    } catch {
      this.client.disconnect();
    }
  }
}
