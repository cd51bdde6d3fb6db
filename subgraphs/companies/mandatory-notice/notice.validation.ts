import {
  type ContractType,
  findContractType,
  findTransformationRule,
  isPartTime,
  requiresEndDate,
  type TransformationRule,
  validateContractType,
  validateQualificationCode,
} from '../../lib/codes';
import { type InputProblem } from '../../lib/errors';
import { MandatoryNoticeType, needsResidencePermit, ResidencePermitType, WorkingTime } from './notice.codes';

/** Largest average weekly hours of a part-time notice (the ordinary full-time week). */
export const MAX_WEEKLY_HOURS = 40;
/** Residence-permit expiries before this day are rejected, except while a permit is awaited (§3.6 rule 5). */
export const EARLIEST_PERMIT_EXPIRY = '2000-01-01';

const CCNL_CODE = /^[A-Z0-9]{2,10}$/;
const TERMINATION_CAUSE = /^[A-Z0-9.]{1,10}$/;
const CITIZENSHIP_CODE = /^\d{3}$/;

/** A notice as it would be stored: the input, with what a later notice leaves out taken from the relationship. */
export interface NoticeDraft {
  type: MandatoryNoticeType;
  employerFiscalCode: string | null;
  workerFiscalCode: string | null;
  workerCitizenship: string | null;
  workerDomicileMunicipality: string | null;
  workSiteId: string | null;
  contractType: string | null;
  startDate: string | null;
  endDate: string | null;
  eventDate: string | null;
  trainingEndDate: string | null;
  workingTime: WorkingTime | null;
  weeklyHours: number | null;
  ccnl: string | null;
  qualification: string | null;
  seasonal: boolean;
  transformationCode: string | null;
  terminationCause: string | null;
  residencePermitType: ResidencePermitType | null;
  residencePermitExpiry: string | null;
}

/** The relationship as it stands before a later notice. */
export interface RelationshipBefore {
  contractType: string;
  workingTime: WorkingTime;
  startDate: string;
  plannedEndDate: string | null;
  seasonal: boolean;
}

/** What the checks need besides the draft. */
export interface NoticeFacts {
  /** The relationship before this notice; null for a HIRE (and for a later notice whose relationship was not found). */
  before: RelationshipBefore | null;
  /** False when the values a later notice inherits are unknown (its relationship was not found): missing values are then not reported. */
  complete: boolean;
  /** Whether the employer is a public administration, when the employer is known. */
  publicAdministration: boolean | null;
  /** Whether the explicit end date was given (an EXTENSION must carry it). */
  endDateGiven: boolean;
}

/**
 * Every problem of a notice's content (domain.md §3.5, §3.6, §13.5 rule 2), all at once.
 * Existence checks (employer, relationship, work site, code) are the service's.
 */
export function noticeProblems(draft: NoticeDraft, facts: NoticeFacts): InputProblem[] {
  const problems: InputProblem[] = [];
  const add = (field: string, message: string) => problems.push({ path: `input.${field}`, message });
  const isHire = draft.type === MandatoryNoticeType.HIRE;

  if (facts.complete) {
    const required: [keyof NoticeDraft, unknown][] = [
      ['contractType', draft.contractType],
      ['startDate', draft.startDate],
      ['workingTime', draft.workingTime],
      ['ccnl', draft.ccnl],
      ['qualification', draft.qualification],
      ['workerCitizenship', draft.workerCitizenship],
    ];
    for (const [field, value] of required) if (value == null) add(field, 'is required');
  }
  if (!isHire && draft.eventDate == null) add('eventDate', `is required for ${draft.type}`);
  if (isHire && draft.eventDate != null && draft.startDate != null && draft.eventDate !== draft.startDate) {
    add('eventDate', 'of a HIRE is its start date');
  }

  if (draft.employerFiscalCode != null && draft.workerFiscalCode != null && draft.employerFiscalCode === draft.workerFiscalCode) {
    add('workerFiscalCode', "must differ from the employer's fiscal code");
  }

  const rule = transformationRule(draft, add);
  const contractType = checkContractType(draft, facts, rule, add);
  checkDates(draft, facts, contractType, add);
  checkWorkingTime(draft, add);
  checkTexts(draft, add);
  checkResidencePermit(draft, add);
  if (rule) checkTransformation(draft, facts, rule, add);
  checkEventSpecific(draft, facts, add);
  return problems;
}

