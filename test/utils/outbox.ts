import { companiesSubgraph } from '../../subgraphs/companies';
import { subgraphModules } from '../../subgraphs';
import { createLogger } from '../../subgraphs/lib/logger';
import { eventsOriginVariable, type EventRecipient } from '../../subgraphs/lib/outbox/internal-events';
import { OutboxEvent, OutboxStatus } from '../../subgraphs/lib/outbox/outbox-event.entity';
import { TEST_EVENTS_SECRET, type TestGraph } from './graph';

const QUICK_RETRIES = { OUTBOX_BASE_DELAY_MS: '20', OUTBOX_MAX_DELAY_MS: '100' };

/**
 * Runs a subgraph's background work, as its process does, pointed at the other subgraphs of
 * the test graph, until no event of `topic` waits in its outbox (or 15 s pass), then stops it.
 */
export async function deliverEvents(graph: TestGraph, from: EventRecipient, topic: string): Promise<void> {
  const module = subgraphModules.find((m) => m.name === from);
  if (!module?.background) throw new Error(`The ${from} subgraph sends no events`);
  const origins = Object.fromEntries(
    Object.entries(graph.subgraphs).map(([name, subgraph]) => [eventsOriginVariable(name as EventRecipient), subgraph.url.replace(/\/graphql$/, '')]),
  );
  const background = module.background({
    db: graph.subgraphs[from]!.runtime.db,
    logger: createLogger(`${from}-test`, 'silent'),
    production: false,
    env: { ...origins, INTERNAL_EVENTS_SECRET: TEST_EVENTS_SECRET, ...QUICK_RETRIES },
  });
  if (!background) throw new Error(`The ${from} subgraph started no background work`);
  const em = () => graph.subgraphs[from]!.runtime.db.orm.em.fork();
  try {
    const deadline = Date.now() + 15_000;
    while ((await em().count(OutboxEvent, { topic, status: OutboxStatus.PENDING })) > 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  } finally {
    await background.stop();
  }
}

/**
 * Runs the companies process's background work, as its process does, until every
 * `employment.link` event of its outbox is delivered to the workers subgraph of the test
 * graph (or 15 s pass), then stops it.
 */
export async function deliverEmploymentLinks(graph: TestGraph): Promise<void> {
  const eventsUrl = `${graph.subgraphs.workers!.url.replace(/\/graphql$/, '')}/events/employment.link`;
  const background = companiesSubgraph.background!({
    db: graph.subgraphs.companies!.runtime.db,
    logger: createLogger('companies-test', 'silent'),
    production: false,
    env: { WORKERS_EVENTS_URL: eventsUrl, INTERNAL_EVENTS_SECRET: TEST_EVENTS_SECRET, ...QUICK_RETRIES },
  })!;
  const em = () => graph.subgraphs.companies!.runtime.db.orm.em.fork();
  try {
    const deadline = Date.now() + 15_000;
    while ((await em().count(OutboxEvent, { topic: 'employment.link', status: { $ne: OutboxStatus.DELIVERED } })) > 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  } finally {
    await background.stop();
  }
}
