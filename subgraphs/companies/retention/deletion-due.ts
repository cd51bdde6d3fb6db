import { type EntityManager, raw } from '@mikro-orm/core';
import { type SqlEntityManager } from '@mikro-orm/knex';
import { OutboxEvent, OutboxStatus } from '../../lib/outbox/outbox-event.entity';
import { NOTICE_TOPIC } from '../notification/cassa-edile-notification';
import { CassaEdileDeletionConfirmation } from './deletion-confirmation.entity';
import { monthsAfter, type RetentionSettings } from '../../lib/retention';

/** Why a Cassa Edile's confirmation of deletion is due. */
export enum DeletionDueReason {
  VERIFICATION_CLOSED = 'VERIFICATION_CLOSED',
  RETENTION_LIMIT = 'RETENTION_LIMIT',
}

/** When a Cassa Edile must have deleted one month of notifications, and whether it said it did. */
export interface ConfirmationDue {
  cassaCode: string;
  period: string;
  notifications: number;
  firstDeliveredAt: Date;
  dueSince: Date;
  reason: DeletionDueReason;
  confirmedAt: Date | null;
}

function instant(value: unknown): Date {
  if (value instanceof Date) return value;
  if (typeof value === 'number' || (typeof value === 'string' && /^\d+$/.test(value))) return new Date(Number(value));
  return new Date(String(value));
}

/** Key of a (Cassa, month) pair. */
export const periodKey = (cassaCode: string, period: string): string => `${cassaCode}\u0000${period}`;

/**
 * For every month of notifications delivered to a Cassa Edile, when its deletion is due:
 * `confirmationGraceDays` after the Cassa's verification of that month closed
 * (`closures`), and in any case `retentionMonths` after the first delivery, whichever comes
 * first; with the Cassa's confirmation when it gave one. One grouped query.
 */
export async function deletionDueDates(em: EntityManager, settings: RetentionSettings, closures: ReadonlyMap<string, Date> = new Map()): Promise<ConfirmationDue[]> {
  const sql = em as SqlEntityManager;
  const rows = (await sql
    .createQueryBuilder(OutboxEvent, 'e')
    .select(['e.recipient', 'e.period'])
    .addSelect(raw('count(*) as notifications'))
    .addSelect(raw('min(e.delivered_at) as first_delivered'))
    .where({ topic: NOTICE_TOPIC, status: OutboxStatus.DELIVERED, period: { $ne: null } })
    .groupBy(['e.recipient', 'e.period'])
    .execute('all', false)) as { recipient: string; period: string; notifications: number | string; first_delivered: unknown }[];
  const confirmations = new Map((await em.fork().find(CassaEdileDeletionConfirmation, {})).map((c) => [periodKey(c.cassaCode, c.period), c.confirmedAt]));
  return rows.map((row) => {
    const firstDeliveredAt = instant(row.first_delivered);
    const limit = monthsAfter(firstDeliveredAt, settings.retentionMonths);
    const closedAt = closures.get(periodKey(row.recipient, row.period));
    const afterClosure = closedAt ? new Date(closedAt.getTime() + settings.confirmationGraceDays * 86_400_000) : null;
    const byClosure = afterClosure !== null && afterClosure.getTime() < limit.getTime();
    return {
      cassaCode: row.recipient,
      period: row.period,
      notifications: Number(row.notifications),
      firstDeliveredAt,
      dueSince: byClosure ? afterClosure : limit,
      reason: byClosure ? DeletionDueReason.VERIFICATION_CLOSED : DeletionDueReason.RETENTION_LIMIT,
      confirmedAt: confirmations.get(periodKey(row.recipient, row.period)) ?? null,
    };
  });
}
