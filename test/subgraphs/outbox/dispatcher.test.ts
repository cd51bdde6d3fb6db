import { type MikroORM } from '@mikro-orm/core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { initOrm } from '../../../subgraphs/lib/orm';
import {
  deliveryStateOf,
  OutboxDispatcher,
  type OutboxDispatcherOptions,
  OutboxEvent,
  OutboxStatus,
  signEvent,
  verifyEventSignature,
} from '../../../subgraphs/lib/outbox';
import { createTestDatabase, testPlatform } from '../../utils/database';
import { freePort, gate, startReceiver, TestReceiver } from './receiver';

const SECRET = 'outbox-test-secret';
const TOPIC = 'cassa-edile.notice';

/** A fresh database of the current platform; on SQLite a file, so that several ORMs (processes) share it. */
async function createOutboxDatabase(label: string): Promise<{ url: string; drop: () => Promise<void> }> {
  if (testPlatform() === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), `lg-${label}-`));
    return { url: `file:${join(dir, 'outbox.db')}`, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  return createTestDatabase(label);
}

/** An ORM on the outbox table, as a process of the graph opens one. */
async function openOrm(url: string): Promise<MikroORM> {
  const { orm, platform } = await initOrm({ entities: [OutboxEvent], databaseUrl: url, migrations: { sqlite: [], postgresql: [] } });
  if (platform === 'sqlite') {
    // Several connections write the same file, as several processes would.
    await orm.em.getConnection().execute('pragma journal_mode = wal');
    await orm.em.getConnection().execute('pragma busy_timeout = 5000');
  }
  return orm;
}

