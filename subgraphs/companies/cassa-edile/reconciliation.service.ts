import { type FilterQuery } from '@mikro-orm/core';
import { today } from '../../lib/dates';
import { badUserInput, conflict } from '../../lib/errors';
import { type CompaniesContext } from '../context';
import { isConstructionCcnl } from '../employer/construction';
import { MandatoryNotice } from '../mandatory-notice/mandatory-notice.entity';
import { MandatoryNoticeState, NoticeAction } from '../mandatory-notice/notice.codes';
import { EmploymentRelationship, EmploymentStatus } from '../relationship/employment-relationship.entity';
import { CassaEdileAnomaly, CassaEdileAnomalyChange, CassaEdileVerification } from './anomaly.entity';
import { AnomalyState, monthEnd, monthStart, ReturnState, returnDueDate, SYSTEM_ACTOR, SYSTEM_REASON, VerificationState } from './cassa-edile.codes';
import { cassaOf, checkMonth } from './ingestion.service';
import { MonthlyReturn, MonthlyReturnLine } from './monthly-return.entity';
import { type DetectedAnomaly, detectAnomalies, type ElsewhereFacts, type FirmFacts, type RelationshipFacts } from './reconciliation.rules';
import { CassaEdileRegistration } from './registration.entity';

/** Outcome of one reconciliation run. */
export interface ReconciliationOutcome {
  verification: CassaEdileVerification;
  detected: number;
  created: number;
  reopened: number;
  resolved: number;
}

/** One anomaly per cause: rule, Cassa, employer, worker, year and month. */
export function fingerprintOf(cassa: string, year: number, month: number, anomaly: Pick<DetectedAnomaly, 'rule' | 'employer' | 'workerFiscalCode'>): string {
  return [anomaly.rule, cassa, anomaly.employer, anomaly.workerFiscalCode ?? '-', year, month].join('|');
}

/** Relationships active on some day of [start, end]: not annulled, started by the end, not ended before the start. */
function activeBetween(start: string, end: string) {
  return {
    recordedStatus: { $ne: EmploymentStatus.ANNULLED },
    startDate: { $lte: end },
    $and: [{ $or: [{ terminationDate: null }, { terminationDate: { $gte: start } }] }, { $or: [{ plannedEndDate: null }, { plannedEndDate: { $gte: start } }] }],
  } satisfies FilterQuery<EmploymentRelationship>;
}

/**
 * The reconciliation of the notices of the companies subgraph against a Cassa Edile's
 * monthly returns for one month. Reads set-based (a fixed number of queries per run,
 * whatever the number of firms, workers and lines), detects with the pure
 * {@link detectAnomalies}, and writes the differences in one flush.
 */
export class CassaEdileReconciliationService {
  constructor(private readonly ctx: CompaniesContext) {}

