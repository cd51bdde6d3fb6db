import { registerEnumType } from 'type-graphql';
import { addDays, isRealDate } from '../../lib/dates';

/** Cassa Edile code: 4 capital letters or digits (MI00 Milano, BG00 Bergamo). */
export const CASSA_CODE = /^[A-Z0-9]{4}$/;
/** Firm code (codice impresa) at a Cassa Edile: 8 digits. */
export const FIRM_CODE = /^\d{8}$/;

/** State of a firm's registration with a Cassa Edile (domain.md §10.1). */
export enum RegistrationState {
  ACTIVE = 'ACTIVE',
  SUSPENDED = 'SUSPENDED',
  CEASED = 'CEASED',
}
registerEnumType(RegistrationState, {
  name: 'CassaEdileRegistrationState',
  description: 'State of a firm registration with a Cassa Edile (iscrizione).',
  valuesConfig: {
    ACTIVE: { description: 'Attiva: the firm files monthly returns.' },
    SUSPENDED: { description: 'Sospesa: activity suspended (sospensione), as the firm communicated.' },
    CEASED: { description: 'Cessata: the firm left the Cassa Edile (cessazione).' },
  },
});

/** Situation code of a monthly return (domain.md §10.2). */
export enum ReturnSituation {
  NORMAL = 'NORMAL',
  SUSPENDED = 'SUSPENDED',
  NO_EMPLOYEES = 'NO_EMPLOYEES',
}
registerEnumType(ReturnSituation, {
  name: 'MonthlyReturnSituation',
  description: 'Situation of the firm in a monthly return (situazione della denuncia MUT).',
  valuesConfig: {
    NORMAL: { description: 'Normal return with the workers of the month.' },
    SUSPENDED: { description: 'Code 3: suspension (sospensione) of the firm.' },
    NO_EMPLOYEES: { description: 'Code 5: no employees (senza dipendenti) in the month; the return has no lines.' },
  },
});

/** State of a stored monthly return (MutState, domain.md §13.4: only the states after acquisition are stored). */
export enum ReturnState {
  ACQUIRED = 'ACQUIRED',
  REPLACED = 'REPLACED',
}
registerEnumType(ReturnState, {
  name: 'MonthlyReturnState',
  description: 'State of a monthly return (stato MUT).',
  valuesConfig: {
    ACQUIRED: { description: 'Acquisita: the return in force for its firm and month.' },
    REPLACED: { description: 'Sostituita: replaced by a later sequence (denuncia sostitutiva).' },
  },
});

/** The anomalies of domain.md §11 that the reconciliation raises (CE-09 needs sites; CE-10 never goes to a Cassa Edile). */
export enum AnomalyRule {
  CE_01 = 'CE_01',
  CE_02 = 'CE_02',
  CE_03 = 'CE_03',
  CE_04 = 'CE_04',
  CE_05 = 'CE_05',
  CE_06 = 'CE_06',
  CE_07 = 'CE_07',
  CE_08 = 'CE_08',
}
registerEnumType(AnomalyRule, {
  name: 'CassaEdileAnomalyRule',
  description: 'Rule of the CO vs Cassa Edile reconciliation that raised an anomaly (domain.md §11).',
  valuesConfig: {
    CE_01: { description: 'CE-01: hired per CO at a registered construction firm, missing from its monthly return (after the grace period).' },
    CE_02: { description: 'CE-02: in the monthly return with hours, no CO relationship with that employer in the month.' },
    CE_03: { description: 'CE-03: hire date or cessation day of the return differs from the CO.' },
    CE_04: { description: 'CE-04: hours of the return inconsistent with the CO working time.' },
    CE_05: { description: 'CE-05: contract of the CO not fit for a construction worker on the return, or a non-construction CCNL at an ATECO F firm.' },
    CE_06: { description: 'CE-06: in the return of this firm while the CO employer is another one.' },
    CE_07: { description: 'CE-07: identity mismatch: provisional numeric vs alphanumeric fiscal code, omocodic variant, or an override flag F.' },
    CE_08: { description: 'CE-08: a "no employees" return (code 5) while the CO shows relationships in the month.' },
  },
});

/** Severity of an anomaly. */
export enum AnomalySeverity {
  LOW = 'LOW',
  MEDIUM = 'MEDIUM',
  HIGH = 'HIGH',
}
registerEnumType(AnomalySeverity, {
  name: 'AnomalySeverity',
  description: 'How much an anomaly weighs on the regularity of the firm (see the table in the reconcileCassaEdile description).',
  valuesConfig: {
    LOW: { description: 'Probably a clerical difference or explained (secondment, agency work).' },
    MEDIUM: { description: 'An inconsistency to check with the firm.' },
    HIGH: { description: 'Possible undeclared work or missing contributions.' },
  },
});

/**
 * Severity per rule; the variants say when a rule deviates from its default. The one
 * place the table lives: detection reads it, the schema description prints it.
 */
export const SEVERITY: Readonly<Record<AnomalyRule, { default: AnomalySeverity; variants?: Readonly<Record<string, AnomalySeverity>> }>> = {
  CE_01: { default: AnomalySeverity.HIGH },
  CE_02: { default: AnomalySeverity.HIGH },
  CE_03: { default: AnomalySeverity.LOW },
  CE_04: { default: AnomalySeverity.MEDIUM },
  CE_05: { default: AnomalySeverity.MEDIUM, variants: { UNSUITABLE_CONTRACT: AnomalySeverity.HIGH } },
  CE_06: { default: AnomalySeverity.MEDIUM, variants: { SECONDMENT: AnomalySeverity.LOW, AGENCY_WORK: AnomalySeverity.LOW } },
  CE_07: { default: AnomalySeverity.LOW },
  CE_08: { default: AnomalySeverity.HIGH },
};

