import { type EntityManager, type MikroORM } from '@mikro-orm/core';
import { type SqlEntityManager } from '@mikro-orm/knex';
import { OutboxEvent, OutboxStatus } from './outbox-event.entity';
import { signEvent } from './signature';

/** Where a recipient's events go, and the secret they are signed with. */
export interface OutboxEndpoint {
  url: string;
  secret: string;
}

/** The part of a (pino) logger the dispatcher uses. It is only ever given ids, statuses and error codes. */
export interface OutboxLogger {
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

/** Options of {@link OutboxDispatcher}. */
export interface OutboxDispatcherOptions {
  /** Each run works on its own fork of `orm.em`. */
  orm: MikroORM;
  /**
   * The endpoint of a recipient for a topic; null while none is registered. The event then
   * waits `maxDelayMs` (registering an endpoint is not a matter of seconds), with lastError
   * NO_ENDPOINT, and the wait is not counted as an attempt: the recipient was not tried.
   */
  endpointOf: (recipient: string, topic: string) => OutboxEndpoint | null;
  /** Attempts before an event is given up (DEAD). Default 8. */
  maxAttempts?: number;
  /** Upper bound of the delay after the first failed attempt; doubles with each attempt. Default 1000 ms. */
  baseDelayMs?: number;
  /** Cap of the backoff. Default 300000 ms (5 minutes). */
  maxDelayMs?: number;
  /** Time allowed for one request, response headers included. Default 10000 ms. */
  timeoutMs?: number;
  /** Pause between two runs of the polling loop. Default 1000 ms. */
  intervalMs?: number;
  /** Events one run attempts at most. Default 20. */
  batchSize?: number;
  /** How long a claim holds an event; must exceed `timeoutMs`. Default 60000 ms. */
  leaseMs?: number;
  /** Accept `http://127.0.0.1` and `http://localhost` (tests, development); otherwise https only. Default false. */
  allowInsecureLoopback?: boolean;
  /** Default: the current time. */
  now?: () => Date;
  /** A number in [0, 1) for the backoff's jitter. Default `Math.random`. */
  random?: () => number;
  /** Default: the global `fetch`. */
  fetch?: typeof fetch;
  logger?: OutboxLogger;
}

/** What one run did: events delivered, attempts failed (the event waits for the next one), events given up. */
export interface OutboxRunResult {
  delivered: number;
  failed: number;
  dead: number;
}

/** Why an attempt failed, as stored in `lastError`: codes only, never a payload value or a response body. */
export type DeliveryError = `HTTP_${number}` | 'TIMEOUT' | 'CONNECTION_FAILED' | 'INSECURE_URL' | 'NO_ENDPOINT';

/**
 * Only heads of their line: an event is sent only when every earlier event of the same
 * recipient and topic is DELIVERED or DEAD. A line whose head is claimed, failing or
 * waiting for its backoff is blocked as a whole, in this process and in every other.
 */
const HEAD_OF_LINE = `not exists (select 1 from "outbox_event" as "p" where "p"."recipient" = "e"."recipient" and "p"."topic" = "e"."topic" and "p"."status" = '${OutboxStatus.PENDING}' and "p"."seq" < "e"."seq")`;

type Outcome = { delivered: true } | { delivered: false; error: DeliveryError; counted: boolean };

/**
 * Delivers outbox events to their recipients' webhooks, at least once: a signed POST of
 * the payload, retried with exponential backoff (full jitter) until a 2xx or `maxAttempts`.
 *
 * Several dispatchers (processes) may share one database. Each event is claimed with a
 * conditional update that sets a lease (`lockedUntil`) before it is sent, so that no two
 * dispatchers send it at the same time; a dispatcher that dies mid-send leaves a lease that
 * expires, and the event is sent again (the recipient deduplicates on `X-Event-Id`). The
 * outcome is written only while the writer still holds the lease it took.
 *
 * Order: the events of one recipient and topic go out one at a time, in seq order; a
 * failed event holds back the ones after it until it is delivered or given up.
 */
export class OutboxDispatcher {
  private readonly orm: MikroORM;
  private readonly endpointOf: OutboxDispatcherOptions['endpointOf'];
  private readonly maxAttempts: number;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly timeoutMs: number;
  private readonly intervalMs: number;
  private readonly batchSize: number;
  private readonly leaseMs: number;
  private readonly allowInsecureLoopback: boolean;
  private readonly now: () => Date;
  private readonly random: () => number;
  private readonly fetch: typeof fetch;
  private readonly logger: OutboxLogger | undefined;
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  private inFlight: Promise<unknown> | null = null;

