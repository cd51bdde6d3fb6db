import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { companiesSubgraph } from '../../../subgraphs/companies';
import { Purpose, Role } from '../../../subgraphs/lib/identity';
import { initOrm, migrate, type Database } from '../../../subgraphs/lib/orm';
import { OutboxEvent, OutboxStatus } from '../../../subgraphs/lib/outbox/outbox-event.entity';
import { authHeaders, TEST_AUDIENCE, TEST_ISSUER, testKeys } from '../../utils/auth';
import { createTestDatabase, type TestDatabase, testPlatform } from '../../utils/database';
import { createAuditDatabase, type AuditTestDatabase } from '../audit/support';
import { freePort, gate, type Responder, TestReceiver } from '../outbox/receiver';
import { addEmployer, employerCode, FILE, type FiledNotice, hireInput, workerCode } from './fixtures';

// Issue 4: webhook delivery survives the companies subgraph's *process* going away. The
// real process (subgraphs/companies/main.ts, TypeScript compiled on the fly by SWC as the
// audit CLI tests do) files notices while the Cassa Edile's receiver is down, is stopped
// with SIGTERM (events stay PENDING), killed with SIGKILL while the receiver holds one of
// its requests (the lease stays with the dead process), and restarted on the same database;
// the receiver comes back answering 500 before 200. Every event is delivered, none is lost,
// and the receiver, which deduplicates on X-Event-Id, processes each once.
const ROOT = resolve(__dirname, '..', '..', '..');
const SWC_REGISTER = join(__dirname, '..', 'audit', 'swc-register.cjs');
const BUILDER = employerCode(91);
const CASSA_SECRET = 'c'.repeat(40);
const EVENTS_SECRET = 'e'.repeat(40);
const TIMEOUT_MS = 1500;
const LEASE_MS = 3000;
// Starting a process compiles the sources; a loaded 2-core machine may take a while.
const START_DEADLINE_MS = 90_000;
const DELIVERY_DEADLINE_MS = 90_000;

const FEED = '{ cassaEdileNotifications(first: 20) { nodes { eventId deliveryStatus attempts lastError } } }';

/** One run of the companies subgraph process. */
interface CompaniesProcess {
  child: ChildProcess;
  url: string;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

async function until(what: string, condition: () => boolean | Promise<boolean>, ms = DELIVERY_DEADLINE_MS): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`${what}: not met within ${ms / 1000} s`);
    await new Promise((done) => setTimeout(done, 100));
  }
}

