import { type EntityManager } from '@mikro-orm/core';
import { type AuditStore } from '../../lib/audit';
import { purgeNotificationPayloads } from './notification-purge';
import { type PurgeSummary } from './purge';
import { closedVerificationPeriods } from './verification-periods';
import { purgeAnomalyEvidence, purgeReturnLines } from './verification-purge';

/**
 * Everything the companies subgraph holds for a Cassa Edile's verification, deleted once
 * due (convention art. 3): notification payloads, anomaly evidence and the worker lines
 * of the monthly returns, when the verification of their month closed and in any case
 * `retentionMonths` after receipt. Each deletion leaves its tombstone; idempotent.
 */
export async function purgeCassaEdileData(em: EntityManager, audit: AuditStore, options: { now: Date; retentionMonths: number }): Promise<PurgeSummary[]> {
  const closedPeriods = await closedVerificationPeriods(em);
  const settings = { ...options, closedPeriods };
  return [
    ...(await purgeNotificationPayloads(em, audit, settings)),
    ...(await purgeAnomalyEvidence(em, audit, settings)),
    ...(await purgeReturnLines(em, audit, settings)),
  ];
}
