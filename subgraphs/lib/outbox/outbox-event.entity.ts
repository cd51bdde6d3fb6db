import { Entity, Enum, Index, type Opt, PrimaryKey, Property } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';

/** Where an outbox event stands on its way to the recipient's webhook. */
export enum OutboxStatus {
  /** Not delivered yet: due at `nextAttemptAt`. */
  PENDING = 'PENDING',
  /** The recipient answered 2xx. */
  DELIVERED = 'DELIVERED',
  /** Given up after the configured number of attempts (dead letter); still in the pull feed. */
  DEAD = 'DEAD',
}

/**
 * An event for another party, written in the same transaction as the change it reports
 * (transactional outbox): it exists if and only if the change was committed. A dispatcher
 * delivers it to the recipient's webhook; the recipient can also pull the feed in `seq`
 * order. `eventId` is the idempotency key a recipient deduplicates on.
 */
@Entity({ tableName: 'outbox_event' })
@Index({ properties: ['status', 'nextAttemptAt'] })
@Index({ properties: ['recipient', 'topic', 'seq'] })
@Index({ properties: ['topic', 'recipient', 'period'] })
export class OutboxEvent {
  /** Order of the feed; events are written under a lock, so commit order is seq order. */
  @PrimaryKey({ type: 'integer', autoincrement: true })
  seq!: Opt<number>;

  /** Unique id of the event: the recipient's idempotency key. */
  @Property({ type: 'uuid', unique: true })
  eventId: Opt<string> = randomUUID();

  /** What kind of event (`cassa-edile.notice`). */
  @Property({ type: 'string', length: 60 })
  topic!: string;

  /** Who it is for (a Cassa Edile's code). */
  @Property({ type: 'string', length: 20 })
  recipient!: string;

  /** The event's content, as delivered (JSON). */
  @Property({ type: 'json' })
  payload!: Record<string, unknown>;

  @Property({ type: 'datetime' })
  createdAt: Opt<Date> = new Date();

  @Enum({ items: () => OutboxStatus, type: 'string' })
  status: Opt<OutboxStatus> = OutboxStatus.PENDING;

  /** Delivery attempts made so far. */
  @Property({ type: 'integer' })
  attempts: Opt<number> = 0;

  /** When the next attempt is due (PENDING only). */
  @Property({ type: 'datetime' })
  nextAttemptAt: Opt<Date> = new Date();

  /** A dispatcher holds the event until then (so that two dispatchers do not both send it). */
  @Property({ type: 'datetime', nullable: true })
  lockedUntil?: Date | null;

  @Property({ type: 'datetime', nullable: true })
  deliveredAt?: Date | null;

  /**
   * The month (`YYYY-MM`, Italian calendar) of the change the event reports, for the
   * recipients whose retention goes by period (a Cassa Edile's monthly verification); null
   * for events that are not kept by period.
   */
  @Property({ type: 'string', length: 7, nullable: true })
  period?: string | null;

  /** When retention erased the payload (it is then `{}`); the event's id, times and delivery state stay as evidence. */
  @Property({ type: 'datetime', nullable: true })
  erasedAt?: Date | null;

  /** Why the last attempt failed: an HTTP status or an error code, never a payload value. */
  @Property({ type: 'string', length: 200, nullable: true })
  lastError?: string | null;
}
