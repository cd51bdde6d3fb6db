import { describe, expect, it } from 'vitest';
import { findContractType, findTransformationRule, TRANSFORMATION_RULES } from '../../../subgraphs/lib/codes';

const rule = (code: string) => {
  const found = findTransformationRule(code);
  if (!found) throw new Error(`missing ${code}`);
  return found;
};

describe('transformation codes', () => {
  it('the table holds the eleven codes once each', () => {
    expect(TRANSFORMATION_RULES.map((r) => r.code).sort()).toEqual(['AI', 'DI', 'DL', 'DP', 'FF', 'FI', 'II', 'PP', 'PV', 'TL', 'TP']);
    expect(findTransformationRule('XX')).toBeUndefined();
  });

  it('DI, AI, FI, II and FF are the ones not allowed on seasonal relationships', () => {
    expect(TRANSFORMATION_RULES.filter((r) => !r.allowedWhenSeasonal).map((r) => r.code).sort()).toEqual(['AI', 'DI', 'FF', 'FI', 'II']);
  });

  it('target contract types are restricted for DI and DP, and all exist in the contract-type table', () => {
    expect(rule('DI').targetContractTypes).toEqual(['A.01.00', 'A.04.02', 'A.08.02', 'A.07.02', 'A.05.02', 'M.02.00', 'N.01.00']);
    expect(rule('DP').targetContractTypes).toEqual(['A.03.09']);
    for (const r of TRANSFORMATION_RULES) for (const code of r.targetContractTypes ?? []) expect(findContractType(code)).toBeDefined();
  });

  it('PP must end in full time and TP in anything but full time', () => {
    expect(rule('PP').targetWorkingTime).toBe('F');
    expect(rule('TP').targetWorkingTime).toBe('NOT_F');
  });

  it('AI and FF split apprenticeships at 25/26 October 2011 without gap or overlap', () => {
    expect(rule('AI').apprenticeshipStartedOnOrBefore).toBe('2011-10-25');
    expect(rule('FF').apprenticeshipStartedOnOrAfter).toBe('2011-10-26');
  });

  it('FI and PV are public-administration only, and TL is flagged as to verify', () => {
    expect(TRANSFORMATION_RULES.filter((r) => r.publicAdministrationOnly).map((r) => r.code).sort()).toEqual(['FI', 'PV']);
    expect(TRANSFORMATION_RULES.filter((r) => r.toVerify).map((r) => r.code)).toEqual(['TL']);
  });
});
