import { once } from 'node:events';
import { loadSubgraphConfig } from './config';
import { verifierFromEnvironment } from './auth/environment';
import { createSubgraphServer } from './http';
import { createLogger } from './logger';
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
    const runtime = await createSubgraphRuntime(module, {
      databaseUrl: config.databaseUrl,
      logger,
      resolveCaller: await verifierFromEnvironment(),
      maxPageSize: config.maxPageSize,
      production: config.nodeEnv === 'production',
    });
    const server = createSubgraphServer(runtime);
    server.listen(config.port, config.host);
    await once(server, 'listening');
    logger.info({ url: `http://${config.host}:${config.port}/graphql`, platform: runtime.db.platform }, 'subgraph listening');
    const shutdown = (signal: string) => {
      logger.info({ signal }, 'shutting down');
      server.close(() => void runtime.stop().then(() => process.exit(0)));
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
