import { describe, expect, it } from 'vitest';
import { computeCheckCharacter, encodePersonalFiscalCode, omocodeVariant, type PersonalData } from '../../../subgraphs/lib/codes';
import { DOCUMENTED_PERSONAL_CODES } from './support';

const person = (overrides: Partial<PersonalData>): PersonalData => ({
  lastName: 'Rossi',
  firstName: 'Mario',
  birthDate: '1985-12-10',
  sex: 'M',
  birthPlace: 'A562',
  ...overrides,
});
const surnameLetters = (lastName: string): string => encodePersonalFiscalCode(person({ lastName })).slice(0, 3);
const firstNameLetters = (firstName: string): string => encodePersonalFiscalCode(person({ firstName })).slice(3, 6);

describe('encoding personal fiscal codes', () => {
  it.each([
    ['ROSSI', 'RSS'],
    ['RIVA', 'RVI'],
    ['RE', 'REX'],
  ])('the documented surname example %s gives %s', (name, letters) => {
    expect(surnameLetters(name)).toBe(letters);
  });

  it.each([
    ['VINCENZO', 'VCN'],
    ['ALESSANDRO', 'LSN'],
    ['MARTA', 'MRT'],
    ['SARA', 'SRA'],
    ['AL', 'LAX'],
  ])('the documented first-name example %s gives %s', (name, letters) => {
    expect(firstNameLetters(name)).toBe(letters);
  });

  it('a surname with four or more consonants keeps its first three, unlike a first name', () => {
    expect(surnameLetters('Alessandro')).toBe('LSS');
  });

  it('case, spaces, apostrophes and diacritics are normalised away', () => {
    expect(surnameLetters('Réno')).toBe('RNE');
    expect(surnameLetters("D'Angelo")).toBe('DNG');
    expect(surnameLetters('de luca')).toBe('DLC');
    expect(surnameLetters('Nicolò')).toBe('NCL');
  });

  it('the documented vectors are reproduced from their data', () => {
    const names: Record<string, [string, string]> = {
      RSSMRA85T10A562S: ['Rossi', 'Mario'],
      VRNGNY07D68C351V: ['Verona', 'Giny'],
      RSSMRC80A01F205Z: ['Rossi', 'Marco'],
      RSSMRA79B11C566R: ['Rossi', 'Mario'],
    };
    for (const v of DOCUMENTED_PERSONAL_CODES) {
      const [lastName, firstName] = names[v.code];
      expect(encodePersonalFiscalCode({ lastName, firstName, birthDate: v.birthDate, sex: v.sex, birthPlace: v.birthPlace })).toBe(v.code);
    }
  });

  it.each([
    ['a birth date that does not exist', { birthDate: '1985-02-29' }, 'birthDate', '1985-02-29'],
    ['a birth date in another format', { birthDate: '10/12/1985' }, 'birthDate', '10/12/1985'],
    ['a lower-case Belfiore code', { birthPlace: 'a562' }, 'birthPlace', 'a562'],
    ['a surname with digits', { lastName: 'Rossi2' }, 'lastName', 'Rossi2'],
    ['a first name without letters', { firstName: " ' " }, 'firstName', undefined],
  ] as const)('%s is refused with an error naming the field, not its value', (_, overrides, field, value) => {
    const encode = (): string => encodePersonalFiscalCode(person(overrides));
    expect(encode).toThrow(RangeError);
    expect(encode).toThrow(new RegExp(`^${field} `));
    if (value !== undefined) expect(encode).not.toThrow(value);
  });

  it('the helpers refuse malformed input', () => {
    expect(() => computeCheckCharacter('RSSMRA85T10A56')).toThrow(RangeError);
    expect(() => computeCheckCharacter('rssmra85t10a562')).toThrow(RangeError);
    expect(() => omocodeVariant('RSSMRA85T10A562S', 128)).toThrow(RangeError);
    expect(() => omocodeVariant('RSSMRA85T10A562S', 1.5)).toThrow(RangeError);
    expect(() => omocodeVariant('RSSMRA85T10A562T', 1)).toThrow('not a valid personal fiscal code: check character is wrong');
  });
});
