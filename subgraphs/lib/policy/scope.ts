import { type FilterQuery } from '@mikro-orm/core';
import { type Caller } from '../identity';
import { ALL_ROWS, PolicyError, type SubgraphPolicy } from './model';

/** How one row scope restricts the rows of one entity, as a database filter. */
export type ScopeFilter = (caller: Caller) => FilterQuery<object>;

/**
 * A subgraph's implementations of the row scopes its policy names: for each type with
 * `rows`, a filter per scope name (scope `all` needs none).
 */
export type ScopeImplementations = Record<string, Record<string, ScopeFilter>>;

/** Lists the (type, scope) pairs the policy names that have no implementation, and the reverse. */
export function scopeCoverageProblems(policy: SubgraphPolicy, implementations: ScopeImplementations): string[] {
  const problems: string[] = [];
  for (const type of Object.values(policy.types)) {
    const needed = new Set(Object.values(type.rows ?? {}).filter((scope) => scope !== ALL_ROWS));
    const given = implementations[type.name] ?? {};
    for (const scope of needed) {
      if (!given[scope]) problems.push(`${policy.name}: ${type.name} has row scope "${scope}" in the policy but no filter implements it`);
    }
    for (const scope of Object.keys(given)) {
      if (!needed.has(scope)) problems.push(`${policy.name}: ${type.name} implements row scope "${scope}" that the policy never uses`);
    }
  }
  for (const typeName of Object.keys(implementations)) {
    if (!policy.types[typeName]?.rows) problems.push(`${policy.name}: row scopes implemented for ${typeName}, which the policy does not declare as a row type`);
  }
  return problems;
}

/**
 * The row scopes of one request. `filter(type)` is the database condition that keeps
 * only the rows of `type` the caller may see: `{}` for every row, `null` for none.
 * Queries add it to their own conditions, so a row outside the scope is never loaded
 * and behaves exactly like a row that does not exist.
 */
export class RowScope {
  private readonly memo = new Map<string, FilterQuery<object> | null>();

  constructor(
    readonly caller: Caller | null,
    private readonly policy: SubgraphPolicy,
    private readonly implementations: ScopeImplementations,
  ) {}

  /** The scope name the policy gives the caller's role on `type` (undefined: no rows). */
  scopeOf(type: string): string | undefined {
    const typePolicy = this.policy.types[type];
    if (!typePolicy?.rows) throw new PolicyError([`${this.policy.name}: ${type} is not a row type of the policy`]);
    return this.caller ? typePolicy.rows[this.caller.role] : undefined;
  }

  filter<E extends object>(type: string): FilterQuery<E> | null {
    if (this.memo.has(type)) return this.memo.get(type) as FilterQuery<E> | null;
    const scope = this.scopeOf(type);
    let result: FilterQuery<object> | null;
    if (!scope || !this.caller) result = null;
    else if (scope === ALL_ROWS) result = {};
    else {
      const implementation = this.implementations[type]?.[scope];
      if (!implementation) throw new PolicyError([`${this.policy.name}: no filter implements scope "${scope}" of ${type}`]);
      result = implementation(this.caller);
    }
    this.memo.set(type, result);
    return result as FilterQuery<E> | null;
  }

  /**
   * `where` narrowed to the caller's rows of `type`; `null` when the caller sees none
   * (the query need not run: its answer is empty).
   */
  restrict<E extends object>(type: string, where: FilterQuery<E>): FilterQuery<E> | null {
    const scope = this.filter<E>(type);
    if (scope === null) return null;
    if (Object.keys(scope as object).length === 0) return where;
    return { $and: [where, scope] } as FilterQuery<E>;
  }
}

/** ISTAT territory codes of a caller as SQL LIKE prefixes: a province `015` covers `015146`. */
export function territoryPrefixes(caller: Caller): string[] {
  return caller.territory.map((code) => `${code}%`);
}

/** A filter matching `column` against any of the caller's territory codes (province or municipality). */
export function inTerritory(caller: Caller, column: string): FilterQuery<object> {
  const prefixes = territoryPrefixes(caller);
  if (prefixes.length === 0) return { [column]: { $in: [] } };
  return { $or: prefixes.map((prefix) => ({ [column]: { $like: prefix } })) };
}
