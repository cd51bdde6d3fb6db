import { type EntityManager } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { type IncomingHttpHeaders } from 'node:http';
import { type Caller } from './identity';
import { AuditCollector, type AuditStore, bindCollector, securityEvent } from './audit';
import { type Logger } from './logger';
import { type ExtractionGuard, extractionKeyOf, rateLimited } from './security';
import { type SuspensionList } from './security/suspension';
import { RowScope, type ScopeImplementations } from './policy/scope';
import { type SubgraphPolicy } from './policy/model';

/**
 * Everything a resolver may use, built once per request by {@link createRequestContext}:
 * a forked entity manager, the DataLoaders bound to it, the verified caller, the request
 * id and a logger that carries it.
 */
export interface RequestContext<Loaders extends object = object> {
  requestId: string;
  logger: Logger;
  /** A fork of the ORM's entity manager: its identity map lives and dies with the request. */
  em: EntityManager;
  loaders: Loaders;
  /** The caller's row scopes (access policy): the database filter of each row type. */
  rows: RowScope;
  /** The verified caller (null only in in-process tests that run without one). */
  caller: Caller | null;
  /** Largest page a connection may return. */
  maxPageSize: number;
  /** What the request does with personal data, written to the audit trail when it ends. */
  audit: AuditCollector;
  /** The platform stores shared by every process (the audit trail); null in tests that run without. */
  platform: PlatformServices | null;
}

/** Stores shared by every process of the graph. */
export interface PlatformServices {
  /** The hash-chained audit trail (AUDIT_DATABASE_URL). */
  audit: AuditStore | null;
  /** Suspended credentials of this process (for the credential administration). */
  suspensions?: SuspensionList | null;
}

/**
 * Turns request headers into the verified caller, or throws UNAUTHENTICATED / FORBIDDEN.
 * Processes use the token verifier (`lib/auth`); in-process tests may supply a fixed caller.
 */
export type CallerResolver = (headers: IncomingHttpHeaders) => Promise<Caller | null>;

const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

/** Accepts a well-formed upstream `x-request-id` (so the gateway's id follows the request), else mints one. */
export function requestIdFrom(headers: IncomingHttpHeaders): string {
  const given = headers['x-request-id'];
  const value = Array.isArray(given) ? given[0] : given;
  return value && REQUEST_ID.test(value) ? value : randomUUID();
}

export interface ContextDependencies<Loaders extends object> {
  em: EntityManager;
  logger: Logger;
  createLoaders: (em: EntityManager, rows: RowScope) => Loaders;
  resolveCaller: CallerResolver;
  policy: SubgraphPolicy;
  rowScopes: ScopeImplementations;
  /** Subgraph name, as audit records name their writer. */
  subgraph: string;
  platform: PlatformServices | null;
  /** Request-rate limits per (organisation, user, purpose); none in tests that run without. */
  guard: ExtractionGuard | null;
  maxPageSize: number;
}

/** Builds the context of one request. The only place a request's state is assembled. */
export async function createRequestContext<Loaders extends object>(
  deps: ContextDependencies<Loaders>,
  headers: IncomingHttpHeaders,
): Promise<RequestContext<Loaders>> {
  const requestId = requestIdFrom(headers);
  const caller = await deps.resolveCaller(headers);
  if (caller && deps.guard) {
    const admission = await deps.guard.checkRequest(extractionKeyOf(caller));
    if (!admission.ok) {
      if (admission.limit === 'LIMITER_UNAVAILABLE') deps.logger.error({ requestId, err: { message: admission.cause } }, 'request-rate limiter unavailable');
      // A refused request is a security event of the audit trail, written before the refusal leaves.
      await deps.platform?.audit?.append(securityEvent(caller, deps.subgraph, requestId, 'RATE_LIMITED'));
      throw rateLimited(admission);
    }
  }
  const em = deps.em.fork();
  const rows = new RowScope(caller, deps.policy, deps.rowScopes);
  const audit = new AuditCollector({ requestId });
  // The collector feeds both the audit record and the daily budget of people and employers.
  if (deps.platform?.audit || deps.guard) bindCollector(em, audit);
  return {
    requestId,
    logger: deps.logger.child({ requestId, role: caller?.role, purpose: caller?.purpose, org: caller?.organisation }),
    em,
    loaders: deps.createLoaders(em, rows),
    rows,
    audit,
    platform: deps.platform,
    caller,
    maxPageSize: deps.maxPageSize,
  };
}
