import { createGatewayRuntime, type GatewayPlugin, type GatewayRuntime, Logger as HiveLogger, type LogLevel as HiveLogLevel, type LogWriter } from '@graphql-hive/gateway-runtime';
import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import useMeshPrometheus from '@graphql-mesh/plugin-prometheus';
import httpTransport, { type HTTPTransportOptions } from '@graphql-mesh/transport-http';
import { isAsyncIterable } from '@graphql-tools/utils';
import { GraphQLError } from 'graphql';
import { readFileSync } from 'node:fs';
import { once } from 'node:events';
import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { type AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { type CallerVerifier } from '../subgraphs/lib/auth/verify';
import { requestIdFrom } from '../subgraphs/lib/context';
import { requestRefusalStatus } from '../subgraphs/lib/errors';
import { type AuditAppender, securityEvent } from '../subgraphs/lib/audit';
import { createExtractionGuard, type ExtractionGuard, extractionKeyOf, rateLimited } from '../subgraphs/lib/security';
import { armorConfig } from '../subgraphs/lib/limits';
import { createLogger, type Logger } from '../subgraphs/lib/logger';
import { type GatewayConfig } from './config';
import { loadSupergraph } from './supergraph';

/** Client headers every subgraph receives (lower case; `x-request-id` is set by the request-id plugin). */
export const FORWARDED_HEADERS = ['authorization', 'x-purpose', 'agid-jwt-trackingevidence'] as const;

/** The request-id header: taken from the client when well formed, generated otherwise, sent to every subgraph. */
export const REQUEST_ID_HEADER = 'x-request-id';

/**
 * Prometheus series of `/metrics` that benchmarks read. Subgraph fetches per request =
 * increase of `subgraphFetches` (HTTP requests to subgraphs, label `url`) divided by the
 * increase of `operations`; `subgraphExecutions` (label `subgraphName`) counts the
 * subgraph operations the planner issued before batching.
 */
export const METRIC_NAMES = {
  subgraphFetches: 'graphql_gateway_fetch_duration_count',
  subgraphExecutions: 'graphql_gateway_subgraph_execute_duration_count',
  subgraphErrors: 'graphql_gateway_subgraph_execute_errors',
  operations: 'graphql_envelop_request',
  httpRequests: 'graphql_yoga_http_duration_count',
} as const;

/** What `/readyz` found: every subgraph's state by name. */
export interface Readiness {
  ready: boolean;
  subgraphs: Record<string, 'ready' | 'unavailable'>;
}

/** A gateway built by {@link createGateway}, not yet listening. */
export interface Gateway {
  /** The node HTTP server: `/graphql`, `/healthz`, `/readyz`, `/metrics`. */
  server: Server;
  /** The Hive Gateway runtime behind it. */
  runtime: GatewayRuntime;
  /** Where each subgraph is reached, after the configuration's overrides. */
  subgraphUrls: Record<string, string>;
  /** The Prometheus registry `/metrics` serves. */
  metrics: Registry;
  /** Asks every subgraph's `/readyz`, each within the configured timeout. */
  readiness: () => Promise<Readiness>;
  /** Starts listening; resolves to the GraphQL endpoint URL. */
  listen: (port?: number, host?: string) => Promise<string>;
  /** Stops accepting connections, ends idle ones and disposes the runtime. */
  close: () => Promise<void>;
}

export interface CreateGatewayOptions {
  /**
   * Verifies the token and the declared purpose of every GraphQL request before anything
   * is planned or fetched: a failure answers 401 (UNAUTHENTICATED) or 403 (FORBIDDEN).
   */
  verifyCaller: CallerVerifier;
  /** The supergraph SDL; read from `config.supergraphPath` when absent. */
  supergraphSdl?: string;
  /** Process logger; one is created from `config.logLevel` when absent. */
  logger?: Logger;
  /**
   * Request-rate limits per (organisation, user, purpose), checked after the credential and
   * before planning; created from the environment (Redis when `REDIS_URL`) when absent.
   */
  extractionGuard?: ExtractionGuard;
  /** The audit trail: a request refused by the rate limit is recorded in it as a SECURITY event. */
  audit?: AuditAppender | null;
}

/** The supergraph file is missing or unreadable. */
export class SupergraphNotFound extends Error {
  constructor(path: string, cause: unknown) {
    super(`Cannot read the supergraph at ${path} (${(cause as Error).message}); run npm run compose`);
    this.name = 'SupergraphNotFound';
  }
}

/** A browser asking for GraphiQL (development only): the page itself carries no data. */
function isPageRequest(req: IncomingMessage): boolean {
  return req.method === 'GET' && /text\/html/.test(req.headers.accept ?? '') && !(req.url ?? '').includes('query=');
}

/** Answers a request whose credential or purpose was refused: 401 or 403, nothing read. */
function refuse(res: ServerResponse, error: unknown, logger: Logger): void {
  const code = error instanceof GraphQLError ? error.extensions.code : undefined;
  const status = requestRefusalStatus(code);
  if (!status) {
    logger.error({ err: { message: (error as Error).message } }, 'credential check failed');
    return sendJson(res, 500, { errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
  }
  if (status === 401) res.setHeader('www-authenticate', 'Bearer');
  const extensions = (error as GraphQLError).extensions;
  if (status === 429 && typeof extensions.retryAfterSeconds === 'number') res.setHeader('retry-after', String(extensions.retryAfterSeconds));
  sendJson(res, status, { errors: [{ message: (error as GraphQLError).message, extensions: status === 429 ? extensions : { code } }] });
}

/** `/readyz` of a subgraph served at `.../graphql`: the sibling path on the same server. */
export function readinessUrlOf(subgraphUrl: string): string {
  return new URL('readyz', subgraphUrl).toString();
}

/** Hive Gateway logs through the process's pino logger, so every process logs the same JSON. */
function pinoWriter(logger: Logger): LogWriter {
  return {
    write(level, attrs, msg) {
      logger[level](attrs ?? {}, msg ?? '');
    },
  };
}

/**
 * What the runtime's debug logs must not carry: operation variables, subgraph request
 * bodies and results (personal data) and credentials.
 */
const HIVE_LOG_REDACTIONS = [
  'body',
  'data',
  'variables',
  'result',
  'headers.authorization',
  'headers.cookie',
  'headers["agid-jwt-trackingevidence"]',
];

function hiveLevel(level: string): HiveLogLevel | false {
  if (level === 'silent') return false;
  if (level === 'fatal') return 'error';
  return level as HiveLogLevel;
}

const SUGGESTION = /\s*Did you mean .*\?$/;

function withoutStackTrace(error: GraphQLError): GraphQLError {
  const extensions = error.extensions ?? {};
  if (!('stacktrace' in extensions) && !('exception' in extensions)) return error;
  const { stacktrace: _stacktrace, exception: _exception, ...kept } = extensions;
  return new GraphQLError(error.message, { nodes: error.nodes, source: error.source, positions: error.positions, path: error.path, extensions: kept });
}

/**
 * Production hardening at the edge, whatever the subgraphs do: validation errors do not
 * suggest names ("Did you mean ...?", which lets a caller map the schema by trial and
 * error), and no error carries a stack trace.
 */
function productionErrors(): GatewayPlugin {
  return {
    onValidate() {
      return ({ result, setResult }) => {
        if (result.length === 0) return;
        setResult(
          (result as readonly Error[]).map((error) =>
            error instanceof GraphQLError && SUGGESTION.test(error.message)
              ? new GraphQLError(error.message.replace(SUGGESTION, ''), { nodes: error.nodes, extensions: error.extensions })
              : error,
          ),
        );
      };
    },
    onExecute() {
      return {
        onExecuteDone({ result, setResult }) {
          if (isAsyncIterable(result) || !result.errors?.length) return;
          setResult({ ...result, errors: result.errors.map(withoutStackTrace) });
        },
      };
    },
  };
}

/** `extensions.code` of the error a field gets when the subgraph that owns it does not answer. */
export const SUBGRAPH_UNAVAILABLE = 'SERVICE_UNAVAILABLE';

/**
 * A subgraph that cannot be reached answers, in its place, a GraphQL error naming it
 * (HTTP 503 upstream, so metrics count it): the fields it owns become null with that
 * error, the rest of the response is kept, and the client is not shown a masked
 * "Unexpected error" from the connection failure.
 */
function subgraphUnavailable(urls: Readonly<Record<string, string>>, logger: Logger): GatewayPlugin {
  const nameOf = (url: string, executionName: string | undefined) =>
    executionName ?? Object.keys(urls).find((name) => urls[name] === url) ?? 'a subgraph';
  return {
    onFetch({ url, fetchFn, setFetchFn, executionRequest, options }) {
      const subgraph = nameOf(url, executionRequest?.subgraphName);
      setFetchFn(async (...args) => {
        try {
          return await fetchFn(...args);
        } catch (error) {
          // The client went away: nothing to answer.
          if (options.signal?.aborted) throw error;
          logger.warn({ subgraph, err: { message: (error as Error).message } }, 'subgraph unreachable');
          const body = { errors: [{ message: `The ${subgraph} service is unavailable`, extensions: { code: SUBGRAPH_UNAVAILABLE } }] };
          return new Response(JSON.stringify(body), { status: 503, headers: { 'content-type': 'application/json' } });
        }
      });
    },
  };
}

/**
 * A body over the limit is refused before it is read (HTTP 413); a POST that does not
 * state its length (chunked) is refused too (411), so the limit cannot be dodged.
 */
function bodyRefusal(req: IncomingMessage, maxBytes: number): { status: number; message: string } | undefined {
  if (req.method !== 'POST') return undefined;
  const length = req.headers['content-length'];
  if (length === undefined) return { status: 411, message: 'A request body must state its length (Content-Length)' };
  if (Number(length) > maxBytes) return { status: 413, message: `Request body larger than ${maxBytes} bytes` };
  return undefined;
}

/** A request id is always present and well formed before the runtime sees the request. */
function normaliseRequestId(req: IncomingMessage): void {
  req.headers[REQUEST_ID_HEADER] = requestIdFrom(req.headers);
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), 'cache-control': 'no-store' });
  res.end(text);
}

