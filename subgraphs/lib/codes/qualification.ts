import { type CodeValidation, invalid } from './validation-result';

/** The nine CP2011 major groups (§12.3). */
export const CP2011_MAJOR_GROUPS: readonly { readonly code: number; readonly description: string }[] = [
  { code: 1, description: 'Legislators, entrepreneurs and senior management' },
  { code: 2, description: 'Intellectual, scientific and highly specialised professions' },
  { code: 3, description: 'Technical professions' },
  { code: 4, description: 'Clerical professions' },
  { code: 5, description: 'Qualified professions in trade and services' },
  { code: 6, description: 'Craftsmen, skilled workers and farmers' },
  { code: 7, description: 'Plant and machine operators and drivers' },
  { code: 8, description: 'Unskilled professions' },
  { code: 9, description: 'Armed forces' },
];

/**
 * Checks an ISTAT job title (qualifica) as used in mandatory communications: the five
 * CP2011 levels, major group 1–9 then single digits, plus an optional ministerial
 * suffix of one or two digits, e.g. `4.1.2.3.0.2`. Whether the code exists is not checked.
 */
export function validateQualificationCode(code: string): CodeValidation<{ readonly majorGroup: number }> {
  if (!/^[1-9](\.\d){4}(\.\d{1,2})?$/.test(code)) {
    return invalid('must be five CP2011 levels (a digit 1-9, then 4 digits, each after a dot) with an optional ministerial suffix of 1-2 digits, e.g. 4.1.2.3.0.2');
  }
  return { ok: true, value: code, majorGroup: Number(code[0]) };
}
