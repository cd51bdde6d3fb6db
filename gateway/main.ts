import { verifierFromEnvironment } from '../subgraphs/lib/auth/environment';
import { ConfigError } from '../subgraphs/lib/config';
import { createLogger } from '../subgraphs/lib/logger';
import { openProcessPlatform } from '../subgraphs/lib/platform';
import { loadGatewayConfig } from './config';
import { createGateway } from './gateway';

/**
 * The gateway process (`node dist/gateway/main.js`): validated configuration, the
 * supergraph from `SUPERGRAPH_PATH`, HTTP server on `GATEWAY_PORT`. Exits 78 naming
 * every bad variable, 1 when it cannot start; on SIGTERM/SIGINT stops accepting
 * connections, lets in-flight requests finish and exits 0.
 */
async function main(): Promise<void> {
  let config;
  try {
    config = loadGatewayConfig();
  } catch (error) {
    process.stderr.write(`gateway: ${(error as Error).message}\n`);
    process.exit(error instanceof ConfigError ? 78 : 1);
  }
  const logger = createLogger('gateway', config.logLevel);
  try {
    const platform = await openProcessPlatform(config.nodeEnv === 'production', logger);
    const gateway = createGateway(config, { logger, verifyCaller: platform.guardVerifier(await verifierFromEnvironment(), 'gateway'), audit: platform.store });
    await gateway.listen();
    let stopping = false;
    const shutdown = (signal: string) => {
      if (stopping) return;
      stopping = true;
      logger.info({ signal }, 'shutting down');
      setTimeout(() => process.exit(1), 10_000).unref();
      gateway.close().then(
        async () => {
          await platform.close();
          process.exit(0);
        },
        (error: unknown) => {
          logger.error({ err: { message: (error as Error).message } }, 'unclean shutdown');
          process.exit(1);
        },
      );
    };
    process.once('SIGTERM', () => shutdown('SIGTERM'));
    process.once('SIGINT', () => shutdown('SIGINT'));
  } catch (error) {
    logger.fatal({ err: { message: (error as Error).message, stack: (error as Error).stack } }, 'gateway failed to start');
    process.exit(1);
  }
}

void main();
