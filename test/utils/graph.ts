import { type AuditStore, openAuditStore } from '../../subgraphs/lib/audit';
import { ExtractionGuard } from '../../subgraphs/lib/security';
import { DEFAULT_OPERATION_LIMITS } from '../../subgraphs/lib/limits';
import { type EntityManager } from '@mikro-orm/core';
import { once } from 'node:events';
import { type IncomingHttpHeaders, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { composeSubgraphs } from '../../gateway/compose';
import { type GatewayConfig } from '../../gateway/config';
import { createGateway, type Gateway } from '../../gateway/gateway';
import { subgraphModules } from '../../subgraphs';
import { type Caller } from '../../subgraphs/lib/identity';
import { createSubgraphServer } from '../../subgraphs/lib/http';
import { createLogger, type Logger } from '../../subgraphs/lib/logger';
import { createSubgraphRuntime, type SubgraphModule, type SubgraphRuntime } from '../../subgraphs/lib/subgraph';
import { authHeaders, testVerifier } from './auth';
import { createTestDatabase, type TestDatabase } from './database';
import { type GraphQLResponse } from './subgraph';

/** One subgraph of a test graph: its URL, runtime and HTTP server. */
/** The key signing the events between the test graph's subgraphs (`POST /events/<topic>`). */
export const TEST_EVENTS_SECRET = 'test-events-secret-'.padEnd(40, 'x');

export interface TestGraphSubgraph {
  url: string;
  runtime: SubgraphRuntime;
  server: Server;
}

/** An HTTP answer of the gateway: status, headers and the parsed GraphQL body. */
export interface GatewayAnswer<D = Record<string, unknown>> extends GraphQLResponse<D> {
  status: number;
  headers: Headers;
}

export interface TestGraph {
  /** `http://127.0.0.1:<port>/graphql` of the gateway. */
  gatewayUrl: string;
  /** The gateway origin (`http://127.0.0.1:<port>`), for `/healthz`, `/readyz`, `/metrics`. */
  gatewayOrigin: string;
  gateway: Gateway;
  subgraphs: Record<string, TestGraphSubgraph>;
  /** POSTs an operation to the gateway. */
  query: <D = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>) => Promise<GatewayAnswer<D>>;
  /** The audit trail, when the graph runs with one (`audit: true`). */
  audit: AuditStore | null;
  /** Stops one subgraph's HTTP server (its database stays), as if its process died. */
  stopSubgraph: (name: string) => Promise<void>;
  close: () => Promise<void>;
}

export interface TestGraphOptions {
  /** Subgraphs to run; default every registered one. */
  modules?: readonly SubgraphModule[];
  /** Arranges data before the gateway starts, with a fresh entity manager per subgraph. */
  seed?: (ems: Record<string, EntityManager>) => Promise<void>;
  /** A fixed caller every subgraph sees instead of verifying the forwarded token (the gateway still verifies). */
  caller?: Caller | null;
  /** Called with the headers each subgraph request carries (to observe propagation). */
  onSubgraphRequest?: (subgraph: string, headers: IncomingHttpHeaders) => void;
  /** Gateway configuration overrides (e.g. `nodeEnv: 'production'`). */
  gateway?: Partial<Omit<GatewayConfig, 'subgraphUrls' | 'port' | 'host'>>;
  /** The gateway's logger (to capture its output); a silent one by default. */
  gatewayLogger?: Logger;
  /** Runs the graph with an audit trail on its own fresh test database (graph.audit). */
  audit?: boolean;
  /** Request-rate limits and daily budgets for the gateway and every subgraph; by default the gateway's own from the environment, none in the subgraphs. */
  extractionGuard?: ExtractionGuard;
}

