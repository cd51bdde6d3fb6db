import { type CodeValidation, invalid } from './validation-result';

/** A contract type (tipologia contrattuale) of the mandatory communications (§3.4). */
export interface ContractType {
  /** Ministerial code, `^[A-Z]\.\d{2}\.\d{2}$`. */
  readonly code: string;
  readonly description: string;
  /** The Italian legal term, where the sources give one. */
  readonly italianTerm?: string;
  /** First day the code may be used, ISO `YYYY-MM-DD`. */
  readonly validFrom: string;
  /** Last day the code may be used (inclusive), ISO; absent while it is in force. */
  readonly validTo?: string;
  /** The law no longer allows new contracts of this type. */
  readonly legacy: boolean;
  /** The contract has a term by nature, so a communication must carry an end date. */
  readonly fixedTerm: boolean;
  readonly apprenticeship: boolean;
  /** The relationship may be flagged as seasonal work (§3.5). */
  readonly seasonalAllowed: boolean;
}

// Approximation: the codes present since telematic communications became mandatory.
// The workbook sheet "ST-TIPO CONTRATTI" carries the real dates and should replace these.
const SINCE_UNILAV = '2008-03-01';
// D.Lgs 167/2011 (apprenticeship consolidation act) came into force on 25 Oct 2011.
const SINCE_DLGS_167_2011 = '2011-10-25';

/** Types whose contracts have a term by nature; the reasons for the less obvious ones are in the comments. */
const FIXED_TERM = new Set([
  'A.02.00',
  'A.02.01',
  'A.04.01',
  'A.06.01',
  'N.02.00',
  'N.03.00',
  // Traineeships are agreed for a set duration.
  'C.01.00',
  'C.02.00',
  // Training-and-work and integration contracts are fixed-term by law (24 and 18 months at most).
  'A.03.04',
  'A.03.07',
  // A project contract lasted as long as its project; occasional work is short by definition.
  'B.01.00',
  'B.02.00',
  'H.03.00',
  // Not apprenticeships, which are open-ended (the seasonal A.03.14 only may be fixed-term);
  // not B.03.00 (a co.co.co. may be open-ended); not B.04.00, C.03.00, C.04.00, whose term our sources do not fix.
]);

const APPRENTICESHIP = new Set(['A.03.00', 'A.03.01', 'A.03.02', 'A.03.03', 'A.03.08', 'A.03.09', 'A.03.10', 'A.03.11', 'A.03.12', 'A.03.13', 'A.03.14', 'A.03.15']);

/** The only contract types that may be seasonal work (§3.5); a seasonal relationship also needs an end date. */
export const SEASONAL_CONTRACT_TYPES: readonly string[] = [
  'A.02.00', 'A.02.01', 'B.01.00', 'B.02.00', 'B.03.00', 'C.03.00', 'A.03.08',
  'A.03.09', 'A.03.10', 'A.04.02', 'A.08.02', 'A.07.02', 'A.05.02', 'H.02.00',
];

type Row = [code: string, description: string, italianTerm?: string, validity?: { validFrom?: string; validTo?: string }];

