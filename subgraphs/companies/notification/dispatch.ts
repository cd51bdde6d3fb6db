import { z } from 'zod';
import { readEnv } from '../../lib/config';
import { readOutboxSettings } from '../../lib/outbox/internal-events';
import { OutboxDispatcher } from '../../lib/outbox/dispatcher';
import { type BackgroundWork, type SubgraphModule } from '../../lib/subgraph';
import { EMPLOYMENT_LINK_TOPIC, WORKERS_RECIPIENT } from '../relationship/relationship.events';
import { NOTICE_TOPIC } from './cassa-edile-notification';
import { loadCassaEdileWebhooks } from './webhooks';

/**
 * The companies process's background work: pushes the outbox's events, signed, retried
 * with backoff, dead after `OUTBOX_MAX_ATTEMPTS` attempts: the Cassa Edile notifications to
 * the registered webhooks (`CASSA_EDILE_WEBHOOKS_FILE`; they also stay in the pull feed),
 * and the employment links to the workers subgraph (`WORKERS_EVENTS_URL`,
 * `INTERNAL_EVENTS_SECRET`). An event claimed by a process that died is sent again once its
 * lease (`OUTBOX_LEASE_MS`, default the larger of 60 s and twice `OUTBOX_TIMEOUT_MS`) runs out.
 */
export const dispatchCassaEdileNotifications: NonNullable<SubgraphModule['background']> = ({ db, logger, production, env: source }): BackgroundWork | null => {
  const webhooks = loadCassaEdileWebhooks(source);
  const settings = readOutboxSettings(source);
  const links = readEnv(
    {
      WORKERS_EVENTS_URL: z.string().url('must be a URL').optional(),
      INTERNAL_EVENTS_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    },
    source,
  );
  // The workers subgraph's employment links follow the relationships when both ends are configured.
  const workers = links.WORKERS_EVENTS_URL && links.INTERNAL_EVENTS_SECRET ? { url: links.WORKERS_EVENTS_URL, secret: links.INTERNAL_EVENTS_SECRET } : null;
  if (webhooks.length === 0) logger.info({}, 'no Cassa Edile webhook registered: notifications wait in the pull feed');
  if (!workers) logger.warn({}, 'WORKERS_EVENTS_URL or INTERNAL_EVENTS_SECRET not set: employment links are not sent to the workers subgraph');
  if (webhooks.length === 0 && !workers) return null;
  const byCode = new Map(webhooks.map((webhook) => [webhook.code, { url: webhook.url, secret: webhook.secret }]));
  const dispatcher = new OutboxDispatcher({
    orm: db.orm,
    endpointOf: (recipient, topic) =>
      topic === NOTICE_TOPIC ? (byCode.get(recipient) ?? null) : topic === EMPLOYMENT_LINK_TOPIC && recipient === WORKERS_RECIPIENT ? workers : null,
    ...settings,
    // Plain http only to a receiver on this machine, and never in production.
    allowInsecureLoopback: !production,
    logger,
  });
  dispatcher.start();
  logger.info({ recipients: [...byCode.keys()], workers: workers != null }, 'outbox dispatcher started');
  return { stop: () => dispatcher.stop() };
};
