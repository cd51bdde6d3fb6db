import { today } from './dates';
import { type InputProblem } from './errors';

/** Input checks shared by the subgraphs: each returns the problems found, never the value. */

/** Service-point codes as the referrals subgraph issues them (e.g. CPI-015-MILANO). */
export const SERVICE_POINT_CODE = /^[A-Z0-9][A-Z0-9._-]{1,19}$/;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Longest reason an operator may record for a change of state. */
export const MAX_REASON_LENGTH = 500;

/**
 * True for a UUID. Keys are filtered with it before they reach a `uuid` column:
 * PostgreSQL rejects the whole statement for one malformed key, and a malformed key
 * simply names no row.
 */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/** The keys worth asking the database for; the others resolve to nothing. */
export function uuidsOnly(keys: readonly string[]): string[] {
  return keys.filter(isUuid);
}

/** Problems with a service-point code given in an input. */
export function checkServicePointCode(path: string, code: string): InputProblem[] {
  return SERVICE_POINT_CODE.test(code)
    ? []
    : [{ path, message: 'must be a service-point code (2-20 upper-case letters, digits, dot, underscore, dash)' }];
}

/** Problems with a date that must not lie in the future. */
export function checkNotFuture(path: string, date: string): InputProblem[] {
  return date > today() ? [{ path, message: 'must not be in the future' }] : [];
}

/** Problems with the reason of a change of state: required, bounded. */
export function checkReason(path: string, reason: string): InputProblem[] {
  if (!reason.trim()) return [{ path, message: 'must not be empty' }];
  if (reason.length > MAX_REASON_LENGTH) return [{ path, message: `must be at most ${MAX_REASON_LENGTH} characters` }];
  return [];
}
