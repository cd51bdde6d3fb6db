import { ApolloServer, type ApolloServerPlugin, HeaderMap } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { unwrapResolverError } from '@apollo/server/errors';
import { type EntityManager } from '@mikro-orm/core';
import { type MigrationObject } from '@mikro-orm/core';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { type BuildSchemaOptions } from 'type-graphql';
import { codeErrorsPlugin } from './code-scalar';
import { requestLogPlugin } from './request-log';
import { type CallerResolver, createRequestContext, type RequestContext } from './context';
import { ErrorCode, mapOrmError, requestRefusalStatus } from './errors';
import { diagnosticSwitch } from './platform';
import { type AuditRegistry, auditSubscriber, type AuditStore } from './audit';
import { releaseGatePlugin } from './release-gate';
import { type ExtractionGuard } from './security';
import { type SuspensionList } from './security/suspension';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { armorConfig, loadOperationLimits, type OperationLimits } from './limits';
import { type Logger } from './logger';
import { type ExportSources } from './export/source';
import { type Database, initOrm, migrate, type Platform } from './orm';
import { accessPolicy, PolicyError, subgraphPolicy } from './policy/model';
import { applyPolicy } from './policy/shield';
import { type RowScope, scopeCoverageProblems, type ScopeImplementations } from './policy/scope';
import { buildFederatedSchema, type FederatedSchema, type ReferenceResolvers } from './schema';

/**
 * What each subgraph exports: its name, its classes and resolvers, the DataLoaders of a
 * request, and its committed migrations. Everything else (server, context, schema
 * printing, errors) is common and lives here.
 */
export interface SubgraphModule<Loaders extends object = object> {
  name: string;
  entities: NonNullable<Parameters<typeof initOrm>[0]['entities']>;
  resolvers: BuildSchemaOptions['resolvers'];
  orphanedTypes?: BuildSchemaOptions['orphanedTypes'];
  referenceResolvers: ReferenceResolvers;
  /** Builds the DataLoaders of a request; every loader of rows applies the caller's row scope. */
  createLoaders: (em: EntityManager, rows: RowScope) => Loaders;
  /** Database filters implementing the row scopes the policy names for this subgraph's types. */
  rowScopes: ScopeImplementations;
  /** Whom each loaded entity concerns (people and employers by fiscal code), for the audit trail. */
  auditSubjects: AuditRegistry;
  migrations: Record<Platform, MigrationObject[]>;
  /**
   * Work a subgraph process runs beside its server (an outbox dispatcher), started once the
   * server listens and stopped before the database closes; null when there is nothing to run.
   * Throws `ConfigError` for bad configuration (the process then does not start).
   */
  background?: (process: { db: Database; logger: Logger; production: boolean; env: NodeJS.ProcessEnv; audit?: AuditStore | null }) => BackgroundWork | null;
  /**
   * The datasets this subgraph exports in bulk for a Cassa Edile (`lib/export`); their
   * files are served at `GET /exports/<id>` behind a signed link (`EXPORT_LINK_SECRET`).
   */
  exports?: ExportSources;
  /**
   * Events this subgraph takes from the others' outboxes, by topic, at `POST /events/<topic>`
   * (signed with `INTERNAL_EVENTS_SECRET`; see `createSubgraphServer`). A handler applies one
   * event idempotently and says what it did; it throws `BadEventError` for a malformed one.
   */
  eventHandlers?: Record<string, (em: EntityManager, payload: unknown) => Promise<string>>;
}

/** An event whose content a handler cannot apply (answered 400: retrying will not help). */
export class BadEventError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BadEventError';
  }
}

/** A subgraph's background work, as {@link SubgraphModule.background} starts it. */
export interface BackgroundWork {
  stop: () => Promise<void>;
}

/** Starts one piece of a subgraph's background work (see {@link SubgraphModule.background}). */
export type BackgroundStarter = NonNullable<SubgraphModule['background']>;