  async reconcile(year: number, month: number): Promise<ReconciliationOutcome> {
    const problems = checkMonth(year, month);
    if (problems.length) throw badUserInput(problems);
    const cassa = cassaOf(this.ctx, 'year');
    const { em } = this.ctx;
    const start = monthStart(year, month);
    const end = monthEnd(year, month);

    let verification = await em.findOne(CassaEdileVerification, { cassaCode: cassa, year, month });
    if (verification?.state === VerificationState.CLOSED) {
      throw conflict(`the verification of ${year}-${String(month).padStart(2, '0')} is closed: its data falls due for deletion and it cannot run again`, { state: verification.state });
    }

    if ((await em.count(MonthlyReturn, { cassaCode: cassa, year, month, linesErasedAt: { $ne: null } })) > 0) {
      throw conflict(`the returns of ${year}-${String(month).padStart(2, '0')} were deleted at the end of their retention: the month cannot be reconciled again`);
    }

    // The Cassa's registered firms in the month, under its row scope (own Cassa, construction employers).
    const registrationWhere = this.ctx.rows.restrict<CassaEdileRegistration>('CassaEdileRegistration', {
      cassaCode: cassa,
      registeredOn: { $lte: end },
      $or: [{ ceasedOn: null }, { ceasedOn: { $gte: start } }],
    });
    const registrations = registrationWhere ? await em.find(CassaEdileRegistration, registrationWhere, { populate: ['employer'] }) : [];
    const employers = registrations.map((r) => r.employer.fiscalCode);

    const returns = employers.length
      ? await em.find(MonthlyReturn, { cassaCode: cassa, year, month, state: ReturnState.ACQUIRED, employer: { $in: employers } })
      : [];
    const lines = returns.length ? await em.find(MonthlyReturnLine, { monthlyReturn: { $in: returns.map((r) => r.id) } }, { orderBy: { workerFiscalCode: 'asc' } }) : [];
    const relationships = employers.length
      ? await em.find(EmploymentRelationship, { employer: { $in: employers }, ...activeBetween(start, end) }, { orderBy: { startDate: 'asc', id: 'asc' } })
      : [];

    // Lines with no relationship at their own firm: the same codes at other employers (CE-06).
    const ownCodes = new Set(relationships.map((r) => `${r.employer.fiscalCode}|${r.workerFiscalCode}`));
    const returnOf = new Map(returns.map((r) => [r.id, r]));
    const strayCodes = [...new Set(lines.filter((l) => !ownCodes.has(`${returnOf.get(l.monthlyReturn.id)!.employer.fiscalCode}|${l.workerFiscalCode}`)).map((l) => l.workerFiscalCode))];
    const elsewhere = strayCodes.length
      ? await em.find(EmploymentRelationship, { workerFiscalCode: { $in: strayCodes }, employer: { $nin: employers }, ...activeBetween(start, end) }, { populate: ['employer'] })
      : [];

    const facts = await this.relationshipFacts([...relationships, ...elsewhere]);
    const firms: FirmFacts[] = registrations.map((registration) => {
      const employer = registration.employer.fiscalCode;
      const mut = returns.find((r) => r.employer.fiscalCode === employer) ?? null;
      return {
        employer,
        firmCode: registration.firmCode,
        atecoSection: registration.employer.atecoSection ?? null,
        monthlyReturn: mut && {
          sequence: mut.sequence,
          situation: mut.situation,
          lines: lines
            .filter((l) => l.monthlyReturn.id === mut.id)
            .map((l) => ({
              workerFiscalCode: l.workerFiscalCode,
              fiscalCodeOverride: l.fiscalCodeOverride,
              hireDate: l.hireDate ?? null,
              cessationDay: l.cessationDay ?? null,
              job: l.job ?? null,
              grade: l.grade ?? null,
              hoursWorked: l.hoursWorked,
              overtimeHours: l.overtimeHours,
              sicknessHours: l.sicknessHours,
              injuryHours: l.injuryHours,
              workableHours: l.workableHours,
            })),
        },
        relationships: relationships.filter((r) => r.employer.fiscalCode === employer).map((r) => facts.get(r.id)!),
      };
    });
    const detected = detectAnomalies(
      {
        year,
        month,
        today: today(),
        dueDate: returnDueDate(year, month),
        firms,
        elsewhere: elsewhere.map((r): ElsewhereFacts => ({ ...facts.get(r.id)!, employerConstruction: r.employer.construction })),
      },
      isConstructionCcnl,
    );
    return this.record(cassa, year, month, verification, detected);
  }

  /** Relationship facts, with the contract data of each relationship's latest notice in force (one query for all). */
  private async relationshipFacts(relationships: EmploymentRelationship[]): Promise<Map<string, RelationshipFacts>> {
    const notices = relationships.length
      ? await this.ctx.em.find(
          MandatoryNotice,
          { relationship: { $in: relationships.map((r) => r.id) }, state: MandatoryNoticeState.VALIDATED, action: { $ne: NoticeAction.ANNULMENT } },
          { orderBy: { sequence: 'asc' } },
        )
      : [];
    const facts = new Map<string, RelationshipFacts>();
    for (const r of relationships) {
      const own = notices.filter((n) => n.relationship.id === r.id);
      const latest = own[own.length - 1];
      facts.set(r.id, {
        id: r.id,
        employer: r.employer.fiscalCode,
        workerFiscalCode: r.workerFiscalCode,
        startDate: r.startDate,
        plannedEndDate: r.plannedEndDate ?? null,
        terminationDate: r.terminationDate ?? null,
        contractType: r.contractType,
        workingTime: r.workingTime,
        weeklyHours: r.weeklyHours ?? null,
        qualification: latest?.qualification ?? null,
        ccnl: latest?.ccnl ?? null,
        secondment: own.some((n) => n.transformationCode === 'DL'),
      });
    }
    return facts;
  }

