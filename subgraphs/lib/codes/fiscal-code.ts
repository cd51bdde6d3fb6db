import { validateBelfioreCode } from './place-codes';
import { invalid, type InvalidCode } from './validation-result';

/** Sex as encoded in a personal fiscal code: women have 40 added to the birth day. */
export type Sex = 'M' | 'F';

/** A valid 16-character personal codice fiscale and the data it encodes. */
export interface PersonalFiscalCode {
  readonly ok: true;
  readonly kind: 'PERSONAL';
  /** The code trimmed and upper-cased, omocodia letters kept. */
  readonly normalized: string;
  /** Same as `normalized`, so that the result fits the code scalars' check. */
  readonly value: string;
  /** ISO `YYYY-MM-DD`; the century is resolved as described in {@link FiscalCodeOptions}. */
  readonly birthDate: string;
  readonly sex: Sex;
  /** Belfiore code of the birthplace with omocodia letters decoded; `Z###` is a foreign state. */
  readonly birthPlace: string;
  /** Whether omocodia letters replace some of the seven digits. */
  readonly omocodic: boolean;
}

/** A valid 11-digit numeric fiscal code: a company, an entity, or a provisional personal code. */
export interface NumericFiscalCode {
  readonly ok: true;
  readonly kind: 'NUMERIC';
  /** The code trimmed. */
  readonly normalized: string;
  /** Same as `normalized`, so that the result fits the code scalars' check. */
  readonly value: string;
  readonly birthDate?: undefined;
  readonly sex?: undefined;
  readonly birthPlace?: undefined;
  readonly omocodic?: undefined;
}

/** Outcome of validating a fiscal code; on failure `reason` never contains the code. */
export type FiscalCodeResult = PersonalFiscalCode | NumericFiscalCode | InvalidCode;

/** Options for validating a personal fiscal code. */
export interface FiscalCodeOptions {
  /**
   * Day against which the two-digit birth year is resolved, as `YYYY-MM-DD`: the birth
   * date becomes the latest date with those two digits that is not after this day
   * (`85` is 1985, `07` is 2007, and on 2025-06-01 `25` with month December is 1925).
   * Default: today in the process's local time zone.
   */
  readonly referenceDate?: string;
}

/** Data needed to compute a personal fiscal code. */
export interface PersonalData {
  readonly lastName: string;
  readonly firstName: string;
  /** ISO `YYYY-MM-DD`. */
  readonly birthDate: string;
  readonly sex: Sex;
  /** Belfiore code of the birthplace (`F205`), or `Z###` for a foreign state. */
  readonly birthPlace: string;
}

const MONTH_LETTERS = 'ABCDEHLMPRST';
const OMOCODIA_LETTERS = 'LMNPQRSTUV';
/** 0-based indexes of the year, day and place digits, rightmost first: the order in which omocodia substitutes. */
const OMOCODIA_POSITIONS = [14, 13, 12, 10, 9, 7, 6];
/** Odd-position values of A–Z; a digit takes the value of the letter with the same index (0 = A). */
const ODD_VALUES = [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23];

const LETTER = { pattern: /^[A-Z]$/, says: 'a letter' };
const DIGIT = { pattern: /^[0-9LMNPQRSTUV]$/, says: 'a digit or an omocodia letter (L M N P Q R S T U V)' };
const MONTH = { pattern: /^[ABCDEHLMPRST]$/, says: 'a month letter (A B C D E H L M P R S T)' };
const LAYOUT = [LETTER, LETTER, LETTER, LETTER, LETTER, LETTER, DIGIT, DIGIT, MONTH, DIGIT, DIGIT, LETTER, DIGIT, DIGIT, DIGIT, LETTER];

interface Ymd {
  year: number;
  month: number;
  day: number;
}

/** Trims and upper-cases ASCII letters only: `toUpperCase` would turn `ß` into `SS` and `ı` into `I`. */
function normalize(code: string): string {
  return code.trim().replace(/[a-z]/g, (c) => c.toUpperCase());
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function parseIsoDate(text: string): Ymd | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month) ? { year, month, day } : undefined;
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');
const dayNumber = (d: Ymd): number => d.year * 10000 + d.month * 100 + d.day;

function referenceDay(options: FiscalCodeOptions): Ymd {
  if (options.referenceDate === undefined) {
    const now = new Date();
    return { year: now.getFullYear(), month: now.getMonth() + 1, day: now.getDate() };
  }
  const parsed = parseIsoDate(options.referenceDate);
  if (!parsed) throw new RangeError('referenceDate must be an existing date written YYYY-MM-DD');
  return parsed;
}

