import { type EntityManager, type FilterQuery, raw } from '@mikro-orm/core';
import { type EntityManager as SqlEntityManager } from '@mikro-orm/knex';
import DataLoader from 'dataloader';
import { badUserInput } from '../../lib/errors';
import { checkConnectionArgs, type ConnectionArgs, type ConnectionShape, DEFAULT_PAGE_SIZE } from '../../lib/pagination';
import { isUuid } from '../../lib/validation';
import { Referral, type ReferralState } from './referral.entity';

/** Which end of a referral a service point is: `from` lists the outbox, `to` the inbox. */
export type ReferralSide = 'from' | 'to';

/** A position in a list of referrals, which is ordered newest first (`createdAt`, then `id`). */
export interface ReferralCursor {
  createdAt: Date;
  id: string;
}

/** One page of one service point's referrals, with its arguments already checked. */
export interface ReferralPageKey {
  code: string;
  state: ReferralState | null;
  /** Items wanted (`first` or `last`). */
  limit: number;
  /** True when paging backwards (`last` / `before`). */
  backward: boolean;
  cursor: ReferralCursor | null;
}

/** The opaque cursor of a referral in these lists. */
export function encodeReferralCursor(referral: Referral): string {
  return Buffer.from(JSON.stringify([referral.createdAt.toISOString(), referral.id])).toString('base64url');
}

function decodeReferralCursor(value: string): ReferralCursor | null {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
    if (!Array.isArray(parsed) || parsed.length !== 2) return null;
    const [at, id] = parsed as unknown[];
    if (typeof at !== 'string' || typeof id !== 'string' || !isUuid(id)) return null;
    const createdAt = new Date(at);
    return Number.isNaN(createdAt.getTime()) ? null : { createdAt, id };
  } catch {
    return null;
  }
}

/**
 * Checks a connection's arguments and turns them into a page key; every problem is a
 * BAD_USER_INPUT, raised before anything is loaded.
 */
export function referralPageKey(
  code: string,
  state: ReferralState | null | undefined,
  args: ConnectionArgs,
  maxPageSize: number,
): ReferralPageKey {
  const problems = checkConnectionArgs(args, maxPageSize);
  const backward = args.last != null || (args.first == null && args.before != null);
  const given = backward ? args.before : args.after;
  const cursor = given != null ? decodeReferralCursor(given) : null;
  if (given != null && cursor == null) {
    problems.push({ path: backward ? 'before' : 'after', message: 'is not a cursor of this list' });
  }
  if (problems.length) throw badUserInput(problems);
  const limit = (backward ? args.last : args.first) ?? DEFAULT_PAGE_SIZE;
  return { code, state: state ?? null, limit, backward, cursor };
}

function cacheKey(key: ReferralPageKey): string {
  return JSON.stringify([key.code, key.state, key.limit, key.backward, key.cursor?.createdAt.toISOString(), key.cursor?.id]);
}

/** Newest first, as every referral list is ordered. */
function newestFirst(a: Referral, b: Referral): number {
  const byTime = b.createdAt.getTime() - a.createdAt.getTime();
  if (byTime !== 0) return byTime;
  if (a.id === b.id) return 0;
  return a.id < b.id ? 1 : -1;
}

/**
 * Loads the pages asked for in one tick, for any number of service points and any mix
 * of arguments, in two statements: the pages as one UNION ALL of per-page keyset
 * queries (each with its own cursor and limit), and the list sizes as one grouped count.
 */
async function loadPages(em: SqlEntityManager, side: ReferralSide, keys: readonly ReferralPageKey[]): Promise<ConnectionShape<Referral>[]> {
  const knex = em.getKnex();
  const parts = keys.map((key, index) => {
    const where: FilterQuery<Referral> = { [side]: key.code };
    if (key.state != null) where.state = key.state;
    if (key.cursor != null) {
      // Forward pages hold older items than the cursor; backward pages newer ones.
      const op = key.backward ? '$gt' : '$lt';
      where.$or = [
        { createdAt: { [op]: key.cursor.createdAt } },
        { createdAt: key.cursor.createdAt, id: { [op]: key.cursor.id } },
      ];
    }
    const order = key.backward ? 'asc' : 'desc';
    const query = em
      .createQueryBuilder(Referral, 'r')
      .select(['r.*', raw(`${index} as page_index`)])
      .where(where)
      .orderBy({ createdAt: order, id: order })
      .limit(key.limit + 1)
      .getKnexQuery();
    return knex.select('*').from(query.as(`page_${index}`));
  });
  const [head, ...rest] = parts;
  const union = rest.length ? head.unionAll(rest) : head;
  const codes = [...new Set(keys.map((key) => key.code))];
  const [rows, counts] = await Promise.all([
    em.getConnection().execute<Record<string, unknown>[]>(union, [], 'all', em.getTransactionContext()),
    em
      .createQueryBuilder(Referral, 'r')
      .select([`r.${side}`, 'r.state', raw('count(*) as total')])
      .where({ [side]: { $in: codes } })
      .groupBy([`r.${side}`, 'r.state'])
      .execute<Record<string, unknown>[]>('all', false),
  ]);

  const totals = new Map<string, number>();
  for (const row of counts) {
    const code = String(row[`${side}_code`]);
    const n = Number(row.total);
    totals.set(code, (totals.get(code) ?? 0) + n);
    totals.set(`${code}\u0000${String(row.state)}`, n);
  }
  const byPage = keys.map(() => [] as Referral[]);
  for (const { page_index: index, ...row } of rows) {
    byPage[Number(index)]?.push(em.map(Referral, row));
  }

  return keys.map((key, index) => {
    const found = byPage[index] ?? [];
    // Each part was ordered away from its cursor; keep the nearest `limit` items.
    found.sort(key.backward ? (a, b) => newestFirst(b, a) : newestFirst);
    const more = found.length > key.limit;
    const items = found.slice(0, key.limit);
    if (key.backward) items.reverse();
    const edges = items.map((node) => ({ cursor: encodeReferralCursor(node), node }));
    return {
      edges,
      nodes: items,
      pageInfo: {
        hasNextPage: key.backward ? key.cursor != null : more,
        hasPreviousPage: key.backward ? more : key.cursor != null,
        startCursor: edges[0]?.cursor ?? null,
        endCursor: edges[edges.length - 1]?.cursor ?? null,
      },
      totalCount: totals.get(key.state != null ? `${key.code}\u0000${key.state}` : key.code) ?? 0,
    };
  });
}

/** A per-request loader of referral pages for one side (inbox or outbox) of service points. */
export function referralPageLoader(em: EntityManager, side: ReferralSide): DataLoader<ReferralPageKey, ConnectionShape<Referral>, string> {
  return new DataLoader((keys) => loadPages(em as SqlEntityManager, side, keys), { cacheKeyFn: cacheKey });
}
