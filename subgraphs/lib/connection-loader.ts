import { type EntityClass, type EntityDictionary, type EntityKey, type EntityManager, type EntityProperty, type FilterQuery } from '@mikro-orm/core';
import { type EntityManager as SqlEntityManager } from '@mikro-orm/knex';
import DataLoader from 'dataloader';
import { badUserInput } from './errors';
import { loaderOptions } from './loaders';
import { checkConnectionArgs, type ConnectionArgs, type ConnectionShape, DEFAULT_PAGE_SIZE } from './pagination';
import { isUuid } from './validation';

/** One column of a child list's order. */
export type ChildOrder<T> = { property: EntityKey<T>; direction: 'asc' | 'desc' };

/** What a {@link ChildPageLoader} pages: the children of many parents, each parent's list on its own. */
export interface ChildPageOptions<T extends object, E> {
  entity: EntityClass<T>;
  /** The ManyToOne (or plain column) property whose value names the parent. */
  parent: EntityKey<T>;
  /**
   * Scalar columns of the list's order; the last one must be unique (e.g. the id). Their
   * values make the cursors, so they must never be personal data (timestamps and ids are fine).
   */
  orderBy: readonly ChildOrder<T>[];
  /** Conditions from the key's `extra` (e.g. a state filter); they narrow the list and its totalCount. */
  filter?: (extra: E) => FilterQuery<T>;
}

/** One page of one parent's list, with its arguments checked and normalised by {@link ChildPageLoader.key}. */
export interface ChildPageKey<E = void> {
  parent: string;
  /** JSON-serialisable arguments for `filter`. `limit`: first, last or DEFAULT_PAGE_SIZE; `backward`: `last`, or `before` alone. */
  extra: E;
  limit: number;
  backward: boolean;
  /** Order values of the `after` / `before` cursors. */
  after: unknown[] | null;
  before: unknown[] | null;
}

function decodeValue(value: unknown, prop: EntityProperty): unknown {
  if (prop.runtimeType === 'Date') {
    const date = typeof value === 'string' ? new Date(value) : null;
    return date && !Number.isNaN(date.getTime()) ? date : undefined;
  }
  if (prop.runtimeType === 'number') return typeof value === 'number' ? value : undefined;
  if (typeof value !== 'string') return undefined;
  // PostgreSQL refuses the whole statement for a malformed uuid.
  return prop.type === 'uuid' && !isUuid(value) ? undefined : value;
}

function decodeCursor(cursor: string, props: EntityProperty[]): unknown[] | null {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    const values = Array.isArray(parsed) && parsed.length === props.length ? props.map((prop, i) => decodeValue(parsed[i], prop)) : [undefined];
    return values.includes(undefined) ? null : values;
  } catch {
    return null;
  }
}

/** Items strictly after (`after` true) or before the cursor, in list order: `(a > x) or (a = x and b > y) ...`. */
function keyset<T>(order: readonly ChildOrder<T>[], values: unknown[], after: boolean): FilterQuery<T> {
  return {
    $or: order.map((column, i) => {
      const condition: Record<string, unknown> = {};
      order.slice(0, i).forEach((previous, j) => (condition[previous.property] = values[j]));
      condition[column.property] = { [(column.direction === 'asc') === after ? '$gt' : '$lt']: values[i] };
      return condition;
    }),
  } as FilterQuery<T>;
}

function push<V>(map: Map<string, V[]>, at: string, value: V): void {
  map.set(at, map.get(at) ?? []).get(at)!.push(value);
}

function groupBy<K>(keys: readonly K[], by: (key: K) => string): [string, K[]][] {
  const groups = new Map<string, K[]>();
  for (const key of keys) push(groups, by(key), key);
  return [...groups.entries()];
}

const argsOf = <E>(k: ChildPageKey<E>) => JSON.stringify([k.limit, k.backward, k.after, k.before, k.extra]);
const extraOf = <E>(k: ChildPageKey<E>) => JSON.stringify([k.extra]);

/**
 * Keys with the same arguments share one windowed query over all their parents
 * (`row_number() over (partition by parent order by ...)`, one extra row per parent to
 * know whether more follow); totals take one grouped count per distinct `extra`. So the
 * statements per request grow with the kinds of page asked for, never with the parents.
 */
