import { illegalTransition, type InputProblem } from './errors';
import { checkNotFuture, checkReason } from './validation';

/** A state machine as data: from each state, the states it may move to. */
export type Transitions<S extends string> = Readonly<Record<S, readonly S[]>>;

/** Throws CONFLICT naming both states when `machine` does not allow `current` → `requested`. */
export function assertTransition<S extends string>(machine: Transitions<S>, what: string, current: S, requested: S): void {
  if (!machine[current].includes(requested)) throw illegalTransition(what, current, requested);
}

/**
 * The problems of a requested change of state: a reason is required and bounded, and the
 * change takes effect neither before the current state's date nor in the future.
 */
export function checkStateChange(input: { reason: string; effectiveOn: string }, currentStateDate: string): InputProblem[] {
  const problems = checkReason('input.reason', input.reason);
  if (input.effectiveOn < currentStateDate) {
    problems.push({ path: 'input.effectiveOn', message: 'must not be before the date of the current state' });
  }
  return [...problems, ...checkNotFuture('input.effectiveOn', input.effectiveOn)];
}