async function subgraphReady(url: string, timeoutMs: number): Promise<boolean> {
  try {
    const response = await fetch(readinessUrlOf(url), { signal: AbortSignal.timeout(timeoutMs) });
    await response.body?.cancel();
    return response.ok;
  } catch {
    return false;
  }
}

/** `/exports/<subgraph>/<id>`: a signed download link of a subgraph's bulk export. */
const EXPORT_PATH = /^\/exports\/([a-z]+)\/([0-9a-fA-F-]{36})$/;

/** Response headers of a download passed on to the client. */
const DOWNLOAD_HEADERS = ['content-type', 'content-length', 'content-disposition', 'cache-control', 'x-content-sha256'];

/**
 * Proxies a download link to the subgraph that owns the export (`GET /exports/<id>` there,
 * with the same query), streaming the file through without buffering it. The subgraph
 * checks the signature and the expiry; the gateway only routes.
 */
function proxyDownload(req: IncomingMessage, res: ServerResponse, urls: Readonly<Record<string, string>>, logger: Logger): void {
  const url = new URL(req.url ?? '/', 'http://gateway');
  const match = EXPORT_PATH.exec(url.pathname);
  const base = match ? urls[match[1]!] : undefined;
  if (!match || !base) return sendJson(res, 404, { errors: [{ message: 'No such export download', extensions: { code: 'NOT_FOUND' } }] });
  if (req.method !== 'GET' && req.method !== 'HEAD') return sendJson(res, 405, { errors: [{ message: 'Downloads take GET', extensions: { code: 'METHOD_NOT_ALLOWED' } }] });
  const target = new URL(`exports/${match[2]}${url.search}`, base);
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  const upstream = send(target, { method: req.method, headers: { 'x-request-id': String(req.headers[REQUEST_ID_HEADER]) } }, (answer) => {
    const headers: Record<string, string> = {};
    for (const name of DOWNLOAD_HEADERS) {
      const value = answer.headers[name];
      if (typeof value === 'string') headers[name] = value;
    }
    res.writeHead(answer.statusCode ?? 502, headers);
    answer.pipe(res);
  });
  upstream.on('error', (error) => {
    logger.warn({ err: { message: error.message } }, 'export download: subgraph unreachable');
    if (!res.headersSent) sendJson(res, 503, { errors: [{ message: 'The service holding the export is unavailable', extensions: { code: SUBGRAPH_UNAVAILABLE } }] });
    else res.destroy();
  });
  res.on('close', () => upstream.destroy());
  upstream.end();
}