/** The severity of `rule`, or of its `variant` when the table names one. */
export function severityOf(rule: AnomalyRule, variant?: string): AnomalySeverity {
  const entry = SEVERITY[rule];
  return (variant !== undefined ? entry.variants?.[variant] : undefined) ?? entry.default;
}

/** The severity table as text, for descriptions. */
export function severityTable(): string {
  return Object.entries(SEVERITY)
    .map(([rule, entry]) => {
      const variants = Object.entries(entry.variants ?? {}).map(([name, severity]) => `${severity} if ${name}`);
      return `${rule.replace('_', '-')} ${entry.default}${variants.length ? ` (${variants.join(', ')})` : ''}`;
    })
    .join('; ');
}

/** Review state of an anomaly (AnomalyState, domain.md §11; REFERRED is left out). */
export enum AnomalyState {
  OPEN = 'OPEN',
  UNDER_REVIEW = 'UNDER_REVIEW',
  CONFIRMED = 'CONFIRMED',
  DISMISSED = 'DISMISSED',
  RESOLVED = 'RESOLVED',
}
registerEnumType(AnomalyState, {
  name: 'CassaEdileAnomalyState',
  description: 'Review state of an anomaly: OPEN → UNDER_REVIEW → CONFIRMED → RESOLVED, or UNDER_REVIEW → DISMISSED (with a reason).',
  valuesConfig: {
    OPEN: { description: 'Raised by the reconciliation, not yet looked at.' },
    UNDER_REVIEW: { description: 'An operator of the Cassa Edile is checking it.' },
    CONFIRMED: { description: 'Confirmed as an irregularity, to be regularised by the firm.' },
    DISMISSED: { description: 'Not an irregularity (reason recorded); final.' },
    RESOLVED: { description: 'Regularised, or (from OPEN) no longer detected by a later run; final.' },
  },
});

/** What an operator may do to an anomaly. */
export enum ReviewAction {
  START_REVIEW = 'START_REVIEW',
  CONFIRM = 'CONFIRM',
  DISMISS = 'DISMISS',
  RESOLVE = 'RESOLVE',
}
registerEnumType(ReviewAction, {
  name: 'CassaEdileReviewAction',
  description: 'A step of the review of an anomaly.',
  valuesConfig: {
    START_REVIEW: { description: 'OPEN → UNDER_REVIEW.' },
    CONFIRM: { description: 'UNDER_REVIEW → CONFIRMED.' },
    DISMISS: { description: 'UNDER_REVIEW → DISMISSED; a reason is required.' },
    RESOLVE: { description: 'CONFIRMED → RESOLVED, once the firm has regularised.' },
  },
});

/** The state each action leads to. */
export const ACTION_TARGET: Readonly<Record<ReviewAction, AnomalyState>> = {
  START_REVIEW: AnomalyState.UNDER_REVIEW,
  CONFIRM: AnomalyState.CONFIRMED,
  DISMISS: AnomalyState.DISMISSED,
  RESOLVE: AnomalyState.RESOLVED,
};

/** Transitions an operator may make (the reconciliation also moves OPEN → RESOLVED and an auto-resolved RESOLVED → OPEN). */
export const REVIEW_TRANSITIONS: Readonly<Record<AnomalyState, readonly AnomalyState[]>> = {
  OPEN: [AnomalyState.UNDER_REVIEW],
  UNDER_REVIEW: [AnomalyState.CONFIRMED, AnomalyState.DISMISSED],
  CONFIRMED: [AnomalyState.RESOLVED],
  DISMISSED: [],
  RESOLVED: [],
};

/** States in which an anomaly no longer blocks the closing of its verification. */
export const SETTLED_STATES: readonly AnomalyState[] = [AnomalyState.DISMISSED, AnomalyState.RESOLVED];

/** Coded reasons the reconciliation writes in the history (never free text). */
export const SYSTEM_REASON = {
  NOT_DETECTED: 'NOT_DETECTED_ON_RERUN',
  DETECTED_AGAIN: 'DETECTED_AGAIN_AFTER_AUTOMATIC_RESOLUTION',
} as const;

/** Who the history names for a change made by the reconciliation itself. */
export const SYSTEM_ACTOR = 'system:reconciliation';

/** State of the verification of one Cassa Edile's month. */
export enum VerificationState {
  OPEN = 'OPEN',
  CLOSED = 'CLOSED',
}
registerEnumType(VerificationState, {
  name: 'CassaEdileVerificationState',
  description: 'Whether the regularity check of a month is still going on.',
  valuesConfig: {
    OPEN: { description: 'Reconciliation runs and reviews go on.' },
    CLOSED: { description: 'Closed: every anomaly dismissed or resolved; the evidence falls due for deletion (privacy.md §3.3).' },
  },
});

/** First day of a month, ISO. */
export function monthStart(year: number, month: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-01`;
}

/** Days in a month. */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Last day of a month, ISO. */
export function monthEnd(year: number, month: number): string {
  return addDays(monthStart(year, month), daysInMonth(year, month) - 1);
}

/** When a month's return is due: the end of the following month (domain.md §10.2; dates vary by Cassa). */
export function returnDueDate(year: number, month: number): string {
  return month === 12 ? monthEnd(year + 1, 1) : monthEnd(year, month + 1);
}

/**
 * Workable hours of a month when the return does not state them: weekdays (Monday to
 * Friday) × 8. Approximation: public holidays and the firm's own calendar are ignored.
 */
export function workableHoursOf(year: number, month: number): number {
  let weekdays = 0;
  for (let day = 1; isRealDate(year, month, day); day += 1) {
    const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
    if (weekday !== 0 && weekday !== 6) weekdays += 1;
  }
  return weekdays * 8;
}
