import { type ScopeImplementations } from '../lib/policy/scope';

/**
 * Database filters of the row scopes that `schema/policy/referrals.yaml` names for this
 * subgraph's types (see `schema/policy/scopes.yaml` for their meaning).
 */
export const rowScopes: ScopeImplementations = {};
