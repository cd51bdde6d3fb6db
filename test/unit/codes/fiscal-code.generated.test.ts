import { describe, expect, it } from 'vitest';
import { encodePersonalFiscalCode, omocodeVariant, omocodeVariants, validatePersonalFiscalCode } from '../../../subgraphs/lib/codes';
import { DOCUMENTED_PERSONAL_CODES, randomPerson, REFERENCE_DATE, seededRandom } from './support';

const PEOPLE = 600;
const people = Array.from({ length: PEOPLE }, (_, i) => randomPerson(seededRandom(20250630 + i), i));

describe('generated personal fiscal codes', () => {
  it(`${PEOPLE} random people (leap days, both sexes, any Belfiore code) encode to codes that decode back to their data`, () => {
    expect(people.filter((p) => p.birthDate.endsWith('-02-29')).length).toBeGreaterThanOrEqual(PEOPLE / 5);
    expect(new Set(people.map((p) => p.sex))).toEqual(new Set(['M', 'F']));
    for (const person of people) {
      const code = encodePersonalFiscalCode(person);
      expect(validatePersonalFiscalCode(code, { referenceDate: REFERENCE_DATE })).toEqual({
        ok: true,
        kind: 'PERSONAL',
        normalized: code,
        value: code,
        birthDate: person.birthDate,
        sex: person.sex,
        birthPlace: person.birthPlace,
        omocodic: false,
      });
    }
  });

  const bases = [...DOCUMENTED_PERSONAL_CODES.map((v) => v.code), ...people.slice(0, 6).map(encodePersonalFiscalCode)];

  it('all 127 omocodic variants of several codes are distinct, validate and decode to the same data', () => {
    for (const base of bases) {
      const plain = validatePersonalFiscalCode(base, { referenceDate: REFERENCE_DATE });
      const variants = omocodeVariants(base);
      expect(new Set(variants).size).toBe(127);
      expect(variants).not.toContain(base);
      for (const variant of variants) {
        expect(validatePersonalFiscalCode(variant, { referenceDate: REFERENCE_DATE })).toEqual({
          ...plain,
          normalized: variant,
          value: variant,
          omocodic: true,
        });
      }
    }
  });

  it('mask 0 turns any omocodic variant back into the plain code', () => {
    for (const base of bases) {
      for (const variant of omocodeVariants(base)) expect(omocodeVariant(variant, 0)).toBe(base);
    }
  });

  it('the same variants come back whichever variant they are derived from', () => {
    const base = bases[0];
    expect(omocodeVariants(omocodeVariant(base, 85))).toEqual(omocodeVariants(base));
  });
});
