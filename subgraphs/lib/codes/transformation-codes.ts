/** Transformation code of an employment relationship (sheet ST-Trasformazioni, §3.5). */
export type TransformationCode = 'DI' | 'AI' | 'FF' | 'FI' | 'II' | 'PV' | 'PP' | 'TP' | 'DP' | 'DL' | 'TL';

/** A transformation and the rules a communication carrying it must meet. */
export interface TransformationRule {
  readonly code: TransformationCode;
  readonly description: string;
  /** The Italian legal term, where the sources give one. */
  readonly italianTerm?: string;
  /** Contract types the relationship may have after the transformation; absent means any. */
  readonly targetContractTypes?: readonly string[];
  /** Working time after the transformation: exactly `F`, or anything but `F`. */
  readonly targetWorkingTime?: 'F' | 'NOT_F';
  /** Latest start date (inclusive, ISO) of the apprenticeship being transformed. */
  readonly apprenticeshipStartedOnOrBefore?: string;
  /** Earliest start date (inclusive, ISO) of the apprenticeship being transformed. */
  readonly apprenticeshipStartedOnOrAfter?: string;
  readonly publicAdministrationOnly: boolean;
  /** Whether the transformation may apply to a seasonal relationship. */
  readonly allowedWhenSeasonal: boolean;
  /** The meaning rests on a single secondary source. */
  readonly toVerify: boolean;
}

const rule = (code: TransformationCode, description: string, extra: Partial<TransformationRule> = {}): TransformationRule => ({
  code,
  description,
  publicAdministrationOnly: false,
  allowedWhenSeasonal: true,
  toVerify: false,
  ...extra,
});

/** The transformation codes with their rules as data (§3.5). */
export const TRANSFORMATION_RULES: readonly TransformationRule[] = [
  rule('DI', 'Fixed-term to open-ended', {
    targetContractTypes: ['A.01.00', 'A.04.02', 'A.08.02', 'A.07.02', 'A.05.02', 'M.02.00', 'N.01.00'],
    allowedWhenSeasonal: false,
  }),
  rule('AI', 'Apprenticeship to open-ended', { apprenticeshipStartedOnOrBefore: '2011-10-25', allowedWhenSeasonal: false }),
  rule('FF', 'End of the training period', { apprenticeshipStartedOnOrAfter: '2011-10-26', allowedWhenSeasonal: false }),
  rule('FI', 'Training-and-work to open-ended', { publicAdministrationOnly: true, allowedWhenSeasonal: false }),
  rule('II', 'Integration contract to open-ended', { allowedWhenSeasonal: false }),
  rule('PV', 'Vertical progression', { publicAdministrationOnly: true }),
  rule('PP', 'Part-time to full-time', { targetWorkingTime: 'F' }),
  rule('TP', 'Full-time to part-time', { targetWorkingTime: 'NOT_F' }),
  rule('DP', 'Apprenticeship to professional apprenticeship', { targetContractTypes: ['A.03.09'] }),
  rule('DL', 'Secondment', { italianTerm: 'distacco' }),
  rule('TL', 'Transfer', { italianTerm: 'trasferimento', toVerify: true }),
];

/** The rule of a transformation code, if the code is known. */
export function findTransformationRule(code: string): TransformationRule | undefined {
  return TRANSFORMATION_RULES.find((r) => r.code === code);
}
