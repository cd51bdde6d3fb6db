import { type EntityManager, type FilterQuery } from '@mikro-orm/core';
import { type AuditStore, tombstoneRecord, type TombstoneReason } from '../../lib/audit';
import { OutboxEvent } from '../../lib/outbox/outbox-event.entity';
import { NOTICE_TOPIC } from '../notification/cassa-edile-notification';
import { monthsBefore } from './retention.settings';

/** A month of a Cassa Edile's verification: `period` is `YYYY-MM`. */
export interface CassaPeriod {
  cassaCode: string;
  period: string;
}

/** What one purge deleted for one Cassa Edile, for one reason. */
export interface PurgeSummary {
  what: string;
  recipient: string;
  reason: TombstoneReason;
  count: number;
}

/** Events erased per tombstone at most. */
const BATCH = 500;

/** The fiscal code at `path` of a notification payload, when there is one. */
function codeAt(payload: Record<string, unknown>, key: 'worker' | 'employer'): string | null {
  const part = payload[key];
  if (part && typeof part === 'object' && typeof (part as { fiscalCode?: unknown }).fiscalCode === 'string') return (part as { fiscalCode: string }).fiscalCode;
  return null;
}

/**
 * Erases the payloads of the Cassa Edile notifications that are due (convention art. 3):
 * those of a month whose verification is closed (`closedPeriods`), and any received more
 * than `retentionMonths` ago whatever its verification. The event's id, times and delivery
 * state stay (the feed then shows it as erased). Each batch first leaves a `PURGE`
 * tombstone in the audit trail naming the people and employers concerned, then erases
 * exactly the events it names, so that nothing is deleted without its tombstone; a second
 * run finds nothing to do and writes nothing.
 */
export async function purgeNotificationPayloads(
  em: EntityManager,
  audit: AuditStore,
  options: { now: Date; retentionMonths: number; closedPeriods?: readonly CassaPeriod[] },
): Promise<PurgeSummary[]> {
  const limit = monthsBefore(options.now, options.retentionMonths);
  const reasons: { reason: TombstoneReason; where: FilterQuery<OutboxEvent> }[] = [];
  const closed = options.closedPeriods ?? [];
  if (closed.length > 0) {
    reasons.push({ reason: 'VERIFICATION_CLOSED', where: { $or: closed.map((p) => ({ recipient: p.cassaCode, period: p.period })) } });
  }
  reasons.push({ reason: 'RETENTION_LIMIT', where: { createdAt: { $lt: limit } } });
  const summaries: PurgeSummary[] = [];
  for (const { reason, where } of reasons) {
    for (;;) {
      const events = await em.fork().find(
        OutboxEvent,
        { $and: [{ topic: NOTICE_TOPIC, erasedAt: null }, where] },
        { orderBy: { recipient: 'asc', seq: 'asc' }, limit: BATCH },
      );
      if (events.length === 0) break;
      const byRecipient = new Map<string, OutboxEvent[]>();
      for (const event of events) byRecipient.set(event.recipient, [...(byRecipient.get(event.recipient) ?? []), event]);
      for (const [recipient, batch] of byRecipient) {
        const seqs = batch.map((event) => event.seq);
        await audit.append(
          tombstoneRecord({
            subgraph: 'companies',
            what: 'CASSA_EDILE_NOTIFICATION_PAYLOAD',
            reason,
            recipient,
            count: batch.length,
            reference: `seq=${seqs.join(',')}`,
            people: batch.map((event) => codeAt(event.payload, 'worker')).filter((code): code is string => code !== null),
            employers: batch.map((event) => codeAt(event.payload, 'employer')).filter((code): code is string => code !== null),
            at: options.now,
          }),
        );
        await em.fork().nativeUpdate(OutboxEvent, { seq: { $in: seqs }, erasedAt: null }, { payload: {}, erasedAt: options.now });
        const summary = summaries.find((s) => s.recipient === recipient && s.reason === reason);
        if (summary) summary.count += batch.length;
        else summaries.push({ what: 'CASSA_EDILE_NOTIFICATION_PAYLOAD', recipient, reason, count: batch.length });
      }
    }
  }
  return summaries;
}
