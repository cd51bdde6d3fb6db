import { type MikroORM } from '@mikro-orm/core';
import { createServer, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../../subgraphs/lib/config';
import { createLogger } from '../../../subgraphs/lib/logger';
import { type Database, initOrm } from '../../../subgraphs/lib/orm';
import { OutboxEvent, OutboxStatus, verifyEventSignature } from '../../../subgraphs/lib/outbox';
import { internalEventDispatcher, queueInternalEvent, readOutboxSettings } from '../../../subgraphs/lib/outbox/internal-events';
import { createTestDatabase, testPlatform } from '../../utils/database';

const SECRET = 'internal-events-test-secret'.padEnd(40, '-');
const ROUTE = { topic: 'convocation.exclusion', recipient: 'referrals' } as const;

/** A subgraph's /events endpoint as far as the dispatcher can tell: the path and whether the signature holds. */
async function startEventsEndpoint(): Promise<{ origin: string; received: { path: string; verified: boolean }[]; close: () => Promise<void> }> {
  const received: { path: string; verified: boolean }[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      received.push({ path: req.url ?? '', verified: verifyEventSignature({ secret: SECRET, headers: req.headers, body }) });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"applied"}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { origin: `http://127.0.0.1:${port}`, received, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

describe(`events between subgraphs, on ${testPlatform()}`, () => {
  let database: { url: string; drop: () => Promise<void> };
  let orm: MikroORM;
  beforeAll(async () => {
    database = await createTestDatabase('internal_events');
    ({ orm } = await initOrm({ entities: [OutboxEvent], databaseUrl: database.url, migrations: { sqlite: [], postgresql: [] } }));
    await orm.getSchemaGenerator().createSchema();
  });
  afterAll(async () => {
    await orm?.close(true);
    await database?.drop();
  });
  const process = (env: NodeJS.ProcessEnv) => ({ db: { orm } as unknown as Database, logger: createLogger('events-test', 'silent'), production: false, env });

  it('delivers a routed event, signed, to <origin>/events/<topic>, and leaves an event of another topic waiting', async () => {
    const endpoint = await startEventsEndpoint();
    const em = orm.em.fork();
    const routed = queueInternalEvent(em, ROUTE, { n: 1 });
    const unrouted = queueInternalEvent(em, { topic: 'not.routed', recipient: 'referrals' }, { n: 2 });
    await em.flush();
    const work = internalEventDispatcher([ROUTE])(
      process({ INTERNAL_EVENTS_SECRET: SECRET, REFERRALS_EVENTS_ORIGIN: `${endpoint.origin}/`, OUTBOX_BASE_DELAY_MS: '20', OUTBOX_MAX_DELAY_MS: '100' }),
    )!;
    try {
      const deadline = Date.now() + 10_000;
      while (Date.now() < deadline && (await orm.em.fork().findOneOrFail(OutboxEvent, { seq: routed.seq })).status !== OutboxStatus.DELIVERED) {
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    } finally {
      await work.stop();
      await endpoint.close();
    }
    expect((await orm.em.fork().findOneOrFail(OutboxEvent, { seq: routed.seq })).status).toBe(OutboxStatus.DELIVERED);
    expect(endpoint.received).toEqual([{ path: '/events/convocation.exclusion', verified: true }]);
    const waiting = await orm.em.fork().findOneOrFail(OutboxEvent, { seq: unrouted.seq });
    expect(waiting).toMatchObject({ status: OutboxStatus.PENDING, attempts: 0, lastError: 'NO_ENDPOINT' });
  });

  it('starts nothing without a secret, and refuses a bad origin or a lease shorter than the timeout, naming the variable', () => {
    expect(internalEventDispatcher([ROUTE])(process({}))).toBeNull();
    expect(() => internalEventDispatcher([ROUTE])(process({ INTERNAL_EVENTS_SECRET: SECRET, REFERRALS_EVENTS_ORIGIN: 'not a url' }))).toThrow(/REFERRALS_EVENTS_ORIGIN/);
    expect(() => readOutboxSettings({ OUTBOX_TIMEOUT_MS: '5000', OUTBOX_LEASE_MS: '5000' })).toThrow(ConfigError);
    expect(readOutboxSettings({ OUTBOX_TIMEOUT_MS: '40000' }).leaseMs).toBe(80_000);
  });
});
