import { omocodeVariant, validateFiscalCode } from '../../lib/codes';
import { AnomalyRule, type AnomalySeverity, monthEnd, monthStart, ReturnSituation, severityOf, workableHoursOf } from './cassa-edile.codes';

/** What the reconciliation knows of an employment relationship (from the relationship and its latest notice in force). */
export interface RelationshipFacts {
  id: string;
  employer: string;
  workerFiscalCode: string;
  startDate: string;
  plannedEndDate: string | null;
  terminationDate: string | null;
  contractType: string;
  /** Ministerial letter (F, P, V, M, N). */
  workingTime: string;
  weeklyHours: number | null;
  qualification: string | null;
  ccnl: string | null;
  /** A notice of the relationship transforms it into a secondment (DL, distacco). */
  secondment: boolean;
}

/** One worker line of a return in force. */
export interface LineFacts {
  workerFiscalCode: string;
  fiscalCodeOverride: boolean;
  hireDate: string | null;
  cessationDay: number | null;
  job: string | null;
  grade: string | null;
  hoursWorked: number;
  overtimeHours: number;
  sicknessHours: number;
  injuryHours: number;
  workableHours: number;
}

/** A registered firm of the Cassa and what both sources say of it for the month. */
export interface FirmFacts {
  employer: string;
  firmCode: string;
  /** ATECO section of the employer (F is construction). */
  atecoSection: string | null;
  /** The firm's return in force for the month, if received. */
  monthlyReturn: { sequence: number; situation: ReturnSituation; lines: LineFacts[] } | null;
  /** Its relationships active on some day of the month. */
  relationships: RelationshipFacts[];
}

/** Relationships of the same people at other employers, active in the month (for CE-06). */
export interface ElsewhereFacts extends RelationshipFacts {
  /** Whether the other employer is in the construction sector (only then may the Cassa see its fiscal code). */
  employerConstruction: boolean;
}

export interface ReconciliationInput {
  year: number;
  month: number;
  /** Today (Italian calendar), for the grace period of CE-01. */
  today: string;
  /** Due date of the month's returns. */
  dueDate: string;
  firms: FirmFacts[];
  elsewhere: ElsewhereFacts[];
}

export interface DetectedAnomaly {
  rule: AnomalyRule;
  severity: AnomalySeverity;
  employer: string;
  workerFiscalCode: string | null;
  evidence: Record<string, unknown>;
}

/** CP2011 groups of construction workers (domain.md §11, CE-01): 6.1.x and 8.4.x. */
export function isConstructionWorkerQualification(qualification: string | null): boolean {
  return qualification != null && (qualification.startsWith('6.1.') || qualification.startsWith('8.4.'));
}

/** Contracts not fit for a construction worker on a return (CE-05): collaborations and occasional work (B.0x), job sharing (A.07.x), traineeship (C.01.00). */
export function isUnsuitableContract(contractType: string): boolean {
  return /^B\.0\d\./.test(contractType) || contractType.startsWith('A.07.') || contractType === 'C.01.00';
}

const PART_TIME = ['P', 'V', 'M'];
/** Weeks per month used to turn CO weekly hours into monthly hours (domain.md §11, CE-04). */
export const WEEKS_PER_MONTH = 4.33;
/** Tolerance of CE-04: part-time hours may exceed the contract by 25% (and 8 hours) before it counts; full time must reach half the workable hours. */
export const PART_TIME_TOLERANCE = 1.25;
export const FULL_TIME_MINIMUM_SHARE = 0.5;

/** The plain (non-omocodic) form of a personal code; other codes as they are. */
function plainCode(code: string): string {
  const parsed = validateFiscalCode(code);
  return parsed.ok && parsed.kind === 'PERSONAL' && parsed.omocodic ? omocodeVariant(code, 0) : code;
}

function codeKind(code: string): 'PERSONAL' | 'NUMERIC' | null {
  const parsed = validateFiscalCode(code);
  return parsed.ok ? parsed.kind : null;
}

/** The day the relationship ends, when it ends in the month: termination, else the planned end. */
function endInMonth(relationship: RelationshipFacts, start: string, end: string): string | null {
  const ends = relationship.terminationDate ?? relationship.plannedEndDate;
  return ends != null && ends >= start && ends <= end ? ends : null;
}

function coFacts(r: RelationshipFacts) {
  return {
    workerFiscalCode: r.workerFiscalCode,
    startDate: r.startDate,
    plannedEndDate: r.plannedEndDate,
    terminationDate: r.terminationDate,
    contractType: r.contractType,
    workingTime: r.workingTime,
    weeklyHours: r.weeklyHours,
    qualification: r.qualification,
    ccnl: r.ccnl,
  };
}

