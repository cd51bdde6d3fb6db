import DataLoader from 'dataloader';
import { env, readEnv } from './config';

let batching: boolean | undefined;

/**
 * Options of every per-request DataLoader. `LOADER_BATCHING=false` (a diagnostic, default
 * true) turns batching off so that benchmarks can measure what batching saves; the
 * loaders then still cache per request but query once per key.
 */
export function loaderOptions(): { batch: boolean } {
  batching ??= readEnv({ LOADER_BATCHING: env.flag(true) }).LOADER_BATCHING;
  return { batch: batching };
}

/**
 * A per-request loader of one row per key: one query for all the keys asked for in
 * the same tick. Missing keys resolve to null (a row outside the caller's reach is
 * indistinguishable from a missing one).
 */
export function rowLoader<K extends string, T>(
  fetch: (keys: readonly K[]) => Promise<T[]>,
  keyOf: (row: T) => K,
): DataLoader<K, T | null> {
  return new DataLoader<K, T | null>(async (keys) => {
    const rows = await fetch(keys);
    const byKey = new Map(rows.map((row) => [keyOf(row), row] as const));
    return keys.map((key) => byKey.get(key) ?? null);
  }, loaderOptions());
}

/** A per-request loader of the rows that belong to each key (children of a parent). */
export function groupLoader<K extends string, T>(
  fetch: (keys: readonly K[]) => Promise<T[]>,
  keyOf: (row: T) => K,
): DataLoader<K, T[]> {
  return new DataLoader<K, T[]>(async (keys) => {
    const rows = await fetch(keys);
    const groups = new Map<K, T[]>(keys.map((key) => [key, []]));
    for (const row of rows) groups.get(keyOf(row))?.push(row);
    return keys.map((key) => groups.get(key) ?? []);
  }, loaderOptions());
}
