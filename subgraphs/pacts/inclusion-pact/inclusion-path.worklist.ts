import { Cursor } from '@mikro-orm/core';
import { badUserInput } from '../../lib/errors';
import { checkConnectionArgs, type ConnectionArgs, type ConnectionShape, DEFAULT_PAGE_SIZE } from '../../lib/pagination';
import { today } from '../../lib/dates';
import { type PactsContext } from '../context';
import { emptyConnection } from '../scopes';
import { SocialInclusionPact } from './inclusion-pact.entity';
import { inclusionPathTimers, STATES_WITH_DEADLINE } from './inclusion-path';

type Key = [dueOn: string, id: string];

function compareKeys(a: Key, b: Key): number {
  return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0;
}

function decodeKey(cursor: string): Key | null {
  try {
    const value = Cursor.decode(cursor);
    return Array.isArray(value) && value.length === 2 && value.every((v) => typeof v === 'string') ? (value as Key) : null;
  } catch {
    return null;
  }
}

/**
 * The social worker's inclusion-path worklist: the pacts of the caller's scope that wait
 * for a legal deadline (convocation, PaIS signature), soonest due first, optionally the
 * overdue ones only. The due dates are computed, not stored, so the open pacts of the
 * scope (one municipality's) are read and ordered here; cursors are keysets on
 * (due date, id), stable while the list changes.
 */
export async function inclusionPathWorklist(
  ctx: PactsContext,
  args: ConnectionArgs & { overdueOnly?: boolean | null },
): Promise<ConnectionShape<SocialInclusionPact>> {
  const problems = checkConnectionArgs(args, ctx.maxPageSize);
  const after = args.after != null ? decodeKey(args.after) : null;
  const before = args.before != null ? decodeKey(args.before) : null;
  for (const [path, given, key] of [['after', args.after, after], ['before', args.before, before]] as const) {
    if (given != null && !key && !problems.some((p) => p.path === path)) problems.push({ path, message: 'is not a cursor of this list' });
  }
  if (problems.length) throw badUserInput(problems);

  const where = ctx.rows.restrict<SocialInclusionPact>('SocialInclusionPact', { state: { $in: [...STATES_WITH_DEADLINE] } });
  if (where === null) return emptyConnection(args, ctx.maxPageSize);
  const on = today();
  const all = (await ctx.em.find(SocialInclusionPact, where))
    .map((pact) => ({ pact, timers: inclusionPathTimers(pact, on) }))
    .filter(({ timers }) => !args.overdueOnly || timers.overdue)
    .map(({ pact, timers }) => ({ pact, key: [timers.nextDueOn!, pact.id] as Key }))
    .sort((a, b) => compareKeys(a.key, b.key));

  let window = all.filter(({ key }) => (!after || compareKeys(key, after) > 0) && (!before || compareKeys(key, before) < 0));
  const first = args.first ?? (args.last == null ? DEFAULT_PAGE_SIZE : null);
  let hasNextPage = false;
  let hasPreviousPage = false;
  if (first != null) {
    hasNextPage = window.length > first;
    hasPreviousPage = after != null && all.some(({ key }) => compareKeys(key, after) <= 0);
    window = window.slice(0, first);
  } else if (args.last != null) {
    hasPreviousPage = window.length > args.last;
    hasNextPage = before != null && all.some(({ key }) => compareKeys(key, before) >= 0);
    window = window.slice(Math.max(0, window.length - args.last));
  }
  const edges = window.map(({ pact, key }) => ({ cursor: Cursor.encode(key), node: pact }));
  return {
    edges,
    nodes: edges.map((e) => e.node),
    pageInfo: { hasNextPage, hasPreviousPage, startCursor: edges[0]?.cursor ?? null, endCursor: edges.at(-1)?.cursor ?? null },
    totalCount: all.length,
  };
}
