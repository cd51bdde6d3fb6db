import { type AuditStore, tombstoneRecord, type TombstoneReason } from '../../lib/audit';

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

/** Items deleted under one tombstone at most. */
export const PURGE_BATCH = 500;

/**
 * One kind of item retention deletes, for one reason: how to find the next batch of due
 * items (those not deleted yet), whom each concerns, and how to delete exactly those.
 */
export interface DueItems<T> {
  /** Coded name of what is deleted (`CASSA_EDILE_NOTIFICATION_PAYLOAD`). */
  what: string;
  reason: TombstoneReason;
  /** The next due items, at most `limit`; deleted items are never due again. */
  next: (limit: number) => Promise<T[]>;
  recipientOf: (item: T) => string;
  keyOf: (item: T) => string | number;
  peopleOf: (item: T) => (string | null | undefined)[];
  employersOf: (item: T) => (string | null | undefined)[];
  /** Deletes (or erases) the items with these keys that are not deleted yet. */
  erase: (keys: (string | number)[]) => Promise<void>;
}

const present = (values: (string | null | undefined)[]): string[] => values.filter((value): value is string => typeof value === 'string' && value.length > 0);

/**
 * Deletes what is due in batches. Each batch, per recipient, first leaves a `PURGE`
 * tombstone in the audit trail (what, why, for whom, how many, which keys, and the people
 * and employers concerned), then deletes exactly the items it names: nothing is deleted
 * without its tombstone, and if the deletion fails the next run writes a new tombstone and
 * deletes them then. Items already deleted are never due again, so a second run does
 * nothing and writes nothing.
 */
export async function purgeDue<T>(audit: AuditStore, subgraph: string, at: Date, due: DueItems<T>): Promise<PurgeSummary[]> {
  const summaries = new Map<string, PurgeSummary>();
  for (;;) {
    const items = await due.next(PURGE_BATCH);
    if (items.length === 0) break;
    const byRecipient = new Map<string, T[]>();
    for (const item of items) byRecipient.set(due.recipientOf(item), [...(byRecipient.get(due.recipientOf(item)) ?? []), item]);
    for (const [recipient, batch] of byRecipient) {
      const keys = batch.map(due.keyOf);
      await audit.append(
        tombstoneRecord({
          subgraph,
          what: due.what,
          reason: due.reason,
          recipient,
          count: batch.length,
          reference: `keys=${keys.join(',')}`,
          people: present(batch.flatMap(due.peopleOf)),
          employers: present(batch.flatMap(due.employersOf)),
          at,
        }),
      );
      await due.erase(keys);
      const summary = summaries.get(recipient) ?? { what: due.what, recipient, reason: due.reason, count: 0 };
      summary.count += batch.length;
      summaries.set(recipient, summary);
    }
  }
  return [...summaries.values()];
}

/** `YYYY-MM` of a year and month. */
export const periodOf = (year: number, month: number): string => `${year}-${String(month).padStart(2, '0')}`;