/** Replaces omocodia letters at the seven digit positions, and only there: L, M, N elsewhere are name letters. */
function withDigits(code: string): string {
  const chars = code.split('');
  for (const index of OMOCODIA_POSITIONS) {
    const digit = OMOCODIA_LETTERS.indexOf(chars[index]);
    if (digit >= 0) chars[index] = String(digit);
  }
  return chars.join('');
}

/**
 * Check character of a personal fiscal code (§2.2): odd positions use the ODD table,
 * even positions the digit or letter index, and the sum mod 26 picks a letter.
 * @throws RangeError unless `first15` is 15 characters of A–Z and 0–9.
 */
export function computeCheckCharacter(first15: string): string {
  if (!/^[A-Z0-9]{15}$/.test(first15)) throw new RangeError('expected the first 15 characters of a personal fiscal code');
  let sum = 0;
  for (let i = 0; i < 15; i++) {
    const code = first15.charCodeAt(i);
    const index = code <= 57 ? code - 48 : code - 65;
    // 1-based odd positions are the even 0-based indexes.
    sum += i % 2 === 0 ? ODD_VALUES[index] : index;
  }
  return String.fromCharCode(65 + (sum % 26));
}

/**
 * Validates a 16-character personal fiscal code, omocodic or not, and decodes it.
 * Only trimming and upper-casing are applied; anything else that is off is rejected.
 */
export function validatePersonalFiscalCode(code: string, options: FiscalCodeOptions = {}): PersonalFiscalCode | InvalidCode {
  const normalized = normalize(code);
  if (normalized.length !== 16) return invalid('must be 16 characters');
  for (let i = 0; i < 16; i++) {
    if (!LAYOUT[i].pattern.test(normalized[i])) return invalid(`position ${i + 1} must be ${LAYOUT[i].says}`);
  }
  const plain = withDigits(normalized);
  const encodedDay = Number(plain.slice(9, 11));
  if (!(encodedDay >= 1 && encodedDay <= 31) && !(encodedDay >= 41 && encodedDay <= 71)) {
    return invalid('day must be 01-31 for men or 41-71 for women (positions 10-11)');
  }
  const month = MONTH_LETTERS.indexOf(plain[8]) + 1;
  const day = encodedDay % 40;
  const reference = referenceDay(options);
  let year = reference.year - (reference.year % 100) + Number(plain.slice(6, 8));
  if (dayNumber({ year, month, day }) > dayNumber(reference)) year -= 100;
  if (day > daysInMonth(year, month)) return invalid('birth date does not exist');
  if (computeCheckCharacter(normalized.slice(0, 15)) !== normalized[15]) return invalid('check character is wrong');
  return {
    ok: true,
    kind: 'PERSONAL',
    normalized,
    value: normalized,
    birthDate: `${pad(year, 4)}-${pad(month)}-${pad(day)}`,
    sex: encodedDay > 40 ? 'F' : 'M',
    birthPlace: plain.slice(11, 15),
    omocodic: plain !== normalized,
  };
}

/**
 * Check digit of an 11-digit numeric fiscal code (§2.4), as `(10 - (X + Y) mod 10) mod 10`
 * rather than a substring of the sum, which breaks for sums below 10 and multiples of 10.
 * @throws RangeError unless `first10` is 10 digits.
 */
export function computeNumericCheckDigit(first10: string): string {
  if (!/^\d{10}$/.test(first10)) throw new RangeError('expected the first 10 digits of a numeric fiscal code');
  let sum = 0;
  for (let i = 0; i < 10; i++) {
    const digit = Number(first10[i]);
    // Even 1-based positions (odd 0-based indexes) are doubled, minus 9 above 9.
    sum += i % 2 === 0 ? digit : digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
  }
  return String((10 - (sum % 10)) % 10);
}

/** Validates an 11-digit numeric fiscal code (partita IVA, entity or provisional personal code). */
export function validateNumericFiscalCode(code: string): NumericFiscalCode | InvalidCode {
  const normalized = normalize(code);
  if (normalized.length !== 11) return invalid('must be 11 digits');
  const nonDigit = normalized.search(/\D/);
  if (nonDigit >= 0) return invalid(`position ${nonDigit + 1} must be a digit`);
  if (computeNumericCheckDigit(normalized.slice(0, 10)) !== normalized[10]) return invalid('check digit is wrong');
  return { ok: true, kind: 'NUMERIC', normalized, value: normalized };
}

