import { describe, expect, it } from 'vitest';
import { atecoSection, isConstruction, validateAtecoCode } from '../../../subgraphs/lib/codes';

describe('ATECO codes', () => {
  it.each([
    ['F', 'SECTION'],
    ['V', 'SECTION'],
    ['41', 'DIVISION'],
    ['41.2', 'GROUP'],
    ['41.20', 'CLASS'],
    ['41.20.0', 'CATEGORY'],
    ['41.20.00', 'SUBCATEGORY'],
    ['01.11.00', 'SUBCATEGORY'],
    ['99', 'DIVISION'],
  ])('%s is a valid code at level %s', (code, level) => {
    expect(validateAtecoCode(code)).toEqual({ ok: true, value: code, level });
  });

  it.each(['W', 'f', '4', '412000', '41.200', '41.2.0', '41.20.000', '41-20', '41.', ' 41', ''])('"%s" is not a valid code', (code) => {
    expect(validateAtecoCode(code)).toMatchObject({ ok: false, reason: expect.stringContaining('section letter A-V') });
  });

  it('division 00 is rejected', () => {
    expect(validateAtecoCode('00.10')).toEqual({ ok: false, reason: 'division (digits 1-2) must be 01-99' });
  });

  it('divisions map to their ATECO 2007 (NACE Rev. 2) section at every range boundary', () => {
    const expected: Record<string, string> = {
      '01': 'A', '03': 'A', '05': 'B', '09': 'B', '10': 'C', '33': 'C', '35': 'D', '36': 'E', '39': 'E', '41': 'F', '43': 'F',
      '45': 'G', '47': 'G', '49': 'H', '53': 'H', '55': 'I', '56': 'I', '58': 'J', '63': 'J', '64': 'K', '66': 'K', '68': 'L',
      '69': 'M', '75': 'M', '77': 'N', '82': 'N', '84': 'O', '85': 'P', '86': 'Q', '88': 'Q', '90': 'R', '93': 'R', '94': 'S',
      '96': 'S', '97': 'T', '98': 'T', '99': 'U',
    };
    for (const [division, section] of Object.entries(expected)) expect(atecoSection(`${division}.10.00`)).toBe(section);
  });

  it('every division 01-99 has a section except the unused ones', () => {
    const unused = ['04', '34', '40', '44', '48', '54', '57', '67', '76', '83', '89'];
    for (let n = 1; n <= 99; n++) {
      const division = String(n).padStart(2, '0');
      expect(atecoSection(division) === undefined).toBe(unused.includes(division));
    }
  });

  it('section letters are their own section in ATECO 2007, which has no section V', () => {
    expect(atecoSection('F')).toBe('F');
    expect(atecoSection('U')).toBe('U');
    expect(atecoSection('V')).toBeUndefined();
    expect(atecoSection('nonsense')).toBeUndefined();
  });

  it('construction is section F: divisions 41, 42 and 43', () => {
    for (const code of ['F', '41', '42.11', '43.99.09']) expect(isConstruction(code)).toBe(true);
    for (const code of ['G', '40', '44', '68.10', '4', '']) expect(isConstruction(code)).toBe(false);
  });
});