  /**
   * Writes what changed since the last run, in one flush: new anomalies OPEN; OPEN ones
   * found again keep their id (evidence refreshed); reviewed ones are left as they are;
   * OPEN ones no longer found are RESOLVED (NOT_DETECTED_ON_RERUN), and those resolved so
   * reopen if their cause comes back.
   */
  private async record(cassa: string, year: number, month: number, found: CassaEdileVerification | null, detected: DetectedAnomaly[]): Promise<ReconciliationOutcome> {
    const { em } = this.ctx;
    const now = new Date();
    const verification = found ?? em.create(CassaEdileVerification, { cassaCode: cassa, year, month });
    const existing = found ? await em.find(CassaEdileAnomaly, { verification }) : [];
    const byFingerprint = new Map(existing.map((a) => [a.fingerprint, a]));
    const history = (anomaly: CassaEdileAnomaly, fromState: AnomalyState | null, toState: AnomalyState, reason: string | null) =>
      em.create(CassaEdileAnomalyChange, { anomaly, position: fromState === null ? 0 : anomaly.version, fromState, toState, changedBy: SYSTEM_ACTOR, organisation: cassa, reason, changedAt: now });
    const seen = new Set<string>();
    let created = 0;
    let reopened = 0;
    for (const d of detected) {
      const fingerprint = fingerprintOf(cassa, year, month, d);
      if (seen.has(fingerprint)) continue;
      seen.add(fingerprint);
      const anomaly = byFingerprint.get(fingerprint);
      if (!anomaly) {
        const raised = em.create(CassaEdileAnomaly, {
          fingerprint,
          verification,
          rule: d.rule,
          severity: d.severity,
          cassaCode: cassa,
          employer: d.employer,
          workerFiscalCode: d.workerFiscalCode,
          year,
          month,
          evidence: d.evidence,
          detectedAt: now,
          lastDetectedAt: now,
        });
        history(raised, null, AnomalyState.OPEN, null);
        created += 1;
        continue;
      }
      anomaly.lastDetectedAt = now;
      if (anomaly.state === AnomalyState.RESOLVED && anomaly.autoResolved) {
        history(anomaly, AnomalyState.RESOLVED, AnomalyState.OPEN, SYSTEM_REASON.DETECTED_AGAIN);
        Object.assign(anomaly, { state: AnomalyState.OPEN, autoResolved: false });
        reopened += 1;
      }
      // Only an OPEN anomaly follows the data; one under review keeps what the reviewer saw.
      if (anomaly.state === AnomalyState.OPEN && anomaly.evidenceErasedAt == null) {
        if (JSON.stringify(anomaly.evidence) !== JSON.stringify(d.evidence)) anomaly.evidence = d.evidence;
        if (anomaly.severity !== d.severity) anomaly.severity = d.severity;
      }
    }
    let resolved = 0;
    for (const anomaly of existing) {
      if (seen.has(anomaly.fingerprint) || anomaly.state !== AnomalyState.OPEN) continue;
      history(anomaly, AnomalyState.OPEN, AnomalyState.RESOLVED, SYSTEM_REASON.NOT_DETECTED);
      Object.assign(anomaly, { state: AnomalyState.RESOLVED, autoResolved: true });
      resolved += 1;
    }
    verification.runs += 1;
    verification.lastRunAt = now;
    await em.flush();
    return { verification, detected: seen.size, created, reopened, resolved };
  }
}
