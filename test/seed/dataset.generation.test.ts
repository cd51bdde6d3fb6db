import { describe, expect, it } from 'vitest';
import { generateDataset } from '../../scripts/seed/dataset';
import { datasetProblems } from './dataset-rules';
import { demoDataset, TODAY } from './fixture';

describe('generateDataset', () => {
  it('is deterministic: the same seed and day give the same data set, ids included', () => {
    const again = generateDataset({ workers: 2000, seed: 1, today: TODAY });
    expect(JSON.stringify(again)).toBe(JSON.stringify(demoDataset()));
  });

  it('gives a different data set for a different seed', () => {
    const other = generateDataset({ workers: 2000, seed: 2, today: TODAY });
    const ours = new Set(demoDataset().workers.map((w) => w.fiscalCode));
    expect(other.workers[0]!.id).not.toBe(demoDataset().workers[0]!.id);
    expect(other.workers.filter((w) => ours.has(w.fiscalCode)).length).toBeLessThan(100);
  });

  it('has no duplicate fiscal codes, notice codes or ids', () => {
    const data = demoDataset();
    const unique = (values: string[]) => new Set(values).size === values.length;
    expect(unique([...data.workers.map((w) => w.fiscalCode), ...data.employers.map((e) => e.fiscalCode)])).toBe(true);
    expect(unique(data.notices.map((n) => n.code))).toBe(true);
    expect(unique(data.notices.map((n) => n.id))).toBe(true);
    expect(unique(data.servicePoints.map((s) => s.code))).toBe(true);
  });

  it.each([3, 7, 42])('obeys every rule with seed %i', (seed) => {
    expect(datasetProblems(generateDataset({ workers: 2000, seed, today: TODAY }), TODAY)).toEqual([]);
  });

  it('obeys every rule for a small data set and for another day', () => {
    expect(datasetProblems(generateDataset({ workers: 40, seed: 5, today: TODAY }), TODAY)).toEqual([]);
    expect(datasetProblems(generateDataset({ workers: 1500, seed: 9, today: '2024-03-15' }), '2024-03-15')).toEqual([]);
  });

  it('scales linearly with the number of workers', () => {
    const small = demoDataset();
    const large = generateDataset({ workers: 20_000, seed: 1, today: TODAY });
    const ratio = (key: keyof typeof small) => large[key].length / small[key].length;
    expect(ratio('employers')).toBe(10);
    expect(ratio('households')).toBe(10);
    expect(ratio('referrals')).toBe(10);
    expect(ratio('notices')).toBeGreaterThan(9);
    expect(ratio('notices')).toBeLessThan(11);
    expect(ratio('dids')).toBeGreaterThan(9);
    expect(ratio('dids')).toBeLessThan(11);
    expect(ratio('servicePoints')).toBe(1);
  });

  it('generates 20,000 workers (the time is reported, not asserted)', () => {
    const started = performance.now();
    const data = generateDataset({ workers: 20_000, seed: 11, today: TODAY });
    const elapsed = Math.round(performance.now() - started);
    console.info(`generateDataset: 20,000 workers, ${data.notices.length} notices in ${elapsed} ms`);
    expect(data.workers).toHaveLength(20_000);
    expect(datasetProblems(data, TODAY)).toEqual([]);
  });

  it('rejects a number of workers that is not a positive integer, and a malformed day', () => {
    expect(() => generateDataset({ workers: 0 })).toThrow(/positive integer/);
    expect(() => generateDataset({ workers: 2.5 })).toThrow(/positive integer/);
    expect(() => generateDataset({ workers: 10, today: '2026-13-01' })).toThrow(/YYYY-MM-DD/);
    expect(() => generateDataset({ workers: 10, today: '2019-06-01' })).toThrow(/2020-01-01 or later/);
  });

  it('defaults the day to today: nothing dated after it', () => {
    const data = generateDataset({ workers: 50 });
    const today = new Date().toISOString().slice(0, 10);
    expect(data.notices.every((n) => n.eventDate <= today && n.filedAt.slice(0, 10) <= today)).toBe(true);
    expect(data.dids.every((d) => d.statusDate <= today)).toBe(true);
  });
});
