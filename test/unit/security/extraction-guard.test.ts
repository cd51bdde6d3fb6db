import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Purpose } from '../../../subgraphs/lib/identity';
import { loadExtractionGuardConfig, nextLegalMidnight, type ExtractionGuard, type ExtractionRefusal } from '../../../subgraphs/lib/security';
import { ids, memoryBackend, operator, redisBackend, requireRedis, sleep, TestClock, type Backend } from './support';

/** 10:00 in Rome on an ordinary weekday (CET, +01:00). */
const MORNING = Date.parse('2025-03-10T10:00:00+01:00');
const NEXT_MIDNIGHT = Date.parse('2025-03-11T00:00:00+01:00');

function refusal(result: { ok: boolean }): ExtractionRefusal {
  expect(result.ok).toBe(false);
  return result as ExtractionRefusal;
}

describe.each([
  ['memory', memoryBackend],
  ['redis', redisBackend],
] as const)('extraction guard on the %s store', (name, makeBackend) => {
  let backend: Backend;

  beforeAll(async () => {
    if (name === 'redis') await requireRedis();
  });
  afterEach(async () => {
    await backend.cleanup();
  });
  const use = () => (backend = makeBackend());

  describe('request rate', () => {
    it('refuses the request past the limit with REQUEST_RATE and admits again after the window', async () => {
      const [guard] = use().guards(1, { requestsPerWindow: 3, windowSeconds: 1 }) as [ExtractionGuard];
      for (let i = 0; i < 3; i++) expect((await guard.checkRequest(operator)).ok).toBe(true);

      const refused = refusal(await guard.checkRequest(operator));
      expect(refused).toMatchObject({ limit: 'REQUEST_RATE', max: 3, windowSeconds: 1, retryAfterSeconds: 1 });
      expect(refused.resetsAt.getTime()).toBeLessThanOrEqual(Date.now() + 1000);

      await sleep(Math.max(refused.resetsAt.getTime() - Date.now(), 0) + 150);
      expect(await guard.checkRequest(operator)).toMatchObject({ ok: true, remaining: 2 });
    });

    it('counts each organisation, user and purpose apart', async () => {
      const [guard] = use().guards(1, { requestsPerWindow: 1 }) as [ExtractionGuard];
      expect((await guard.checkRequest(operator)).ok).toBe(true);
      expect((await guard.checkRequest(operator)).ok).toBe(false);
      expect((await guard.checkRequest({ ...operator, subject: 'operator-2' })).ok).toBe(true);
      expect((await guard.checkRequest({ ...operator, organisation: 'cpi-other' })).ok).toBe(true);
      expect((await guard.checkRequest({ ...operator, purpose: Purpose.REFERRAL })).ok).toBe(true);
    });

    it('never admits more requests than the limit under concurrency from two guards', async () => {
      const guards = use().guards(2, { requestsPerWindow: 10 });
      const results = await Promise.all(Array.from({ length: 30 }, (_, i) => guards[i % 2]!.checkRequest(operator)));
      expect(results.filter((r) => r.ok)).toHaveLength(10);
      expect(results.filter((r) => !r.ok).every((r) => !r.ok && r.limit === 'REQUEST_RATE')).toBe(true);
    });
  });

  describe('daily budget of distinct subjects', () => {
    it('counts each person and employer once, however often they appear', async () => {
      const [guard] = use().guards(1, {}) as [ExtractionGuard];
      const first = await guard.admit(operator, ['person-a', 'person-b', 'person-a'], ['employer-a', 'employer-a']);
      expect(first).toEqual({ ok: true, newPeople: 2, newEmployers: 1, peopleUsed: 2, employersUsed: 1 });
      expect(await guard.usage(operator)).toEqual({ people: 2, employers: 1 });
    });

    it('lets subjects already counted today through even when the budget is used up', async () => {
      const [guard] = use().guards(1, { peoplePerDay: 3 }) as [ExtractionGuard];
      expect((await guard.admit(operator, ids('person', 3), [])).ok).toBe(true);
      expect(await guard.admit(operator, ids('person', 3), [])).toMatchObject({ ok: true, newPeople: 0, peopleUsed: 3 });
      expect(await guard.admit(operator, ['person-1'], [])).toMatchObject({ ok: true, newPeople: 0 });
      expect(refusal(await guard.admit(operator, ['person-new'], []))).toMatchObject({ limit: 'DAILY_BUDGET', budget: 'PEOPLE' });
      expect(await guard.usage(operator)).toEqual({ people: 3, employers: 0 });
    });

    it('adds nothing when it refuses, so a refused request does not consume the budget', async () => {
      const [guard] = use().guards(1, { peoplePerDay: 5 }) as [ExtractionGuard];
      expect((await guard.admit(operator, ids('person', 3), [])).ok).toBe(true);
      expect((await guard.admit(operator, ids('person', 3, 3), [])).ok).toBe(false);
      expect(await guard.usage(operator)).toEqual({ people: 3, employers: 0 });
      expect(await guard.admit(operator, ids('person', 2, 3), [])).toMatchObject({ ok: true, newPeople: 2, peopleUsed: 5 });
    });

    it('refuses with the budget, its limit, the use so far and the next midnight in Rome', async () => {
      const clock = new TestClock(MORNING);
      const [guard] = use().guards(1, { peoplePerDay: 4 }, clock) as [ExtractionGuard];
      await guard.admit(operator, ids('person', 3), []);
      expect(refusal(await guard.admit(operator, ids('person', 2, 10), []))).toEqual({
        ok: false,
        limit: 'DAILY_BUDGET',
        budget: 'PEOPLE',
        max: 4,
        used: 3,
        requested: 2,
        resetsAt: new Date(NEXT_MIDNIGHT),
        retryAfterSeconds: 14 * 3600,
      });
    });

    it('keeps employers in their own budget, and refuses the people too when the employers do not fit', async () => {
      const [guard] = use().guards(1, { peoplePerDay: 10, employersPerDay: 2 }) as [ExtractionGuard];
      expect((await guard.admit(operator, ids('person', 5), ids('employer', 2))).ok).toBe(true);
      expect(refusal(await guard.admit(operator, ids('person', 2, 5), ['employer-new']))).toMatchObject({
        limit: 'DAILY_BUDGET',
        budget: 'EMPLOYERS',
        max: 2,
        used: 2,
        requested: 1,
      });
      expect(await guard.usage(operator)).toEqual({ people: 5, employers: 2 });
    });

    it('refuses a single response with more new people than the whole budget', async () => {
      const [guard] = use().guards(1, { peoplePerDay: 50 }) as [ExtractionGuard];
      expect(refusal(await guard.admit(operator, ids('person', 51), []))).toMatchObject({ budget: 'PEOPLE', used: 0, requested: 51 });
      expect(await guard.usage(operator)).toEqual({ people: 0, employers: 0 });
    });

    it('releases nothing under a budget of 0 but still lets a response without subjects through', async () => {
      const [guard] = use().guards(1, { peoplePerDay: 0 }) as [ExtractionGuard];
      expect(await guard.admit(operator, [], [])).toEqual({ ok: true, newPeople: 0, newEmployers: 0 });
      expect((await guard.admit(operator, ['person-a'], [])).ok).toBe(false);
    });

    it('starts a new budget at midnight in Rome', async () => {
      const clock = new TestClock(MORNING);
      const [guard] = use().guards(1, { peoplePerDay: 2 }, clock) as [ExtractionGuard];
      expect((await guard.admit(operator, ids('person', 2), [])).ok).toBe(true);
      clock.now = NEXT_MIDNIGHT - 1;
      expect((await guard.admit(operator, ['person-x'], [])).ok).toBe(false);
      clock.now = NEXT_MIDNIGHT;
      expect(await guard.usage(operator)).toEqual({ people: 0, employers: 0 });
      expect(await guard.admit(operator, ['person-x', 'person-0'], [])).toMatchObject({ ok: true, newPeople: 2 });
    });

    it('counts each organisation, user and purpose apart', async () => {
      const [guard] = use().guards(1, { peoplePerDay: 1 }) as [ExtractionGuard];
      expect((await guard.admit(operator, ['person-a'], [])).ok).toBe(true);
      expect((await guard.admit({ ...operator, subject: 'operator-2' }, ['person-b'], [])).ok).toBe(true);
      expect((await guard.admit({ ...operator, purpose: Purpose.REFERRAL }, ['person-b'], [])).ok).toBe(true);
      expect((await guard.admit(operator, ['person-b'], [])).ok).toBe(false);
    });
  });

  describe('guards sharing a store, as processes sharing Redis', () => {
    it('share request and subject counters', async () => {
      const [one, two] = use().guards(2, { requestsPerWindow: 2, peoplePerDay: 3 }) as [ExtractionGuard, ExtractionGuard];
      expect((await one.checkRequest(operator)).ok).toBe(true);
      expect((await two.checkRequest(operator)).ok).toBe(true);
      expect((await one.checkRequest(operator)).ok).toBe(false);

      expect((await one.admit(operator, ids('person', 2), [])).ok).toBe(true);
      expect(await two.admit(operator, ['person-0', 'person-1', 'person-2'], [])).toMatchObject({ ok: true, newPeople: 1, peopleUsed: 3 });
      expect((await one.admit(operator, ['person-3'], [])).ok).toBe(false);
    });

    it('never exceed the budget under concurrent admissions: 20 of 10 new people against 55 admits exactly 5', async () => {
      const guards = use().guards(2, { peoplePerDay: 55 });
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) => guards[i % 2]!.admit(operator, ids(`batch-${i}`, 10), [])),
      );
      expect(results.filter((r) => r.ok)).toHaveLength(5);
      for (const r of results.filter((r) => !r.ok)) expect(r).toMatchObject({ limit: 'DAILY_BUDGET', budget: 'PEOPLE' });
      expect(await guards[0]!.usage(operator)).toEqual({ people: 50, employers: 0 });
      expect(await guards[1]!.usage(operator)).toEqual({ people: 50, employers: 0 });
    });
  });

  it('applies the limits configured for each purpose', async () => {
    const { limits } = loadExtractionGuardConfig({
      RATE_LIMIT_PER_MINUTE: '5',
      RATE_LIMIT_PER_MINUTE_REFERRAL: '1',
      DAILY_PEOPLE_BUDGET: '10',
      DAILY_PEOPLE_BUDGET_SOCIAL_INCLUSION: '2',
    });
    const guard = use().guardWith(limits);
    const referral = { ...operator, purpose: Purpose.REFERRAL };
    const inclusion = { ...operator, purpose: Purpose.SOCIAL_INCLUSION };

    expect((await guard.checkRequest(referral)).ok).toBe(true);
    expect(refusal(await guard.checkRequest(referral))).toMatchObject({ limit: 'REQUEST_RATE', max: 1, windowSeconds: 60 });
    for (let i = 0; i < 5; i++) expect((await guard.checkRequest(operator)).ok).toBe(true);
    expect(refusal(await guard.checkRequest(operator))).toMatchObject({ limit: 'REQUEST_RATE', max: 5 });

    expect(refusal(await guard.admit(inclusion, ids('person', 3), []))).toMatchObject({ budget: 'PEOPLE', max: 2 });
    expect((await guard.admit(operator, ids('person', 10), [])).ok).toBe(true);
    expect(refusal(await guard.admit({ ...operator, purpose: Purpose.STATISTICS }, ids('person', 101), []))).toMatchObject({
      max: 100,
    });
  });
});

describe('the next midnight in Rome', () => {
  it('is at +01:00 in winter and +02:00 in summer, across both clock changes', () => {
    expect(nextLegalMidnight(MORNING)).toBe(NEXT_MIDNIGHT);
    expect(nextLegalMidnight(Date.parse('2025-07-01T23:59:59+02:00'))).toBe(Date.parse('2025-07-02T00:00:00+02:00'));
    expect(nextLegalMidnight(Date.parse('2025-03-30T12:00:00+02:00'))).toBe(Date.parse('2025-03-31T00:00:00+02:00'));
    expect(nextLegalMidnight(Date.parse('2025-10-26T12:00:00+01:00'))).toBe(Date.parse('2025-10-27T00:00:00+01:00'));
    expect(nextLegalMidnight(Date.parse('2025-03-10T00:00:00+01:00'))).toBe(NEXT_MIDNIGHT);
  });
});
