import { describe, expect, it } from 'vitest';
import { addDays, ageOn, daysBetween, today, validateIsoDate } from '../../../subgraphs/lib/dates';

describe('calendar dates', () => {
  it('takes today from the Italian calendar, not UTC', () => {
    // 23:30 UTC on 31 December is already 1 January in Rome (UTC+1 in winter).
    expect(today(new Date('2025-12-31T23:30:00Z'))).toBe('2026-01-01');
    // 22:30 UTC on 30 June is 00:30 on 1 July in Rome (UTC+2 in summer).
    expect(today(new Date('2026-06-30T22:30:00Z'))).toBe('2026-07-01');
    expect(today(new Date('2026-06-30T21:30:00Z'))).toBe('2026-06-30');
  });

  it('validates real calendar days only, without echoing the value', () => {
    expect(validateIsoDate('2024-02-29')).toEqual({ ok: true, value: '2024-02-29' });
    for (const bad of ['2023-02-29', '2024-04-31', '2024-13-01', '24-01-01', '2024-1-1']) {
      const result = validateIsoDate(bad);
      expect(result.ok).toBe(false);
      expect(JSON.stringify(result)).not.toContain(bad);
    }
  });

  it('counts days and ages across month ends and leap years', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
    expect(ageOn('2010-05-20', '2025-05-19')).toBe(14);
    expect(ageOn('2010-05-20', '2025-05-20')).toBe(15);
  });
});
