import { describe, expect, it } from 'vitest';
import { computeNumericCheckDigit, encodeNumericFiscalCode, validateNumericFiscalCode } from '../../../subgraphs/lib/codes';
import { DOCUMENTED_NUMERIC_CODES, expectReasonWithoutInput, seededRandom } from './support';

describe('11-digit numeric fiscal codes', () => {
  it('the documented codes are rebuilt from their serial number and office code', () => {
    for (const code of DOCUMENTED_NUMERIC_CODES) expect(encodeNumericFiscalCode(code.slice(0, 7), code.slice(7, 10))).toBe(code);
  });

  it('the check digit is a single digit even when the sum is below 10 or a multiple of 10', () => {
    expect(computeNumericCheckDigit('0000000000')).toBe('0');
    expect(computeNumericCheckDigit('0000000001')).toBe('8');
    expect(computeNumericCheckDigit('1000000000')).toBe('9');
    expect(computeNumericCheckDigit('9999999999')).toBe('0');
  });

  it('every generated code validates and its digits sum to a multiple of 10', () => {
    const random = seededRandom(11);
    for (let n = 0; n < 1000; n++) {
      const first10 = Array.from({ length: 10 }, () => Math.floor(random() * 10)).join('');
      const code = first10 + computeNumericCheckDigit(first10);
      const sum = [...code].reduce((total, c, i) => {
        const d = Number(c);
        return total + (i % 2 === 1 && i < 10 ? (d * 2 > 9 ? d * 2 - 9 : d * 2) : d);
      }, 0);
      expect(sum % 10).toBe(0);
      expect(validateNumericFiscalCode(code).ok).toBe(true);
    }
  });

  it.each([
    ['a wrong check digit', '02877740214', 'check digit is wrong'],
    ['a letter', '0287774O213', 'position 8 must be a digit'],
    ['10 digits', '0287774021', 'must be 11 digits'],
  ])('%s is rejected without quoting the code', (_, code, reason) => {
    const result = validateNumericFiscalCode(code);
    expect(result).toEqual({ ok: false, reason });
    if (!result.ok) expectReasonWithoutInput(result.reason, code);
  });

  it('the builders refuse malformed parts', () => {
    expect(() => encodeNumericFiscalCode('028777', '021')).toThrow(RangeError);
    expect(() => encodeNumericFiscalCode('0287774', '21')).toThrow(RangeError);
    expect(() => computeNumericCheckDigit('02877740a1')).toThrow(RangeError);
  });
});