/** Validates either kind of fiscal code, chosen by the length after trimming: 16 personal, 11 numeric. */
export function validateFiscalCode(code: string, options: FiscalCodeOptions = {}): FiscalCodeResult {
  const length = normalize(code).length;
  if (length === 16) return validatePersonalFiscalCode(code, options);
  if (length === 11) return validateNumericFiscalCode(code);
  return invalid('must be 16 characters (personal code) or 11 digits (numeric code)');
}

/** Three letters for a surname or first name (§2.1), after removing accents, spaces and apostrophes. */
function nameLetters(name: string, field: string, isFirstName: boolean): string {
  const letters = normalize(name.normalize('NFD').replace(/[\u0300-\u036f\s'’‘`]/g, ''));
  if (!/^[A-Z]+$/.test(letters)) throw new RangeError(`${field} must contain letters, optionally with spaces, apostrophes and accents`);
  const consonants = letters.replace(/[AEIOU]/g, '');
  if (isFirstName && consonants.length >= 4) return consonants[0] + consonants[2] + consonants[3];
  return (consonants + letters.replace(/[^AEIOU]/g, '') + 'XXX').slice(0, 3);
}

/**
 * Computes the (non-omocodic) personal fiscal code of a person.
 * @throws RangeError when a field cannot be encoded; the message names the field, not its value.
 */
export function encodePersonalFiscalCode(person: PersonalData): string {
  const date = parseIsoDate(person.birthDate);
  if (!date) throw new RangeError('birthDate must be an existing date written YYYY-MM-DD');
  if (person.sex !== 'M' && person.sex !== 'F') throw new RangeError("sex must be 'M' or 'F'");
  if (!validateBelfioreCode(person.birthPlace).ok) throw new RangeError('birthPlace must be a Belfiore code: a capital letter and 3 digits');
  const first15 =
    nameLetters(person.lastName, 'lastName', false) +
    nameLetters(person.firstName, 'firstName', true) +
    pad(date.year % 100) +
    MONTH_LETTERS[date.month - 1] +
    pad(date.day + (person.sex === 'F' ? 40 : 0)) +
    person.birthPlace;
  return first15 + computeCheckCharacter(first15);
}

/**
 * One omocodic variant of a valid personal code, check character recomputed. `n` is a
 * bit mask over the seven substitutable digits, bit 0 being the rightmost (position 15):
 * 1 is the first omocode (`RSSMRA85T10A562S` → `RSSMRA85T10A56NH`), 127 substitutes all
 * seven, and 0 gives back the plain code. It is a mask, not the Agenzia's issuing order.
 * @throws RangeError when `code` is not a valid personal code or `n` is not an integer 0–127.
 */
export function omocodeVariant(code: string, n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 127) throw new RangeError('n must be an integer from 0 to 127');
  const parsed = validatePersonalFiscalCode(code);
  if (!parsed.ok) throw new RangeError(`not a valid personal fiscal code: ${parsed.reason}`);
  const chars = withDigits(parsed.normalized).split('');
  OMOCODIA_POSITIONS.forEach((index, bit) => {
    if (n & (1 << bit)) chars[index] = OMOCODIA_LETTERS[Number(chars[index])];
  });
  const first15 = chars.slice(0, 15).join('');
  return first15 + computeCheckCharacter(first15);
}

/**
 * All 127 omocodic variants of a valid personal code (masks 1–127 of {@link omocodeVariant}).
 * @throws RangeError when `code` is not a valid personal code.
 */
export function omocodeVariants(code: string): string[] {
  return Array.from({ length: 127 }, (_, i) => omocodeVariant(code, i + 1));
}

/**
 * Builds an 11-digit numeric fiscal code from its serial number and provincial office code.
 * @throws RangeError unless `serial7` is 7 digits and `office3` is 3 digits.
 */
export function encodeNumericFiscalCode(serial7: string, office3: string): string {
  if (!/^\d{7}$/.test(serial7)) throw new RangeError('serial7 must be 7 digits');
  if (!/^\d{3}$/.test(office3)) throw new RangeError('office3 must be 3 digits');
  return serial7 + office3 + computeNumericCheckDigit(serial7 + office3);
}
