import { ApolloServerErrorCode } from '@apollo/server/errors';
import {
  DriverException,
  ForeignKeyConstraintViolationException,
  NotFoundError,
  NotNullConstraintViolationException,
  UniqueConstraintViolationException,
  ValidationError,
} from '@mikro-orm/core';
import { GraphQLError } from 'graphql';

/** Every `extensions.code` the graph returns: ours, then Apollo's built-ins. */
export const ErrorCode = {
  ...ApolloServerErrorCode,
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  RATE_LIMITED: 'RATE_LIMITED',
  CONFLICT: 'CONFLICT',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/**
 * The HTTP status of a request refused as a whole (not of a field inside an answer):
 * 401 for a missing or invalid credential, 403 for a purpose it may not declare, 429
 * for a request over its rate limit.
 */
export function requestRefusalStatus(code: unknown): 401 | 403 | 429 | undefined {
  if (code === ErrorCode.UNAUTHENTICATED) return 401;
  if (code === ErrorCode.FORBIDDEN) return 403;
  if (code === ErrorCode.RATE_LIMITED) return 429;
  return undefined;
}

/** One problem found in an input: where (a dotted path into the arguments) and what. */
export interface InputProblem {
  path: string;
  message: string;
}

function graphError(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code, ...extensions } });
}

/** Invalid input. Lists every problem found, not only the first. */
export function badUserInput(problems: InputProblem[] | string): GraphQLError {
  const list = typeof problems === 'string' ? [{ path: '', message: problems }] : problems;
  const text = list.map((p) => (p.path ? `${p.path}: ${p.message}` : p.message)).join('; ');
  return graphError(ErrorCode.BAD_USER_INPUT, `Invalid input: ${text}`, { problems: list });
}

export function notFound(what: string): GraphQLError {
  return graphError(ErrorCode.NOT_FOUND, `${what} was not found`);
}

/** An illegal state transition: names both states so the caller can see what was tried. */
export function illegalTransition(what: string, current: string, requested: string): GraphQLError {
  return graphError(
    ErrorCode.CONFLICT,
    `${what} cannot go from ${current} to ${requested}`,
    { currentState: current, requestedState: requested },
  );
}

export function conflict(message: string, extensions?: Record<string, unknown>): GraphQLError {
  return graphError(ErrorCode.CONFLICT, message, extensions);
}

export function forbidden(message: string): GraphQLError {
  return graphError(ErrorCode.FORBIDDEN, message);
}

export function unauthenticated(message: string): GraphQLError {
  return graphError(ErrorCode.UNAUTHENTICATED, message);
}

/**
 * The one place where ORM and driver errors become graph errors. Messages name the
 * table or constraint, never the values (they may be personal data).
 */
export function mapOrmError(error: unknown): GraphQLError | undefined {
  if (error instanceof GraphQLError) return error;
  if (error instanceof UniqueConstraintViolationException) {
    return conflict(`a record with the same unique key already exists${tableOf(error)}`);
  }
  if (error instanceof ForeignKeyConstraintViolationException) {
    return badUserInput(`a referenced record does not exist${tableOf(error)}`);
  }
  if (error instanceof NotNullConstraintViolationException) {
    return badUserInput(`a required value is missing${tableOf(error)}`);
  }
  if (error instanceof NotFoundError) {
    return notFound('the requested record');
  }
  if (error instanceof ValidationError) {
    return badUserInput(error.message.split('\n')[0] ?? 'invalid entity');
  }
  if (error instanceof DriverException) {
    return graphError(ErrorCode.INTERNAL_SERVER_ERROR, 'the database refused the operation');
  }
  return undefined;
}

function tableOf(error: DriverException): string {
  const table = (error as DriverException & { table?: string }).table;
  return table ? ` (table ${table})` : '';
}