async function listen(server: Server): Promise<string> {
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function stopServer(server: Server): Promise<void> {
  if (!server.listening) return;
  const closed = new Promise<void>((done) => server.close(() => done()));
  server.closeAllConnections();
  await closed;
}

/**
 * The whole graph in-process: every registered subgraph on its own fresh test database
 * (SQLite in memory or a new PostgreSQL database) and HTTP server on 127.0.0.1, the
 * supergraph composed in memory with their real URLs, and the gateway in front.
 */
export async function createTestGraph(options: TestGraphOptions = {}): Promise<TestGraph> {
  const modules = options.modules ?? subgraphModules;
  const verifier = await testVerifier();
  const started: { name: string; database: TestDatabase; runtime: SubgraphRuntime; server: Server; url: string }[] = [];
  let gateway: Gateway | undefined;

  let auditDatabase: TestDatabase | undefined;
  let audit: AuditStore | null = null;
  const close = async () => {
    await gateway?.close();
    for (const s of started) {
      await stopServer(s.server);
      await s.runtime.stop();
      await s.database.drop();
    }
    await audit?.close();
    await auditDatabase?.drop();
  };

  try {
    if (options.audit) {
      auditDatabase = await createTestDatabase('graph_audit');
      audit = await openAuditStore({ databaseUrl: auditDatabase.url });
    }
    for (const module of modules) {
      const database = await createTestDatabase(`graph_${module.name}`);
      let runtime: SubgraphRuntime;
      try {
        runtime = await createSubgraphRuntime(module, {
          databaseUrl: database.url,
          logger: createLogger(module.name, 'silent'),
          resolveCaller: async (headers) => {
            options.onSubgraphRequest?.(module.name, headers);
            return options.caller !== undefined ? options.caller : verifier(headers);
          },
          maxPageSize: 100,
          production: false,
          audit,
          // As in the processes: each subgraph counts its own requests (scope, margin ×3) on the store the gateway uses, so budgets are shared.
          extractionGuard: options.extractionGuard
            ? new ExtractionGuard({ limits: options.extractionGuard.limits, store: options.extractionGuard.store, scope: module.name, rateMultiplier: 3 })
            : null,
        });
      } catch (error) {
        await database.drop();
        throw error;
      }
      const server = createSubgraphServer(runtime, { eventsSecret: TEST_EVENTS_SECRET });
      started.push({ name: module.name, database, runtime, server, url: '' });
      started[started.length - 1].url = `${await listen(server)}/graphql`;
    }
    if (options.seed) {
      await options.seed(Object.fromEntries(started.map((s) => [s.name, s.runtime.db.orm.em.fork() as EntityManager])));
    }
    const composed = composeSubgraphs(started.map((s) => ({ name: s.name, sdl: s.runtime.schema.sdl, url: s.url })));
    gateway = createGateway(
      {
        port: 0,
        host: '127.0.0.1',
        supergraphPath: '',
        subgraphUrls: {},
        logLevel: 'silent',
        nodeEnv: 'test',
        readinessTimeoutMs: 1000,
        maxBodyBytes: 1024 * 1024,
        limits: DEFAULT_OPERATION_LIMITS,
        ...options.gateway,
      },
      { supergraphSdl: composed.supergraphSdl, logger: options.gatewayLogger, verifyCaller: verifier, extractionGuard: options.extractionGuard, audit },
    );
    const gatewayUrl = await gateway.listen();
    const defaultAuth = await authHeaders();
    const query = async <D>(query: string, variables?: Record<string, unknown>, headers: Record<string, string> = {}): Promise<GatewayAnswer<D>> => {
      const given = Object.keys(headers).some((h) => h.toLowerCase() === 'authorization');
      const response = await fetch(gatewayUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...(given ? {} : defaultAuth), ...headers },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await response.json()) as GraphQLResponse<D>;
      return { ...body, status: response.status, headers: response.headers };
    };
    return {
      gatewayUrl,
      gatewayOrigin: new URL(gatewayUrl).origin,
      gateway,
      subgraphs: Object.fromEntries(started.map((s) => [s.name, { url: s.url, runtime: s.runtime, server: s.server }])),
      audit,
      query,
      stopSubgraph: async (name) => {
        const found = started.find((s) => s.name === name);
        if (!found) throw new Error(`No subgraph "${name}" in this test graph`);
        await stopServer(found.server);
      },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