async function loadPages<T extends object, E>(em: SqlEntityManager, options: ChildPageOptions<T, E>, keys: readonly ChildPageKey<E>[]): Promise<ConnectionShape<T>[]> {
  const meta = em.getMetadata().get<T>(options.entity.name);
  const knex = em.getKnex();
  const parentColumn = `c.${meta.properties[options.parent].fieldNames[0]!}`;
  const where = (group: ChildPageKey<E>[], ...more: FilterQuery<T>[]) =>
    em.createQueryBuilder(options.entity, 'c').where({
      $and: [{ [options.parent]: { $in: [...new Set(group.map((k) => k.parent))] } }, options.filter?.(group[0]!.extra) ?? {}, ...more],
    } as FilterQuery<T>).getKnexQuery().clearSelect();

  const pageQuery = (group: ChildPageKey<E>[]) => {
    const { limit, backward, after, before } = group[0]!;
    const cursors = [...(after ? [keyset(options.orderBy, after, true)] : []), ...(before ? [keyset(options.orderBy, before, false)] : [])];
    // Backward pages are read from the end, nearest the `before` cursor first.
    const order = options.orderBy.map((o) => `?? ${(o.direction === 'asc') !== backward ? 'asc' : 'desc'}`).join(', ');
    const columns = options.orderBy.map((o) => `c.${meta.properties[o.property].fieldNames[0]!}`);
    const ranked = where(group, ...cursors)
      .select('c.*', knex.raw('?? as ??', [parentColumn, '__parent']))
      .select(knex.raw(`row_number() over (partition by ?? order by ${order}) as ??`, [parentColumn, ...columns, '__rn']));
    return em.execute<Record<string, unknown>[]>(knex.select('*').from(ranked.as('ranked')).where('__rn', '<=', limit + 1).orderBy('__rn'));
  };
  const countQuery = (group: ChildPageKey<E>[]) =>
    em.execute<{ __parent: unknown; __total: unknown }[]>(
      where(group).select(knex.raw('?? as ??', [parentColumn, '__parent'])).count({ __total: '*' }).groupBy(parentColumn),
    );

  const pageGroups = groupBy(keys, argsOf);
  const countGroups = groupBy(keys, extraOf);
  const [pageRows, countRows] = await Promise.all([Promise.all(pageGroups.map(([, g]) => pageQuery(g))), Promise.all(countGroups.map(([, g]) => countQuery(g)))]);

  const pages = new Map<string, T[]>();
  pageGroups.forEach(([args], i) => {
    for (const { __parent, __rn, ...row } of pageRows[i]!) push(pages, `${args}\u0000${String(__parent)}`, em.map(options.entity, row as EntityDictionary<T>));
  });
  const totals = new Map<string, number>();
  countGroups.forEach(([extra], i) => countRows[i]!.forEach((r) => totals.set(`${extra}\u0000${String(r.__parent)}`, Number(r.__total))));

  const cursorOf = (node: T) => Buffer.from(JSON.stringify(options.orderBy.map((o) => node[o.property]))).toString('base64url');
  return keys.map((key) => {
    const found = pages.get(`${argsOf(key)}\u0000${key.parent}`) ?? [];
    const more = found.length > key.limit;
    const nodes = found.slice(0, key.limit);
    if (key.backward) nodes.reverse();
    const edges = nodes.map((node) => ({ cursor: cursorOf(node), node }));
    return {
      edges,
      nodes,
      pageInfo: {
        // Exact in the direction of travel (the extra row); the other way, true when a cursor
        // was given, since it names an item lying there (the Relay spec allows this).
        hasNextPage: (!key.backward && more) || key.before != null,
        hasPreviousPage: (key.backward && more) || key.after != null,
        startCursor: edges[0]?.cursor ?? null,
        endCursor: edges[edges.length - 1]?.cursor ?? null,
      },
      totalCount: totals.get(`${extraOf(key)}\u0000${key.parent}`) ?? 0,
    };
  });
}

/** A per-request DataLoader of Relay pages of the children of many parents; see {@link createChildPageLoader}. */
export class ChildPageLoader<T extends object, E = void> extends DataLoader<ChildPageKey<E>, ConnectionShape<T>, string> {
  private readonly orderProps: EntityProperty[];

  constructor(em: EntityManager, options: ChildPageOptions<T, E>) {
    super((keys) => loadPages(em as SqlEntityManager, options, keys), { ...loaderOptions(), cacheKeyFn: (k) => `${k.parent}\u0000${argsOf(k)}` });
    const meta = em.getMetadata().get<T>(options.entity.name);
    this.orderProps = options.orderBy.map((o) => meta.properties[o.property] as EntityProperty);
  }

  /**
   * Checks first/after/last/before (every problem, a cursor that is not one of this list
   * included, is one BAD_USER_INPUT, raised before anything is loaded) and normalises them.
   */
  key(parent: string, args: ConnectionArgs, maxPageSize: number, extra: E): ChildPageKey<E> {
    const problems = checkConnectionArgs(args, maxPageSize);
    const decode = (path: 'after' | 'before') => {
      const given = args[path];
      const values = given != null ? decodeCursor(given, this.orderProps) : null;
      if (given != null && !values && !problems.some((p) => p.path === path)) problems.push({ path, message: 'is not a cursor of this list' });
      return values;
    };
    const after = decode('after');
    const before = decode('before');
    if (problems.length) throw badUserInput(problems);
    const backward = args.last != null || (args.first == null && before != null);
    return { parent, extra, limit: (backward ? args.last : args.first) ?? DEFAULT_PAGE_SIZE, backward, after, before };
  }

  /** {@link key}, then the page. */
  page(parent: string, args: ConnectionArgs, maxPageSize: number, extra: E): Promise<ConnectionShape<T>> {
    return this.load(this.key(parent, args, maxPageSize, extra));
  }
}

/**
 * A per-request loader of keyset-paginated child lists (e.g. an employer's notices):
 * forward (`first`/`after`) and backward (`last`/`before`, returned in list order), with
 * `totalCount` of the parent's filtered list, ignoring cursors. Cursors are base64url JSON
 * of the order values. Call `clearAll()` after writing to the child table.
 */
export function createChildPageLoader<T extends object, E = void>(em: EntityManager, options: ChildPageOptions<T, E>): ChildPageLoader<T, E> {
  return new ChildPageLoader(em, options);
}
