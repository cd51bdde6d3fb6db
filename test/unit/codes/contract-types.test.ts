import { describe, expect, it } from 'vitest';
import {
  CONTRACT_TYPES,
  findContractType,
  requiresEndDate,
  SEASONAL_CONTRACT_TYPES,
  validateContractType,
  validateContractTypeFormat,
} from '../../../subgraphs/lib/codes';

const type = (code: string) => {
  const found = findContractType(code);
  if (!found) throw new Error(`missing ${code}`);
  return found;
};

describe('contract types', () => {
  it('the table holds the 40 codes of the domain reference, each well formed and unique', () => {
    expect(CONTRACT_TYPES).toHaveLength(40);
    expect(new Set(CONTRACT_TYPES.map((t) => t.code)).size).toBe(40);
    for (const t of CONTRACT_TYPES) {
      expect(validateContractTypeFormat(t.code).ok).toBe(true);
      expect(t.validFrom).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });

  it('a known code is accepted with its table row', () => {
    expect(validateContractType('A.01.00')).toEqual({ ok: true, value: 'A.01.00', contractType: type('A.01.00') });
  });

  it.each(['A.1.00', 'a.01.00', 'A0100', 'A.01.00 ', 'AB.01.00', ''])('a malformed code is rejected: "%s"', (code) => {
    expect(validateContractType(code)).toEqual({ ok: false, reason: 'must be a capital letter, a dot, 2 digits, a dot and 2 digits (e.g. A.01.00)' });
  });

  it('a well-formed code outside the table is rejected by the full check but not by the format check', () => {
    expect(validateContractType('Z.99.99')).toEqual({ ok: false, reason: 'is not a known contract type' });
    expect(validateContractTypeFormat('Z.99.99')).toEqual({ ok: true, value: 'Z.99.99' });
  });

  it('legacy codes are valid only up to their (approximate) end date, and newer codes only from their start', () => {
    expect(validateContractType('A.03.00', '2010-01-01').ok).toBe(true);
    expect(validateContractType('A.03.00', '2020-01-01')).toEqual({ ok: false, reason: 'is not valid on that date (valid from 2008-03-01 to 2012-04-25)' });
    expect(validateContractType('B.01.00', '2015-06-24').ok).toBe(true);
    expect(validateContractType('B.01.00', '2015-06-25').ok).toBe(false);
    expect(validateContractType('A.03.09', '2011-10-24').ok).toBe(false);
    expect(validateContractType('A.03.09', '2011-10-25').ok).toBe(true);
    expect(validateContractType('B.04.00', '2022-01-01').ok).toBe(false);
    expect(validateContractType('A.01.00', '2030-01-01').ok).toBe(true);
    expect(() => validateContractType('A.01.00', '01/01/2020')).toThrow(RangeError);
  });

  it('exactly the legacy codes have an end date, in the past', () => {
    const legacy = CONTRACT_TYPES.filter((t) => t.legacy).map((t) => t.code);
    expect(legacy).toEqual(['A.03.00', 'A.03.01', 'A.03.02', 'A.03.03', 'A.03.07', 'B.01.00']);
    for (const t of CONTRACT_TYPES) expect(t.validTo === undefined).toBe(!t.legacy);
    for (const code of legacy) expect(type(code).validTo! < '2016-01-01').toBe(true);
  });

  it('fixed-term types require an end date, and so does any seasonal relationship', () => {
    for (const code of ['A.02.00', 'A.02.01', 'A.04.01', 'A.06.01', 'N.02.00', 'N.03.00', 'C.01.00', 'C.02.00', 'B.02.00']) {
      expect(type(code).fixedTerm).toBe(true);
    }
    for (const code of ['A.01.00', 'A.04.00', 'A.06.00', 'N.01.00', 'A.03.09', 'B.03.00']) expect(type(code).fixedTerm).toBe(false);
    expect(requiresEndDate(type('A.02.00'), false)).toBe(true);
    expect(requiresEndDate(type('A.03.09'), true)).toBe(true);
    expect(requiresEndDate(type('A.01.00'), false)).toBe(false);
  });

  it('apprenticeship types are the A.03 codes other than training-and-work and integration contracts', () => {
    const apprenticeships = CONTRACT_TYPES.filter((t) => t.apprenticeship).map((t) => t.code);
    expect(apprenticeships.every((code) => code.startsWith('A.03.'))).toBe(true);
    expect(apprenticeships).toHaveLength(12);
    expect(type('A.03.04').apprenticeship).toBe(false);
    expect(type('A.03.07').apprenticeship).toBe(false);
  });

  it('seasonal work is allowed for the 14 listed types only', () => {
    expect(SEASONAL_CONTRACT_TYPES).toHaveLength(14);
    expect(CONTRACT_TYPES.filter((t) => t.seasonalAllowed).map((t) => t.code).sort()).toEqual([...SEASONAL_CONTRACT_TYPES].sort());
    expect(type('A.01.00').seasonalAllowed).toBe(false);
  });
});
