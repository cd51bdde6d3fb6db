import { describe, expect, it } from 'vitest';
import { computeCheckCharacter, encodePersonalFiscalCode, validateFiscalCode, validatePersonalFiscalCode } from '../../../subgraphs/lib/codes';

const withCheck = (first15: string): string => first15 + computeCheckCharacter(first15);
const birthDateOn = (code: string, referenceDate?: string): string | undefined => {
  const result = validatePersonalFiscalCode(code, referenceDate === undefined ? {} : { referenceDate });
  return result.ok ? result.birthDate : undefined;
};

describe('decoding personal fiscal codes', () => {
  it('the two-digit year becomes the latest year that keeps the birth date on or before the reference date', () => {
    expect(birthDateOn('RSSMRA85T10A562S', '2025-06-30')).toBe('1985-12-10');
    expect(birthDateOn('RSSMRA85T10A562S', '1985-12-10')).toBe('1985-12-10');
    expect(birthDateOn('RSSMRA85T10A562S', '1985-12-09')).toBe('1885-12-10');
    expect(birthDateOn('VRNGNY07D68C351V', '2025-06-30')).toBe('2007-04-28');
    expect(birthDateOn('VRNGNY07D68C351V', '2007-04-27')).toBe('1907-04-28');
  });

  it('the reference date defaults to today', () => {
    expect(birthDateOn('RSSMRA85T10A562S')).toBe('1985-12-10');
  });

  it('29 February of a year 00 exists only when the century resolves to a leap year', () => {
    const code = withCheck('RSSMRA00B29A562');
    expect(birthDateOn(code, '2025-06-30')).toBe('2000-02-29');
    expect(validatePersonalFiscalCode(code, { referenceDate: '2000-02-28' })).toEqual({ ok: false, reason: 'birth date does not exist' });
  });

  it('a reference date that is not an existing ISO date is a programming error', () => {
    expect(() => validatePersonalFiscalCode('RSSMRA85T10A562S', { referenceDate: '2025-02-30' })).toThrow(RangeError);
  });

  it('women are recognised by the day plus 40', () => {
    expect(validatePersonalFiscalCode(withCheck('RSSMRA85T50A562'))).toMatchObject({ ok: true, sex: 'F', birthDate: '1985-12-10' });
  });

  it('only the seven digit positions are decoded: L, M and N in the name part stay letters', () => {
    const code = encodePersonalFiscalCode({ lastName: 'Milani', firstName: 'Lino', birthDate: '1990-03-15', sex: 'M', birthPlace: 'F205' });
    expect(code.slice(0, 6)).toBe('MLNLNI');
    expect(validatePersonalFiscalCode(code)).toMatchObject({ ok: true, normalized: code, omocodic: false });
  });

  it('omocodia letters in the birthplace decode to digits of the Belfiore code', () => {
    expect(validatePersonalFiscalCode('RSSMRA85T10A56NH')).toMatchObject({ ok: true, birthPlace: 'A562', omocodic: true });
  });

  it('surrounding spaces and lower case are normalised, and nothing else', () => {
    expect(validateFiscalCode('  rssmra85t10a562s\n')).toMatchObject({ ok: true, normalized: 'RSSMRA85T10A562S' });
    expect(validateFiscalCode(' 02877740213 ')).toMatchObject({ ok: true, normalized: '02877740213' });
    expect(validateFiscalCode('RSS-MRA85T10A562')).toEqual({ ok: false, reason: 'position 4 must be a letter' });
  });
});