  constructor(options: OutboxDispatcherOptions) {
    this.orm = options.orm;
    this.endpointOf = options.endpointOf;
    this.maxAttempts = options.maxAttempts ?? 8;
    this.baseDelayMs = options.baseDelayMs ?? 1000;
    this.maxDelayMs = options.maxDelayMs ?? 300_000;
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.intervalMs = options.intervalMs ?? 1000;
    this.batchSize = options.batchSize ?? 20;
    this.leaseMs = options.leaseMs ?? 60_000;
    this.allowInsecureLoopback = options.allowInsecureLoopback ?? false;
    this.now = options.now ?? (() => new Date());
    this.random = options.random ?? Math.random;
    this.fetch = options.fetch ?? fetch;
    this.logger = options.logger;
    if (!Number.isInteger(this.maxAttempts) || this.maxAttempts < 1) throw new RangeError('OutboxDispatcher: maxAttempts must be a positive integer');
    if (!Number.isInteger(this.batchSize) || this.batchSize < 1) throw new RangeError('OutboxDispatcher: batchSize must be a positive integer');
    // A lease that ran out mid-request would let another dispatcher send the event at the same time.
    if (!(this.leaseMs > this.timeoutMs)) throw new RangeError('OutboxDispatcher: leaseMs must be greater than timeoutMs');
  }

  /** Runs {@link runOnce} every `intervalMs` (at once again after a full batch) until {@link stop}. Errors go to the logger. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.schedule(0);
  }

  /** Stops the loop and waits for the run in progress, if any. */
  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.inFlight;
  }

  private schedule(delayMs: number): void {
    this.timer = setTimeout(() => {
      this.timer = null;
      const run = this.runOnce().then(
        (result) => result.delivered + result.failed + result.dead >= this.batchSize,
        (error: unknown) => {
          this.logger?.error({ error: errorCode(error) }, 'outbox dispatch run failed');
          return false;
        },
      );
      this.inFlight = run.then((busy) => {
        this.inFlight = null;
        if (this.running) this.schedule(busy ? 0 : this.intervalMs);
      });
    }, delayMs);
    this.timer.unref();
  }

  /**
   * One run: attempts up to `batchSize` due events, heads of their lines first; when one is
   * delivered, the next of its line becomes due in the same run. An event is attempted at
   * most once per run.
   */
  async runOnce(): Promise<OutboxRunResult> {
    const em = this.orm.em.fork();
    const result: OutboxRunResult = { delivered: 0, failed: 0, dead: 0 };
    const attempted: number[] = [];
    while (attempted.length < this.batchSize) {
      const due = await this.dueHeads(em, attempted, this.batchSize - attempted.length);
      if (due.length === 0) break;
      attempted.push(...due.map((e) => e.seq));
      // Heads of distinct lines: sending them together keeps order within each line.
      // All settle before a failure is thrown, so that stop() never returns with a send still going.
      const outcomes = await Promise.allSettled(due.map((event) => this.attempt(em, event)));
      for (const outcome of outcomes) {
        if (outcome.status === 'rejected') throw outcome.reason;
        if (outcome.value) result[outcome.value] += 1;
      }
    }
    return result;
  }

  /** Heads of their lines that are due and not claimed, oldest first, except those already attempted in this run. */
  private dueHeads(em: EntityManager, exclude: readonly number[], limit: number): Promise<OutboxEvent[]> {
    const now = this.now();
    return (em as SqlEntityManager)
      .createQueryBuilder(OutboxEvent, 'e')
      .where({
        status: OutboxStatus.PENDING,
        nextAttemptAt: { $lte: now },
        $or: [{ lockedUntil: null }, { lockedUntil: { $lt: now } }],
        ...(exclude.length > 0 ? { seq: { $nin: [...exclude] } } : {}),
      })
      .andWhere(HEAD_OF_LINE)
      .orderBy({ seq: 'asc' })
      .limit(limit)
      .getResultList();
  }

