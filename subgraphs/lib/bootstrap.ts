import { once } from 'node:events';
import { loadSubgraphConfig } from './config';
import { verifierFromEnvironment } from './auth/environment';
import { createSubgraphServer } from './http';
import { createLogger } from './logger';
import { openProcessPlatform } from './platform';
import { createExtractionGuard } from './security';
import { createSubgraphRuntime, type SubgraphModule } from './subgraph';

/**
 * Runs one subgraph as a process: validated configuration, database and migrations,
 * HTTP server; stops cleanly on SIGTERM/SIGINT (no new connections, in-flight requests
 * finish, ORM closed). Exits non-zero, with the reason, when it cannot start.
 */
export async function bootstrapSubgraph(module: SubgraphModule): Promise<void> {
  let config;
  try {
    config = loadSubgraphConfig(module.name);
  } catch (error) {
    process.stderr.write(`${module.name}: ${(error as Error).message}\n`);
    process.exit(78);
  }
  const logger = createLogger(module.name, config.logLevel);
  try {
    const production = config.nodeEnv === 'production';
    const platform = await openProcessPlatform(production, logger);
    // Each process counts its own requests (a query plan may call a subgraph a few times
    // per client request, hence the margin); the daily budgets are shared through Redis.
    const extractionGuard = createExtractionGuard({ scope: module.name, rateMultiplier: 3 });
    const runtime = await createSubgraphRuntime(module, {
      databaseUrl: config.databaseUrl,
      logger,
      resolveCaller: platform.guardVerifier(await verifierFromEnvironment(), module.name),
      maxPageSize: config.maxPageSize,
      production,
      audit: platform.audit,
      platform,
      extractionGuard,
    });
    const background = module.background?.({ db: runtime.db, logger, production, env: process.env, audit: platform.audit }) ?? null;
    const server = createSubgraphServer(runtime, { eventsSecret: config.internalEventsSecret });
    server.listen(config.port, config.host);
    await once(server, 'listening');
    logger.info({ url: `http://${config.host}:${config.port}/graphql`, platform: runtime.db.platform }, 'subgraph listening');
    const shutdown = (signal: string) => {
      logger.info({ signal }, 'shutting down');
      server.close(() => void Promise.resolve(background?.stop()).then(() => runtime.stop()).then(async () => {
        await platform.close();
        await extractionGuard.close();
        process.exit(0);
      }));
      server.closeIdleConnections();
      setTimeout(() => process.exit(1), 10_000).unref();
    };
    process.once('SIGTERM', () => shutdown('SIGTERM'));
    process.once('SIGINT', () => shutdown('SIGINT'));
  } catch (error) {
    logger.fatal({ err: { message: (error as Error).message, stack: (error as Error).stack } }, 'subgraph failed to start');
    process.exit(1);
  }
}