/**
 * Several pieces of background work as one: each starter runs in order (a `ConfigError`
 * from any stops the start, after stopping those already started); null when none has
 * anything to run. Stopping stops them in reverse order.
 */
export function backgroundOf(...starters: BackgroundStarter[]): BackgroundStarter {
  return (process) => {
    const started: BackgroundWork[] = [];
    try {
      for (const start of starters) {
        const work = start(process);
        if (work) started.push(work);
      }
    } catch (error) {
      for (const work of started.reverse()) void work.stop();
      throw error;
    }
    if (started.length === 0) return null;
    return {
      stop: async () => {
        for (const work of [...started].reverse()) await work.stop();
      },
    };
  };
}

/** Builds the subgraph schema alone (for `npm run compose` and schema tests). */
export function buildModuleSchema(module: SubgraphModule): Promise<FederatedSchema> {
  return buildFederatedSchema({
    resolvers: module.resolvers,
    orphanedTypes: module.orphanedTypes,
    referenceResolvers: module.referenceResolvers,
  });
}

/** Options of a running subgraph (in a process or in a test). */
export interface RuntimeOptions {
  databaseUrl: string;
  logger: Logger;
  resolveCaller: CallerResolver;
  maxPageSize: number;
  production: boolean;
  /** The shared audit trail; every request that concerns personal data leaves a record in it. None: no record (tests). */
  audit?: AuditStore | null;
  /** The process's platform (suspended credentials, for the administration resolvers); none in most tests. */
  platform?: { suspensions: SuspensionList } | null;
  /** Request-rate limits and daily budgets per (organisation, user, purpose); none: no limit (tests). */
  extractionGuard?: ExtractionGuard | null;
  /** Operation shape limits (depth, aliases, tokens, cost, directives); default from the environment. */
  limits?: OperationLimits;
  /** Extra Apollo plugins (metrics). */
  plugins?: ApolloServerPlugin<RequestContext>[];
}

/** A subgraph ready to execute: database, Apollo server and the context factory. */
export interface SubgraphRuntime<Loaders extends object = object> {
  module: SubgraphModule<Loaders>;
  db: Database;
  apollo: ApolloServer<RequestContext<Loaders>>;
  /** The subgraph schema as built (unguarded: for printing); `apollo` executes it behind the policy's shield. */
  schema: FederatedSchema;
  contextFor: (headers: Record<string, string | string[] | undefined>) => Promise<RequestContext<Loaders>>;
  stop: () => Promise<void>;
}

/**
 * `POLICY_FIELD_SHIELD=false` is a benchmark diagnostic: it leaves out the field-level
 * shield (row scopes still apply) so that `npm run bench` can measure what the shield
 * costs. Production refuses it (see `diagnosticSwitch`).
 */
export function fieldShieldEnabled(production: boolean, source: NodeJS.ProcessEnv = process.env): boolean {
  return diagnosticSwitch('POLICY_FIELD_SHIELD', production, source);
}

/** Formats errors for clients: ORM errors mapped, internal errors masked and logged. */
function errorFormatter(logger: Logger, production: boolean) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    const mapped = mapOrmError(original);
    if (mapped && mapped !== original) {
      return { ...formatted, message: mapped.message, extensions: { ...mapped.extensions } };
    }
    if (formatted.extensions?.code === ErrorCode.INTERNAL_SERVER_ERROR) {
      logger.error({ err: original instanceof Error ? { name: original.name, stack: original.stack } : undefined }, 'internal error');
      if (production) return { ...formatted, message: 'Internal server error', extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } };
    }
    return formatted;
  };
}

