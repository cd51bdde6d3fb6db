import { describe, expect, it } from 'vitest';
import { computeCheckCharacter, validateFiscalCode, validatePersonalFiscalCode } from '../../../subgraphs/lib/codes';
import { expectReasonWithoutInput, REFERENCE_DATE } from './support';

/** A synthetic code whose check character is right, so that only the tested fault remains. */
const withCheck = (first15: string): string => first15 + computeCheckCharacter(first15);

function expectRejected(code: string, reason: string): void {
  const result = validateFiscalCode(code, { referenceDate: REFERENCE_DATE });
  expect(result).toEqual({ ok: false, reason });
  if (!result.ok) expectReasonWithoutInput(result.reason, code);
}

describe('rejected personal fiscal codes', () => {
  it.each([
    ['31 April', 'RSSMRA85D31A562'],
    ['31 April for a woman', 'RSSMRA85D71A562'],
    ['29 February in a non-leap year', 'RSSMRA85B29A562'],
    ['30 February in a leap year', 'RSSMRA84B30A562'],
    ['31 June', 'RSSMRA85H31A562'],
  ])('a birth date that does not exist is rejected: %s', (_, first15) => {
    expectRejected(withCheck(first15), 'birth date does not exist');
  });

  it('29 February in a leap year is accepted', () => {
    expect(validatePersonalFiscalCode(withCheck('RSSMRA84B29A562'), { referenceDate: REFERENCE_DATE })).toMatchObject({ ok: true, birthDate: '1984-02-29' });
  });

  it.each(['00', '32', '40', '72', '99'])('day %s is outside 01-31 and 41-71 and is rejected', (day) => {
    expectRejected(withCheck(`RSSMRA85T${day}A562`), 'day must be 01-31 for men or 41-71 for women (positions 10-11)');
  });

  it.each([...'FGIJKNOQUVWXYZ0123456789'])('month letter %s is rejected', (month) => {
    expectRejected(withCheck(`RSSMRA85${month}10A562`), 'position 9 must be a month letter (A B C D E H L M P R S T)');
  });

  it.each([7, 8, 10, 11, 13, 14, 15])('a letter outside L M N P Q R S T U V at digit position %i is rejected', (position) => {
    for (const letter of 'ABKWZ') {
      const code = 'RSSMRA85T10A562S';
      expectRejected(
        withCheck((code.slice(0, position - 1) + letter + code.slice(position)).slice(0, 15)),
        `position ${position} must be a digit or an omocodia letter (L M N P Q R S T U V)`,
      );
    }
  });

  it.each([1, 2, 3, 4, 5, 6, 12, 16])('a digit at letter position %i is rejected', (position) => {
    const code = 'RSSMRA85T10A562S';
    expectRejected(code.slice(0, position - 1) + '7' + code.slice(position), `position ${position} must be a letter`);
  });

  it('a wrong check character is rejected', () => {
    expectRejected('RSSMRA85T10A562T', 'check character is wrong');
  });

  it.each([
    ['empty', ''],
    ['15 characters', 'RSSMRA85T10A562'],
    ['17 characters', 'RSSMRA85T10A562SX'],
    ['10 digits', '0287774021'],
    ['12 digits', '028777402130'],
    ['an inner space', 'RSSMRA85 T10A562S'],
  ])('a code of the wrong length is rejected: %s', (_, code) => {
    expectRejected(code, 'must be 16 characters (personal code) or 11 digits (numeric code)');
  });

  it('the personal validator alone asks for 16 characters', () => {
    expect(validatePersonalFiscalCode('RSSMRA85T10A562')).toEqual({ ok: false, reason: 'must be 16 characters' });
  });

  it('letters that only upper-case into valid ones are not accepted', () => {
    expectRejected('RSSMRA85T10A562ß', 'position 16 must be a letter');
    expectRejected('RSSMRA85T10A562ı', 'position 16 must be a letter');
  });
});
