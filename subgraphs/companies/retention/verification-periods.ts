import { type EntityManager } from '@mikro-orm/core';
import { type CassaPeriod } from './notification-purge';

/**
 * The months whose verification each Cassa Edile closed, with when it closed. Until the
 * regularity check records verifications there are none.
 */
export async function closedVerificationPeriods(em: EntityManager): Promise<(CassaPeriod & { closedAt: Date })[]> {
  void em;
  return [];
}
