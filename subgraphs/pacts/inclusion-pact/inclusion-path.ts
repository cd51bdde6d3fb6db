import { registerEnumType } from 'type-graphql';
import { addDays, today } from '../../lib/dates';
import { InclusionPactState, type SocialInclusionPact } from './inclusion-pact.entity';

/** Days from the (first) PAD within which the social services convene the household (domain.md §8.2). */
export const CONVOCATION_DUE_DAYS = 60;

/** Days within which the PaIS is signed, counted from the convocation (domain.md §8.2, "the following 120 days"). */
export const PAIS_DUE_DAYS = 120;

/** The legal deadlines of a household's inclusion path. */
export enum InclusionPathDeadline {
  CONVOCATION = 'CONVOCATION',
  PAIS_SIGNATURE = 'PAIS_SIGNATURE',
}
registerEnumType(InclusionPathDeadline, {
  name: 'InclusionPathDeadline',
  description: 'A legal deadline of the ADI inclusion path (DL 48/2023, PaIS guidelines DM 72/2024).',
  valuesConfig: {
    CONVOCATION: { description: `Convocation by the social services (preliminary analysis) within ${CONVOCATION_DUE_DAYS} days of the PAD.` },
    PAIS_SIGNATURE: { description: `Signature of the PaIS within ${PAIS_DUE_DAYS} days of the convocation.` },
  },
});

/** The timers of a pact on a given day; computed from its stored dates, never stored. */
export interface InclusionPathTimers {
  convocationDueOn: string;
  paisDueOn: string;
  /** The deadline the pact is waiting for in its current state; null once the PaIS is signed or the path ended. */
  nextDeadline: InclusionPathDeadline | null;
  nextDueOn: string | null;
  /** The pending deadline has passed: true from the day after the due date (Italian calendar). */
  overdue: boolean;
}

const WAITING_FOR_PAIS: readonly InclusionPactState[] = [InclusionPactState.PRELIMINARY_ANALYSIS, InclusionPactState.ANALYSIS_FRAMEWORK];

/** The states in which a pact still has a pending deadline: the inclusion-path worklist. */
export const STATES_WITH_DEADLINE: readonly InclusionPactState[] = [InclusionPactState.TO_CONVENE, ...WAITING_FOR_PAIS];

/**
 * The timers of a pact on `on` (default: today in Rome).
 * - Convocation is due {@link CONVOCATION_DUE_DAYS} days after the PAD.
 * - The PaIS is due {@link PAIS_DUE_DAYS} days after the convocation, i.e. the preliminary
 *   analysis; a late convocation does not extend it (counted from the convocation deadline
 *   at the latest), and before the analysis, or for a pact imported without its date, it
 *   counts from the convocation deadline.
 */
export function inclusionPathTimers(
  pact: Pick<SocialInclusionPact, 'state' | 'padSignedOn' | 'preliminaryAnalysisOn'>,
  on: string = today(),
): InclusionPathTimers {
  const convocationDueOn = addDays(pact.padSignedOn, CONVOCATION_DUE_DAYS);
  const convenedOn = pact.preliminaryAnalysisOn != null && pact.preliminaryAnalysisOn < convocationDueOn ? pact.preliminaryAnalysisOn : convocationDueOn;
  const paisDueOn = addDays(convenedOn, PAIS_DUE_DAYS);
  const [nextDeadline, nextDueOn] =
    pact.state === InclusionPactState.TO_CONVENE
      ? [InclusionPathDeadline.CONVOCATION, convocationDueOn]
      : WAITING_FOR_PAIS.includes(pact.state)
        ? [InclusionPathDeadline.PAIS_SIGNATURE, paisDueOn]
        : [null, null];
  return { convocationDueOn, paisDueOn, nextDeadline, nextDueOn, overdue: nextDueOn !== null && on > nextDueOn };
}
