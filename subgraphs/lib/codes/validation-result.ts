/**
 * A rejected code. `reason` says what is wrong and where, and never contains the value
 * or any part of it: codes such as the codice fiscale are personal data.
 */
export interface InvalidCode {
  readonly ok: false;
  readonly reason: string;
}

/**
 * Outcome of checking a code: the accepted `value` plus any details `T`, or the reason
 * it was rejected. The shape fits the `CodeCheck` expected by the code scalars.
 */
export type CodeValidation<T extends object = object> = ({ readonly ok: true; readonly value: string } & T) | InvalidCode;

/** Builds a rejection with the given reason. */
export function invalid(reason: string): InvalidCode {
  return { ok: false, reason };
}