type Add = (field: string, message: string) => void;

function transformationRule(draft: NoticeDraft, add: Add): TransformationRule | undefined {
  if (draft.type !== MandatoryNoticeType.TRANSFORMATION) {
    if (draft.transformationCode != null) add('transformationCode', 'is only for a TRANSFORMATION');
    return undefined;
  }
  if (draft.transformationCode == null) {
    add('transformationCode', 'is required for a TRANSFORMATION');
    return undefined;
  }
  const rule = findTransformationRule(draft.transformationCode);
  if (!rule) add('transformationCode', 'is not a known transformation code');
  return rule;
}

function checkContractType(draft: NoticeDraft, facts: NoticeFacts, rule: TransformationRule | undefined, add: Add): ContractType | undefined {
  if (draft.contractType == null) return undefined;
  const changed = facts.before != null && draft.contractType !== facts.before.contractType;
  // A transformation's new contract type must be in force when it takes effect; otherwise the start date counts.
  const onDate = changed && rule ? draft.eventDate : draft.startDate;
  const result = validateContractType(draft.contractType, onDate ?? undefined);
  if (!result.ok) {
    add('contractType', result.reason);
    return findContractType(draft.contractType);
  }
  if (draft.seasonal && !result.contractType.seasonalAllowed) add('seasonal', 'is not allowed for this contract type');
  return result.contractType;
}

function checkDates(draft: NoticeDraft, facts: NoticeFacts, contractType: ContractType | undefined, add: Add): void {
  const { startDate, endDate, trainingEndDate, eventDate } = draft;
  if (contractType && endDate == null && requiresEndDate(contractType, draft.seasonal)) {
    add('endDate', draft.seasonal ? 'is required for seasonal work' : 'is required for a fixed-term contract type');
  }
  if (startDate != null && endDate != null && endDate < startDate) add('endDate', 'must not be before the start date');
  if (contractType?.apprenticeship && trainingEndDate == null) add('trainingEndDate', 'is required for an apprenticeship');
  if (trainingEndDate != null) {
    if (startDate != null && trainingEndDate < startDate) add('trainingEndDate', 'must not be before the start date');
    if (endDate != null && trainingEndDate > endDate) add('trainingEndDate', 'must not be after the end date');
  }
  if (draft.type !== MandatoryNoticeType.HIRE && eventDate != null) {
    if (startDate != null && eventDate < startDate) add('eventDate', 'must not be before the start date of the relationship');
    const plannedEnd = facts.before?.plannedEndDate;
    if (plannedEnd != null && eventDate > plannedEnd) add('eventDate', 'must not be after the planned end date of the relationship');
  }
}

function checkWorkingTime(draft: NoticeDraft, add: Add): void {
  const { workingTime, weeklyHours } = draft;
  if (workingTime == null) return;
  if (weeklyHours != null && !(weeklyHours > 0 && weeklyHours <= MAX_WEEKLY_HOURS)) {
    add('weeklyHours', `must be more than 0 and at most ${MAX_WEEKLY_HOURS}`);
  }
  if (isPartTime(workingTime) && weeklyHours == null) add('weeklyHours', 'is required for part-time');
  if (workingTime === WorkingTime.FULL_TIME && weeklyHours != null) add('weeklyHours', 'must be left out for full time');
}

function checkTexts(draft: NoticeDraft, add: Add): void {
  if (draft.ccnl != null && !CCNL_CODE.test(draft.ccnl)) add('ccnl', 'must be a CCNL code of 2-10 capital letters and digits (e.g. 068 or F012)');
  if (draft.qualification != null) {
    const result = validateQualificationCode(draft.qualification);
    if (!result.ok) add('qualification', result.reason);
  }
  if (draft.type === MandatoryNoticeType.TERMINATION) {
    if (draft.terminationCause == null) add('terminationCause', 'is required for a TERMINATION');
    else if (!TERMINATION_CAUSE.test(draft.terminationCause)) add('terminationCause', 'must be a cessation cause code of 1-10 capital letters, digits or dots');
  } else if (draft.terminationCause != null) {
    add('terminationCause', 'is only for a TERMINATION');
  }
}

