import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { companiesSubgraph } from '../../../subgraphs/companies';
import { dispatchCassaEdileNotifications } from '../../../subgraphs/companies/notification/dispatch';
import { type CompaniesLoaders } from '../../../subgraphs/companies/loaders';
import { createLogger } from '../../../subgraphs/lib/logger';
import { OutboxEvent, OutboxStatus } from '../../../subgraphs/lib/outbox/outbox-event.entity';
import { type BackgroundWork } from '../../../subgraphs/lib/subgraph';
import { asCaller, callerAs } from '../../utils/callers';
import { createTestSubgraph, type TestSubgraph } from '../../utils/subgraph';
import { freePort, TestReceiver } from '../outbox/receiver';
import { addEmployer, asEmployer, employerCaller, employerCode, fileOk, hireInput, workerCode } from './fixtures';

// The companies subgraph's own background work, as its process runs it: notices filed
// through the graph reach the Cassa Edile's webhook signed, through a receiver that is
// down, then failing, and across a restart of the dispatcher; none lost, each processed once.
const BUILDER = employerCode(81);
const SECRET = 's'.repeat(40);

describe('Cassa Edile webhook delivery from the companies subgraph', () => {
  let graph: TestSubgraph<CompaniesLoaders>;
  let receiver: TestReceiver;
  let dir: string;
  let env: NodeJS.ProcessEnv;
  const logger = createLogger('companies-test', 'silent');
  const start = (): BackgroundWork => companiesSubgraph.background!({ db: graph.runtime.db, logger, production: false, env })!;
  const events = () => graph.em().find(OutboxEvent, { topic: 'cassa-edile.notice' }, { orderBy: { seq: 'asc' } });
  const until = async (condition: () => Promise<boolean>, ms = 15_000) => {
    const deadline = Date.now() + ms;
    while (!(await condition())) {
      if (Date.now() > deadline) throw new Error('condition not met in time');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };

  beforeAll(async () => {
    graph = await createTestSubgraph(companiesSubgraph, { caller: employerCaller(BUILDER) });
    await addEmployer(graph.em(), BUILDER, { atecoCode: '41.20.00', ccnl: '063', cassaEdileCode: 'MI00' });
    receiver = new TestReceiver(await freePort(), SECRET, () => new Date());
    dir = mkdtempSync(join(tmpdir(), 'hooks-'));
    writeFileSync(join(dir, 'webhooks.json'), JSON.stringify([{ code: 'MI00', url: receiver.url, secret: SECRET }]));
    env = { CASSA_EDILE_WEBHOOKS_FILE: join(dir, 'webhooks.json'), OUTBOX_BASE_DELAY_MS: '20', OUTBOX_MAX_DELAY_MS: '100', OUTBOX_TIMEOUT_MS: '2000' };
  });
  afterAll(async () => {
    await receiver.close();
    await graph.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('does not start without a registered webhook, and refuses a bad registry naming the variable', () => {
    // The dispatcher alone: the module's background also runs exports and retention.
    expect(dispatchCassaEdileNotifications({ db: graph.runtime.db, logger, production: false, env: {} })).toBeNull();
    expect(() => companiesSubgraph.background!({ db: graph.runtime.db, logger, production: false, env: { CASSA_EDILE_WEBHOOKS_FILE: join(dir, 'none.json') } })).toThrow(
      /CASSA_EDILE_WEBHOOKS_FILE/,
    );
  });

  it('takes the lease from OUTBOX_LEASE_MS, refusing one that does not exceed OUTBOX_TIMEOUT_MS', async () => {
    const lease = (value: string) => companiesSubgraph.background!({ db: graph.runtime.db, logger, production: false, env: { ...env, OUTBOX_LEASE_MS: value } });
    expect(() => lease('2000')).toThrow(/OUTBOX_LEASE_MS: must be greater than OUTBOX_TIMEOUT_MS/);
    expect(() => lease('soon')).toThrow(/OUTBOX_LEASE_MS/);
    await lease('2001')!.stop();
  });

  it('delivers every notice once, signed, through a receiver that is down, then failing, and a restart', async () => {
    // Receiver down: the first notices are filed and attempted while nothing listens.
    const first = start();
    const filed = [];
    for (let n = 0; n < 3; n += 1) filed.push(await fileOk(graph, hireInput(BUILDER, workerCode(81 + n)), asEmployer(BUILDER)));
    await until(async () => (await events()).some((e) => e.attempts > 0 && e.lastError === 'CONNECTION_FAILED'));
    // Restart in the middle: the dispatcher stops, more notices arrive, a new one takes over.
    await first.stop();
    for (let n = 3; n < 5; n += 1) filed.push(await fileOk(graph, hireInput(BUILDER, workerCode(81 + n)), asEmployer(BUILDER)));
    // The receiver comes up answering 500 twice before accepting.
    let failures = 0;
    receiver.respond = () => (failures++ < 2 ? 500 : 200);
    await receiver.listen();
    const second = start();
    try {
      await until(async () => (await events()).every((e) => e.status === OutboxStatus.DELIVERED));
    } finally {
      await second.stop();
    }
    const delivered = await events();
    expect(delivered).toHaveLength(5);
    expect(receiver.processed).toEqual(delivered.map((e) => e.eventId));
    expect(receiver.hits.every((hit) => hit.verified)).toBe(true);
    const codes = receiver.processed.map((id) => (JSON.parse(receiver.hits.find((h) => h.eventId === id)!.body) as { notice: { code: string } }).notice.code);
    expect(codes).toEqual(filed.map((notice) => notice.code));
    expect(delivered[0]!.attempts).toBeGreaterThanOrEqual(2);
    // The pull feed shows the delivery state.
    const feed = await graph.query<{ cassaEdileNotifications: { nodes: { deliveryStatus: string; deliveredAt: string | null }[] } }>(
      '{ cassaEdileNotifications(first: 10) { nodes { deliveryStatus deliveredAt } } }',
      {},
      asCaller(callerAs('CASSA_EDILE', 'CASSA_EDILE_NOTIFICATION', { organisation: 'MI00' })),
    );
    expect(feed.data!.cassaEdileNotifications.nodes.map((n) => n.deliveryStatus)).toEqual(Array(5).fill('DELIVERED'));
  });
});
