import { type EntityManager } from '@mikro-orm/core';
import { z } from 'zod';
import { ConfigError, env, readEnv } from '../config';
import { type BackgroundStarter } from '../subgraph';
import { OutboxDispatcher } from './dispatcher';
import { OutboxEvent } from './outbox-event.entity';

/** The subgraphs that take one another's events at `POST /events/<topic>`. */
export type EventRecipient = 'workers' | 'companies' | 'pacts' | 'referrals';

/** One kind of event a subgraph sends to another. */
export interface InternalEventRoute {
  topic: string;
  recipient: EventRecipient;
}

/** The settings every outbox dispatcher of a subgraph process reads (see {@link readOutboxSettings}). */
export interface OutboxSettings {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  timeoutMs: number;
  leaseMs: number;
}

/**
 * The variable holding a recipient subgraph's origin for events (`REFERRALS_EVENTS_ORIGIN`,
 * e.g. `http://127.0.0.1:4004`): its events go to `<origin>/events/<topic>`.
 */
export function eventsOriginVariable(recipient: EventRecipient): string {
  return `${recipient.toUpperCase()}_EVENTS_ORIGIN`;
}

/**
 * `OUTBOX_MAX_ATTEMPTS` (default 8), `OUTBOX_BASE_DELAY_MS` (1000), `OUTBOX_MAX_DELAY_MS`
 * (300000), `OUTBOX_TIMEOUT_MS` (10000) and `OUTBOX_LEASE_MS` (default the larger of 60 s and
 * twice the timeout; it must exceed the timeout, or a lease that ran out mid-request would let
 * another process send the event at the same time). Throws `ConfigError` naming the variable.
 */
export function readOutboxSettings(source: NodeJS.ProcessEnv): OutboxSettings {
  const settings = readEnv(
    {
      OUTBOX_MAX_ATTEMPTS: env.positiveInt(8),
      OUTBOX_BASE_DELAY_MS: env.positiveInt(1000),
      OUTBOX_MAX_DELAY_MS: env.positiveInt(300_000),
      OUTBOX_TIMEOUT_MS: env.positiveInt(10_000),
      OUTBOX_LEASE_MS: z.coerce.number().int().positive().optional(),
    },
    source,
  );
  const leaseMs = settings.OUTBOX_LEASE_MS ?? Math.max(60_000, settings.OUTBOX_TIMEOUT_MS * 2);
  if (leaseMs <= settings.OUTBOX_TIMEOUT_MS) throw new ConfigError([{ variable: 'OUTBOX_LEASE_MS', message: 'must be greater than OUTBOX_TIMEOUT_MS' }]);
  return {
    maxAttempts: settings.OUTBOX_MAX_ATTEMPTS,
    baseDelayMs: settings.OUTBOX_BASE_DELAY_MS,
    maxDelayMs: settings.OUTBOX_MAX_DELAY_MS,
    timeoutMs: settings.OUTBOX_TIMEOUT_MS,
    leaseMs,
  };
}

/**
 * Queues, in the caller's unit of work, an event for another subgraph: it is committed
 * with the change it reports, or not at all, and the dispatcher of
 * {@link internalEventDispatcher} delivers it. The recipient applies it idempotently.
 */
export function queueInternalEvent(em: EntityManager, route: InternalEventRoute, payload: Record<string, unknown>): OutboxEvent {
  return em.create(OutboxEvent, { topic: route.topic, recipient: route.recipient, payload });
}

/**
 * A subgraph process's background work that delivers its outbox's events for the other
 * subgraphs along `routes`, signed with `INTERNAL_EVENTS_SECRET`, to
 * `<RECIPIENT>_EVENTS_ORIGIN/events/<topic>`, retried with backoff (see
 * {@link readOutboxSettings}). A recipient with no origin configured is logged once; its
 * events wait in the outbox (not counted as attempts) until a process that knows it runs.
 * Null, with a warning, when the secret is not set: nothing can be signed.
 */
export function internalEventDispatcher(routes: readonly InternalEventRoute[]): BackgroundStarter {
  return ({ db, logger, production, env: source }) => {
    const settings = readOutboxSettings(source);
    const recipients = [...new Set(routes.map((route) => route.recipient))];
    const values = readEnv(
      {
        INTERNAL_EVENTS_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
        ...Object.fromEntries(recipients.map((recipient) => [eventsOriginVariable(recipient), z.string().url('must be a URL').optional()])),
      },
      source,
    ) as Record<string, string | undefined>;
    const secret = values.INTERNAL_EVENTS_SECRET;
    if (!secret) {
      logger.warn({ topics: routes.map((route) => route.topic) }, 'INTERNAL_EVENTS_SECRET not set: events for the other subgraphs wait in the outbox');
      return null;
    }
    const origins = new Map(recipients.map((recipient) => [recipient, values[eventsOriginVariable(recipient)]?.replace(/\/+$/, '')]));
    const missing = recipients.filter((recipient) => !origins.get(recipient));
    if (missing.length) logger.warn({ variables: missing.map(eventsOriginVariable) }, 'no events origin for these subgraphs: their events wait in the outbox');
    const routed = new Set(routes.map((route) => `${route.recipient} ${route.topic}`));
    const dispatcher = new OutboxDispatcher({
      orm: db.orm,
      endpointOf: (recipient, topic) => {
        const origin = origins.get(recipient as EventRecipient);
        return origin && routed.has(`${recipient} ${topic}`) ? { url: `${origin}/events/${topic}`, secret } : null;
      },
      ...settings,
      // Plain http only to a receiver on this machine, and never in production.
      allowInsecureLoopback: !production,
      logger,
    });
    dispatcher.start();
    logger.info({ routes: routes.map((route) => `${route.topic} -> ${route.recipient}`) }, 'internal events dispatcher started');
    return { stop: () => dispatcher.stop() };
  };
}
