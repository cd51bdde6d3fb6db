import {
  ConnectionException,
  ForeignKeyConstraintViolationException,
  NotNullConstraintViolationException,
  UniqueConstraintViolationException,
} from '@mikro-orm/core';
import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { badUserInput, ErrorCode, illegalTransition, mapOrmError } from '../../../subgraphs/lib/errors';

function driverError<T>(Kind: new (previous: Error) => T, detail: string): T {
  return new Kind(Object.assign(new Error(`insert failed: ${detail}`), { table: 'worker' }));
}

describe('mapping ORM errors to graph errors', () => {
  it.each([
    [UniqueConstraintViolationException, ErrorCode.CONFLICT],
    [ForeignKeyConstraintViolationException, ErrorCode.BAD_USER_INPUT],
    [NotNullConstraintViolationException, ErrorCode.BAD_USER_INPUT],
    [ConnectionException, ErrorCode.INTERNAL_SERVER_ERROR],
  ] as const)('maps %o to its code without the values of the failed row', (Kind, code) => {
    const mapped = mapOrmError(driverError(Kind as never, "value 'RSSMRA85T10A562S'"));
    expect(mapped).toBeInstanceOf(GraphQLError);
    expect(mapped?.extensions.code).toBe(code);
    expect(mapped?.message).not.toContain('RSSMRA85T10A562S');
  });

  it('leaves graph errors as they are and ignores other errors', () => {
    const error = illegalTransition('The DID', 'INSERTED', 'REVOKED');
    expect(mapOrmError(error)).toBe(error);
    expect(mapOrmError(new TypeError('boom'))).toBeUndefined();
  });
});

describe('error builders', () => {
  it('lists every problem of an input in the message and in extensions', () => {
    const error = badUserInput([
      { path: 'input.endDate', message: 'is required for a fixed-term contract' },
      { path: 'input.weeklyHours', message: 'is required for part-time work' },
    ]);
    expect(error.extensions.code).toBe('BAD_USER_INPUT');
    expect(error.message).toBe('Invalid input: input.endDate: is required for a fixed-term contract; input.weeklyHours: is required for part-time work');
    expect(error.extensions.problems).toHaveLength(2);
  });

  it('names both states of an illegal transition', () => {
    const error = illegalTransition('The referral', 'CLOSED', 'ACCEPTED');
    expect(error.extensions).toMatchObject({ code: 'CONFLICT', currentState: 'CLOSED', requestedState: 'ACCEPTED' });
    expect(error.message).toBe('The referral cannot go from CLOSED to ACCEPTED');
  });

  it('keeps the code list of the architecture', () => {
    for (const code of ['UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'BAD_USER_INPUT', 'RATE_LIMITED', 'CONFLICT', 'INTERNAL_SERVER_ERROR', 'GRAPHQL_VALIDATION_FAILED']) {
      expect(Object.values(ErrorCode)).toContain(code);
    }
  });
});
