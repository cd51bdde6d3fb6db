import { generateDataset } from '../../scripts/seed/dataset';
import { type Dataset } from '../../scripts/seed/dataset.types';

/** The day the test data sets are as of: fixed, so that every run sees the same data. */
export const TODAY = '2026-06-30';

let cached: Dataset | undefined;

/** The default demo data set (2,000 workers, seed 1), generated once per test file. */
export function demoDataset(): Dataset {
  cached ??= generateDataset({ workers: 2000, seed: 1, today: TODAY });
  return cached;
}

/** Counts of a property's values. */
export function tally<T>(rows: readonly T[], key: (row: T) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const row of rows) counts[key(row)] = (counts[key(row)] ?? 0) + 1;
  return counts;
}