describe(`the outbox dispatcher, on ${testPlatform()}`, () => {
  let database: { url: string; drop: () => Promise<void> };
  let orm: MikroORM;
  let clock: Date;
  const now = () => clock;
  const advance = (ms: number) => {
    clock = new Date(clock.getTime() + ms);
  };
  let receiver: TestReceiver;
  const others: { close: () => Promise<unknown> }[] = [];

  beforeAll(async () => {
    database = await createOutboxDatabase('outbox_dispatcher');
    orm = await openOrm(database.url);
    await orm.getSchemaGenerator().createSchema();
  });
  afterAll(async () => {
    await orm.close(true);
    await database.drop();
  });
  beforeEach(async () => {
    await orm.em.fork().nativeDelete(OutboxEvent, {});
    clock = new Date(Math.floor(Date.now() / 1000) * 1000);
    receiver = await startReceiver(SECRET, now);
  });
  afterEach(async () => {
    await receiver.close();
    for (const other of others.splice(0)) await other.close();
  });

  /** Writes events as the outbox does, due now; returns them in seq order. */
  async function enqueue(...events: { recipient: string; payload: Record<string, unknown>; topic?: string }[]): Promise<OutboxEvent[]> {
    const em = orm.em.fork();
    const written = events.map((e) => em.create(OutboxEvent, { topic: e.topic ?? TOPIC, recipient: e.recipient, payload: e.payload, nextAttemptAt: clock }));
    await em.flush();
    return written;
  }

  function dispatcher(options: Partial<OutboxDispatcherOptions> = {}): OutboxDispatcher {
    return new OutboxDispatcher({
      orm,
      endpointOf: () => ({ url: receiver.url, secret: SECRET }),
      allowInsecureLoopback: true,
      now,
      random: () => 0.5,
      timeoutMs: 2000,
      leaseMs: 60_000,
      ...options,
    });
  }

  const stateOf = async (event: OutboxEvent) => (await deliveryStateOf(orm.em, event.eventId))!;

  it('signs with the shared secret and the time, and refuses a wrong secret, a changed body or a stale time', () => {
    const body = '{"notice":"N-1"}';
    const headers = signEvent({ secret: SECRET, eventId: 'e-1', timestamp: 1_800_000_000, body });
    expect(headers['X-Event-Id']).toBe('e-1');
    expect(headers['X-Event-Timestamp']).toBe('1800000000');
    expect(headers['X-Signature']).toMatch(/^sha256=[0-9a-f]{64}$/);
    const at = new Date(1_800_000_100 * 1000);
    expect(verifyEventSignature({ secret: SECRET, headers, body, now: at })).toBe(true);
    expect(verifyEventSignature({ secret: 'another-secret', headers, body, now: at })).toBe(false);
    expect(verifyEventSignature({ secret: SECRET, headers, body: '{"notice":"N-2"}', now: at })).toBe(false);
    expect(verifyEventSignature({ secret: SECRET, headers, body, now: new Date(1_800_000_301 * 1000) })).toBe(false);
    expect(verifyEventSignature({ secret: SECRET, headers, body, now: at, toleranceSeconds: 60 })).toBe(false);
    expect(verifyEventSignature({ secret: SECRET, headers: { ...headers, 'X-Signature': 'sha256=00' }, body, now: at })).toBe(false);
  });

  it('delivers an event once, signed, with its id, and marks it delivered', async () => {
    const [event] = await enqueue({ recipient: 'CE-0001', payload: { notice: 'N-1', amount: 3 } });
    const subject = dispatcher();
    expect(await subject.runOnce()).toEqual({ delivered: 1, failed: 0, dead: 0 });
    expect(await subject.runOnce()).toEqual({ delivered: 0, failed: 0, dead: 0 });

    expect(receiver.hits).toHaveLength(1);
    const [hit] = receiver.hits;
    expect(hit).toMatchObject({ eventId: event!.eventId, verified: true, contentType: 'application/json' });
    expect(JSON.parse(hit!.body)).toEqual({ notice: 'N-1', amount: 3 });
    expect(await stateOf(event!)).toMatchObject({ status: OutboxStatus.DELIVERED, attempts: 1, deliveredAt: clock, lockedUntil: null, lastError: null });
  });

  it('retries with jittered exponential backoff while the receiver is down, and delivers once it is up', async () => {
    await receiver.close();
    const down = new TestReceiver(await freePort(), SECRET, now);
    others.push(down);
    const [event] = await enqueue({ recipient: 'CE-0002', payload: { notice: 'N-2' } });
    const subject = dispatcher({ endpointOf: () => ({ url: down.url, secret: SECRET }), baseDelayMs: 1000, random: () => 0.75 });

    expect(await subject.runOnce()).toEqual({ delivered: 0, failed: 1, dead: 0 });
    let state = await stateOf(event!);
    expect(state).toMatchObject({ status: OutboxStatus.PENDING, attempts: 1, lastError: 'CONNECTION_FAILED', lockedUntil: null });
    expect(state.nextAttemptAt.getTime() - clock.getTime()).toBe(750); // 0.75 * min(max, 1000 * 2^0)

    advance(749);
    expect(await subject.runOnce()).toEqual({ delivered: 0, failed: 0, dead: 0 });
    advance(1);
    expect(await subject.runOnce()).toEqual({ delivered: 0, failed: 1, dead: 0 });
    state = await stateOf(event!);
    expect(state).toMatchObject({ attempts: 2, lastError: 'CONNECTION_FAILED' });
    const delay = state.nextAttemptAt.getTime() - clock.getTime();
    expect(delay).toBeGreaterThanOrEqual(0);
    expect(delay).toBeLessThan(2000); // below min(max, 1000 * 2^1)
    expect(delay).toBe(1500);

    await down.listen();
    advance(delay);
    expect(await subject.runOnce()).toEqual({ delivered: 1, failed: 0, dead: 0 });
    expect(down.processed).toEqual([event!.eventId]);
    expect(await stateOf(event!)).toMatchObject({ status: OutboxStatus.DELIVERED, attempts: 3, lastError: null });
  });

  it('counts a slow answer as a timeout and sends again; a receiver that honours the event id processes it once', async () => {
    const [event] = await enqueue({ recipient: 'CE-0003', payload: { notice: 'N-3' } });
    receiver.respond = async (delivery) => {
      if (delivery.previousHits === 0) await new Promise((resolve) => setTimeout(resolve, 300));
      return 200;
    };
    const subject = dispatcher({ timeoutMs: 100, leaseMs: 1000 });

    expect(await subject.runOnce()).toEqual({ delivered: 0, failed: 1, dead: 0 });
    expect(await stateOf(event!)).toMatchObject({ status: OutboxStatus.PENDING, attempts: 1, lastError: 'TIMEOUT', lockedUntil: null });
    advance(1000);
    expect(await subject.runOnce()).toEqual({ delivered: 1, failed: 0, dead: 0 });

    expect(receiver.hitsOf(event!.eventId)).toBe(2);
    expect(receiver.processed).toEqual([event!.eventId]);
    expect(await stateOf(event!)).toMatchObject({ status: OutboxStatus.DELIVERED, attempts: 2 });
  });

  it('delivers on the third attempt after two 500 answers', async () => {
    const [event] = await enqueue({ recipient: 'CE-0004', payload: { notice: 'N-4' } });
    receiver.respond = (delivery) => (delivery.previousHits < 2 ? 500 : 200);
    const subject = dispatcher({ random: () => 0 });

    expect(await subject.runOnce()).toEqual({ delivered: 0, failed: 1, dead: 0 });
    expect(await stateOf(event!)).toMatchObject({ attempts: 1, lastError: 'HTTP_500' });
    expect(await subject.runOnce()).toEqual({ delivered: 0, failed: 1, dead: 0 });
    expect(await subject.runOnce()).toEqual({ delivered: 1, failed: 0, dead: 0 });
    expect(await stateOf(event!)).toMatchObject({ status: OutboxStatus.DELIVERED, attempts: 3, lastError: null });
    expect(receiver.hitsOf(event!.eventId)).toBe(3);
  });

  it('gives an event up after maxAttempts failures, and the next event of its line goes out', async () => {
    const [first, second] = await enqueue({ recipient: 'CE-0005', payload: { notice: 'N-5' } }, { recipient: 'CE-0005', payload: { notice: 'N-6' } });
    receiver.respond = (delivery) => (delivery.eventId === first!.eventId ? 500 : 200);
    const subject = dispatcher({ random: () => 0, maxAttempts: 3 });

    expect(await subject.runOnce()).toEqual({ delivered: 0, failed: 1, dead: 0 });
    expect(await subject.runOnce()).toEqual({ delivered: 0, failed: 1, dead: 0 });
    expect(receiver.hitsOf(second!.eventId)).toBe(0);
    expect(await subject.runOnce()).toEqual({ delivered: 1, failed: 0, dead: 1 });
    expect(await stateOf(first!)).toMatchObject({ status: OutboxStatus.DEAD, attempts: 3, lastError: 'HTTP_500', lockedUntil: null });
    expect(await stateOf(second!)).toMatchObject({ status: OutboxStatus.DELIVERED });
    expect(await subject.runOnce()).toEqual({ delivered: 0, failed: 0, dead: 0 });
    expect(receiver.hitsOf(first!.eventId)).toBe(3);
  });

  it('sends the events of a recipient and topic in seq order: a failing event holds back the later ones, not other lines', async () => {
    const events = await enqueue(
      { recipient: 'CE-0006', payload: { n: 1 } },
      { recipient: 'CE-0007', payload: { n: 2 } },
      { recipient: 'CE-0006', payload: { n: 3 } },
      { recipient: 'CE-0006', payload: { n: 4 }, topic: 'cassa-edile.reminder' },
      { recipient: 'CE-0006', payload: { n: 5 } },
    );
    const [blocked, other, afterBlocked, otherTopic, last] = events;
    receiver.respond = (delivery) => (delivery.eventId === blocked!.eventId && delivery.previousHits === 0 ? 503 : 200);
    const subject = dispatcher({ random: () => 0.1 });

    expect(await subject.runOnce()).toEqual({ delivered: 2, failed: 1, dead: 0 });
    expect(receiver.processed.sort()).toEqual([blocked!.eventId, other!.eventId, otherTopic!.eventId].sort());
    expect(await stateOf(afterBlocked!)).toMatchObject({ status: OutboxStatus.PENDING, attempts: 0 });

    advance(100);
    expect(await subject.runOnce()).toEqual({ delivered: 3, failed: 0, dead: 0 });
    const line = receiver.hits.filter((h) => [blocked, afterBlocked, last].some((e) => e!.eventId === h.eventId)).map((h) => h.eventId);
    expect(line).toEqual([blocked!.eventId, blocked!.eventId, afterBlocked!.eventId, last!.eventId]);
  });

  it('refuses plain http to another host, and to this host unless allowed, as a failed attempt that sends nothing', async () => {
    const [remote, loopback, secure] = await enqueue(
      { recipient: 'CE-0008', payload: { n: 1 } },
      { recipient: 'CE-0009', payload: { n: 2 } },
      { recipient: 'CE-0010', payload: { n: 3 } },
    );
    const urls: Record<string, string> = { 'CE-0008': 'http://hooks.example.test/outbox', 'CE-0009': receiver.url, 'CE-0010': 'https://hooks.example.test/outbox' };
    const sent: string[] = [];
    const fakeFetch: typeof fetch = async (input) => {
      sent.push(String(input));
      return new Response(null, { status: 204 });
    };
    const subject = dispatcher({ endpointOf: (recipient) => ({ url: urls[recipient]!, secret: SECRET }), allowInsecureLoopback: false, fetch: fakeFetch });

    expect(await subject.runOnce()).toEqual({ delivered: 1, failed: 2, dead: 0 });
    expect(sent).toEqual(['https://hooks.example.test/outbox']);
    for (const event of [remote!, loopback!]) {
      expect(await stateOf(event)).toMatchObject({ status: OutboxStatus.PENDING, attempts: 1, lastError: 'INSECURE_URL' });
    }
    expect(await stateOf(secure!)).toMatchObject({ status: OutboxStatus.DELIVERED });

    advance(60_000);
    const loopbackOnly = dispatcher({ endpointOf: (recipient) => ({ url: urls[recipient]!, secret: SECRET }), allowInsecureLoopback: true });
    expect(await loopbackOnly.runOnce()).toEqual({ delivered: 1, failed: 1, dead: 0 });
    expect(receiver.processed).toEqual([loopback!.eventId]);
    expect(await stateOf(remote!)).toMatchObject({ attempts: 2, lastError: 'INSECURE_URL' });
  });

  it('leaves an event of a recipient without endpoint waiting, not counted as an attempt', async () => {
    const [event] = await enqueue({ recipient: 'CE-0011', payload: { n: 1 } });
    const subject = dispatcher({ endpointOf: () => null, maxDelayMs: 30_000 });
    expect(await subject.runOnce()).toEqual({ delivered: 0, failed: 1, dead: 0 });
    const state = await stateOf(event!);
    expect(state).toMatchObject({ status: OutboxStatus.PENDING, attempts: 0, lastError: 'NO_ENDPOINT', lockedUntil: null });
    expect(state.nextAttemptAt.getTime() - clock.getTime()).toBe(30_000);
  });

  it('loses nothing when a dispatcher dies mid-delivery: another one, in another process, sends again once the lease expires', async () => {
    const events = await enqueue(
      { recipient: 'CE-0012', payload: { n: 1 } },
      { recipient: 'CE-0012', payload: { n: 2 } },
      { recipient: 'CE-0013', payload: { n: 3 } },
      { recipient: 'CE-0013', payload: { n: 4 } },
    );
    const held = gate<void>();
    receiver.respond = async (delivery) => {
      if (delivery.previousHits === 0) await held.promise;
      return 200;
    };
    const ormA = await openOrm(database.url);
    const a = dispatcher({ orm: ormA, leaseMs: 60_000, timeoutMs: 5000 });
    const runA = a.runOnce();
    await vi.waitFor(() => expect(receiver.hits).toHaveLength(2));
    // The process dies: its connection goes while the receiver is still answering.
    await ormA.close(true);
    held.resolve();
    await expect(runA).rejects.toThrow();

    const ormB = await openOrm(database.url);
    others.push({ close: () => ormB.close(true) });
    const b = dispatcher({ orm: ormB });
    advance(30_000);
    expect(await b.runOnce()).toEqual({ delivered: 0, failed: 0, dead: 0 });
    advance(30_001);
    expect(await b.runOnce()).toEqual({ delivered: 4, failed: 0, dead: 0 });

    const ids = events.map((e) => e.eventId);
    expect([...receiver.processed].sort()).toEqual([...ids].sort());
    expect(ids.map((id) => receiver.hitsOf(id))).toEqual([2, 1, 2, 1]);
    for (const event of events) expect(await stateOf(event)).toMatchObject({ status: OutboxStatus.DELIVERED, attempts: 1 });
  });

  it('does not let a dispatcher whose lease ran out overwrite the claim of the one that took the event over', async () => {
    const [event] = await enqueue({ recipient: 'CE-0014', payload: { n: 1 } });
    const gates = [gate<number>(), gate<number>()];
    receiver.respond = (delivery) => gates[delivery.previousHits]!.promise;
    const warnings: object[] = [];
    const late = dispatcher({ leaseMs: 3000, timeoutMs: 2000, logger: { warn: (obj) => warnings.push(obj), error: () => undefined } });
    const lateRun = late.runOnce();
    await vi.waitFor(() => expect(receiver.hits).toHaveLength(1));

    advance(3001);
    const current = dispatcher({ leaseMs: 3000, timeoutMs: 2000 });
    const currentRun = current.runOnce();
    await vi.waitFor(() => expect(receiver.hits).toHaveLength(2));
    const lease = new Date(clock.getTime() + 3000);

    gates[0]!.resolve(500);
    expect(await lateRun).toEqual({ delivered: 0, failed: 0, dead: 0 });
    expect(warnings).toEqual([{ eventId: event!.eventId, seq: event!.seq, error: 'LEASE_LOST' }]);
    expect(await stateOf(event!)).toMatchObject({ status: OutboxStatus.PENDING, attempts: 0, lockedUntil: lease, lastError: null });

    gates[1]!.resolve(200);
    expect(await currentRun).toEqual({ delivered: 1, failed: 0, dead: 0 });
    expect(await stateOf(event!)).toMatchObject({ status: OutboxStatus.DELIVERED, attempts: 1 });
  });

  it('when two dispatchers pick the same due events at the same moment, each event is claimed and sent by one of them only', async () => {
    const events = await enqueue(...Array.from({ length: 20 }, (_, n) => ({ recipient: `CE-02${String(n).padStart(2, '0')}`, payload: { n } })));
    const ormB = await openOrm(database.url);
    others.push({ close: () => ormB.close(true) });
    // Both runs read the due events before either claims one: the claims race.
    const results = await Promise.all([dispatcher().runOnce(), dispatcher({ orm: ormB }).runOnce()]);

    expect(results[0]!.delivered + results[1]!.delivered).toBe(20);
    expect(receiver.hits).toHaveLength(20);
    expect(events.every((e) => receiver.hitsOf(e.eventId) === 1)).toBe(true);
  });

  it('with two dispatchers running at once, delivers 50 events, each exactly once and in order within its line', async () => {
    const events = await enqueue(...Array.from({ length: 50 }, (_, n) => ({ recipient: `CE-01${String(n % 5).padStart(2, '0')}`, payload: { n } })));
    receiver.respond = async () => {
      await new Promise((resolve) => setTimeout(resolve, Math.floor(Math.random() * 4)));
      return 200;
    };
    const sent = [0, 0];
    const counting = (i: number): typeof fetch => (input, init) => {
      sent[i] += 1;
      return fetch(input, init);
    };
    const ormB = await openOrm(database.url);
    others.push({ close: () => ormB.close(true) });
    const errors: unknown[] = [];
    const logger = { warn: () => undefined, error: (obj: object) => errors.push(obj) };
    const dispatchers = [
      dispatcher({ intervalMs: 5, batchSize: 7, fetch: counting(0), logger }),
      dispatcher({ orm: ormB, intervalMs: 5, batchSize: 7, fetch: counting(1), logger }),
    ];
    for (const d of dispatchers) d.start();
    await vi.waitFor(() => expect(receiver.processed).toHaveLength(50), { timeout: 20_000, interval: 20 });
    await Promise.all(dispatchers.map((d) => d.stop()));

    expect(errors).toEqual([]);
    expect(sent[0]! + sent[1]!).toBe(50);
    expect(receiver.hits).toHaveLength(50);
    expect(receiver.maxConcurrentPerEvent).toBe(1);
    expect(events.every((e) => receiver.hitsOf(e.eventId) === 1)).toBe(true);
    for (let line = 0; line < 5; line += 1) {
      const expected = events.filter((_, n) => n % 5 === line).map((e) => e.eventId);
      expect(receiver.hits.map((h) => h.eventId).filter((id) => expected.includes(id))).toEqual(expected);
    }
    const pending = await orm.em.fork().count(OutboxEvent, { status: { $ne: OutboxStatus.DELIVERED } });
    expect(pending).toBe(0);
  });
});