/** Connects the database, applies migrations and starts an Apollo server for the module. */
export async function createSubgraphRuntime<Loaders extends object>(
  module: SubgraphModule<Loaders>,
  options: RuntimeOptions,
): Promise<SubgraphRuntime<Loaders>> {
  const db = await initOrm({ entities: module.entities, databaseUrl: options.databaseUrl, migrations: module.migrations });
  try {
    await migrate(db);
    // Whom the rows a request loads concern: for its audit record and its daily budget.
    if (options.audit || options.extractionGuard) db.orm.em.getEventManager().registerSubscriber(auditSubscriber(module.auditSubjects));
    const policy = subgraphPolicy(module.name, accessPolicy());
    const missing = scopeCoverageProblems(policy, module.rowScopes);
    if (missing.length > 0) throw new PolicyError(missing);
    const schema = await buildModuleSchema(module as SubgraphModule);
    const guarded = fieldShieldEnabled(options.production) ? applyPolicy(schema.schema, policy) : schema.schema;
    const armor = new ApolloArmor(armorConfig(options.limits ?? loadOperationLimits(), options.production)).protect();
    const apollo = new ApolloServer<RequestContext<Loaders>>({
      schema: guarded,
      // Introspection and field suggestions are development aids; production has neither.
      introspection: !options.production,
      includeStacktraceInErrorResponses: !options.production,
      hideSchemaDetailsFromClientErrors: options.production,
      allowBatchedHttpRequests: false,
      validationRules: armor.validationRules,
      formatError: errorFormatter(options.logger, options.production),
      plugins: [
        ...(armor.plugins as ApolloServerPlugin<RequestContext<Loaders>>[]),
        releaseGatePlugin<RequestContext<Loaders>>({
          subgraph: module.name,
          guard: options.extractionGuard,
          audit: options.audit,
          collectorOf: (context) => context.audit,
          callerOf: (context) => context.caller,
          loggerOf: (context) => context.logger,
        }),
        codeErrorsPlugin as ApolloServerPlugin<RequestContext<Loaders>>,
        requestLogPlugin as ApolloServerPlugin<RequestContext<Loaders>>,
        ApolloServerPluginLandingPageDisabled(),
        ApolloServerPluginInlineTraceDisabled(),
        ...((options.plugins ?? []) as ApolloServerPlugin<RequestContext<Loaders>>[]),
      ],
    });
    await apollo.start();
    const deps = {
      em: db.orm.em as EntityManager,
      logger: options.logger,
      createLoaders: module.createLoaders,
      resolveCaller: options.resolveCaller,
      maxPageSize: options.maxPageSize,
      policy,
      rowScopes: module.rowScopes,
      subgraph: module.name,
      platform: options.audit || options.platform ? { audit: options.audit ?? null, suspensions: options.platform?.suspensions ?? null } : null,
      guard: options.extractionGuard ?? null,
    };
    return {
      module,
      db,
      apollo,
      schema,
      contextFor: (headers) => createRequestContext(deps, headers),
      stop: async () => {
        await apollo.stop();
        await db.orm.close(true);
      },
    };
  } catch (error) {
    await db.orm.close(true);
    throw error;
  }
}

/** A refused credential or purpose answers 401 or 403 before anything is read. */
function withHttpStatus(error: unknown): unknown {
  if (!(error instanceof GraphQLError)) return error;
  const status = requestRefusalStatus(error.extensions.code);
  return status ? new GraphQLError(error.message, { extensions: { ...error.extensions, http: { status } } }) : error;
}

/** Executes a GraphQL-over-HTTP request against a runtime (used by the HTTP server and tests). */
export async function handleGraphQL<Loaders extends object>(
  runtime: SubgraphRuntime<Loaders>,
  request: { method: string; headers: Record<string, string | string[] | undefined>; search: string; body: unknown },
): Promise<{ status: number; headers: Map<string, string>; body: string }> {
  const headers = new HeaderMap();
  for (const [key, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
  }
  const response = await runtime.apollo.executeHTTPGraphQLRequest({
    httpGraphQLRequest: { method: request.method.toUpperCase(), headers, search: request.search, body: request.body },
    context: () => runtime.contextFor(request.headers).catch((error: unknown) => Promise.reject(withHttpStatus(error))),
  });
  let body = '';
  if (response.body.kind === 'complete') body = response.body.string;
  else for await (const chunk of response.body.asyncIterator) body += chunk;
  return { status: response.status ?? 200, headers: response.headers, body };
}