function mutFacts(firm: FirmFacts, line: LineFacts) {
  return { firmCode: firm.firmCode, sequence: firm.monthlyReturn?.sequence ?? null, ...line };
}

/**
 * The anomalies of one Cassa Edile's month (domain.md §11, CE-01 … CE-08): a pure function
 * of what the two sources say, so that the same data always gives the same anomalies.
 * Lines are matched to relationships of the same firm by fiscal code, then by the plain
 * form of an omocodic code, then (a provisional numeric code on one side, an alphanumeric
 * one on the other) by hire date = start date; the two later matches raise CE-07.
 */
export function detectAnomalies(input: ReconciliationInput, constructionCcnl: (ccnl: string | null) => boolean): DetectedAnomaly[] {
  const start = monthStart(input.year, input.month);
  const end = monthEnd(input.year, input.month);
  const out: DetectedAnomaly[] = [];
  const raise = (rule: AnomalyRule, employer: string, worker: string | null, evidence: Record<string, unknown>, variant?: string) =>
    out.push({ rule, severity: severityOf(rule, variant), employer, workerFiscalCode: worker, evidence: variant ? { variant, ...evidence } : evidence });
  const elsewhereOf = new Map<string, ElsewhereFacts[]>();
  for (const r of input.elsewhere) elsewhereOf.set(r.workerFiscalCode, [...(elsewhereOf.get(r.workerFiscalCode) ?? []), r]);

  for (const firm of input.firms) {
    const mut = firm.monthlyReturn;
    const relationships = firm.relationships;
    if (mut?.situation === ReturnSituation.NO_EMPLOYEES) {
      // CE-08 covers the whole firm: no CE-01 per worker on top of it.
      if (relationships.length > 0) {
        raise(AnomalyRule.CE_08, firm.employer, null, {
          mut: { firmCode: firm.firmCode, sequence: mut.sequence, situation: mut.situation },
          co: { activeRelationships: relationships.length, relationships: relationships.map(coFacts) },
        });
      }
      continue;
    }
    const lines = mut?.lines ?? [];
    const pairs: { relationship: RelationshipFacts; line: LineFacts }[] = [];
    const freeLines = new Set(lines);
    const freeRelationships = new Set(relationships);
    const pair = (relationship: RelationshipFacts, line: LineFacts) => {
      pairs.push({ relationship, line });
      freeLines.delete(line);
      freeRelationships.delete(relationship);
    };
    // 1. Same code.
    const lineByCode = new Map(lines.map((l) => [l.workerFiscalCode, l]));
    for (const r of relationships) {
      const line = lineByCode.get(r.workerFiscalCode);
      if (line && freeLines.has(line)) {
        pair(r, line);
        if (line.fiscalCodeOverride && codeKind(line.workerFiscalCode) === 'PERSONAL' && plainCode(line.workerFiscalCode) === line.workerFiscalCode) {
          raise(AnomalyRule.CE_07, firm.employer, line.workerFiscalCode, { mut: mutFacts(firm, line), co: coFacts(r) }, 'OVERRIDE_WITHOUT_CAUSE');
        }
      }
    }
    // 2. Omocodic variants of one code.
    for (const r of [...freeRelationships]) {
      const line = [...freeLines].find((l) => plainCode(l.workerFiscalCode) === plainCode(r.workerFiscalCode));
      if (line) {
        pair(r, line);
        raise(AnomalyRule.CE_07, firm.employer, line.workerFiscalCode, { mut: mutFacts(firm, line), co: coFacts(r) }, 'OMOCODIC_VARIANT');
      }
    }
    // 3. Provisional numeric code on one side, alphanumeric on the other: same hire date, one candidate only.
    for (const r of [...freeRelationships]) {
      const kind = codeKind(r.workerFiscalCode);
      const candidates = [...freeLines].filter((l) => l.hireDate === r.startDate && codeKind(l.workerFiscalCode) !== kind && codeKind(l.workerFiscalCode) !== null);
      if (candidates.length === 1) {
        const line = candidates[0]!;
        pair(r, line);
        raise(AnomalyRule.CE_07, firm.employer, line.workerFiscalCode, { mut: mutFacts(firm, line), co: coFacts(r) }, 'PROVISIONAL_VS_DEFINITIVE');
      }
    }

    for (const { relationship: r, line } of pairs) {
      const worker = r.workerFiscalCode;
      const evidence = { mut: mutFacts(firm, line), co: coFacts(r) };
      // CE-03: dates.
      const mismatches: string[] = [];
      if (line.hireDate != null && line.hireDate !== r.startDate) mismatches.push('HIRE_DATE');
      const ends = endInMonth(r, start, end);
      const expectedDay = ends ? Number(ends.slice(8, 10)) : null;
      if ((line.cessationDay ?? null) !== expectedDay) mismatches.push('CESSATION_DAY');
      if (mismatches.length) raise(AnomalyRule.CE_03, firm.employer, worker, { mismatches, coCessationDay: expectedDay, ...evidence });
      // CE-04: hours against working time.
      if (PART_TIME.includes(r.workingTime) && r.weeklyHours != null) {
        const expected = Math.round(r.weeklyHours * WEEKS_PER_MONTH * 100) / 100;
        if (line.hoursWorked > expected * PART_TIME_TOLERANCE && line.hoursWorked - expected > 8) {
          raise(AnomalyRule.CE_04, firm.employer, worker, { expectedMonthlyHours: expected, ...evidence }, 'PART_TIME_EXCEEDED');
        }
      } else if (r.workingTime === 'F') {
        const wholeMonth = r.startDate <= start && ends === null;
        const accounted = line.hoursWorked + line.sicknessHours + line.injuryHours;
        const workable = line.workableHours || workableHoursOf(input.year, input.month);
        if (wholeMonth && accounted < workable * FULL_TIME_MINIMUM_SHARE) {
          raise(AnomalyRule.CE_04, firm.employer, worker, { accountedHours: accounted, ...evidence }, 'FULL_TIME_SHORT');
        }
      }
    }

    // CE-05: on the construction workers of the firm (CP2011 6.1/8.4, or a blue-collar line of the return).
    const lineOf = new Map(pairs.map((p) => [p.relationship, p.line]));
    for (const r of relationships) {
      const line = lineOf.get(r);
      if (!isConstructionWorkerQualification(r.qualification) && !(line && line.job !== '00')) continue;
      const findings: string[] = [];
      if (isUnsuitableContract(r.contractType)) findings.push('UNSUITABLE_CONTRACT');
      if (firm.atecoSection === 'F' && !constructionCcnl(r.ccnl)) findings.push('NON_CONSTRUCTION_CCNL');
      if (findings.length) {
        raise(AnomalyRule.CE_05, firm.employer, r.workerFiscalCode, { findings, co: coFacts(r), mut: line ? mutFacts(firm, line) : null }, findings.includes('UNSUITABLE_CONTRACT') ? 'UNSUITABLE_CONTRACT' : undefined);
      }
    }

    // CE-01: construction workers per CO with no line, once the return arrived or fell due.
    const graceOver = mut !== null || input.today > input.dueDate;
    if (graceOver && mut?.situation !== ReturnSituation.SUSPENDED) {
      for (const r of freeRelationships) {
        if (!isConstructionWorkerQualification(r.qualification)) continue;
        raise(AnomalyRule.CE_01, firm.employer, r.workerFiscalCode, {
          co: coFacts(r),
          mut: mut ? { firmCode: firm.firmCode, sequence: mut.sequence, situation: mut.situation, received: true } : { firmCode: firm.firmCode, received: false, dueDate: input.dueDate },
        });
      }
    }

    // CE-02 / CE-06: lines with hours and no relationship with this firm.
    for (const line of freeLines) {
      if (line.hoursWorked <= 0) continue;
      const other = (elsewhereOf.get(line.workerFiscalCode) ?? []).filter((r) => r.employer !== firm.employer);
      if (other.length === 0) {
        raise(AnomalyRule.CE_02, firm.employer, line.workerFiscalCode, { mut: mutFacts(firm, line), co: { relationshipsWithEmployer: 0 } });
        continue;
      }
      const explained = other.find((r) => r.secondment) ? 'SECONDMENT' : other.find((r) => r.contractType.startsWith('A.06.')) ? 'AGENCY_WORK' : undefined;
      raise(
        AnomalyRule.CE_06,
        firm.employer,
        line.workerFiscalCode,
        {
          mut: mutFacts(firm, line),
          co: other.map((r) => ({
            // Another employer's identity only when it is a construction firm (the Cassa's scope).
            employerFiscalCode: r.employerConstruction ? r.employer : null,
            employerConstruction: r.employerConstruction,
            startDate: r.startDate,
            contractType: r.contractType,
            secondment: r.secondment,
          })),
        },
        explained,
      );
    }
  }
  return out;
}
