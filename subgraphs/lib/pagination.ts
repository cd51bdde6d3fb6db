import { Cursor, type EntityManager, type EntityName, type FilterQuery, type FindByCursorOptions, type QueryOrderMap } from '@mikro-orm/core';
import { type ClassType, Directive, Field, Int, ObjectType, ArgsType } from 'type-graphql';
import { badUserInput, type InputProblem } from './errors';

/** Page size when a connection is asked for neither `first` nor `last`. */
export const DEFAULT_PAGE_SIZE = 20;

@Directive('@shareable')
@ObjectType({ description: 'Where a page of a Relay connection sits in the whole list.' })
export class PageInfo {
  @Field(() => Boolean, { description: 'True when more items follow the last one of this page.' })
  hasNextPage!: boolean;

  @Field(() => Boolean, { description: 'True when more items precede the first one of this page.' })
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true, description: 'Cursor of the first item of this page.' })
  startCursor!: string | null;

  @Field(() => String, { nullable: true, description: 'Cursor of the last item of this page.' })
  endCursor!: string | null;
}

/** Arguments of every connection field (Relay cursor connections). */
@ArgsType()
export class ConnectionArgs {
  @Field(() => Int, { nullable: true, description: 'Number of items after `after` (forward paging).' })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Opaque cursor: return the items after it.' })
  after?: string | null;

  @Field(() => Int, { nullable: true, description: 'Number of items before `before` (backward paging).' })
  last?: number | null;

  @Field(() => String, { nullable: true, description: 'Opaque cursor: return the items before it.' })
  before?: string | null;
}

/** The shape every connection type has; built by {@link Connection}. */
export interface ConnectionShape<T> {
  edges: { cursor: string; node: T }[];
  nodes: T[];
  pageInfo: PageInfo;
  totalCount: number;
}

/**
 * Declares `<Name>Connection` and `<Name>Edge` object types for an item type.
 * @param item the node type
 * @param name prefix of the generated type names (defaults to the class name)
 * @param description what the list holds
 */
export function Connection<T extends object>(item: ClassType<T>, name: string, description: string) {
  @ObjectType(`${name}Edge`, { description: `One item of a ${name} list with its cursor.` })
  class Edge {
    @Field(() => String, { description: 'Opaque cursor of this item.' })
    cursor!: string;

    @Field(() => item, { description: 'The item.' })
    node!: T;
  }

  @ObjectType(`${name}Connection`, { description })
  class ConnectionType implements ConnectionShape<T> {
    @Field(() => [Edge], { description: 'The items of this page, each with its cursor.' })
    edges!: Edge[];

    @Field(() => [item], { description: 'The items of this page, without cursors.' })
    nodes!: T[];

    @Field(() => PageInfo, { description: 'Paging information.' })
    pageInfo!: PageInfo;

    @Field(() => Int, { description: 'Number of items in the whole list, across all pages.' })
    totalCount!: number;
  }
  return ConnectionType;
}

function isCursor(value: string): boolean {
  try {
    return Array.isArray(Cursor.decode(value));
  } catch {
    return false;
  }
}

/** Checks `first`/`last` against the page limits; returns every problem found. */
export function checkConnectionArgs(args: ConnectionArgs, maxPageSize: number): InputProblem[] {
  const problems: InputProblem[] = [];
  if (args.first != null && args.last != null) {
    problems.push({ path: 'first', message: 'give either first or last, not both' });
  }
  for (const key of ['first', 'last'] as const) {
    const value = args[key];
    if (value != null && (value < 0 || value > maxPageSize)) {
      problems.push({ path: key, message: `must be between 0 and ${maxPageSize}` });
    }
  }
  if (args.after != null && args.before != null) {
    problems.push({ path: 'after', message: 'give either after or before, not both' });
  }
  for (const key of ['after', 'before'] as const) {
    const value = args[key];
    if (value != null && !isCursor(value)) problems.push({ path: key, message: 'is not a cursor of this list' });
  }
  return problems;
}

/**
 * Loads one page of a keyset-paginated list with MikroORM's cursor support. `orderBy`
 * must end with a unique column so that cursors are stable.
 */
export async function paginate<T extends object>(
  em: EntityManager,
  entity: EntityName<T>,
  where: FilterQuery<T>,
  args: ConnectionArgs,
  options: { orderBy: QueryOrderMap<T>; maxPageSize: number; populate?: FindByCursorOptions<T>['populate'] },
): Promise<ConnectionShape<T>> {
  const problems = checkConnectionArgs(args, options.maxPageSize);
  if (problems.length) throw badUserInput(problems);
  const first = args.first ?? (args.last == null ? DEFAULT_PAGE_SIZE : undefined);
  const cursor = await em.findByCursor(entity, where, {
      first: first ?? undefined,
      last: args.last ?? undefined,
      after: args.after ?? undefined,
      before: args.before ?? undefined,
      orderBy: options.orderBy,
      populate: options.populate,
      includeCount: true,
    } as FindByCursorOptions<T, never, '*', never, true>);
  const items = [...cursor.items] as T[];
  return {
    edges: items.map((node) => ({ cursor: cursor.from(node as never), node })),
    nodes: items,
    pageInfo: {
      hasNextPage: cursor.hasNextPage,
      hasPreviousPage: cursor.hasPrevPage,
      startCursor: cursor.startCursor,
      endCursor: cursor.endCursor,
    },
    totalCount: cursor.totalCount ?? items.length,
  };
}

type Key = readonly string[];

function compareKeys(a: Key, b: Key): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const [x, y] = [a[i] ?? '', b[i] ?? ''];
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

function decodeKey(cursor: string): Key | null {
  try {
    const value = Cursor.decode(cursor);
    return Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'string') ? (value as string[]) : null;
  } catch {
    return null;
  }
}

/**
 * One page of a list whose order is computed (a legal due date, days waited) and so
 * cannot be sorted by the database: `items` are ordered here by their keys (strings
 * compared in order; the last one unique, e.g. the id) and paged with keyset cursors on
 * them, stable while the list changes. Meant for lists bounded by the caller's scope
 * (one municipality's open cases), which the caller reads whole.
 */
export function pageInMemory<T>(items: readonly { key: Key; node: T }[], args: ConnectionArgs, maxPageSize: number): ConnectionShape<T> {
  const problems = checkConnectionArgs(args, maxPageSize);
  const after = args.after != null ? decodeKey(args.after) : null;
  const before = args.before != null ? decodeKey(args.before) : null;
  for (const [path, given, key] of [['after', args.after, after], ['before', args.before, before]] as const) {
    if (given != null && !key && !problems.some((p) => p.path === path)) problems.push({ path, message: 'is not a cursor of this list' });
  }
  if (problems.length) throw badUserInput(problems);

  const all = [...items].sort((a, b) => compareKeys(a.key, b.key));
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
  const edges = window.map(({ key, node }) => ({ cursor: Cursor.encode([...key]), node }));
  return {
    edges,
    nodes: edges.map((e) => e.node),
    pageInfo: { hasNextPage, hasPreviousPage, startCursor: edges[0]?.cursor ?? null, endCursor: edges.at(-1)?.cursor ?? null },
    totalCount: all.length,
  };
}
