import { type EntityManager } from '@mikro-orm/core';
import { type Caller } from '../../subgraphs/lib/identity';
import { createLogger, type Logger } from '../../subgraphs/lib/logger';
import { createSubgraphRuntime, handleGraphQL, type SubgraphModule, type SubgraphRuntime } from '../../subgraphs/lib/subgraph';
import { TEST_CALLER_HEADER } from './callers';
import { createTestDatabase, type TestDatabase } from './database';

/** A GraphQL response as a client sees it. */
export interface GraphQLResponse<D = Record<string, unknown>> {
  data?: D | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

/** An in-process subgraph on a fresh database, with helpers to query it and fill it. */
export interface TestSubgraph<Loaders extends object = object> {
  runtime: SubgraphRuntime<Loaders>;
  /** Executes an operation through the same HTTP handler the server uses (no socket). */
  query: <D = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>) => Promise<GraphQLResponse<D>>;
  /** A fresh entity manager for arranging data. */
  em: () => EntityManager;
  close: () => Promise<void>;
}

/**
 * Starts a subgraph in-process on a fresh database of the current platform.
 * `caller` stands for the verified caller of every request (the token verifier is
 * tested on its own); a request may act as another one with `asCaller(caller)` headers.
 */
export async function createTestSubgraph<Loaders extends object>(
  module: SubgraphModule<Loaders>,
  options: { caller?: Caller | null; maxPageSize?: number; logger?: Logger } = {},
): Promise<TestSubgraph<Loaders>> {
  const database: TestDatabase = await createTestDatabase(module.name);
  const runtime = await createSubgraphRuntime(module, {
    databaseUrl: database.url,
    logger: options.logger ?? createLogger(module.name, 'silent'),
    // A request may act as another caller with the asCaller() header (test utility only).
    resolveCaller: async (headers) => {
      const given = headers[TEST_CALLER_HEADER];
      if (typeof given === 'string') return JSON.parse(given) as Caller;
      return options.caller ?? null;
    },
    maxPageSize: options.maxPageSize ?? 100,
    production: false,
  });
  return {
    runtime,
    query: async (query, variables, headers = {}) => {
      const result = await handleGraphQL(runtime, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        search: '',
        body: variables === undefined ? { query } : { query, variables },
      });
      return JSON.parse(result.body);
    },
    em: () => runtime.db.orm.em.fork() as EntityManager,
    close: async () => {
      await runtime.stop();
      await database.drop();
    },
  };
}
