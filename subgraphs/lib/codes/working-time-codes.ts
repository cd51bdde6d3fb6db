import { type CodeValidation, invalid } from './validation-result';

/** Working-time code (tipo orario) of the mandatory communications (§3.5). */
export type WorkingTimeCode = 'F' | 'P' | 'V' | 'M' | 'N';

/** A working-time code and whether it is a part-time arrangement. */
export interface WorkingTime {
  readonly code: WorkingTimeCode;
  readonly description: string;
  /** Part-time makes the average weekly hours mandatory. */
  readonly partTime: boolean;
}

/** The working-time codes; `N` counts as not part-time, so it does not demand weekly hours. */
export const WORKING_TIME_CODES: readonly WorkingTime[] = [
  { code: 'F', description: 'Full time', partTime: false },
  { code: 'P', description: 'Horizontal part-time', partTime: true },
  { code: 'V', description: 'Vertical part-time', partTime: true },
  { code: 'M', description: 'Mixed part-time', partTime: true },
  { code: 'N', description: 'Not defined (added by a later ministerial update)', partTime: false },
];

/** Whether `code` is one of the working-time codes. */
export function isWorkingTimeCode(code: string): code is WorkingTimeCode {
  return WORKING_TIME_CODES.some((w) => w.code === code);
}

/** Checks a working-time code. */
export function validateWorkingTimeCode(code: string): CodeValidation {
  return isWorkingTimeCode(code) ? { ok: true, value: code } : invalid('must be one of F P V M N');
}

/** Whether a working-time code is part-time (`P`, `V`, `M`); false for unknown codes. */
export function isPartTime(code: string): boolean {
  return WORKING_TIME_CODES.some((w) => w.code === code && w.partTime);
}
