import { describe, expect, it } from 'vitest';
import {
  computeCheckCharacter,
  encodePersonalFiscalCode,
  omocodeVariant,
  validateNumericFiscalCode,
  validatePersonalFiscalCode,
} from '../../../subgraphs/lib/codes';
import { DOCUMENTED_NUMERIC_CODES, DOCUMENTED_PERSONAL_CODES, randomPerson, REFERENCE_DATE, seededRandom } from './support';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const OMOCODIA_INDEXES = [6, 7, 9, 10, 12, 13, 14];
const digitOf = (c: string): string => ('LMNPQRSTUV'.includes(c) ? String('LMNPQRSTUV'.indexOf(c)) : c);

/** Computed independently of the validator: same data at every position, and a correct check character. */
function isLegitimateVariant(original: string, candidate: string): boolean {
  for (let i = 0; i < 15; i++) {
    const same = OMOCODIA_INDEXES.includes(i) ? digitOf(original[i]) === digitOf(candidate[i]) : original[i] === candidate[i];
    if (!same) return false;
  }
  return /^[A-Z0-9]{15}$/.test(candidate.slice(0, 15)) && computeCheckCharacter(candidate.slice(0, 15)) === candidate[15];
}

const codes = [
  ...DOCUMENTED_PERSONAL_CODES.map((v) => v.code),
  omocodeVariant('RSSMRA85T10A562S', 1),
  omocodeVariant('VRNGNY07D68C351V', 127),
  ...Array.from({ length: 4 }, (_, i) => encodePersonalFiscalCode(randomPerson(seededRandom(777 + i), i + 1))),
];

describe('single-character changes', () => {
  it('every change of one of the 16 characters of a personal code is rejected unless it yields a legitimate omocodic variant', () => {
    const wrong: string[] = [];
    let tried = 0;
    for (const code of codes) {
      for (let i = 0; i < 16; i++) {
        for (const c of ALPHABET) {
          if (c === code[i]) continue;
          const mutated = code.slice(0, i) + c + code.slice(i + 1);
          tried++;
          const accepted = validatePersonalFiscalCode(mutated, { referenceDate: REFERENCE_DATE }).ok;
          if (accepted !== isLegitimateVariant(code, mutated)) wrong.push(`position ${i + 1} -> ${c} of code #${codes.indexOf(code)}`);
        }
      }
    }
    expect(tried).toBe(codes.length * 16 * 35);
    expect(wrong).toEqual([]);
  });

  it('every change of one digit of an 11-digit code is rejected', () => {
    for (const code of DOCUMENTED_NUMERIC_CODES) {
      for (let i = 0; i < 11; i++) {
        for (const d of '0123456789') {
          if (d === code[i]) continue;
          expect(validateNumericFiscalCode(code.slice(0, i) + d + code.slice(i + 1)).ok).toBe(false);
        }
      }
    }
  });
});