function checkResidencePermit(draft: NoticeDraft, add: Add): void {
  if (draft.workerCitizenship == null) return;
  if (!CITIZENSHIP_CODE.test(draft.workerCitizenship)) {
    add('workerCitizenship', 'must be a three-digit CO citizenship code (000 Italian)');
    return;
  }
  if (!needsResidencePermit(draft.workerCitizenship)) return;
  if (draft.residencePermitType == null) add('residencePermitType', 'is required for a non-EU worker');
  if (draft.residencePermitExpiry == null) add('residencePermitExpiry', 'is required for a non-EU worker');
  else if (draft.residencePermitExpiry < EARLIEST_PERMIT_EXPIRY && draft.residencePermitType !== ResidencePermitType.AWAITING_PERMIT) {
    add('residencePermitExpiry', `must not be before ${EARLIEST_PERMIT_EXPIRY}`);
  }
}

/** The rules of one transformation code (TRANSFORMATION_RULES in lib/codes), against the relationship before and after. */
function checkTransformation(draft: NoticeDraft, facts: NoticeFacts, rule: TransformationRule, add: Add): void {
  const before = facts.before;
  const code = rule.code;
  if (rule.targetContractTypes && draft.contractType != null && !rule.targetContractTypes.includes(draft.contractType)) {
    add('contractType', `must be one of ${rule.targetContractTypes.join(', ')} after a ${code} transformation`);
  }
  const becomesOpenEnded = rule.targetContractTypes?.every((c) => !findContractType(c)?.fixedTerm) ?? false;
  if (becomesOpenEnded && draft.endDate != null) add('endDate', `must be left out: after a ${code} transformation the relationship is open-ended`);
  if (code === 'DI' && before && before.plannedEndDate == null) add('transformationCode', 'DI applies only to a fixed-term relationship');
  if (rule.targetWorkingTime === 'F' && draft.workingTime != null && draft.workingTime !== WorkingTime.FULL_TIME) {
    add('workingTime', `must be FULL_TIME after a ${code} transformation`);
  }
  if (rule.targetWorkingTime === 'NOT_F' && draft.workingTime === WorkingTime.FULL_TIME) {
    add('workingTime', `must not be FULL_TIME after a ${code} transformation`);
  }
  if (!rule.allowedWhenSeasonal && (draft.seasonal || before?.seasonal)) add('transformationCode', `${code} is not allowed for seasonal work`);
  if (rule.publicAdministrationOnly && facts.publicAdministration === false) {
    add('transformationCode', `${code} is only for a public administration`);
  }
  if (before && (rule.apprenticeshipStartedOnOrBefore || rule.apprenticeshipStartedOnOrAfter)) {
    const apprenticeship = findContractType(before.contractType)?.apprenticeship ?? false;
    const tooLate = rule.apprenticeshipStartedOnOrBefore != null && before.startDate > rule.apprenticeshipStartedOnOrBefore;
    const tooEarly = rule.apprenticeshipStartedOnOrAfter != null && before.startDate < rule.apprenticeshipStartedOnOrAfter;
    if (!apprenticeship || tooLate || tooEarly) {
      const bound = rule.apprenticeshipStartedOnOrBefore
        ? `on or before ${rule.apprenticeshipStartedOnOrBefore}`
        : `on or after ${rule.apprenticeshipStartedOnOrAfter}`;
      add('transformationCode', `${code} applies only to an apprenticeship started ${bound}`);
    }
  }
}

function checkEventSpecific(draft: NoticeDraft, facts: NoticeFacts, add: Add): void {
  const before = facts.before;
  if (draft.type === MandatoryNoticeType.EXTENSION && before) {
    if (before.plannedEndDate == null) add('relationshipId', 'an EXTENSION applies only to a relationship with a planned end date');
    else if (!facts.endDateGiven || draft.endDate == null) add('endDate', 'is required for an EXTENSION (the new end date)');
    else if (draft.endDate <= before.plannedEndDate) add('endDate', 'must be after the current planned end date');
  }
  const keepsTerms = draft.type === MandatoryNoticeType.EXTENSION || draft.type === MandatoryNoticeType.TRANSFER || draft.type === MandatoryNoticeType.TERMINATION;
  if (keepsTerms && before) {
    if (draft.contractType != null && draft.contractType !== before.contractType) add('contractType', 'only a TRANSFORMATION may change it');
    if (draft.workingTime != null && draft.workingTime !== before.workingTime) add('workingTime', 'only a TRANSFORMATION may change it');
  }
  if (draft.type === MandatoryNoticeType.TRANSFER && draft.workSiteId == null) add('workSiteId', 'is required for a TRANSFER');
}
