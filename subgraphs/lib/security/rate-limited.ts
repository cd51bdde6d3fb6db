import { GraphQLError } from 'graphql';
import { ErrorCode } from '../errors';
import { type ExtractionRefusal } from './extraction-guard';

/**
 * The `RATE_LIMITED` error of a refused request. The message says which limit, its value
 * and when it resets, counted for "this organisation, user and purpose" and never naming
 * them, nor any person or employer; `extensions.retryAfterSeconds` is what an HTTP layer
 * can put in `Retry-After`. A store failure says the limiter is unavailable, not why.
 */
export function rateLimited(refusal: ExtractionRefusal): GraphQLError {
  const resetsAt = refusal.resetsAt.toISOString();
  const extensions: Record<string, unknown> = {
    code: ErrorCode.RATE_LIMITED,
    limit: refusal.limit,
    retryAfterSeconds: refusal.retryAfterSeconds,
    resetsAt,
  };
  let message: string;
  switch (refusal.limit) {
    case 'REQUEST_RATE':
      Object.assign(extensions, { max: refusal.max, windowSeconds: refusal.windowSeconds });
      message =
        `Request rate limit reached: at most ${refusal.max} requests every ${refusal.windowSeconds} seconds ` +
        `for this organisation, user and purpose; it resets at ${resetsAt} (in ${refusal.retryAfterSeconds} s). No data was released.`;
      break;
    case 'DAILY_BUDGET': {
      const what = refusal.budget === 'PEOPLE' ? 'people' : 'employers';
      Object.assign(extensions, { budget: refusal.budget, max: refusal.max, remaining: Math.max(refusal.max - refusal.used, 0) });
      message =
        `Daily budget reached: this response would take the distinct ${what} released today past ${refusal.max} ` +
        `for this organisation, user and purpose; it resets at midnight Europe/Rome, ${resetsAt} (in ${refusal.retryAfterSeconds} s). ` +
        `No data was released.`;
      break;
    }
    case 'LIMITER_UNAVAILABLE': {
      const which = refusal.limiter === 'REQUEST_RATE' ? 'request-rate limiter' : 'daily budget limiter';
      Object.assign(extensions, { limiter: refusal.limiter });
      message =
        `The ${which} is unavailable (its counters cannot be reached), so the request was refused; ` +
        `retry in ${refusal.retryAfterSeconds} s. No data was released.`;
      break;
    }
  }
  return new GraphQLError(message, { extensions });
}