/**
 * Builds the gateway: the Hive Gateway runtime on the supergraph (subgraph URLs from the
 * configuration), client headers forwarded to subgraphs, request ids, Prometheus metrics
 * (with per-subgraph fetch counts), errors masked in production, and a node HTTP server
 * that adds `/readyz` (every subgraph ready) and `/exports/<subgraph>/<id>` (signed
 * download links of bulk exports, streamed from the subgraph). A subgraph that is down makes only the
 * fields it owns fail: the response carries the rest and an error for the missing part.
 */
export function createGateway(config: GatewayConfig, options: CreateGatewayOptions): Gateway {
  const production = config.nodeEnv === 'production';
  const logger = options.logger ?? createLogger('gateway', config.logLevel);
  let sdl = options.supergraphSdl;
  if (sdl === undefined) {
    const path = resolve(config.supergraphPath);
    try {
      sdl = readFileSync(path, 'utf8');
    } catch (error) {
      throw new SupergraphNotFound(path, error);
    }
  }
  const supergraph = loadSupergraph(sdl, config.subgraphUrls);
  const guard = options.extractionGuard ?? createExtractionGuard({ scope: 'gateway' });
  const metrics = new Registry();
  collectDefaultMetrics({ register: metrics });

  const log = new HiveLogger({
    level: hiveLevel(config.logLevel),
    writers: [pinoWriter(logger)],
    redact: { paths: HIVE_LOG_REDACTIONS, censor: '[redacted]' },
  });
  const runtime = createGatewayRuntime({
    supergraph: supergraph.document,
    transports: { http: httpTransport },
    // Identical in-flight subgraph requests must not share one answer: subgraphs decide
    // per caller what to release, so a response is never handed to another request.
    transportEntries: { '*.http': { options: { deduplicateInflightRequests: false } as HTTPTransportOptions } },
    logging: log,
    graphqlEndpoint: '/graphql',
    healthCheckEndpoint: '/healthz',
    // Served by the node server below (it asks the subgraphs); this keeps the runtime's own check off other paths.
    readinessCheckEndpoint: '/readyz',
    landingPage: !production,
    graphiql: !production,
    // Introspection is a development aid: production clients work from the published schema.
    ...(production ? { disableIntrospection: {} } : {}),
    maskedErrors: { isDev: config.nodeEnv === 'development' },
    requestId: { headerName: REQUEST_ID_HEADER },
    propagateHeaders: {
      fromClientToSubgraphs: ({ request }) => {
        const headers: Record<string, string> = {};
        for (const name of FORWARDED_HEADERS) {
          const value = request.headers.get(name);
          if (value !== null) headers[name] = value;
        }
        return headers;
      },
    },
    plugins: (context) => [
      useMeshPrometheus({
        log: context.log,
        registry: metrics,
        endpoint: '/metrics',
        metrics: true,
        labels: { subgraphName: true },
      }),
      EnvelopArmorPlugin(armorConfig(config.limits, production)) as GatewayPlugin,
      subgraphUnavailable(supergraph.urls, logger),
      ...(production ? [productionErrors()] : []),
    ],
  });

  const readiness = async (): Promise<Readiness> => {
    const entries = await Promise.all(
      Object.entries(supergraph.urls).map(async ([name, url]) => [name, (await subgraphReady(url, config.readinessTimeoutMs)) ? 'ready' : 'unavailable'] as const),
    );
    const subgraphs = Object.fromEntries(entries) as Readiness['subgraphs'];
    return { ready: entries.every(([, state]) => state === 'ready'), subgraphs };
  };

  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/readyz') {
      void readiness().then((state) => {
        const unavailable = Object.keys(state.subgraphs).filter((name) => state.subgraphs[name] !== 'ready');
        sendJson(res, state.ready ? 200 : 503, state.ready ? { status: 'ready', subgraphs: state.subgraphs } : { status: 'unavailable', unavailable, subgraphs: state.subgraphs });
      });
      return;
    }
    normaliseRequestId(req);
    if (path?.startsWith('/exports/')) return proxyDownload(req, res, supergraph.urls, logger);
    if (path !== '/graphql' || req.method === 'OPTIONS' || isPageRequest(req)) return void runtime(req, res);
    const tooLarge = bodyRefusal(req, config.maxBodyBytes);
    if (tooLarge) {
      req.resume();
      return void sendJson(res, tooLarge.status, { errors: [{ message: tooLarge.message, extensions: { code: 'BAD_REQUEST' } }] });
    }
    options
      .verifyCaller(req.headers)
      .then(async (caller) => {
        const admission = await guard.checkRequest(extractionKeyOf(caller));
        if (!admission.ok) {
          if (admission.limit === 'LIMITER_UNAVAILABLE') logger.error({ err: { message: String(admission.cause) } }, 'request-rate limiter unavailable');
          await options.audit?.append(securityEvent(caller, 'gateway', String(req.headers[REQUEST_ID_HEADER]), 'RATE_LIMITED'));
          throw rateLimited(admission);
        }
      })
      .then(
        () => void runtime(req, res),
        (error: unknown) => refuse(res, error, logger),
      );
  });

  let closing: Promise<void> | undefined;
  return {
    server,
    runtime,
    subgraphUrls: supergraph.urls,
    metrics,
    readiness,
    listen: async (port = config.port, host = config.host) => {
      server.listen(port, host);
      await once(server, 'listening');
      const address = server.address() as AddressInfo;
      const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
      logger.info({ url: `http://${shownHost}:${address.port}/graphql`, subgraphs: supergraph.urls }, 'gateway listening');
      return `http://${shownHost}:${address.port}/graphql`;
    },
    close: () => {
      closing ??= (async () => {
        const closed = server.listening ? new Promise<void>((done) => server.close(() => done())) : Promise.resolve();
        server.closeIdleConnections();
        await closed;
        await runtime.dispose();
        if (!options.extractionGuard) await guard.close();
      })();
      return closing;
    },
  };
}
