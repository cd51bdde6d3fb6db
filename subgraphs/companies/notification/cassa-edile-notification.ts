import { type EntityManager } from '@mikro-orm/core';
import { PostgreSqlPlatform } from '@mikro-orm/postgresql';
import { type Employer } from '../employer/employer.entity';
import { type MandatoryNotice } from '../mandatory-notice/mandatory-notice.entity';
import { legalDay } from '../../lib/dates';
import { OutboxEvent } from '../../lib/outbox/outbox-event.entity';
import { inRequestTransaction } from '../../lib/orm';

/** Topic of the events that carry a mandatory notice to a Cassa Edile (integrated mode). */
export const NOTICE_TOPIC = 'cassa-edile.notice';

/** Any constant key: the writers of outbox events take turns on it, so seq order is commit order. */
const OUTBOX_LOCK_KEY = 518_224_731;

/**
 * The Cassa Edile a notice goes to (integrated mode, convention art. 2): the one the
 * employer is registered with, when the employer is in the construction sector or the
 * filing asked for it explicitly; null otherwise.
 */
export function cassaEdileRecipient(employer: Employer, requested: boolean): string | null {
  if (!employer.cassaEdileCode) return null;
  return employer.construction || requested ? employer.cassaEdileCode : null;
}

/**
 * What a Cassa Edile receives of a notice: the firm, the worker's fiscal code and the
 * relationship's contract data, the data a regularity check needs (policy: not the
 * worker's domicile, citizenship or residence permit).
 */
export function noticePayload(notice: MandatoryNotice, employer: Employer): Record<string, unknown> {
  return {
    kind: 'MANDATORY_NOTICE',
    notice: {
      code: notice.code,
      type: notice.type,
      action: notice.action,
      correctsCode: notice.corrects?.code ?? null,
      sequence: notice.sequence,
      relationshipId: notice.relationship.id,
      contractType: notice.contractType,
      startDate: notice.startDate,
      endDate: notice.endDate ?? null,
      eventDate: notice.eventDate,
      trainingEndDate: notice.trainingEndDate ?? null,
      workingTime: notice.workingTime,
      weeklyHours: notice.weeklyHours ?? null,
      ccnl: notice.ccnl,
      qualification: notice.qualification,
      seasonal: notice.seasonal,
      transformationCode: notice.transformationCode ?? null,
      terminationCause: notice.terminationCause ?? null,
      filedAt: notice.filedAt.toISOString(),
      late: notice.late,
    },
    employer: { fiscalCode: employer.fiscalCode, name: employer.name, cassaEdileCode: employer.cassaEdileCode ?? null, atecoCode: employer.atecoCode, ccnl: employer.ccnl },
    worker: { fiscalCode: notice.workerFiscalCode },
  };
}

/**
 * Queues the notification of a notice in the entity manager's unit of work: it is written by
 * the same flush as the notice. Its period is the month the notice was filed: the Cassa's
 * verification of that month is the one it serves (see retention/).
 */
export function queueNoticeEvent(em: EntityManager, notice: MandatoryNotice, employer: Employer, recipient: string): OutboxEvent {
  return em.create(OutboxEvent, { topic: NOTICE_TOPIC, recipient, payload: noticePayload(notice, employer), period: legalDay(notice.filedAt).slice(0, 7) });
}

/**
 * Flushes in one transaction that, on PostgreSQL, first takes the outbox lock: writers of
 * events commit one after the other, so a reader of the feed never sees seq N+1 before N
 * (on SQLite writers are serialised anyway).
 */
export async function flushWithOutbox(em: EntityManager): Promise<void> {
  await inRequestTransaction(em, async () => {
    if (em.getPlatform() instanceof PostgreSqlPlatform) await em.getConnection().execute(`select pg_advisory_xact_lock(${OUTBOX_LOCK_KEY})`, [], 'all', em.getTransactionContext());
    await em.flush();
  });
}
