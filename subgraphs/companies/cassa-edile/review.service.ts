import { OptimisticLockError } from '@mikro-orm/core';
import { badUserInput, conflict, notFound } from '../../lib/errors';
import { assertTransition } from '../../lib/state-machine';
import { checkReason } from '../../lib/validation';
import { type CompaniesContext } from '../context';
import { CassaEdileAnomaly, CassaEdileAnomalyChange, CassaEdileVerification } from './anomaly.entity';
import { ACTION_TARGET, REVIEW_TRANSITIONS, type ReviewAction, ReviewAction as Action, SETTLED_STATES, VerificationState } from './cassa-edile.codes';
import { cassaOf, checkMonth } from './ingestion.service';

/** The review workflow of anomalies and the closing of a month's verification. */
export class CassaEdileReviewService {
  constructor(private readonly ctx: CompaniesContext) {}

  /**
   * Moves an anomaly one step along the review machine. Checks come first and nothing is
   * written when one fails: an unknown anomaly (or one of another Cassa) is NOT_FOUND, a
   * dismissal without a reason BAD_USER_INPUT, an illegal step CONFLICT.
   */
  async review(id: string, action: ReviewAction, reason: string | null | undefined): Promise<CassaEdileAnomaly> {
    const problems = reason != null && reason !== '' ? checkReason('reason', reason) : action === Action.DISMISS ? [{ path: 'reason', message: 'is required to dismiss an anomaly' }] : [];
    if (problems.length) throw badUserInput(problems);
    const anomaly = await this.ctx.loaders.anomalyById.load(id);
    if (!anomaly) throw notFound('the anomaly');
    const target = ACTION_TARGET[action];
    assertTransition(REVIEW_TRANSITIONS, 'the anomaly', anomaly.state, target);
    const caller = this.ctx.caller!;
    this.ctx.em.create(CassaEdileAnomalyChange, {
      anomaly,
      position: anomaly.version,
      fromState: anomaly.state,
      toState: target,
      changedBy: caller.subject,
      organisation: caller.organisation,
      reason: reason?.trim() || null,
    });
    anomaly.state = target;
    if (action === Action.DISMISS) anomaly.dismissalReason = reason!.trim();
    try {
      await this.ctx.em.flush();
    } catch (error) {
      if (error instanceof OptimisticLockError) throw conflict('the anomaly was changed by another request at the same time; read it again');
      throw error;
    }
    return anomaly;
  }

  /** Closes the caller's verification of a month once every anomaly is dismissed or resolved. */
  async close(year: number, month: number): Promise<CassaEdileVerification> {
    const problems = checkMonth(year, month);
    if (problems.length) throw badUserInput(problems);
    const cassa = cassaOf(this.ctx, 'year');
    const { em } = this.ctx;
    const where = this.ctx.rows.restrict<CassaEdileVerification>('CassaEdileVerification', { cassaCode: cassa, year, month });
    const verification = where ? await em.findOne(CassaEdileVerification, where) : null;
    if (!verification) throw notFound(`the verification of ${year}-${String(month).padStart(2, '0')} (run reconcileCassaEdile first)`);
    if (verification.state === VerificationState.CLOSED) throw conflict('the verification is already closed', { state: verification.state });
    const unsettled = await em.count(CassaEdileAnomaly, { verification, state: { $nin: [...SETTLED_STATES] } });
    if (unsettled > 0) {
      throw conflict(`the verification cannot close: ${unsettled} anomal${unsettled === 1 ? 'y is' : 'ies are'} neither dismissed nor resolved`, { unsettled });
    }
    Object.assign(verification, { state: VerificationState.CLOSED, closedAt: new Date(), closedBy: this.ctx.caller!.subject });
    try {
      await em.flush();
    } catch (error) {
      if (error instanceof OptimisticLockError) throw conflict('a reconciliation of the month ran at the same time; check its anomalies and close again');
      throw error;
    }
    return verification;
  }
}
