import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { ExtractionGuard, rateLimited, uniformLimits, type ExtractionRefusal } from '../../../subgraphs/lib/security';
import { Purpose } from '../../../subgraphs/lib/identity';

const resetsAt = new Date('2025-03-11T00:00:00+01:00');

describe('the RATE_LIMITED error', () => {
  it('names the request-rate limit, its value and when it resets', () => {
    const error = rateLimited({ ok: false, limit: 'REQUEST_RATE', max: 120, windowSeconds: 60, resetsAt, retryAfterSeconds: 42 });
    expect(error).toBeInstanceOf(GraphQLError);
    expect(error.message).toMatch(/^Request rate limit reached: at most 120 requests every 60 seconds/);
    expect(error.message).toContain('2025-03-10T23:00:00.000Z');
    expect(error.message).toContain('No data was released');
    expect(error.extensions).toEqual({
      code: 'RATE_LIMITED',
      limit: 'REQUEST_RATE',
      max: 120,
      windowSeconds: 60,
      retryAfterSeconds: 42,
      resetsAt: '2025-03-10T23:00:00.000Z',
    });
  });

  it('names the daily budget, people or employers, and the midnight it resets at', () => {
    const people = rateLimited({
      ok: false,
      limit: 'DAILY_BUDGET',
      budget: 'PEOPLE',
      max: 500,
      used: 490,
      requested: 20,
      resetsAt,
      retryAfterSeconds: 3600,
    });
    expect(people.message).toMatch(/^Daily budget reached: .*distinct people released today past 500 .*midnight Europe\/Rome/);
    expect(people.extensions).toMatchObject({ code: 'RATE_LIMITED', limit: 'DAILY_BUDGET', budget: 'PEOPLE', max: 500, remaining: 10, retryAfterSeconds: 3600 });

    const employers = rateLimited({ ok: false, limit: 'DAILY_BUDGET', budget: 'EMPLOYERS', max: 5, used: 5, requested: 1, resetsAt, retryAfterSeconds: 1 });
    expect(employers.message).toContain('distinct employers');
    expect(employers.extensions).toMatchObject({ budget: 'EMPLOYERS', remaining: 0 });
  });

  it('says which limiter is unavailable and keeps the store error out of the answer', () => {
    const error = rateLimited({
      ok: false,
      limit: 'LIMITER_UNAVAILABLE',
      limiter: 'DAILY_BUDGET',
      store: 'redis',
      cause: 'connect ECONNREFUSED 10.0.0.7:6379',
      resetsAt,
      retryAfterSeconds: 5,
    });
    expect(error.message).toMatch(/^The daily budget limiter is unavailable/);
    expect(error.extensions).toMatchObject({ code: 'RATE_LIMITED', limit: 'LIMITER_UNAVAILABLE', limiter: 'DAILY_BUDGET', retryAfterSeconds: 5 });
    expect(JSON.stringify(error.toJSON())).not.toContain('10.0.0.7');
  });

  it('carries no caller, person or employer identifier from a real refusal', async () => {
    const guard = new ExtractionGuard({ limits: uniformLimits({ requestsPerWindow: 1, peoplePerDay: 1, employersPerDay: 1 }) });
    const key = { organisation: 'org-visible-marker', subject: 'subject-visible-marker', purpose: Purpose.EMPLOYMENT_SERVICES };
    await guard.checkRequest(key);
    await guard.admit(key, ['person-visible-marker'], []);
    const refusals = [
      (await guard.checkRequest(key)) as ExtractionRefusal,
      (await guard.admit(key, ['person-other-marker'], ['employer-visible-marker'])) as ExtractionRefusal,
    ];
    for (const refused of refusals) {
      expect(refused.ok).toBe(false);
      const text = JSON.stringify({ refused, error: rateLimited(refused).toJSON() });
      expect(text).not.toMatch(/visible-marker|other-marker/);
    }
    await guard.close();
  });
});
