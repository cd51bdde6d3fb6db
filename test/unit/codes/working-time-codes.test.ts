import { describe, expect, it } from 'vitest';
import { isPartTime, isWorkingTimeCode, validateWorkingTimeCode, WORKING_TIME_CODES } from '../../../subgraphs/lib/codes';

describe('working-time codes', () => {
  it('the five codes are F P V M N', () => {
    expect(WORKING_TIME_CODES.map((w) => w.code)).toEqual(['F', 'P', 'V', 'M', 'N']);
  });

  it('horizontal, vertical and mixed are part-time; full time, not defined and unknown codes are not', () => {
    expect(['F', 'P', 'V', 'M', 'N', 'X', 'p'].map(isPartTime)).toEqual([false, true, true, true, false, false, false]);
  });

  it('only the five codes are accepted, case-sensitively', () => {
    expect(validateWorkingTimeCode('P')).toEqual({ ok: true, value: 'P' });
    expect(isWorkingTimeCode('N')).toBe(true);
    for (const code of ['p', 'X', '', 'FP']) expect(validateWorkingTimeCode(code)).toEqual({ ok: false, reason: 'must be one of F P V M N' });
  });
});
