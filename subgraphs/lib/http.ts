import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { type ExportConfig, loadExportConfig } from './export/config';
import { serveExportDownload } from './export/download';
import { verifyEventSignature } from './outbox/signature';
import { BadEventError, handleGraphQL, type SubgraphRuntime } from './subgraph';

/** Largest request body accepted, in bytes. */
export const MAX_BODY_BYTES = 1_048_576;

class BodyTooLarge extends Error {}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new BodyTooLarge();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function send(res: ServerResponse, status: number, body: string, type = 'application/json; charset=utf-8'): void {
  res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

function problem(res: ServerResponse, status: number, message: string): void {
  send(res, status, JSON.stringify({ errors: [{ message, extensions: { code: 'BAD_REQUEST' } }] }));
}

/** Prometheus metrics of a subgraph process: requests, latency, SQL statements. */
export function subgraphMetrics<Loaders extends object>(runtime: SubgraphRuntime<Loaders>) {
  const registry = new Registry();
  registry.setDefaultLabels({ subgraph: runtime.module.name });
  collectDefaultMetrics({ register: registry });
  const requests = new Counter({ name: 'graphql_http_requests_total', help: 'GraphQL HTTP requests', labelNames: ['status'], registers: [registry] });
  const duration = new Histogram({ name: 'graphql_http_request_duration_seconds', help: 'GraphQL HTTP request duration', registers: [registry], buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5] });
  new Gauge({
    name: 'sql_statements_total',
    help: 'SQL statements sent to the database since start',
    registers: [registry],
    collect() {
      this.set(runtime.db.sql.statements);
    },
  });
  return { registry, requests, duration };
}

/**
 * `POST /events/<topic>`: one event of another subgraph's outbox, delivered by its
 * dispatcher. Refused unless signed with the shared secret (401); unknown topics are 404;
 * a malformed event 400 (the dispatcher gives it up after its attempts).
 */
async function handleEvent(runtime: Pick<SubgraphRuntime, 'module' | 'db'>, req: IncomingMessage, res: ServerResponse, topic: string, secret: string | undefined) {
  const handler = runtime.module.eventHandlers?.[topic];
  if (!secret || !handler || req.method !== 'POST') return send(res, 404, JSON.stringify({ error: 'not found' }));
  const raw = await readBody(req);
  if (!verifyEventSignature({ secret, headers: req.headers, body: raw })) return problem(res, 401, 'The event is not signed with the shared secret');
  let payload: unknown;
  try {
    payload = JSON.parse(raw);
  } catch {
    return problem(res, 400, 'The event body is not valid JSON');
  }
  try {
    const outcome = await handler(runtime.db.orm.em.fork(), payload);
    return send(res, 200, JSON.stringify({ status: outcome }));
  } catch (error) {
    if (error instanceof BadEventError) return problem(res, 400, error.message);
    throw error;
  }
}

/**
 * Serves a subgraph over HTTP: `/graphql` (GET and POST), `/healthz` (alive),
 * `/readyz` (the database answers), `/metrics` (Prometheus) and, when `eventsSecret` is
 * given, `/events/<topic>` for the events of other subgraphs the module handles, and,
 * for a module that exports, `/exports/<id>` (signed download links; configuration from
 * the environment unless `exports` is given).
 */
export function createSubgraphServer<Loaders extends object>(
  runtime: SubgraphRuntime<Loaders>,
  options: { eventsSecret?: string; exports?: Pick<ExportConfig, 'dir' | 'linkSecret'> } = {},
): Server {
  const metrics = subgraphMetrics(runtime);
  return createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://subgraph');
    const done = metrics.duration.startTimer();
    void (async () => {
      if (url.pathname === '/healthz') return send(res, 200, JSON.stringify({ status: 'ok' }));
      if (url.pathname === '/readyz') {
        const ok = await runtime.db.orm.isConnected();
        return send(res, ok ? 200 : 503, JSON.stringify({ status: ok ? 'ready' : 'database unreachable' }));
      }
      if (url.pathname === '/metrics') {
        return send(res, 200, await metrics.registry.metrics(), metrics.registry.contentType);
      }
      if (url.pathname.startsWith('/exports/') && runtime.module.exports) {
        const id = url.pathname.slice('/exports/'.length);
        const config = options.exports ?? loadExportConfig(runtime.module.name);
        return serveExportDownload({ orm: runtime.db.orm, subgraph: runtime.module.name, config, req, res, id, search: url.searchParams });
      }
      if (url.pathname.startsWith('/events/')) return handleEvent(runtime as unknown as Pick<SubgraphRuntime, 'module' | 'db'>, req, res, url.pathname.slice('/events/'.length), options.eventsSecret);
      if (url.pathname !== '/graphql') return send(res, 404, JSON.stringify({ error: 'not found' }));
      let body: unknown;
      if (req.method === 'POST') {
        const raw = await readBody(req);
        const type = req.headers['content-type'] ?? '';
        if (raw && /json/i.test(type)) {
          try {
            body = JSON.parse(raw);
          } catch {
            return problem(res, 400, 'The request body is not valid JSON');
          }
        } else {
          body = raw;
        }
      }
      const result = await handleGraphQL(runtime, { method: req.method ?? 'GET', headers: req.headers, search: url.search, body });
      const headers: Record<string, string> = {};
      for (const [key, value] of result.headers) headers[key] = value;
      res.writeHead(result.status, headers);
      res.end(result.body);
      metrics.requests.inc({ status: String(result.status) });
      done();
    })().catch((error: unknown) => {
      if (res.headersSent) return void res.end();
      if (error instanceof BodyTooLarge) return problem(res, 413, `The request body exceeds ${MAX_BODY_BYTES} bytes`);
      problem(res, 500, 'Internal server error');
    });
  });
}
