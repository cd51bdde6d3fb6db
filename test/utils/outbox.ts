import { companiesSubgraph } from '../../subgraphs/companies';
import { createLogger } from '../../subgraphs/lib/logger';
import { OutboxEvent, OutboxStatus } from '../../subgraphs/lib/outbox/outbox-event.entity';
import { TEST_EVENTS_SECRET, type TestGraph } from './graph';

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
    env: { WORKERS_EVENTS_URL: eventsUrl, INTERNAL_EVENTS_SECRET: TEST_EVENTS_SECRET, OUTBOX_BASE_DELAY_MS: '20', OUTBOX_MAX_DELAY_MS: '100' },
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
