import { describe, expect, it } from 'vitest';
import { CP2011_MAJOR_GROUPS, validateQualificationCode } from '../../../subgraphs/lib/codes';

describe('ISTAT job titles (CP2011 plus ministerial digits)', () => {
  it.each([
    ['4.1.2.3.0.2', 4],
    ['1.1.1.1.1', 1],
    ['9.9.9.9.9.99', 9],
  ])('%s is valid in major group %i', (code, majorGroup) => {
    expect(validateQualificationCode(code)).toEqual({ ok: true, value: code, majorGroup });
  });

  it.each(['0.1.2.3.0', '4.1.2.3', '4.1.2.3.0.123', '4.12.2.3.0', '4-1-2-3-0', '4.1.2.3.0.', ' 4.1.2.3.0', '41230', ''])(
    '"%s" is rejected',
    (code) => {
      expect(validateQualificationCode(code)).toMatchObject({ ok: false, reason: expect.stringContaining('five CP2011 levels') });
    },
  );

  it('the nine major groups are listed', () => {
    expect(CP2011_MAJOR_GROUPS.map((g) => g.code)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });
});
