import { describe, expect, it } from 'vitest';
import { omocodeVariant, validateFiscalCode, validateNumericFiscalCode, validatePersonalFiscalCode } from '../../../subgraphs/lib/codes';
import { DOCUMENTED_NUMERIC_CODES, DOCUMENTED_PERSONAL_CODES, REFERENCE_DATE } from './support';

describe('documented fiscal code vectors', () => {
  for (const vector of DOCUMENTED_PERSONAL_CODES) {
    it(`${vector.label} validates and decodes its birth date, sex and birthplace`, () => {
      expect(validatePersonalFiscalCode(vector.code, { referenceDate: REFERENCE_DATE })).toEqual({
        ok: true,
        kind: 'PERSONAL',
        normalized: vector.code,
        value: vector.code,
        birthDate: vector.birthDate,
        sex: vector.sex,
        birthPlace: vector.birthPlace,
        omocodic: false,
      });
    });
  }

  it('the first omocode of the first documented vector is the documented one', () => {
    expect(omocodeVariant('RSSMRA85T10A562S', 1)).toBe('RSSMRA85T10A56NH');
    expect(validatePersonalFiscalCode('RSSMRA85T10A56NH', { referenceDate: REFERENCE_DATE })).toMatchObject({
      ok: true,
      birthDate: '1985-12-10',
      birthPlace: 'A562',
      omocodic: true,
    });
  });

  it('every documented 11-digit code validates', () => {
    for (const code of DOCUMENTED_NUMERIC_CODES) {
      expect(validateNumericFiscalCode(code)).toEqual({ ok: true, kind: 'NUMERIC', normalized: code, value: code });
    }
  });

  it('the combined validator recognises each documented code by its length', () => {
    for (const { code } of DOCUMENTED_PERSONAL_CODES) expect(validateFiscalCode(code)).toMatchObject({ ok: true, kind: 'PERSONAL' });
    for (const code of DOCUMENTED_NUMERIC_CODES) expect(validateFiscalCode(code)).toMatchObject({ ok: true, kind: 'NUMERIC' });
  });
});
