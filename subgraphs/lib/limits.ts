import { type GraphQLArmorConfig } from '@escape.tech/graphql-armor-types';
import { env, readEnv } from './config';

/**
 * Limits on the shape of an operation, checked while validating it (before anything is
 * read), the same at the gateway and in every subgraph. An operation over a limit is
 * refused with a validation error naming the limit. Defaults leave room for the deepest
 * federated query of the graph (a connection, its nodes, their joins across subgraphs).
 */
export interface OperationLimits {
  /** `GRAPHQL_MAX_DEPTH`: selection depth, default 12 (fragments counted where spread). */
  depth: number;
  /** `GRAPHQL_MAX_ALIASES`: aliases per operation, default 15. */
  aliases: number;
  /** `GRAPHQL_MAX_TOKENS`: lexical tokens of the document, default 3000. */
  tokens: number;
  /** `GRAPHQL_MAX_COST`: static cost (object 2, scalar 1, ×1.5 per depth level), default 5000. */
  cost: number;
  /** `GRAPHQL_MAX_DIRECTIVES`: directives per operation, default 50. */
  directives: number;
}

export const DEFAULT_OPERATION_LIMITS: OperationLimits = { depth: 12, aliases: 15, tokens: 3000, cost: 5000, directives: 50 };

/** Reads the limits; throws a `ConfigError` naming each bad variable. */
export function loadOperationLimits(source: NodeJS.ProcessEnv = process.env): OperationLimits {
  const d = DEFAULT_OPERATION_LIMITS;
  const values = readEnv(
    {
      GRAPHQL_MAX_DEPTH: env.positiveInt(d.depth),
      GRAPHQL_MAX_ALIASES: env.positiveInt(d.aliases),
      GRAPHQL_MAX_TOKENS: env.positiveInt(d.tokens),
      GRAPHQL_MAX_COST: env.positiveInt(d.cost),
      GRAPHQL_MAX_DIRECTIVES: env.positiveInt(d.directives),
    },
    source,
  );
  return {
    depth: values.GRAPHQL_MAX_DEPTH,
    aliases: values.GRAPHQL_MAX_ALIASES,
    tokens: values.GRAPHQL_MAX_TOKENS,
    cost: values.GRAPHQL_MAX_COST,
    directives: values.GRAPHQL_MAX_DIRECTIVES,
  };
}

/**
 * graphql-armor configuration for the limits. Field suggestions ("Did you mean ...?")
 * are blocked in production, where they would let a caller map the schema by trial.
 * Limits are stated in the error (a client needs to know what to change), which tells
 * nothing about the data.
 */
export function armorConfig(limits: OperationLimits, production: boolean): GraphQLArmorConfig {
  return {
    maxDepth: { n: limits.depth, ignoreIntrospection: true, flattenFragments: true, exposeLimits: true },
    maxAliases: { n: limits.aliases, exposeLimits: true },
    maxTokens: { n: limits.tokens, exposeLimits: true },
    costLimit: { maxCost: limits.cost, exposeLimits: true },
    maxDirectives: { n: limits.directives, exposeLimits: true },
    blockFieldSuggestion: { enabled: production },
  };
}
