import { type EntityManager } from '@mikro-orm/core';
import { z } from 'zod';
import { BadEventError } from '../../lib/subgraph';
import { ConvocationExclusionReplica } from './convocation-exclusion-replica.entity';

/** Topic of the pacts subgraph's events that keep the do-not-convene replica in sync (its `CONVOCATION_EXCLUSION_EVENTS`). */
export const CONVOCATION_EXCLUSION_TOPIC = 'convocation.exclusion';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

const exclusionEvent = z.object({
  exclusionId: z.string().uuid(),
  fiscalCode: z.string().min(11).max(16),
  // A code of the pacts subgraph's list; kept open so that a new code does not stop the sync.
  reason: z.string().regex(/^[A-Z0-9_]{1,40}$/),
  since: isoDate,
  endedOn: isoDate.nullable(),
  changedAt: z.string().datetime({ offset: true }),
});

/**
 * Applies one do-not-convene decision's state, as the pacts subgraph last wrote it, to the
 * replica: creates or updates its row (the decision's id is the key, so a repeated event
 * changes nothing). An event older than the row (by `changedAt`) arrived out of order and
 * is ignored; at the same instant, an end is kept over a start, since a decision only ever
 * goes from in force to ended.
 */
export async function applyConvocationExclusionEvent(em: EntityManager, payload: unknown): Promise<string> {
  const parsed = exclusionEvent.safeParse(payload);
  if (!parsed.success) throw new BadEventError(`not a convocation-exclusion event: ${parsed.error.issues.map((i) => i.path.join('.') || 'event').join(', ')}`);
  const event = parsed.data;
  if (event.endedOn != null && event.endedOn < event.since) throw new BadEventError('not a convocation-exclusion event: endedOn before since');
  const changedAt = new Date(event.changedAt);
  return em.transactional(async (tx) => {
    const existing = await tx.findOne(ConvocationExclusionReplica, { exclusionId: event.exclusionId });
    if (existing && isStale(existing, changedAt, event.endedOn)) return 'ignored: older than the replica';
    const data = { fiscalCode: event.fiscalCode, reason: event.reason, since: event.since, endedOn: event.endedOn, changedAt };
    if (existing) tx.assign(existing, data);
    else tx.create(ConvocationExclusionReplica, { exclusionId: event.exclusionId, ...data });
    await tx.flush();
    return existing ? 'updated' : 'created';
  });
}

function isStale(existing: ConvocationExclusionReplica, changedAt: Date, endedOn: string | null): boolean {
  const stored = existing.changedAt.getTime();
  if (changedAt.getTime() !== stored) return changedAt.getTime() < stored;
  return existing.endedOn != null && endedOn == null;
}