  /** Claims, sends and records one event; what became of it, or null when another dispatcher had it. */
  private async attempt(em: EntityManager, event: OutboxEvent): Promise<keyof OutboxRunResult | null> {
    const now = this.now();
    const lease = new Date(now.getTime() + this.leaseMs);
    const claimed = await em.nativeUpdate(
      OutboxEvent,
      {
        seq: event.seq,
        status: OutboxStatus.PENDING,
        nextAttemptAt: { $lte: now },
        $or: [{ lockedUntil: null }, { lockedUntil: { $lt: now } }],
      },
      { lockedUntil: lease },
    );
    if (claimed !== 1) return null;
    const outcome = await this.send(event);
    const { changes, kind } = this.outcomeChanges(event, outcome);
    // Only while the lease is ours: after it ran out, another dispatcher may have recorded a later outcome.
    const recorded = await em.nativeUpdate(OutboxEvent, { seq: event.seq, status: OutboxStatus.PENDING, lockedUntil: lease }, changes);
    if (recorded !== 1) {
      this.logger?.warn({ eventId: event.eventId, seq: event.seq, error: 'LEASE_LOST' }, 'outbox event outcome not recorded');
      return null;
    }
    if (kind !== 'delivered') {
      const log = { eventId: event.eventId, seq: event.seq, status: changes.status ?? OutboxStatus.PENDING, attempts: changes.attempts ?? event.attempts, error: changes.lastError };
      if (kind === 'dead') this.logger?.error(log, 'outbox event given up');
      else this.logger?.warn(log, 'outbox event delivery failed');
    }
    return kind;
  }

  /** The columns an outcome sets; every outcome releases the lease. */
  private outcomeChanges(event: OutboxEvent, outcome: Outcome): { changes: Partial<OutboxEvent>; kind: keyof OutboxRunResult } {
    const now = this.now();
    if (!outcome.delivered && !outcome.counted) {
      return { kind: 'failed', changes: { lastError: outcome.error, nextAttemptAt: new Date(now.getTime() + this.maxDelayMs), lockedUntil: null } };
    }
    const attempts = event.attempts + 1;
    if (outcome.delivered) {
      return { kind: 'delivered', changes: { status: OutboxStatus.DELIVERED, attempts, deliveredAt: now, lockedUntil: null, lastError: null } };
    }
    if (attempts >= this.maxAttempts) {
      return { kind: 'dead', changes: { status: OutboxStatus.DEAD, attempts, lastError: outcome.error, lockedUntil: null } };
    }
    return { kind: 'failed', changes: { attempts, lastError: outcome.error, nextAttemptAt: new Date(now.getTime() + this.backoffMs(attempts)), lockedUntil: null } };
  }

  /** Full jitter: anywhere in [0, min(max, base * 2^(attempts - 1))), so that failed events do not come back in step. */
  private backoffMs(attempts: number): number {
    return Math.floor(this.random() * Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** (attempts - 1)));
  }

  /** One signed POST of the payload. Redirects are not followed: they would take the payload to a URL nobody checked. */
  private async send(event: OutboxEvent): Promise<Outcome> {
    const endpoint = this.endpointOf(event.recipient, event.topic);
    if (!endpoint) return { delivered: false, error: 'NO_ENDPOINT', counted: false };
    if (!this.acceptable(endpoint.url)) return { delivered: false, error: 'INSECURE_URL', counted: true };
    const body = JSON.stringify(event.payload);
    const timestamp = Math.floor(this.now().getTime() / 1000);
    try {
      const response = await this.fetch(endpoint.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...signEvent({ secret: endpoint.secret, eventId: event.eventId, timestamp, body }) },
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      // The body is never read: nothing in it changes the outcome.
      await response.body?.cancel().catch(() => undefined);
      if (response.status >= 200 && response.status < 300) return { delivered: true };
      return { delivered: false, error: `HTTP_${response.status}`, counted: true };
    } catch (error) {
      const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
      return { delivered: false, error: timedOut ? 'TIMEOUT' : 'CONNECTION_FAILED', counted: true };
    }
  }

  /** https, or http to this machine when allowed. */
  private acceptable(url: string): boolean {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return false;
    }
    if (parsed.protocol === 'https:') return true;
    return this.allowInsecureLoopback && parsed.protocol === 'http:' && (parsed.hostname === '127.0.0.1' || parsed.hostname === 'localhost');
  }
}

/** An error's code or class name, never its message (which may quote SQL values). */
function errorCode(error: unknown): string {
  const { code, name } = (error ?? {}) as { code?: unknown; name?: unknown };
  if (typeof code === 'string') return code;
  return typeof name === 'string' ? name : 'UNKNOWN';
}

/** Where an event stands, by its id (for operators and tests); null when there is none. */
export async function deliveryStateOf(
  em: EntityManager,
  eventId: string,
): Promise<Pick<OutboxEvent, 'seq' | 'status' | 'attempts' | 'nextAttemptAt' | 'lockedUntil' | 'deliveredAt' | 'lastError'> | null> {
  const event = await em.fork().findOne(OutboxEvent, { eventId }, { disableIdentityMap: true });
  if (!event) return null;
  const { seq, status, attempts, nextAttemptAt, lockedUntil, deliveredAt, lastError } = event;
  return { seq, status, attempts, nextAttemptAt, lockedUntil, deliveredAt, lastError };
}
