import { env, readEnv } from '../../lib/config';
import { OutboxDispatcher } from '../../lib/outbox/dispatcher';
import { type BackgroundWork, type SubgraphModule } from '../../lib/subgraph';
import { NOTICE_TOPIC } from './cassa-edile-notification';
import { loadCassaEdileWebhooks } from './webhooks';

/**
 * The companies process's background work: pushes the Cassa Edile notifications of the
 * outbox to the registered webhooks (`CASSA_EDILE_WEBHOOKS_FILE`), signed, retried with
 * backoff, dead after `OUTBOX_MAX_ATTEMPTS` attempts (they stay in the pull feed). With no
 * webhook registered nothing is pushed and the feed is the only way.
 */
export const dispatchCassaEdileNotifications: NonNullable<SubgraphModule['background']> = ({ db, logger, production, env: source }): BackgroundWork | null => {
  const webhooks = loadCassaEdileWebhooks(source);
  const settings = readEnv(
    { OUTBOX_MAX_ATTEMPTS: env.positiveInt(8), OUTBOX_BASE_DELAY_MS: env.positiveInt(1000), OUTBOX_MAX_DELAY_MS: env.positiveInt(300_000), OUTBOX_TIMEOUT_MS: env.positiveInt(10_000) },
    source,
  );
  if (webhooks.length === 0) {
    logger.info({}, 'no Cassa Edile webhook registered: notifications wait in the pull feed');
    return null;
  }
  const byCode = new Map(webhooks.map((webhook) => [webhook.code, { url: webhook.url, secret: webhook.secret }]));
  const dispatcher = new OutboxDispatcher({
    orm: db.orm,
    endpointOf: (recipient, topic) => (topic === NOTICE_TOPIC ? (byCode.get(recipient) ?? null) : null),
    maxAttempts: settings.OUTBOX_MAX_ATTEMPTS,
    baseDelayMs: settings.OUTBOX_BASE_DELAY_MS,
    maxDelayMs: settings.OUTBOX_MAX_DELAY_MS,
    timeoutMs: settings.OUTBOX_TIMEOUT_MS,
    // Plain http only to a receiver on this machine, and never in production.
    leaseMs: Math.max(60_000, settings.OUTBOX_TIMEOUT_MS * 2),
    allowInsecureLoopback: !production,
    logger,
  });
  dispatcher.start();
  logger.info({ recipients: [...byCode.keys()] }, 'Cassa Edile notifications pushed to their webhooks');
  return { stop: () => dispatcher.stop() };
};
