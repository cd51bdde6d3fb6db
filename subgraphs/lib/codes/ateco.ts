import { type CodeValidation, invalid } from './validation-result';

/** Level of an ATECO code: a section letter, or 2 to 6 digits written `41`, `41.2`, `41.20`, `41.20.0`, `41.20.00`. */
export type AtecoLevel = 'SECTION' | 'DIVISION' | 'GROUP' | 'CLASS' | 'CATEGORY' | 'SUBCATEGORY';

const LEVEL_BY_DIGITS: Record<number, AtecoLevel> = { 2: 'DIVISION', 3: 'GROUP', 4: 'CLASS', 5: 'CATEGORY', 6: 'SUBCATEGORY' };

/**
 * Division ranges of each section in ATECO 2007, the Italian version of NACE Rev. 2.
 * ATECO 2025 (NACE Rev. 2.1) moves some boundaries (J/K split, sections up to V).
 */
const ATECO_2007_SECTIONS: readonly [section: string, firstDivision: number, lastDivision: number][] = [
  ['A', 1, 3], ['B', 5, 9], ['C', 10, 33], ['D', 35, 35], ['E', 36, 39], ['F', 41, 43], ['G', 45, 47],
  ['H', 49, 53], ['I', 55, 56], ['J', 58, 63], ['K', 64, 66], ['L', 68, 68], ['M', 69, 75], ['N', 77, 82],
  ['O', 84, 84], ['P', 85, 85], ['Q', 86, 88], ['R', 90, 93], ['S', 94, 96], ['T', 97, 98], ['U', 99, 99],
];

/**
 * Checks the form of an ATECO code, for either version: a section letter A–V (V exists
 * only in ATECO 2025), or a division 01–99 followed by the group, class, category and
 * subcategory digits with their dots. Whether the code exists is not checked.
 */
export function validateAtecoCode(code: string): CodeValidation<{ readonly level: AtecoLevel }> {
  if (/^[A-V]$/.test(code)) return { ok: true, value: code, level: 'SECTION' };
  if (!/^\d{2}(\.\d(\d(\.\d{1,2})?)?)?$/.test(code)) {
    return invalid('must be a section letter A-V or a numeric code written like 41, 41.2, 41.20, 41.20.0 or 41.20.00');
  }
  if (code.startsWith('00')) return invalid('division (digits 1-2) must be 01-99');
  return { ok: true, value: code, level: LEVEL_BY_DIGITS[code.replace(/\./g, '').length] };
}

/**
 * The ATECO 2007 (NACE Rev. 2) section of a code: a numeric code maps through its
 * division, a letter A–U is its own section. `undefined` for malformed codes, for
 * divisions that do not exist (04, 34, 40, ...) and for the ATECO 2025 section V.
 */
export function atecoSection(code: string): string | undefined {
  const result = validateAtecoCode(code);
  if (!result.ok) return undefined;
  if (result.level === 'SECTION') return code <= 'U' ? code : undefined;
  const division = Number(code.slice(0, 2));
  return ATECO_2007_SECTIONS.find(([, first, last]) => division >= first && division <= last)?.[0];
}

/** Whether a code is construction: section F, divisions 41–43, the same in ATECO 2007 and 2025. */
export function isConstruction(code: string): boolean {
  return atecoSection(code) === 'F';
}