describe(`Cassa Edile webhook delivery across restarts of the companies process, on ${testPlatform()}`, () => {
  let dir: string;
  let database: TestDatabase;
  let databaseUrl: string;
  let audit: AuditTestDatabase;
  let receiver: TestReceiver;
  let links: TestReceiver;
  let env: NodeJS.ProcessEnv;
  const running = new Set<CompaniesProcess>();
  /** The last lines the processes wrote, shown when one fails to start. */
  const output: string[] = [];

  async function start(): Promise<CompaniesProcess> {
    const port = await freePort();
    const child = spawn(process.execPath, ['-r', SWC_REGISTER, join(ROOT, 'subgraphs', 'companies', 'main.ts')], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, ...env, COMPANIES_PORT: String(port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const keep = (chunk: Buffer) => {
      output.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      output.splice(0, Math.max(0, output.length - 40));
    };
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
    const run: CompaniesProcess = {
      child,
      url: `http://127.0.0.1:${port}`,
      exit: once(child, 'exit').then(([code, signal]) => ({ code: code as number | null, signal: signal as NodeJS.Signals | null })),
    };
    running.add(run);
    void run.exit.then(() => running.delete(run));
    const ready = async () => {
      if (child.exitCode !== null || child.signalCode !== null) throw new Error(`the companies process exited before it was ready:\n${output.join('\n')}`);
      try {
        const response = await fetch(`${run.url}/readyz`, { signal: AbortSignal.timeout(2_000) });
        await response.body?.cancel();
        return response.ok;
      } catch {
        return false;
      }
    };
    await until('the companies process is ready', ready, START_DEADLINE_MS);
    return run;
  }

  async function stop(run: CompaniesProcess, signal: 'SIGTERM' | 'SIGKILL') {
    run.child.kill(signal);
    return run.exit;
  }

  async function post<D>(run: CompaniesProcess, query: string, variables: Record<string, unknown>, headers: Record<string, string>): Promise<D> {
    const response = await fetch(`${run.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data?: D; errors?: { message: string; extensions?: { code?: string } }[] };
    if (body.errors?.length || !body.data) throw new Error(`request failed (${response.status}): ${JSON.stringify(body.errors?.map((e) => e.extensions?.code ?? e.message))}`);
    return body.data;
  }

  /** Files a HIRE for the n-th synthetic worker as the construction employer, with a signed token. */
  async function fileNotice(run: CompaniesProcess, n: number): Promise<string> {
    const headers = await authHeaders({ role: Role.EMPLOYER, purposes: [Purpose.MANDATORY_NOTICE], employers: [BUILDER], territory: [], organisation: 'labour-consultant-test', subject: 'CONSULTANT-TEST-1' });
    const data = await post<{ fileMandatoryNotice: FiledNotice }>(run, FILE, { input: hireInput(BUILDER, workerCode(900 + n)) }, headers);
    return data.fileMandatoryNotice.code;
  }

  /** The Cassa Edile's pull feed, read through the process. */
  async function feed(run: CompaniesProcess) {
    const headers = await authHeaders({ role: Role.CASSA_EDILE, purposes: [Purpose.CASSA_EDILE_NOTIFICATION], organisation: 'MI00', subject: 'CASSA-TEST-1' });
    const data = await post<{ cassaEdileNotifications: { nodes: { eventId: string; deliveryStatus: string; attempts: number; lastError: string | null }[] } }>(run, FEED, {}, headers);
    return data.cassaEdileNotifications.nodes;
  }

  /** The outbox as stored, read directly while no process runs. */
  async function outbox(): Promise<OutboxEvent[]> {
    const db = await openDatabase();
    try {
      return await db.orm.em.fork().find(OutboxEvent, {}, { orderBy: { seq: 'asc' } });
    } finally {
      await db.orm.close();
    }
  }

  function openDatabase(): Promise<Database> {
    return initOrm({ entities: companiesSubgraph.entities, databaseUrl, migrations: companiesSubgraph.migrations });
  }

  /** Answers 200 (recording the id as acknowledged) unless `before` decides otherwise. */
  function acknowledging(acknowledged: Set<string>, before: Responder = () => 200): Responder {
    return async (delivery) => {
      const status = await before(delivery);
      if (status >= 200 && status < 300) acknowledged.add(delivery.eventId);
      return status;
    };
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'lg-restart-'));
    database = testPlatform() === 'sqlite' ? { url: `file:${join(dir, 'companies.db')}`, drop: async () => {} } : await createTestDatabase('companies_restart');
    databaseUrl = database.url;
    audit = await createAuditDatabase('companies_restart_audit', { file: true });
    const db = await openDatabase();
    try {
      await migrate(db);
      await addEmployer(db.orm.em.fork(), BUILDER, { atecoCode: '41.20.00', ccnl: '063', cassaEdileCode: 'MI00' });
    } finally {
      await db.orm.close();
    }
    receiver = new TestReceiver(await freePort(), CASSA_SECRET, () => new Date());
    links = new TestReceiver(await freePort(), EVENTS_SECRET, () => new Date());
    writeFileSync(join(dir, 'webhooks.json'), JSON.stringify([{ code: 'MI00', url: receiver.url, secret: CASSA_SECRET }]));
    writeFileSync(join(dir, 'public.pem'), (await testKeys()).publicPem);
    env = {
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      COMPANIES_DATABASE_URL: databaseUrl,
      AUDIT_DATABASE_URL: audit.url,
      AUTH_PUBLIC_KEY_PATH: join(dir, 'public.pem'),
      AUTH_ISSUER: TEST_ISSUER,
      AUTH_AUDIENCE: TEST_AUDIENCE,
      RATE_LIMIT_PER_MINUTE: '100000',
      CASSA_EDILE_WEBHOOKS_FILE: join(dir, 'webhooks.json'),
      WORKERS_EVENTS_URL: links.url,
      INTERNAL_EVENTS_SECRET: EVENTS_SECRET,
      // Attempts are not what this test is about: none may run out while the receiver is down.
      OUTBOX_MAX_ATTEMPTS: '1000',
      OUTBOX_BASE_DELAY_MS: '20',
      OUTBOX_MAX_DELAY_MS: '200',
      OUTBOX_TIMEOUT_MS: String(TIMEOUT_MS),
      OUTBOX_LEASE_MS: String(LEASE_MS),
    };
  });

  afterAll(async () => {
    await Promise.all([...running].map((run) => stop(run, 'SIGKILL')));
    await receiver?.close();
    await links?.close();
    await database?.drop();
    await audit?.drop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('delivers every notice once through a SIGTERM, a SIGKILL mid-delivery and a receiver that is down, slow, then failing', { timeout: 300_000 }, async () => {
    const filed: string[] = [];

    // 1. Receiver down: the first process files two notices and tries to send them.
    const first = await start();
    for (let n = 1; n <= 2; n += 1) filed.push(await fileNotice(first, n));
    await until('an attempt failed against the receiver that is down', async () => (await feed(first)).some((e) => e.lastError === 'CONNECTION_FAILED'));

    // 2. A graceful stop leaves the events PENDING and released (not lost, not held).
    expect(await stop(first, 'SIGTERM')).toEqual({ code: 0, signal: null });
    const afterTerm = await outbox();
    expect(afterTerm.filter((e) => e.topic === 'cassa-edile.notice')).toHaveLength(2);
    expect(afterTerm.every((e) => e.status === OutboxStatus.PENDING && e.lockedUntil == null)).toBe(true);

    // 3. A second process files one more; the receiver comes up slow: it answers nothing
    // until the process is killed, so the first request times out (OUTBOX_TIMEOUT_MS) and
    // the process is killed while its retry is held.
    const second = await start();
    filed.push(await fileNotice(second, 3));
    const held = gate<void>();
    let heldEventId: string | null = null;
    receiver.respond = async (delivery) => {
      if (delivery.previousHits > 0) heldEventId ??= delivery.eventId;
      await held.promise;
      return 200;
    };
    await receiver.listen();
    await until('the receiver holds a request of the second process', () => heldEventId !== null);
    const killedAt = Date.now();
    const hitsBeforeKill = receiver.hits.length;
    expect((await stop(second, 'SIGKILL')).signal).toBe('SIGKILL');
    held.resolve();
    await receiver.close();

    // The dead process's claim stays on the event until its lease (OUTBOX_LEASE_MS) runs out.
    const afterKill = await outbox();
    const killed = afterKill.find((e) => e.eventId === heldEventId)!;
    expect(killed).toMatchObject({ status: OutboxStatus.PENDING, lastError: 'TIMEOUT' });
    expect(killed.lockedUntil).not.toBeNull();
    expect(killed.lockedUntil!.getTime()).toBeLessThanOrEqual(killedAt + LEASE_MS);
    expect(afterKill.some((e) => e.status === OutboxStatus.DELIVERED && e.topic === 'cassa-edile.notice')).toBe(false);

    // 4. A third process, on the same database, files two more while the receiver is down;
    // the receiver comes back answering 500 twice before 200, and the workers link endpoint comes up.
    const third = await start();
    for (let n = 4; n <= 5; n += 1) filed.push(await fileNotice(third, n));
    const acknowledged = new Set<string>();
    const linksAcknowledged = new Set<string>();
    let failures = 0;
    let redeliveredAt: number | null = null;
    receiver.respond = acknowledging(acknowledged, (delivery) => {
      if (delivery.eventId === heldEventId) redeliveredAt ??= Date.now();
      return failures++ < 2 ? 500 : 200;
    });
    links.respond = acknowledging(linksAcknowledged);
    await receiver.listen();
    await links.listen();
    await until('every event acknowledged', () => acknowledged.size === filed.length && linksAcknowledged.size === filed.length);
    await until('the feed shows every notice DELIVERED', async () => (await feed(third)).every((e) => e.deliveryStatus === OutboxStatus.DELIVERED));
    expect(await stop(third, 'SIGTERM')).toEqual({ code: 0, signal: null });

    // Every notice has exactly one event of each topic, all DELIVERED, none DEAD.
    const events = await outbox();
    const notices = events.filter((e) => e.topic === 'cassa-edile.notice');
    const employmentLinks = events.filter((e) => e.topic === 'employment.link');
    expect(events).toHaveLength(2 * filed.length);
    expect(events.map((e) => e.status)).toEqual(Array(events.length).fill(OutboxStatus.DELIVERED));
    expect(notices.map((e) => (e.payload as { notice: { code: string } }).notice.code)).toEqual(filed);
    expect(employmentLinks).toHaveLength(filed.length);

    // The receivers processed each event id once, in order; every request was signed.
    expect(receiver.processed).toEqual(notices.map((e) => e.eventId));
    expect(links.processed).toEqual(employmentLinks.map((e) => e.eventId));
    expect([...receiver.hits, ...links.hits].every((hit) => hit.verified)).toBe(true);
    // The event the killed process was sending came again from the next one, and was acknowledged, not processed twice.
    const redelivered = receiver.hits.slice(hitsBeforeKill).filter((hit) => hit.eventId === heldEventId);
    expect(redelivered.length).toBeGreaterThanOrEqual(1);
    expect(redelivered.every((hit) => hit.previousHits >= 2)).toBe(true);
    expect(redeliveredAt!).toBeGreaterThanOrEqual(killed.lockedUntil!.getTime());

    const duplicates = receiver.hits.length - receiver.processed.length;
    console.info(
      `cassa-edile-process-restart (${testPlatform()}): ${receiver.hits.length} deliveries of ${receiver.processed.length} events, ` +
        `${duplicates} duplicates (${redelivered.length} of the event in flight at the SIGKILL), ${links.hits.length - links.processed.length} duplicate employment links`,
    );
  });
});
