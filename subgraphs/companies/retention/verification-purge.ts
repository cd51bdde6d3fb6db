import { type EntityManager, type FilterQuery } from '@mikro-orm/core';
import { type AuditStore } from '../../lib/audit';
import { CassaEdileAnomaly } from '../cassa-edile/anomaly.entity';
import { MonthlyReturn, MonthlyReturnLine } from '../cassa-edile/monthly-return.entity';
import { purgeDue, type PurgeSummary } from './purge';
import { monthsBefore } from '../../lib/retention';
import { type CassaPeriod } from './purge';

type Reason = 'VERIFICATION_CLOSED' | 'RETENTION_LIMIT';

function monthsOf(closed: readonly CassaPeriod[]): { cassaCode: string; year: number; month: number }[] {
  return closed.map((p) => ({ cassaCode: p.cassaCode, year: Number(p.period.slice(0, 4)), month: Number(p.period.slice(5, 7)) }));
}

/**
 * Erases the evidence of the anomalies (the compared values of both sources) once due:
 * their month's verification closed, or `retentionMonths` passed since first detected. The
 * anomaly keeps its rule, severity, state, reason and history. Tombstones first (purgeDue).
 */
export async function purgeAnomalyEvidence(em: EntityManager, audit: AuditStore, options: { now: Date; retentionMonths: number; closedPeriods: readonly CassaPeriod[] }): Promise<PurgeSummary[]> {
  const reasons: { reason: Reason; where: FilterQuery<CassaEdileAnomaly> }[] = [];
  if (options.closedPeriods.length > 0) reasons.push({ reason: 'VERIFICATION_CLOSED', where: { $or: monthsOf(options.closedPeriods) } });
  reasons.push({ reason: 'RETENTION_LIMIT', where: { detectedAt: { $lt: monthsBefore(options.now, options.retentionMonths) } } });
  const summaries: PurgeSummary[] = [];
  for (const { reason, where } of reasons) {
    summaries.push(
      ...(await purgeDue<CassaEdileAnomaly>(audit, 'companies', options.now, {
        what: 'CASSA_EDILE_ANOMALY_EVIDENCE',
        reason,
        next: (batch) => em.fork().find(CassaEdileAnomaly, { $and: [{ evidenceErasedAt: null }, where] }, { orderBy: { id: 'asc' }, limit: batch }),
        recipientOf: (anomaly) => anomaly.cassaCode,
        keyOf: (anomaly) => anomaly.id,
        peopleOf: (anomaly) => [anomaly.workerFiscalCode],
        employersOf: (anomaly) => [anomaly.employer.fiscalCode],
        erase: async (ids) => void (await em.fork().nativeUpdate(CassaEdileAnomaly, { id: { $in: ids as string[] }, evidenceErasedAt: null }, { evidence: null, evidenceErasedAt: options.now })),
      })),
    );
  }
  return summaries;
}

/**
 * Deletes the worker lines of the monthly returns once due: their month's verification
 * closed, or `retentionMonths` passed since the return was received. The return itself
 * (firm, month, sequence, situation, state) stays, marked `linesErasedAt`, and its month
 * can no longer be reconciled. One tombstone per batch of returns, naming their workers.
 */
export async function purgeReturnLines(em: EntityManager, audit: AuditStore, options: { now: Date; retentionMonths: number; closedPeriods: readonly CassaPeriod[] }): Promise<PurgeSummary[]> {
  const reasons: { reason: Reason; where: FilterQuery<MonthlyReturn> }[] = [];
  if (options.closedPeriods.length > 0) reasons.push({ reason: 'VERIFICATION_CLOSED', where: { $or: monthsOf(options.closedPeriods) } });
  reasons.push({ reason: 'RETENTION_LIMIT', where: { receivedAt: { $lt: monthsBefore(options.now, options.retentionMonths) } } });
  const summaries: PurgeSummary[] = [];
  for (const { reason, where } of reasons) {
    const workers = new Map<string, string[]>();
    summaries.push(
      ...(await purgeDue<MonthlyReturn>(audit, 'companies', options.now, {
        what: 'CASSA_EDILE_MONTHLY_RETURN_LINES',
        reason,
        next: async (batch) => {
          const returns = await em.fork().find(MonthlyReturn, { $and: [{ linesErasedAt: null }, where] }, { orderBy: { id: 'asc' }, limit: Math.max(1, Math.floor(batch / 10)) });
          const lines = returns.length ? await em.fork().find(MonthlyReturnLine, { monthlyReturn: { $in: returns.map((r) => r.id) } }, { fields: ['monthlyReturn', 'workerFiscalCode'] }) : [];
          workers.clear();
          for (const line of lines) workers.set(line.monthlyReturn.id, [...(workers.get(line.monthlyReturn.id) ?? []), line.workerFiscalCode]);
          return returns;
        },
        recipientOf: (ret) => ret.cassaCode,
        keyOf: (ret) => ret.id,
        peopleOf: (ret) => workers.get(ret.id) ?? [],
        employersOf: (ret) => [ret.employer.fiscalCode],
        erase: async (ids) => {
          const fork = em.fork();
          await fork.transactional(async (tx) => {
            await tx.nativeDelete(MonthlyReturnLine, { monthlyReturn: { $in: ids as string[] } });
            await tx.nativeUpdate(MonthlyReturn, { id: { $in: ids as string[] }, linesErasedAt: null }, { linesErasedAt: options.now });
          });
        },
      })),
    );
  }
  return summaries;
}
