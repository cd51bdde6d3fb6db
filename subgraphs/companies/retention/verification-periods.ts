import { type EntityManager } from '@mikro-orm/core';
import { CassaEdileVerification } from '../cassa-edile/anomaly.entity';
import { VerificationState } from '../cassa-edile/cassa-edile.codes';
import { type CassaPeriod, periodOf } from './purge';

/** The months whose verification each Cassa Edile closed, with when it closed. */
export async function closedVerificationPeriods(em: EntityManager): Promise<(CassaPeriod & { closedAt: Date })[]> {
  const closed = await em.fork().find(CassaEdileVerification, { state: VerificationState.CLOSED, closedAt: { $ne: null } }, { fields: ['cassaCode', 'year', 'month', 'closedAt'] });
  return closed.map((v) => ({ cassaCode: v.cassaCode, period: periodOf(v.year, v.month), closedAt: v.closedAt! }));
}