const ROWS: Row[] = [
  ['A.01.00', 'Open-ended employment', 'tempo indeterminato'],
  ['A.02.00', 'Fixed-term employment', 'tempo determinato'],
  ['A.02.01', 'Fixed-term employment replacing an absent worker'],
  // Legacy end dates are approximations: the end of the six-month transition after D.Lgs 167/2011.
  ['A.03.00', 'Apprenticeship under art. 16 L. 196/1997 (legacy)', undefined, { validTo: '2012-04-25' }],
  ['A.03.01', 'Apprenticeship for the right and duty to education and training (legacy, D.Lgs 276/2003)', 'apprendistato per il diritto-dovere di istruzione e formazione', { validTo: '2012-04-25' }],
  ['A.03.02', 'Professional apprenticeship (legacy, D.Lgs 276/2003)', 'apprendistato professionalizzante', { validTo: '2012-04-25' }],
  ['A.03.03', 'Higher-education apprenticeship (legacy, D.Lgs 276/2003)', undefined, { validTo: '2012-04-25' }],
  ['A.03.04', 'Training-and-work contract (public administration)', 'contratto di formazione e lavoro'],
  // Approximation: L. 92/2012 abolished the integration contract from 1 Jan 2013.
  ['A.03.07', 'Integration contract (legacy)', 'contratto di inserimento lavorativo', { validTo: '2012-12-31' }],
  ['A.03.08', 'Apprenticeship for a vocational qualification and diploma, upper-secondary diploma or IFTS certificate', undefined, { validFrom: SINCE_DLGS_167_2011 }],
  ['A.03.09', 'Professional apprenticeship or trade contract', 'apprendistato professionalizzante o contratto di mestiere', { validFrom: SINCE_DLGS_167_2011 }],
  ['A.03.10', 'Higher-education and research apprenticeship', undefined, { validFrom: SINCE_DLGS_167_2011 }],
  ['A.03.11', 'Apprenticeship for a qualification, for workers on mobility lists', undefined, { validFrom: SINCE_DLGS_167_2011 }],
  ['A.03.12', 'Professional apprenticeship for workers on mobility lists', undefined, { validFrom: SINCE_DLGS_167_2011 }],
  ['A.03.13', 'Higher-education apprenticeship for workers on mobility lists', undefined, { validFrom: SINCE_DLGS_167_2011 }],
  ['A.03.14', 'Professional apprenticeship for seasonal workers', undefined, { validFrom: SINCE_DLGS_167_2011 }],
  ['A.03.15', 'Apprenticeship in public administration'],
  ['A.04.00', 'Domestic work, open-ended'],
  ['A.04.01', 'Domestic work, fixed-term'],
  ['A.04.02', 'Domestic work'],
  ['A.05.02', 'On-call work', 'lavoro intermittente'],
  ['A.06.00', 'Agency work, open-ended', 'somministrazione'],
  ['A.06.01', 'Agency work, fixed-term', 'somministrazione'],
  ['A.07.02', 'Job sharing', 'lavoro ripartito'],
  ['A.08.02', 'Home working', 'lavoro a domicilio'],
  // Approximation: D.Lgs 81/2015 stopped new project contracts from 25 Jun 2015.
  ['B.01.00', 'Project work or coordinated and continuous collaboration (legacy)', 'lavoro a progetto / co.co.co.', { validTo: '2015-06-24' }],
  ['B.02.00', 'Occasional work'],
  ['B.03.00', 'Coordinated and continuous collaboration', 'co.co.co.'],
  // Approximation (to verify): the labour provisions of D.Lgs 36/2021 apply from 1 Jul 2023.
  ['B.04.00', 'Occasional sports collaboration (art. 28 D.Lgs 36/2021)', undefined, { validFrom: '2023-07-01' }],
  ['C.01.00', 'Traineeship', 'tirocinio'],
  ['C.02.00', 'Summer orientation traineeship'],
  ['C.03.00', 'Socially useful work (LSU–ASU)'],
  ['C.04.00', 'Work grants and other work experiences'],
  ['G.03.00', 'Self-employment in entertainment'],
  ['H.02.00', 'Joint work in agriculture'],
  ['H.03.00', 'Occasional fixed-term subordinate work in agriculture'],
  ['M.02.00', 'Agency contract', 'contratto di agenzia'],
  ['N.01.00', 'Platform work, open-ended'],
  ['N.02.00', 'Platform work, fixed-term'],
  ['N.03.00', 'Platform work, fixed-term replacement'],
];

/** The contract types of §3.4 with validity dates and rule flags. */
export const CONTRACT_TYPES: readonly ContractType[] = ROWS.map(([code, description, italianTerm, validity = {}]) => ({
  code,
  description,
  ...(italianTerm === undefined ? {} : { italianTerm }),
  validFrom: validity.validFrom ?? SINCE_UNILAV,
  ...(validity.validTo === undefined ? {} : { validTo: validity.validTo }),
  legacy: validity.validTo !== undefined,
  fixedTerm: FIXED_TERM.has(code),
  apprenticeship: APPRENTICESHIP.has(code),
  seasonalAllowed: SEASONAL_CONTRACT_TYPES.includes(code),
}));

const BY_CODE = new Map(CONTRACT_TYPES.map((type) => [type.code, type]));

/** The contract type with this code, if it is in the table. */
export function findContractType(code: string): ContractType | undefined {
  return BY_CODE.get(code);
}

/**
 * Checks only the form of a contract type code, `^[A-Z]\.\d{2}\.\d{2}$` as in the
 * ministerial XSDs; {@link validateContractType} also checks the table and the date.
 */
export function validateContractTypeFormat(code: string): CodeValidation {
  return /^[A-Z]\.\d{2}\.\d{2}$/.test(code)
    ? { ok: true, value: code }
    : invalid('must be a capital letter, a dot, 2 digits, a dot and 2 digits (e.g. A.01.00)');
}

/**
 * Checks a contract type code: its format, that it is in the table and, when `onDate`
 * (ISO `YYYY-MM-DD`) is given, that the type is valid on that day.
 * @throws RangeError when `onDate` is not written `YYYY-MM-DD`.
 */
export function validateContractType(code: string, onDate?: string): CodeValidation<{ readonly contractType: ContractType }> {
  const format = validateContractTypeFormat(code);
  if (!format.ok) return format;
  const contractType = BY_CODE.get(code);
  if (!contractType) return invalid('is not a known contract type');
  if (onDate !== undefined) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(onDate)) throw new RangeError('onDate must be written YYYY-MM-DD');
    const { validFrom, validTo } = contractType;
    if (onDate < validFrom || (validTo !== undefined && onDate > validTo)) {
      return invalid(`is not valid on that date (valid from ${validFrom}${validTo === undefined ? '' : ` to ${validTo}`})`);
    }
  }
  return { ok: true, value: code, contractType };
}

/** Whether a communication of this type needs an end date: fixed-term types always, any type when seasonal (§3.5). */
export function requiresEndDate(contractType: ContractType, seasonal: boolean): boolean {
  return contractType.fixedTerm || seasonal;
}
