import { type EntityManager, type FilterQuery } from '@mikro-orm/core';
import { type AuditStore } from '../../lib/audit';
import { OutboxEvent } from '../../lib/outbox/outbox-event.entity';
import { NOTICE_TOPIC } from '../notification/cassa-edile-notification';
import { type CassaPeriod, purgeDue, type PurgeSummary } from './purge';
import { monthsBefore } from '../../lib/retention';

export { type CassaPeriod, type PurgeSummary } from './purge';

/** The fiscal code under `key` of a notification payload, when there is one. */
function codeAt(payload: Record<string, unknown>, key: 'worker' | 'employer'): string | null {
  const part = payload[key];
  if (part && typeof part === 'object' && typeof (part as { fiscalCode?: unknown }).fiscalCode === 'string') return (part as { fiscalCode: string }).fiscalCode;
  return null;
}

/**
 * Erases the payloads of the Cassa Edile notifications that are due (convention art. 3):
 * those of a month whose verification is closed (`closedPeriods`), and any received more
 * than `retentionMonths` ago whatever its verification. The event's id, times and delivery
 * state stay (the feed then shows it as erased). Tombstones first, see {@link purgeDue}.
 */
export async function purgeNotificationPayloads(
  em: EntityManager,
  audit: AuditStore,
  options: { now: Date; retentionMonths: number; closedPeriods?: readonly CassaPeriod[] },
): Promise<PurgeSummary[]> {
  const limit = monthsBefore(options.now, options.retentionMonths);
  const closed = options.closedPeriods ?? [];
  const reasons: { reason: 'VERIFICATION_CLOSED' | 'RETENTION_LIMIT'; where: FilterQuery<OutboxEvent> }[] = [];
  if (closed.length > 0) reasons.push({ reason: 'VERIFICATION_CLOSED', where: { $or: closed.map((p) => ({ recipient: p.cassaCode, period: p.period })) } });
  reasons.push({ reason: 'RETENTION_LIMIT', where: { createdAt: { $lt: limit } } });
  const summaries: PurgeSummary[] = [];
  for (const { reason, where } of reasons) {
    summaries.push(
      ...(await purgeDue<OutboxEvent>(audit, 'companies', options.now, {
        what: 'CASSA_EDILE_NOTIFICATION_PAYLOAD',
        reason,
        next: (batch) => em.fork().find(OutboxEvent, { $and: [{ topic: NOTICE_TOPIC, erasedAt: null }, where] }, { orderBy: { seq: 'asc' }, limit: batch }),
        recipientOf: (event) => event.recipient,
        keyOf: (event) => event.seq,
        peopleOf: (event) => [codeAt(event.payload, 'worker')],
        employersOf: (event) => [codeAt(event.payload, 'employer')],
        erase: async (seqs) => void (await em.fork().nativeUpdate(OutboxEvent, { seq: { $in: seqs as number[] }, erasedAt: null }, { payload: {}, erasedAt: options.now })),
      })),
    );
  }
  return summaries;
}
